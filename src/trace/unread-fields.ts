import type { ContractModel } from '../contract/field-table.js';

/**
 * The wire pointers of fields the contract marks consumed (`cp_consumes: true`)
 * that a consumption trace never read, in contract order. A consumed field
 * under an unread consumed field is not listed again: the unread parent
 * already says the consumer never looked inside. Pure: no I/O, no mutation.
 */
export function unreadConsumedFields(model: ContractModel, read: readonly string[]): string[] {
  const seen = new Set(read);
  const covered = new Set<string>();
  const unread: string[] = [];
  for (const field of model.fields.values()) {
    if (field.parent !== '' && covered.has(field.parent)) {
      covered.add(field.pointer);
      continue;
    }
    if (field.consumes !== true || seen.has(field.pointer)) continue;
    covered.add(field.pointer);
    unread.push(field.pointer);
  }
  return unread;
}
