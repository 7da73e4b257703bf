import { fileURLToPath } from 'node:url';
import type { WireField, WireType } from '../../src/wire.js';

/** The repository root, for extractor calls that pass `cwd`. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** "map<string | null>": a wire type as tests spell it. */
export function spellWireType(type: WireType): string {
  const base =
    type.kind === 'array'
      ? `array<${spellWireType(type.items)}>`
      : type.kind === 'map'
        ? `map<${spellWireType(type.values)}>`
        : type.kind;
  return type.nullable && type.kind !== 'null' ? `${base} | null` : base;
}

/** "pointer: type", with "?" after the pointer when the key may be left out. */
export function summarize(field: WireField): string {
  return `${field.pointer}${field.required ? '' : '?'}: ${spellWireType(field.type)}`;
}
