import { formatWireType } from '../../contract/field-table.js';
import { name, serviceName, sourceAt, typeWithSource, type GuardRule } from '../../guards/context.js';
import { whyIncompatible, type TypeMismatchKind } from '../../guards/wire-type-compat.js';
import { receivingRangeProblem } from './receiving-range.js';

export const CONSUMER_TYPE_MISMATCH: GuardRule<TypeMismatchKind | 'range' | 'length'> = {
  id: 'CONSUMER_TYPE_MISMATCH',
  stage: 'consumes',
  severity: 'error',
  summary:
    "The consumer's type for a field accepts every value the contract allows (a number field accepts an integer; a Go field accepts null; a Go integer holds the contract's whole range; a Go array [N]T gets exactly N items).",
  why: 'A value the consumer cannot decode fails the whole request, or in Go decodes to a zero value that looks like data.',
  messages: {
    kind: 'kind differs',
    nullable: 'null not allowed',
    values: 'map values differ',
    items: 'array items differ',
    range: 'integer range too narrow',
    length: 'fixed array length',
  },
  onPair(p, context) {
    if (context.mode !== 'static' || !p.contract || !p.source) return undefined;
    // Go's decoder turns null into the zero value; TS code has to handle it.
    const reason = whyIncompatible(p.contract.type, p.source.type, {
      receiverToleratesNull: context.sourceKind === 'go',
      objectMayBeMap: false,
    });
    if (!reason) {
      // Kinds agree; a Go integer or fixed-size array may still be too small for what the contract allows.
      const problem = receivingRangeProblem(p.contract.schema, p.source.type);
      if (problem === undefined) return undefined;
      const allows = problem.kind === 'range' ? `integers ${problem.declared}` : problem.declared;
      const what = problem.schemaSuffix === '' ? `"${name(p)}"` : `"${name(p)}" (at ${problem.schemaSuffix.slice(1)})`;
      const consequence =
        problem.kind === 'range'
          ? 'so a body with a value outside that range fails to decode'
          : 'so extra items are dropped and missing ones read as zero values';
      return {
        path: `${p.contract.schemaPointer}${problem.schemaSuffix}`,
        field: name(p),
        message: `The contract allows ${what} to be ${allows}, but ${context.source.root.name} decodes it into ${problem.received}, ${consequence}. Widen the type in ${serviceName(context, 'consumer')}, or bound the field in the contract (and in ${serviceName(context, 'producer')}).`,
        related: sourceAt(context, 'consumer', p),
        data: {
          pointer: p.pointer,
          kind: problem.kind,
          declared: problem.declared,
          received: problem.received,
          sourceType: p.source.sourceType,
        },
      };
    }
    const declared = formatWireType(p.contract.type);
    const received = formatWireType(p.source.type);
    return {
      path: `${p.contract.schemaPointer}/type`,
      field: name(p),
      message: `The contract says "${name(p)}" is ${declared}, but ${context.source.root.name} decodes it as ${typeWithSource(received, p.source.sourceType)}. Change the field's type in ${serviceName(context, 'consumer')} to accept ${declared}.`,
      related: sourceAt(context, 'consumer', p),
      data: { pointer: p.pointer, kind: reason, declared, received, sourceType: p.source.sourceType },
    };
  },
};
