import { renderGithub } from './github.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import type { Format, Renderer } from './report.js';
import { renderText } from './text.js';

export const RENDERERS: Readonly<Record<Format, Renderer>> = {
  text: renderText,
  json: renderJson,
  markdown: renderMarkdown,
  github: renderGithub,
};

export { FORMATS, type Format, type Report, type RenderOptions, type Renderer } from './report.js';
