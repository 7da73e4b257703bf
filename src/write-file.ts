import { writeFileAtomic as writeAtomically } from './fs/atomic-write.js';

/**
 * Writes a file whole or not at all (src/fs/atomic-write.ts: a flushed
 * temporary file in the same directory, renamed over the target; with
 * `overwrite: false`, hard-linked to a target name that must not exist yet,
 * so a file someone created meanwhile is never clobbered). A failure leaves
 * the old file as it was and is an E_WRITE error naming the path and the
 * system's reason. `shown` names the file in messages.
 */
export async function writeFileAtomic(absolute: string, text: string, shown: string, options: { readonly overwrite: boolean }): Promise<void> {
  await writeAtomically(absolute, text, { shown, overwrite: options.overwrite });
}
