import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, runCliJson, scratchCopy } from '../support/run-cli.js';

/**
 * The read analysis across packages of one Go module: `packages:` on the
 * consumer in wirepin.yaml lists package directories that are part of the
 * consumer. A small module that compiles (module example.com/shop): `server`
 * decodes the request and hands its nested `api.Display` to `render.Apply`,
 * which reads `mode`. Listed, `render` is followed and the field is read there;
 * not listed, the hand-off is an escape the warning names.
 */
const GO_MOD = 'module example.com/shop\n\ngo 1.19\n';
const API =
  'package api\n\n// Display is how the workspace is shown.\ntype Display struct {\n\tMode  string `json:"mode"`\n\tWidth int    `json:"width"`\n}\n';
const SERVER =
  'package main\n\nimport (\n\t"encoding/json"\n\t"os"\n\n\t"example.com/shop/api"\n\t"example.com/shop/render"\n)\n\n' +
  'type request struct {\n\tName    string      `json:"name"`\n\tDisplay api.Display `json:"display"`\n}\n\n' +
  'func main() {\n\tvar req request\n\tif err := json.NewDecoder(os.Stdin).Decode(&req); err != nil {\n\t\tos.Exit(2)\n\t}\n\tprintln(req.Name, req.Display.Width)\n\tprintln(render.Apply(req.Display))\n}\n';
const RENDER =
  'package render\n\nimport "example.com/shop/api"\n\n// Apply renders a display.\nfunc Apply(d api.Display) string {\n\treturn "mode=" + d.Mode\n}\n';

const CONTRACT = {
  title: 'ShowRequest',
  endpoint: 'POST /show',
  producer: { name: 'front', repo: 'front', type: 'showRequest' },
  consumer: { name: 'shop', repo: 'shop', type: 'request' },
  type: 'object',
  additionalProperties: false,
  required: ['name', 'display'],
  properties: {
    name: { type: 'string', cp_consumes: true },
    display: {
      type: 'object',
      additionalProperties: false,
      required: ['mode', 'width'],
      cp_consumes: true,
      properties: { mode: { type: 'string', cp_consumes: true }, width: { type: 'integer', cp_consumes: true } },
    },
  },
};

function config(consumerExtra: string): string {
  return [
    'version: 1',
    'contracts:',
    '  - contract: contracts/show.contract.json',
    '    consumer:',
    '      go: server',
    '      type: request',
    ...consumerExtra
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => `      ${l}`),
    '    generate:',
    '      schema: false',
    '      producerTypes: false',
    '      consumerTypes: false',
    '',
  ].join('\n');
}

let scratch: ReturnType<typeof scratchCopy> | undefined;
afterEach(() => {
  scratch?.cleanup();
  scratch = undefined;
});

/** The module in a fresh directory, with a .git so check's config search stops there. */
function shop(consumerExtra: string) {
  const copy = scratchCopy([]);
  mkdirSync(join(copy.dir, '.git'));
  copy.write('go.mod', GO_MOD);
  copy.write('api/display.go', API);
  copy.write('server/main.go', SERVER);
  copy.write('render/render.go', RENDER);
  copy.write('contracts/show.contract.json', `${JSON.stringify(CONTRACT, null, 2)}\n`);
  copy.write('wirepin.yaml', config(consumerExtra));
  return copy;
}

const shape = (
  findings: readonly { rule: string; severity: string; field?: string; path: string; data?: Record<string, unknown> }[],
) => findings.map((f) => [f.rule, f.severity, f.field, f.path, f.data?.kind]);

describe('packages listed with the consumer in wirepin.yaml', () => {
  it('a value handed to a function of a listed package that reads the field: passes', async () => {
    scratch = shop('packages: [render]');
    const run = await runCliJson(['check', '--format', 'json'], { cwd: scratch.dir });
    expect(shape(run.findings)).toEqual([]);
    expect(run.exit).toBe(0);
  });

  it('the same hand-off with the package not listed: the CONSUMER_READ_UNPROVABLE warning names the escape, at mode only', async () => {
    scratch = shop('');
    const run = await runCliJson(['check', '--format', 'json'], { cwd: scratch.dir });
    expect(shape(run.findings)).toEqual([
      [
        'CONSUMER_READ_UNPROVABLE',
        'warning',
        'display.mode',
        '/properties/display/properties/mode/cp_consumes',
        'escape',
      ],
    ]);
    expect(run.findings[0]).toMatchObject({
      related: { file: 'server/main.go', line: 22, column: 23 },
      data: {
        pointer: '/display/mode',
        escapedAt: 'server/main.go:22:23',
        escape: 'req.Display passed to render.Apply',
      },
    });
    expect(run.exit).toBe(0);
  });

  it('not listed and strict (reads: strict): the same finding is an error and check fails', async () => {
    scratch = shop('reads: strict');
    const run = await runCliJson(['check', '--format', 'json'], { cwd: scratch.dir });
    expect(shape(run.findings)).toEqual([
      [
        'CONSUMER_READ_UNPROVABLE',
        'error',
        'display.mode',
        '/properties/display/properties/mode/cp_consumes',
        'escape',
      ],
    ]);
    expect(run.exit).toBe(1);
  });

  it('a listed package that does not read the field: CONSUMER_FIELD_UNREAD, as in one package', async () => {
    scratch = shop('packages: [render]');
    scratch.edit('render/render.go', 'return "mode=" + d.Mode', 'return "mode"');
    const run = await runCliJson(['check', '--format', 'json'], { cwd: scratch.dir });
    expect(shape(run.findings)).toEqual([
      ['CONSUMER_FIELD_UNREAD', 'error', 'display.mode', '/properties/display/properties/mode/cp_consumes', 'static'],
    ]);
    expect(run.exit).toBe(1);
  });

  it('a listed path outside the repository: exit 2 at its line in wirepin.yaml', async () => {
    scratch = shop('packages: [render, ../elsewhere]');
    const run = await runCli(['check'], { cwd: scratch.dir });
    expect(run.exit).toBe(2);
    expect(run.stderr).toMatch(/^wirepin\.yaml:7:\d+: error: .*"consumer\.packages" entry/m);
    expect(run.stderr).toContain('../elsewhere');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('a listed directory of another Go module: exit 2 naming it', async () => {
    scratch = shop('packages: [tools]');
    scratch.write('tools/go.mod', 'module example.com/tools\n\ngo 1.19\n');
    scratch.write('tools/tools.go', 'package tools\n');
    const run = await runCli(['check'], { cwd: scratch.dir });
    expect(run.exit).toBe(2);
    expect(run.stderr).toContain(
      '"tools" listed with the consumer is not in the consumer\'s Go module example.com/shop',
    );
  });

  it('packages that is not a list: refused at its place', async () => {
    scratch = shop('packages: render');
    const notList = await runCli(['check'], { cwd: scratch.dir });
    expect(notList.exit).toBe(2);
    expect(notList.stderr).toMatch(/^wirepin\.yaml:7:\d+: error: "consumer\.packages" must be a non-empty list/m);
  });
});
