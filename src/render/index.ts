import type { DiffReport } from '../run/diff-report.js';
import type { Report } from '../report.js';
import { renderGithub } from './github.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import type { Format, RenderOptions, Renderer } from './options.js';
import { renderText } from './text.js';

export const RENDERERS: Readonly<Record<Format, Renderer>> = {
  text: renderText,
  json: renderJson,
  markdown: renderMarkdown,
  github: renderGithub,
};

/** A diff or sync report: it has the compared contracts and the names of its two sides. */
export function isDiffReport(report: Report): report is DiffReport {
  return 'compared' in report && 'sides' in report;
}

/**
 * Renders a report in a format: a diff or sync report with the class-by-class
 * view (src/render/diff/, loaded only for those), any other with the generic renderer.
 */
export async function renderReport(report: Report, format: Format, options: RenderOptions): Promise<string> {
  if (isDiffReport(report)) return (await import('./diff/index.js')).DIFF_RENDERERS[format](report, options);
  return RENDERERS[format](report, options);
}

export { FORMATS, type Format, type RenderOptions, type Renderer } from './options.js';
export type { Report } from '../report.js';
