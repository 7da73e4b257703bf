import type { Report } from '../report.js';

export const FORMATS = ['text', 'json', 'markdown', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderOptions {
  /** ANSI colour; the CLI turns it on only for a TTY without NO_COLOR. */
  readonly color: boolean;
  /** Where rule docs live, for links in markdown ("docs/rules"). */
  readonly docsBase: string;
}

export type Renderer<R extends Report = Report> = (report: R, options: RenderOptions) => string;
