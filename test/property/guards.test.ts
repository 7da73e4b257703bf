/**
 * The producer pin and consumer completeness over generated contracts, with
 * the source given as data (no extractor): a source that is the contract's
 * exact image passes; each single drift (a field dropped, added, retyped,
 * made nullable, required flipped, opaque) gives exactly the one finding the
 * guard's rules promise, at that field, and nothing for the fields under it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeContractText, type AnalyzedContract } from '../../src/run/analyze.js';
import { formatWireType, type ContractField } from '../../src/contract/field-table.js';
import type { ExtractResult, SourceKind, WireField, WireType } from '../../src/wire.js';
import { runGuard } from '../../src/run/guard-engine.js';
import { contractJson, contractSpec, writeJson, type ContractSpec } from './contract-arbitraries.js';

const SEED = 9_090;
const RUNS = process.env['STRYKER_MUTATOR_WORKER'] === undefined ? 80 : 30;
const LOCATION = { file: 'source.go', line: 3, column: 2 };

function analyze(spec: ContractSpec): AnalyzedContract {
  return analyzeContractText({ file: 'contracts/x.contract.json', text: writeJson(contractJson(spec)) });
}

function wireField(field: ContractField): WireField {
  return {
    pointer: field.pointer,
    jsonName: field.name,
    type: field.type,
    required: field.required,
    location: LOCATION,
    sourceType: formatWireType(field.type),
  };
}

function source(fields: readonly WireField[]): ExtractResult {
  return { root: { name: 'Thing', location: { file: 'source.go', line: 1, column: 6 } }, fields, opaque: [] };
}

function fieldsOf(contract: AnalyzedContract): ContractField[] {
  return [...(contract.model?.fields.values() ?? [])];
}

/** [rule, pointer] of each finding, sorted. */
function summary(
  guard: 'pin' | 'consumes',
  contract: AnalyzedContract,
  fields: readonly WireField[],
  kind: SourceKind = 'go',
): string[] {
  return runGuard(guard, contract, source(fields), kind)
    .map((f) => `${f.rule} ${String(f.data?.['pointer'])}`)
    .sort();
}

const under = (pointer: string) => (f: { pointer: string }) =>
  f.pointer === pointer || f.pointer.startsWith(`${pointer}/`);

/** A contract plus a pick (an index into its fields). */
const contractAndPick = fc.tuple(contractSpec, fc.nat()).map(([spec, pick]) => {
  const contract = analyze(spec);
  const fields = fieldsOf(contract);
  return { contract, fields, field: fields[pick % fields.length] as ContractField };
});

const SCALARS = new Set(['string', 'integer', 'number', 'boolean']);

describe('the producer pin', () => {
  it('passes a source that is the contract exactly, from Go, TypeScript or a JSON sample', () => {
    fc.assert(
      fc.property(contractAndPick, fc.constantFrom<SourceKind>('go', 'ts', 'json'), ({ contract, fields }, kind) => {
        expect(summary('pin', contract, fields.map(wireField), kind)).toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('reports a dropped field once, as PRODUCER_FIELD_MISSING, and nothing under it', () => {
    fc.assert(
      fc.property(contractAndPick, ({ contract, fields, field }) => {
        const sent = fields.filter((f) => !under(field.pointer)(f)).map(wireField);
        expect(summary('pin', contract, sent)).toEqual([`PRODUCER_FIELD_MISSING ${field.pointer}`]);
        // One JSON sample may omit an optional field: only a required one is missing.
        expect(summary('pin', contract, sent, 'json')).toEqual(
          field.required ? [`PRODUCER_FIELD_MISSING ${field.pointer}`] : [],
        );
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('reports an added field as PRODUCER_FIELD_UNDECLARED, under its parent', () => {
    fc.assert(
      fc.property(contractAndPick, fc.boolean(), ({ contract, fields, field }, topLevel) => {
        const parent = topLevel || field.type.kind !== 'object' ? '' : field.pointer;
        const extra: WireField = {
          pointer: `${parent}/zz_extra`,
          jsonName: 'zz_extra',
          type: { kind: 'string', nullable: false },
          required: true,
          location: LOCATION,
          sourceType: 'string',
        };
        const findings = runGuard('pin', contract, source([...fields.map(wireField), extra]), 'go');
        expect(findings.map((f) => `${f.rule} ${String(f.data?.['pointer'])}`)).toEqual([
          `PRODUCER_FIELD_UNDECLARED ${extra.pointer}`,
        ]);
        expect(findings[0]?.path).toBe(parent === '' ? '/properties' : `${field.schemaPointer}/properties`);
        expect(findings[0]?.related).toMatchObject({ label: 'producer Thing', file: 'source.go', line: 3, column: 2 });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('reports a flipped "required" as PRODUCER_REQUIRED_MISMATCH (not for a JSON sample)', () => {
    fc.assert(
      fc.property(contractAndPick, ({ contract, fields, field }) => {
        const sent = fields.map((f) => (f === field ? { ...wireField(f), required: !f.required } : wireField(f)));
        const findings = runGuard('pin', contract, source(sent), 'go');
        expect(findings.map((f) => f.rule)).toEqual(['PRODUCER_REQUIRED_MISMATCH']);
        expect(findings[0]?.data).toMatchObject({
          pointer: field.pointer,
          kind: field.required ? 'producer-may-omit' : 'producer-always-sends',
          contractRequired: field.required,
        });
        expect(findings[0]?.message).toContain(`"${field.name}"`);
        expect(
          summary('pin', contract, sent, 'json').filter((s) => s.startsWith('PRODUCER_REQUIRED_MISMATCH')),
        ).toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('reports a different scalar kind, and null the contract does not allow, as PRODUCER_TYPE_MISMATCH', () => {
    fc.assert(
      fc.property(
        contractAndPick,
        fc.constantFrom<WireType['kind']>('string', 'boolean', 'integer', 'number'),
        ({ contract, fields, field }, kind) => {
          if (!SCALARS.has(field.type.kind)) return;
          const retyped: WireType = { kind: kind as 'string', nullable: field.type.nullable };
          const fits = retyped.kind === field.type.kind || (retyped.kind === 'integer' && field.type.kind === 'number');
          const sent = fields.map((f) => (f === field ? { ...wireField(f), type: retyped } : wireField(f)));
          const findings = runGuard('pin', contract, source(sent), 'go');
          expect(findings.map((f) => `${f.rule} ${String(f.data?.['kind'])} ${String(f.data?.['pointer'])}`)).toEqual(
            fits ? [] : [`PRODUCER_TYPE_MISMATCH kind ${field.pointer}`],
          );
          if (!fits) expect(findings[0]?.path).toBe(`${field.schemaPointer}/type`);
          // A nullable source where the contract has no null.
          const nullable = fields.map((f) =>
            f === field ? { ...wireField(f), type: { ...f.type, nullable: true } } : wireField(f),
          );
          expect(summary('pin', contract, nullable)).toEqual(
            field.type.nullable ? [] : [`PRODUCER_TYPE_MISMATCH ${field.pointer}`],
          );
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('reports an opaque source type as SOURCE_TYPE_UNRESOLVED, and hides what is under it', () => {
    fc.assert(
      fc.property(
        contractAndPick,
        fc.constantFrom<'pin' | 'consumes'>('pin', 'consumes'),
        ({ contract, fields, field }, guard) => {
          const opaque: WireType = { kind: 'opaque', nullable: false, reason: 'declared in another package' };
          const image = guard === 'pin' ? fields : fields.filter((f) => f.consumes === true);
          if (!image.includes(field)) return;
          const sent = image.map((f) => (f === field ? { ...wireField(f), type: opaque } : wireField(f)));
          const findings = runGuard(guard, contract, source(sent), 'go');
          expect(findings.map((f) => `${f.rule} ${String(f.data?.['pointer'])}`)).toEqual([
            `SOURCE_TYPE_UNRESOLVED ${field.pointer}`,
          ]);
          expect(findings[0]?.message).toContain(guard === 'pin' ? '--json' : '--trace');
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('consumer completeness', () => {
  it('passes a consumer that decodes exactly the consumed fields, from Go or TypeScript', () => {
    fc.assert(
      fc.property(contractAndPick, fc.constantFrom<SourceKind>('go', 'ts'), ({ contract, fields }, kind) => {
        expect(summary('consumes', contract, fields.filter((f) => f.consumes === true).map(wireField), kind)).toEqual(
          [],
        );
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('reports a consumed field the consumer lacks, a dead field it decodes, and a field nobody sends', () => {
    fc.assert(
      fc.property(contractAndPick, ({ contract, fields, field }) => {
        const consumed = fields.filter((f) => f.consumes === true);
        if (field.consumes === true) {
          const decoded = consumed.filter((f) => !under(field.pointer)(f)).map(wireField);
          expect(summary('consumes', contract, decoded)).toEqual([`CONSUMER_FIELD_MISSING ${field.pointer}`]);
        } else {
          // Decoding one dead field (its parent is decoded: a dead field's parent is consumed or it is top-level).
          const parentConsumed = field.parent === '' || contract.model?.fields.get(field.parent)?.consumes === true;
          if (parentConsumed) {
            expect(summary('consumes', contract, [...consumed, field].map(wireField))).toEqual([
              `CONSUMER_READS_DEAD_FIELD ${field.pointer}`,
            ]);
          }
        }
        const unknown: WireField = {
          pointer: '/zz_unknown',
          jsonName: 'zz_unknown',
          type: { kind: 'integer', nullable: false },
          required: false,
          location: LOCATION,
          sourceType: 'int',
        };
        expect(summary('consumes', contract, [...consumed.map(wireField), unknown])).toEqual([
          'CONSUMER_FIELD_UNKNOWN /zz_unknown',
        ]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('lets a Go consumer take null where the contract allows it, but not a TypeScript one that has no null', () => {
    fc.assert(
      fc.property(contractAndPick, ({ contract, fields, field }) => {
        if (field.consumes !== true || !SCALARS.has(field.type.kind) || !field.type.nullable) return;
        const decoded = fields
          .filter((f) => f.consumes === true)
          .map((f) => (f === field ? { ...wireField(f), type: { ...f.type, nullable: false } } : wireField(f)));
        expect(summary('consumes', contract, decoded, 'go')).toEqual([]);
        expect(summary('consumes', contract, decoded, 'ts')).toEqual([`CONSUMER_TYPE_MISMATCH ${field.pointer}`]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
