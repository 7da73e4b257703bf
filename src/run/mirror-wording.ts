import type { ContractChange } from '../diff/change.js';
import { fieldAt, type ContractPairing } from '../diff/pair.js';
import { fieldLabel } from '../contract/field-table.js';

/** The one fix for any difference: the mirror takes the source's text. */
const COPY =
  'Copy the source over the mirror (`wirepin sync MIRROR SOURCE --write`); a change belongs in the source of truth, not in a mirror.';

/**
 * A field-level change between source (base) and mirror (head), said from the
 * mirror's side. The diff rules' own messages speak to a pull request that
 * made the change ("stop reading it in cp"); a mirror did not make it, it is
 * only behind or ahead of its source, and the only fix is to copy the source.
 * Which side has the field decides the wording, never the rule.
 */
export function mirrorMessage(change: ContractChange, pairing: ContractPairing): string {
  const { pointer, def } = change.data;
  if (change.data.kind === 'definition' && def !== undefined) {
    const name = `"$defs.${def}"`;
    return change.data.before === null
      ? `This mirror has definition ${name} that the source of truth does not. ${COPY}`
      : `The source of truth has definition ${name} that this mirror lacks. ${COPY}`;
  }
  if (pointer === '') {
    const what =
      change.data.before !== null || change.data.after !== null
        ? ` (source: ${change.data.before ?? 'none'}; mirror: ${change.data.after ?? 'none'})`
        : '';
    // A contract-level change names what it is at: "endpoint", "producer/type".
    const at = change.path === '' ? 'header' : `"${change.path.slice(1)}"`;
    return `This mirror's ${at} differs from the source of truth${what}. ${COPY}`;
  }
  const field = `"${fieldLabel(def === undefined ? { pointer } : { pointer, def })}"`;
  const inSource = fieldAt(pairing.base, pointer, def) !== undefined;
  const inMirror = fieldAt(pairing.head, pointer, def) !== undefined;
  if (inSource && !inMirror) return `The source of truth has field ${field} that this mirror lacks. ${COPY}`;
  if (!inSource && inMirror) return `This mirror has field ${field} that the source of truth does not. ${COPY}`;
  const facts =
    change.data.before !== null || change.data.after !== null
      ? `: the source has ${change.data.before ?? 'none'}, the mirror ${change.data.after ?? 'none'}`
      : '';
  return `This mirror's field ${field} differs from the source of truth${facts}. ${COPY}`;
}
