import { createRequire } from 'node:module';
import { escapeSegment } from '../json-pointer.js';

type GeneratorNaming = typeof import('json-schema-to-typescript/dist/src/utils.js');

let naming: GeneratorNaming | undefined;

/**
 * json-schema-to-typescript's own naming functions, loaded on first use (lint
 * asks only for contracts with definitions; the module pulls in lodash).
 * Synchronous, because lint rules are.
 */
function generatorNaming(): GeneratorNaming {
  naming ??= createRequire(import.meta.url)('json-schema-to-typescript/dist/src/utils.js') as GeneratorNaming;
  return naming;
}

/**
 * The TypeScript name `generate` gives a root definition before it makes names
 * unique: the generator names a referenced definition after the last segment
 * of its `$ref` ("#/$defs/a~1b" -> "a~1b"), made a safe identifier by
 * `toSafeString` ("address" -> "Address", "a-b" and "a_b" -> "AB"), "NoName"
 * when nothing is left. Two definitions with one name come out as "Address"
 * and "Address1".
 */
export function generatedDefinitionName(name: string): string {
  const { generateName, justName } = generatorNaming();
  return generateName(justName(`#/$defs/${escapeSegment(name)}`), new Set());
}
