import { name, serviceName, sourceAt, type GuardRule } from '../../guards/context.js';

export const CONSUMER_READS_DEAD_FIELD: GuardRule = {
  id: 'CONSUMER_READS_DEAD_FIELD',
  stage: 'consumes',
  severity: 'error',
  summary: 'The consumer does not decode (or, in a trace, read) a field the contract calls dead ("cp_consumes": false).',
  why: 'When the consumer starts using a field the ledger calls dead, the ledger is stale: its note now lies, and a producer may drop the field believing nobody reads it.',
  onPair(p, context) {
    if (p.contract?.consumes !== false || !p.source) return undefined;
    return {
      path: `${p.contract.schemaPointer}/cp_consumes`,
      field: name(p),
      message: `${context.source.root.name} ${context.mode === 'trace' ? 'read' : 'decodes'} "${name(p)}", but the contract marks it dead. The ledger is stale: flip "cp_consumes" to true in the contract (and drop the note), or stop ${context.mode === 'trace' ? 'reading' : 'decoding'} it in ${serviceName(context, 'consumer')}.`,
      related: sourceAt(context, 'consumer', p),
      data: { pointer: p.pointer },
    };
  },
};
