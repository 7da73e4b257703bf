import type { Finding } from '../finding.js';

export const FORMATS = ['text', 'json', 'markdown', 'github'] as const;
export type Format = (typeof FORMATS)[number];

/** What a renderer needs besides the findings. */
export interface Report {
  /** The command that produced the findings: "lint", "pin", ... */
  readonly command: string;
  /** One line saying what was checked: "1 contract", "cpProvisionRequest against contracts/x.contract.json". */
  readonly subject: string;
  /** Sorted findings. */
  readonly findings: readonly Finding[];
  /** Extra lines for the text and markdown renderers (e.g. "wrote schemas/x.schema.json"). */
  readonly notes?: readonly string[];
  /** Renderers of the command's own (the diff's class-by-class view); the generic ones fill the gaps. */
  readonly renderers?: Readonly<Partial<Record<Format, Renderer>>>;
}

export interface RenderOptions {
  /** ANSI colour; the CLI turns it on only for a TTY without NO_COLOR. */
  readonly color: boolean;
  /** Where rule docs live, for links in markdown ("docs/rules"). */
  readonly docsBase: string;
}

export type Renderer = (report: Report, options: RenderOptions) => string;
