import { decodedAtText, name, readsOf, serviceName, sourceAt, type GuardRule } from '../../guards/context.js';

export const CONSUMER_FIELD_UNREAD: GuardRule<'static'> = {
  id: 'CONSUMER_FIELD_UNREAD',
  stage: 'consumes',
  severity: 'error',
  summary:
    'The consumer reads every field the contract marks "cp_consumes": true: its code has a read of it (static read analysis), or its handler read it in a consumption trace.',
  why: 'Decoding a field is not using it. A handler that never reads a consumed field passes Pact verification all the same; only the code (or a trace of what it read) shows the gap.',
  messages: {
    // A trace finding carries no kind; the static read analysis' does.
    static: 'decoded, never read',
  },
  onPair(p, context) {
    if (p.contract?.consumes !== true) return undefined;
    if (context.mode === 'trace') {
      if (p.source) return undefined;
      return {
        path: `${p.contract.schemaPointer}/cp_consumes`,
        field: name(p),
        message: `Field "${name(p)}" is marked consumed, but ${serviceName(context, 'consumer')}'s handler never read it in the traced requests. Make the handler use it, or mark it dead ("cp_consumes": false) with a note saying why it is sent.`,
        related: sourceAt(context, 'consumer', p),
        data: { pointer: p.pointer },
      };
    }
    if (readsOf(context, p)?.status !== 'unread') return undefined;
    const decodedAt = decodedAtText(context);
    return {
      path: `${p.contract.schemaPointer}/cp_consumes`,
      field: name(p),
      message: `Field "${name(p)}" is marked consumed, and ${serviceName(context, 'consumer')} decodes it into ${context.source.root.name} (decoded at ${decodedAt}), but nothing in ${context.reads?.scope ?? 'the package'} ever reads it. Make ${serviceName(context, 'consumer')}'s code use it, or mark it dead ("cp_consumes": false) with a note saying why it is sent.`,
      related: sourceAt(context, 'consumer', p),
      data: { pointer: p.pointer, kind: 'static', decodedAt },
    };
  },
};
