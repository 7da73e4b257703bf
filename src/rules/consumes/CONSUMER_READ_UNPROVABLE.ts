import { decodedAtText, locationText, name, readsOf, serviceName, type GuardRule } from '../../guards/context.js';

export const CONSUMER_READ_UNPROVABLE: GuardRule<'escape'> = {
  id: 'CONSUMER_READ_UNPROVABLE',
  stage: 'consumes',
  severity: 'warning',
  summary:
    'The static read analysis can prove whether the consumer reads each consumed field: no value holding it escapes to code the analysis cannot follow (another package, interface{}, reflection, fmt, a logger).',
  why: 'A field read only inside a logger, json.Marshal or another package may be read or not; wirepin says so, with the place the value escaped, instead of guessing either way. Strict mode ("reads": "strict" on the contract\'s consumer, reads: strict in wirepin.yaml, or --strict-reads) makes it an error.',
  messages: {
    escape: 'escaped, read not provable',
  },
  onPair(p, context) {
    if (context.mode !== 'static' || p.contract?.consumes !== true) return undefined;
    const reads = readsOf(context, p);
    if (reads?.status !== 'unprovable') return undefined;
    const escapedAt = locationText(reads.escape.location);
    return {
      path: `${p.contract.schemaPointer}/cp_consumes`,
      field: name(p),
      message: `Field "${name(p)}" is decoded (decoded at ${decodedAtText(context)}) but never read in ${context.reads?.scope ?? 'the package'} where wirepin can see: a value holding it escapes at ${escapedAt} (${reads.escape.what}), so whether ${serviceName(context, 'consumer')} reads it cannot be proven. Read the field in ${serviceName(context, 'consumer')}'s own code, or hand on only the fields that place needs.`,
      related: { label: `escape in consumer ${context.source.root.name}`, ...reads.escape.location },
      data: { pointer: p.pointer, kind: 'escape', escapedAt, escape: reads.escape.what },
      ...(context.reads?.strict === true ? { severity: 'error' as const } : {}),
    };
  },
};
