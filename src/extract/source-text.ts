import { readBounded } from '../fs/bounded-read.js';
import { decodeUtf8 } from '../contract/json-document.js';
import { WirepinError } from '../errors.js';

export interface SourceTextOptions {
  /** What the file is, for messages: "Go source", "JSON sample". */
  readonly what: string;
  /** Refuse NUL characters (the Go compiler does: "invalid NUL character"). */
  readonly rejectNul?: boolean;
  readonly hint?: string;
}

/**
 * Reads a source file as strict UTF-8. Bad bytes are an error at their line
 * and column, never a silent U+FFFD that could change a field name. A leading
 * BOM stays in the text; each reader decides what it means.
 */
export async function readSourceText(absolutePath: string, shown: string, options: SourceTextOptions): Promise<string> {
  const bytes = await readBounded(absolutePath, {
    what: options.what,
    shown,
    hint: options.hint ?? 'Check that the path exists and is readable; it is resolved against the working directory.',
  });
  const decoded = decodeUtf8(bytes);
  if ('problem' in decoded) {
    const { line, column } = decoded.problem.position;
    throw new WirepinError('E_PARSE', `${options.what} "${shown}" is not valid UTF-8: ${decoded.problem.message}`, {
      location: { file: shown, line, column },
      hint: 'Save the file as UTF-8.',
    });
  }
  if (options.rejectNul) {
    const at = decoded.text.indexOf('\u0000');
    if (at >= 0) {
      const before = decoded.text.slice(0, at);
      const line = before.split('\n').length;
      const column = at - before.lastIndexOf('\n');
      throw new WirepinError(
        'E_PARSE',
        `${options.what} "${shown}" contains a NUL character, which the compiler rejects.`,
        {
          location: { file: shown, line, column },
          hint: 'Remove the NUL byte.',
        },
      );
    }
  }
  return decoded.text;
}
