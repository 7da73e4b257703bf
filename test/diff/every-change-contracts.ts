/**
 * Inputs shared by the every-change and render-shapes tests: one base/head pair of
 * contracts that differ in every way a diff rule reports (see
 * every-change.test.ts).
 */
export const BASE = `${JSON.stringify(
  {
    $schema: '../../../schemas/contract.schema.json',
    title: 'Everything',
    $comment: 'Only the source has this comment.',
    endpoint: 'POST /cp/everything',
    producer: { name: 'core', repo: 'core', type: 'cpEverything' },
    consumer: { name: 'cp', repo: 'cp', type: 'wsEverything' },
    type: 'object',
    additionalProperties: false,
    required: ['id', 'gone_dead_req', 'req_to_opt', 'req_to_opt_dead', 'settings'],
    properties: {
      id: { type: 'string', cp_consumes: true },
      gone_consumed: { type: 'string', cp_consumes: true },
      gone_dead_req: { type: 'string', cp_consumes: false, note: 'Old cp builds ignore this value.' },
      gone_dead_opt: { type: 'boolean', cp_consumes: false, note: 'Old cp builds ignore this value.' },
      renamed_old: { type: 'integer', cp_consumes: true },
      shape: {
        type: 'object',
        additionalProperties: false,
        cp_consumes: true,
        properties: {
          x: { type: 'string', cp_consumes: true },
          y: { type: 'string', cp_consumes: false, note: 'cp reads x only today.' },
        },
      },
      gone_obj: {
        type: 'object',
        additionalProperties: false,
        cp_consumes: true,
        properties: {
          p: { type: 'string', cp_consumes: true },
          q: { type: 'array', items: { type: 'number' }, cp_consumes: true },
        },
      },
      to_nullable: { type: 'string', cp_consumes: true },
      to_non_nullable: { type: ['integer', 'null'], cp_consumes: true },
      opt_to_req: { type: 'string', cp_consumes: true },
      req_to_opt: { type: 'string', cp_consumes: true },
      req_to_opt_dead: { type: 'string', cp_consumes: false, note: 'cp never looked at this.' },
      becomes_dead: { type: 'string', cp_consumes: true },
      becomes_alive: { type: 'string', cp_consumes: false, note: 'cp will read it next quarter.' },
      note_added: { type: 'string', cp_consumes: true },
      dies_with_note: { type: 'string', cp_consumes: true, note: 'Read by the nightly report.' },
      lives_with_note: { type: 'string', cp_consumes: false, note: 'cp will read it soon.' },
      note_changed_dead: { type: 'string', cp_consumes: false, note: 'Kept for the old dashboards.' },
      note_changed_live: { type: 'string', cp_consumes: true, note: 'Read by the scheduler.' },
      note_removed: { type: 'string', cp_consumes: true, note: 'Read by | the scheduler `now`.' },
      desc: { type: 'string', cp_consumes: true, description: 'The first\nversion.' },
      desc_gone: { type: 'string', cp_consumes: true, description: 'Going away.' },
      desc_new: { type: 'string', cp_consumes: true },
      settings: {
        type: 'object',
        additionalProperties: false,
        cp_consumes: true,
        properties: {
          mode: { type: 'string', cp_consumes: true },
          legacy: { type: 'string', cp_consumes: false, note: 'Only old cp builds read it.' },
        },
      },
    },
  },
  null,
  2,
)}\n`;

export const HEAD = `${JSON.stringify(
  {
    $schema: '../../../schemas/contract.schema.json',
    title: 'Everything',
    description:
      'A description far longer than sixty characters, so drift shows it cut short; A description far longer than sixty characters, so drift shows it cut short; A description far longer than sixty characters, so drift shows it cut short; A description far longer than sixty characters, so drift shows it cut short;',
    endpoint: 'PUT /cp/v2/everything',
    producer: { name: 'core', repo: 'core', type: 'cpEverythingV2' },
    consumer: { name: 'cp', repo: 'cp-service', type: 'wsEverythingV2' },
    type: 'object',
    additionalProperties: false,
    required: ['id', 'opt_to_req', 'settings'],
    properties: {
      id: { type: 'string', cp_consumes: true },
      renamed_new: { type: 'integer', cp_consumes: true },
      shape: { type: 'string', cp_consumes: true },
      to_nullable: { type: ['string', 'null'], cp_consumes: true },
      to_non_nullable: { type: 'integer', cp_consumes: true },
      opt_to_req: { type: 'string', cp_consumes: true },
      req_to_opt: { type: 'string', cp_consumes: true },
      req_to_opt_dead: { type: 'string', cp_consumes: false, note: 'cp never looked at this.' },
      becomes_dead: { type: 'string', cp_consumes: false, note: 'cp dropped it in release 7.' },
      becomes_alive: { type: 'string', cp_consumes: true },
      dies_with_note: { type: 'string', cp_consumes: false, note: 'The nightly report moved to core.' },
      lives_with_note: { type: 'string', cp_consumes: true, note: 'cp reads it since release 8.' },
      note_added: { type: 'string', cp_consumes: true, note: 'Read by the scheduler.' },
      note_changed_dead: { type: 'string', cp_consumes: false, note: 'Kept for the new dashboards.' },
      note_changed_live: { type: 'string', cp_consumes: true, note: 'Read by the billing job.' },
      note_removed: { type: 'string', cp_consumes: true },
      desc: { type: 'string', cp_consumes: true, description: 'The second | version.' },
      desc_gone: { type: 'string', cp_consumes: true },
      desc_new: { type: 'string', cp_consumes: true, description: 'Brand new.' },
      settings: {
        type: 'object',
        additionalProperties: false,
        cp_consumes: true,
        required: ['mode'],
        properties: {
          mode: { type: 'string', cp_consumes: true },
          added_dead: { type: 'string', cp_consumes: false, note: 'cp will start reading it later.' },
          added_obj: {
            type: 'object',
            additionalProperties: false,
            cp_consumes: true,
            properties: { k: { type: 'string', cp_consumes: true } },
          },
        },
      },
    },
  },
  null,
  2,
)}\n`;
