import type { Format } from '../options.js';
import { renderDiffGithub } from './github.js';
import { renderDiffJson } from './json.js';
import { renderDiffMarkdown } from './markdown.js';
import { renderDiffText } from './text.js';
import type { DiffRenderer } from './rows.js';

/** The renderers of `diff` and `sync` reports, one per --format. */
export const DIFF_RENDERERS: Readonly<Record<Format, DiffRenderer>> = {
  text: renderDiffText,
  json: renderDiffJson,
  markdown: renderDiffMarkdown,
  github: renderDiffGithub,
};
