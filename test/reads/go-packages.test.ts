import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { extractGoStruct } from '../../src/extract/go/index.js';
import { analyzeGoReads } from '../../src/reads/go-reads.js';
import { declarationKey } from '../../src/wire.js';
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

/**
 * analyzeGoReads itself on the same module: per field (by payload pointer) its
 * read sites or the escape it names, as the packages listed with the consumer
 * change what is followed. `server/main.go` is replaced by `handler`.
 */
async function moduleReadFacts(
  handler: string,
  packages: readonly string[] | undefined,
  extra: Readonly<Record<string, string>> = {},
): Promise<Record<string, string>> {
  scratch = shop('');
  scratch.write('server/main.go', handler);
  for (const [file, text] of Object.entries(extra)) scratch.write(file, text);
  const extracted = await extractGoStruct({
    path: 'server',
    typeName: 'request',
    cwd: scratch.dir,
    direction: 'decode',
  });
  const evidence = await analyzeGoReads({
    path: 'server',
    cwd: scratch.dir,
    typeName: 'request',
    fields: extracted.fields,
    strict: false,
    ...(packages === undefined ? {} : { packages }),
  });
  const at = (l: { file: string; line: number; column: number }) => `${l.file}:${l.line}:${l.column}`;
  return Object.fromEntries(
    extracted.fields.map((field) => {
      const verdict = evidence.byDeclaration.get(declarationKey(field.location));
      const fact =
        verdict?.status === 'read'
          ? `read ${verdict.sites.map(at).join(' ')}`
          : verdict?.status === 'unprovable'
            ? `unprovable ${at(verdict.escape.location)}: ${verdict.escape.what}`
            : String(verdict?.status);
      return [field.pointer, fact];
    }),
  );
}

const HANDLER_HEAD =
  'package main\n\nimport (\n\t"example.com/shop/api"\n\t"example.com/shop/render"\n)\n\n' +
  'type request struct {\n\tName    string      `json:"name"`\n\tDisplay api.Display `json:"display"`\n}\n\n';
/** The handler: `body` is the body of `func use(req request)`, at line 15. */
const handler = (body: string): string =>
  `${HANDLER_HEAD}var _ = api.Display{}\n\nfunc use(req request) {\n${body}\n}\n`;

describe('analyzeGoReads across the packages of a module', () => {
  it('a listed package: its function is followed and reads there; its package variable and results are typed', async () => {
    const facts = await moduleReadFacts(
      handler('\t_ = render.Apply(req.Display)\n\t_ = render.Last.Width\n\t_ = render.Default().Width'),
      ['render'],
      {
        'render/more.go':
          'package render\n\nimport "example.com/shop/api"\n\nvar Last *api.Display\n\nfunc Default() api.Display { return api.Display{} }\n',
      },
    );
    expect(facts).toEqual({
      '/name': 'unread',
      '/display': 'read server/main.go:16:23',
      '/display/mode': 'read render/render.go:7:21',
      '/display/width': 'read server/main.go:17:18 server/main.go:18:23',
    });
  });

  it("a package listed twice, or the consumer's own package listed, is read once; the scope names the listed packages", async () => {
    const body = handler('\t_ = render.Apply(req.Display)');
    const once = await moduleReadFacts(body, ['render']);
    expect(await moduleReadFacts(body, ['render', './render/', 'server', 'render/render.go'])).toEqual(once);
    expect(once['/display/mode']).toBe('read render/render.go:7:21');
    const s = scratch as NonNullable<typeof scratch>;
    const extracted = await extractGoStruct({ path: 'server', typeName: 'request', cwd: s.dir, direction: 'decode' });
    const request = { path: 'server/main.go', cwd: s.dir, typeName: 'request', fields: extracted.fields };
    const listed = await analyzeGoReads({ ...request, strict: true, packages: ['render'] });
    expect([listed.scope, listed.strict]).toEqual(['the package and the packages listed with it', true]);
    const alone = await analyzeGoReads({ ...request, strict: false });
    expect([alone.scope, alone.strict]).toEqual(['the package', false]);
  });

  it('a struct of another package embedded in the request: its promoted fields are read on the request', async () => {
    const facts = await moduleReadFacts(
      'package main\n\nimport "example.com/shop/api"\n\ntype request struct {\n\t*api.Display\n\tName string `json:"name"`\n}\n\nfunc use(req request) string { return req.Mode + req.Name }\n\nfunc width(req request) int { return req.Display.Width }\n',
      undefined,
    );
    expect(facts).toEqual({
      '/mode': 'read server/main.go:10:43',
      '/width': 'read server/main.go:12:50',
      '/name': 'read server/main.go:10:54',
    });
  });

  it("a listed package's struct types are its own, even named like the consumer's", async () => {
    const facts = await moduleReadFacts(handler('\t_ = req.Display'), ['render'], {
      'render/more.go':
        "package render\n\ntype request struct {\n\tName string\n}\n\n// Use reads its own request.Name, not the consumer's.\nfunc Use(q request) string { return q.Name }\n",
    });
    expect(facts['/name']).toBe('unread');
  });

  it('the same package not listed: the hand-off is an escape naming the call', async () => {
    const facts = await moduleReadFacts(handler('\t_ = render.Apply(req.Display)'), undefined);
    expect(facts).toEqual({
      '/name': 'unread',
      '/display': 'read server/main.go:16:23',
      '/display/mode': 'unprovable server/main.go:16:19: req.Display passed to render.Apply',
      '/display/width': 'unprovable server/main.go:16:19: req.Display passed to render.Apply',
    });
  });

  it('a package that only lends its types: a call of its function is an escape', async () => {
    const facts = await moduleReadFacts(handler('\t_ = api.Check(req.Display)'), ['render'], {
      'api/check.go':
        'package api\n\n// Check reads nothing wirepin sees.\nfunc Check(d Display) bool { return d.Mode != "" }\n',
    });
    expect(facts).toEqual({
      '/name': 'unread',
      '/display': 'read server/main.go:16:20',
      // render (listed) is read whole: its Apply reads mode wherever an api.Display comes from.
      '/display/mode': 'read render/render.go:7:21',
      '/display/width': 'unprovable server/main.go:16:16: req.Display passed to api.Check',
    });
  });

  it('a listed package: an interface{} parameter is an escape, a conversion to a struct type of its own too', async () => {
    const more =
      'package render\n\nimport "example.com/shop/api"\n\nfunc Keep(label string, v any) {}\n\ntype Shown struct {\n\tMode  string\n\tWidth int\n}\n';
    const kept = await moduleReadFacts(handler('\trender.Keep(req.Name, req.Display)'), ['render'], {
      'render/more.go': more,
    });
    expect(kept).toEqual({
      '/name': 'read server/main.go:16:18',
      '/display': 'read server/main.go:16:28',
      '/display/mode': 'read render/render.go:7:21',
      '/display/width': 'unprovable server/main.go:16:24: req.Display passed as interface{} to render.Keep',
    });
    const converted = await moduleReadFacts(handler('\t_ = render.Shown(req.Display)'), ['render'], {
      'render/more.go': more,
    });
    expect(converted).toEqual({
      '/name': 'unread',
      '/display': 'read server/main.go:16:23',
      '/display/mode': 'read render/render.go:7:21',
      '/display/width': 'unprovable server/main.go:16:19: req.Display converted to render.Shown',
    });
  });

  it('refuses a listed package without a go.mod above the consumer, and a path that does not exist', async () => {
    const s = scratchCopy([]);
    scratch = s;
    s.write('server/main.go', 'package main\n\ntype request struct {\n\tName string `json:"name"`\n}\n');
    s.write('render/render.go', 'package render\n');
    const extracted = await extractGoStruct({ path: 'server', typeName: 'request', cwd: s.dir, direction: 'decode' });
    const request = { path: 'server', cwd: s.dir, typeName: 'request', fields: extracted.fields, strict: false };
    await expect(analyzeGoReads({ ...request, packages: ['render'] })).rejects.toMatchObject({
      code: 'E_USAGE',
      message: expect.stringContaining('"server" has no go.mod at or above it'),
    });
    await expect(analyzeGoReads({ ...request, path: 'nowhere' })).rejects.toMatchObject({ code: 'E_READ' });
  });

  it('refuses a listed package directory that does not exist, naming it', async () => {
    await moduleReadFacts(handler(''), undefined);
    const s = scratch as NonNullable<typeof scratch>;
    const extracted = await extractGoStruct({ path: 'server', typeName: 'request', cwd: s.dir, direction: 'decode' });
    const request = { path: 'server', cwd: s.dir, typeName: 'request', fields: extracted.fields, strict: false };
    await expect(analyzeGoReads({ ...request, packages: ['gone'] })).rejects.toMatchObject({
      code: 'E_READ',
      message: expect.stringMatching(/^Cannot read "gone": /u),
    });
  });
});
