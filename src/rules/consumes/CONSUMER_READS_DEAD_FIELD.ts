import { locationText, name, readsOf, serviceName, sourceAt, type GuardRule } from '../../guards/context.js';

export const CONSUMER_READS_DEAD_FIELD: GuardRule<'read'> = {
  id: 'CONSUMER_READS_DEAD_FIELD',
  stage: 'consumes',
  severity: 'error',
  summary:
    'The consumer does not decode (or, in a trace, read) a field the contract calls dead ("cp_consumes": false).',
  why: 'When the consumer starts using a field the ledger calls dead, the ledger is stale: its note now lies, and a producer may drop the field believing nobody reads it.',
  messages: {
    // Only the static read analysis says where the code reads the field; a decode or a trace read carries no kind.
    read: 'read though dead',
  },
  onPair(p, context) {
    if (p.contract?.consumes !== false || !p.source) return undefined;
    const reads = readsOf(context, p);
    if (reads?.status === 'read') {
      const site = reads.sites[0];
      const at = site === undefined ? '' : locationText(site);
      return {
        path: `${p.contract.schemaPointer}/cp_consumes`,
        field: name(p),
        message: `${context.source.root.name}'s "${name(p)}" is read at ${at}, but the contract marks it dead. The ledger is stale: flip "cp_consumes" to true in the contract (and drop the note), or stop reading it in ${serviceName(context, 'consumer')}.`,
        ...(site !== undefined
          ? { related: { label: `read in consumer ${context.source.root.name}`, ...site } }
          : { related: sourceAt(context, 'consumer', p) }),
        data: { pointer: p.pointer, kind: 'read', readAt: at },
      };
    }
    return {
      path: `${p.contract.schemaPointer}/cp_consumes`,
      field: name(p),
      message: `${context.source.root.name} ${context.mode === 'trace' ? 'read' : 'decodes'} "${name(p)}", but the contract marks it dead. The ledger is stale: flip "cp_consumes" to true in the contract (and drop the note), or stop ${context.mode === 'trace' ? 'reading' : 'decoding'} it in ${serviceName(context, 'consumer')}.`,
      related: sourceAt(context, 'consumer', p),
      data: { pointer: p.pointer },
    };
  },
};
