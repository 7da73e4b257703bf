import type { Format } from '../render/index.js';
import { renderDiffGithub } from './render-github.js';
import { renderDiffJson } from './render-json.js';
import { renderDiffMarkdown } from './render-markdown.js';
import { renderDiffText } from './render-text.js';
import type { DiffRenderer } from './report.js';

/** The renderers of `diff` and `sync` reports, one per --format. */
export const DIFF_RENDERERS: Readonly<Record<Format, DiffRenderer>> = {
  text: renderDiffText,
  json: renderDiffJson,
  markdown: renderDiffMarkdown,
  github: renderDiffGithub,
};
