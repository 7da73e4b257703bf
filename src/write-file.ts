import { randomBytes } from 'node:crypto';
import { link, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { describeFsError, WirepinError } from './errors.js';

/**
 * Writes a file whole or not at all: the text goes to a temporary file in the
 * same directory, which then replaces the target in one rename (or, with
 * `overwrite: false`, is hard-linked to a target name that must not exist
 * yet, so a file someone created meanwhile is never clobbered). A reader
 * never sees half a file. `shown` names the file in messages.
 */
export async function writeFileAtomic(absolute: string, text: string, shown: string, options: { readonly overwrite: boolean }): Promise<void> {
  const directory = dirname(absolute);
  const temporary = join(directory, `.${basename(absolute)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(directory, { recursive: true });
    await writeFile(temporary, text, { flag: 'wx' });
    if (options.overwrite) await rename(temporary, absolute);
    else await link(temporary, absolute);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST' && !options.overwrite) {
      throw new WirepinError('E_USAGE', `${shown} already exists; wirepin does not overwrite it.`, {
        hint: 'Pass --force to replace it, or choose another path.',
      });
    }
    throw new WirepinError('E_WRITE', `Cannot write ${shown}: ${describeFsError(error)}.`, { hint: 'Check that the directory is writable.' });
  } finally {
    await rm(temporary, { force: true });
  }
}
