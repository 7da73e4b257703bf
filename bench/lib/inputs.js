// Synthetic benchmark inputs, written under the git-ignored bench/.work/:
//   - contracts of N top-level fields (strings and integers, every tenth one
//     dead with a note, all required), plus a "head" version with one field
//     removed and one retyped, and draft-07 copies for json-schema-diff;
//   - the equivalent protobuf messages (old/new) for buf breaking;
//   - a Go package whose struct has exactly the contract's N fields, so
//     `wirepin pin` on it exits 0;
//   - a generated Go package of 2,000 structs (~50,000 lines over 10 files).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const fieldName = (i) => `field_${String(i).padStart(6, '0')}`;
const goName = (i) => `Field${String(i).padStart(6, '0')}`;

/** Which field a head version removes and which it retypes. */
export function changeOf(fields) {
  return { removed: Math.floor(fields / 3), retyped: Math.floor((2 * fields) / 3) };
}

function isInteger(i) {
  return i % 3 === 0;
}

/** A wirepin contract of N fields; `head` removes one field and retypes another. */
export function contract(fields, variant = 'base', { draft07 = false } = {}) {
  const { removed, retyped } = changeOf(fields);
  const properties = {};
  const required = [];
  for (let i = 0; i < fields; i++) {
    if (variant === 'head' && i === removed) continue;
    const flip = variant === 'head' && i === retyped;
    const type = isInteger(i) !== flip ? 'integer' : 'string';
    const dead = i % 10 === 9;
    properties[fieldName(i)] = dead
      ? {
          type,
          description: `Wire field ${i}.`,
          cp_consumes: false,
          note: `Sent for core's own records; cp never reads field ${i}.`,
        }
      : { type, description: `Wire field ${i}.`, cp_consumes: true };
    required.push(fieldName(i));
  }
  const doc = {
    ...(draft07 ? {} : { $schema: '../schemas/contract.schema.json' }),
    title: 'BenchRequest',
    endpoint: 'POST /bench',
    producer: { name: 'core', repo: 'core', type: 'benchRequest' },
    consumer: { name: 'cp', repo: 'cp', type: 'benchRequest' },
    type: 'object',
    additionalProperties: false,
    required,
    properties,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** The same message in protobuf (proto3): int64/string fields numbered 1..N. */
export function proto(fields, variant = 'base') {
  const { removed, retyped } = changeOf(fields);
  const lines = ['syntax = "proto3";', '', 'package bench.v1;', '', 'message BenchRequest {'];
  for (let i = 0; i < fields; i++) {
    if (variant === 'head' && i === removed) continue;
    const flip = variant === 'head' && i === retyped;
    lines.push(`  ${isInteger(i) !== flip ? 'int64' : 'string'} ${fieldName(i)} = ${i + 1};`);
  }
  lines.push('}', '');
  return lines.join('\n');
}

/** Custom field options that carry the ledger in protobuf, imported by protoWithLedger. */
export const LEDGER_PROTO = [
  'syntax = "proto3";',
  '',
  'package wirepin.v1;',
  '',
  'import "google/protobuf/descriptor.proto";',
  '',
  '// The consumption ledger as field options: does cp read the field, and why it is sent if not.',
  'extend google.protobuf.FieldOptions {',
  '  bool cp_consumes = 50001;',
  '  string note = 50002;',
  '}',
  '',
].join('\n');

/**
 * The message carrying everything the contract carries: each field's
 * description as its comment and the ledger (cp_consumes, note) as custom
 * options. This is the information-equivalent of the contract; proto() is the
 * bare shape (names, types, numbers) and is measured too.
 */
export function protoWithLedger(fields, variant = 'base') {
  const { removed, retyped } = changeOf(fields);
  const lines = [
    'syntax = "proto3";',
    '',
    'package bench.v1;',
    '',
    'import "ledger.proto";',
    '',
    '// BenchRequest is the body of POST /bench, from core to cp.',
    'message BenchRequest {',
  ];
  for (let i = 0; i < fields; i++) {
    if (variant === 'head' && i === removed) continue;
    const flip = variant === 'head' && i === retyped;
    const type = isInteger(i) !== flip ? 'int64' : 'string';
    const options =
      i % 10 === 9
        ? `(wirepin.v1.cp_consumes) = false, (wirepin.v1.note) = "Sent for core's own records; cp never reads field ${i}."`
        : '(wirepin.v1.cp_consumes) = true';
    lines.push(`  // Wire field ${i}.`, `  ${type} ${fieldName(i)} = ${i + 1} [${options}];`);
  }
  lines.push('}', '');
  return lines.join('\n');
}

/** A Go struct with the contract's N fields (no omitempty: every field required). */
export function goPackage(fields) {
  const out = ['package bench', '', '// benchRequest is what core sends.', 'type benchRequest struct {'];
  for (let i = 0; i < fields; i++)
    out.push(`\t${goName(i)} ${isInteger(i) ? 'int64' : 'string'} \`json:"${fieldName(i)}"\``);
  out.push('}', '');
  return out.join('\n');
}

/**
 * 2,000 structs over 10 files (~50,000 lines): each has 16 tagged fields,
 * embeds the previous struct's base and points at the next struct, so
 * resolution touches many declarations and nesting reaches wirepin's
 * 32-level cut-off. Returns the number of lines.
 */
export function writeBigGoPackage(dir, structs = 2_000, files = 10) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let lines = 0;
  const perFile = structs / files;
  for (let file = 0; file < files; file++) {
    const out = ['package big', '', 'import "time"', ''];
    for (let i = file * perFile; i < (file + 1) * perFile; i++) {
      out.push(`// S${i} is generated.`, `type S${i} struct {`);
      if (i > 0) out.push(`\tBase${i - 1}`);
      for (let f = 0; f < 16; f++) {
        const type = ['string', '*int64', 'map[string][]string', 'time.Time', '[]byte'][f % 5];
        out.push(`\tField${f} ${type} \`json:"field_${f},omitempty"\``);
      }
      out.push(`\tNext *S${(i + 1) % structs} \`json:"next,omitempty"\``, '}', '');
      out.push(
        `// Base${i} is embedded by S${i + 1}.`,
        `type Base${i} struct {`,
        `\tID${i} string \`json:"id_${i}"\``,
        '}',
        '',
      );
    }
    lines += out.length;
    writeFileSync(join(dir, `gen_${file}.go`), out.join('\n'));
  }
  return lines;
}

/**
 * Writes every input for one size under `dir`:
 *   contracts/bench.contract.json   (cwd for generate: schemas/, producer/, consumer/ go here)
 *   base.contract.json, head.contract.json
 *   draft07/base.json, draft07/head.json
 *   proto/old/bench.proto, proto/new/bench.proto (bare shape)
 *   proto-ledger/{old,new}/bench.proto + ledger.proto (descriptions and ledger too)
 *   go/bench.go
 */
export function writeSizeInputs(dir, fields) {
  rmSync(dir, { recursive: true, force: true });
  for (const sub of [
    'contracts',
    'draft07',
    'proto/old',
    'proto/new',
    'proto-ledger/old',
    'proto-ledger/new',
    'go',
    'buf-cache',
  ])
    mkdirSync(join(dir, sub), { recursive: true });
  const base = contract(fields, 'base');
  writeFileSync(join(dir, 'contracts', 'bench.contract.json'), base);
  writeFileSync(join(dir, 'base.contract.json'), base);
  writeFileSync(join(dir, 'head.contract.json'), contract(fields, 'head'));
  writeFileSync(join(dir, 'draft07', 'base.json'), contract(fields, 'base', { draft07: true }));
  writeFileSync(join(dir, 'draft07', 'head.json'), contract(fields, 'head', { draft07: true }));
  // Same file name on both sides, so buf pairs the message by file rather than reporting a deleted file.
  writeFileSync(join(dir, 'proto', 'old', 'bench.proto'), proto(fields, 'base'));
  writeFileSync(join(dir, 'proto', 'new', 'bench.proto'), proto(fields, 'head'));
  for (const [side, variant] of [
    ['old', 'base'],
    ['new', 'head'],
  ]) {
    writeFileSync(join(dir, 'proto-ledger', side, 'bench.proto'), protoWithLedger(fields, variant));
    writeFileSync(join(dir, 'proto-ledger', side, 'ledger.proto'), LEDGER_PROTO);
  }
  writeFileSync(join(dir, 'go', 'bench.go'), goPackage(fields));
  return { bytes: Buffer.byteLength(base) };
}
