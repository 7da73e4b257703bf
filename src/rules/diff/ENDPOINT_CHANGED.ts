import { inBase, services, sideNames, type DiffRule } from './context.js';

export const ENDPOINT_CHANGED: DiffRule<'changed'> = {
  id: 'ENDPOINT_CHANGED',
  stage: 'diff',
  severity: 'error',
  summary: 'The "endpoint" (method and path that carries the body) changes. Always breaking.',
  why: 'The producer sends the body to one route and the consumer serves another until both ship; every request in between fails.',
  messages: { changed: 'changed' },
  onHeader(sides) {
    const before = sides.base.model.endpoint;
    const after = sides.head.model.endpoint;
    if (before === after) return [];
    const names = sideNames(sides.head);
    const { producer, consumer } = services(sides.head);
    return [
      {
        path: '/endpoint',
        message: `The endpoint changed from "${before}" to "${after}". ${names.producer} must call the new route and ${names.consumer} must serve it: keep the old route in ${consumer} until ${producer} has moved.`,
        related: inBase(sides.base, '/endpoint'),
        data: { class: 'breaking', kind: 'changed', pointer: '', before, after, consumes: null, note: null },
      },
    ];
  },
  explains: () => ['/endpoint'],
};
