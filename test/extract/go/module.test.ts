import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { escapeModulePath, parseGoMod } from '../../../src/extract/go/go-module.js';
import { goExtractor } from '../../../src/extract/go/index.js';
import type { ExtractResult } from '../../../src/wire.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Writes files (path → text) under a fresh directory and returns it. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'wirepin-go-module-'));
  dirs.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

function fieldsOf(result: ExtractResult): string[] {
  return result.fields.map(
    (field) =>
      `${field.pointer} ${field.type.kind}${field.type.nullable ? '?' : ''} ${field.required ? 'required' : 'optional'} ${field.location.file}:${field.location.line}`,
  );
}

const API = `package api

import (
	"example.com/app/api/network"
	"example.com/app/api/mount"
	"github.com/Vendor/lib/kind"
	"example.com/local/shared"
)

type Container struct {
	ID      string           \`json:"id"\`
	Net     network.Settings \`json:"net"\`
	Mounts  []mount.Point    \`json:"mounts,omitempty"\`
	Kind    kind.Kind        \`json:"kind"\`
	Shared  *shared.Thing    \`json:"shared,omitempty"\`
}
`;

const NETWORK = `package network

import "time"

type Settings struct {
	IP      string    \`json:"ip"\`
	Updated Stamp     \`json:"updated"\`
	Peer    *Settings \`json:"peer,omitempty"\`
}

type Stamp struct{ time.Time }
`;

const MOUNT = 'package mount\n\ntype Point struct {\n\tPath string `json:"path"`\n\tmode int\n}\n';
const KIND = 'package kind\n\ntype Kind struct {\n\tName string `json:"name"`\n}\n';
const SHARED = 'package shared\n\ntype Thing struct {\n\tN int `json:"n"`\n}\n';
const GO_MOD =
  'module example.com/app\n\ngo 1.21\n\nrequire (\n\tgithub.com/Vendor/lib v1.2.0 // indirect\n\texample.com/local v0.0.0\n)\n\nreplace example.com/local => ../local\n';

describe('packages of the module', () => {
  test('a sibling package, the module cache (path escaped with !) and a local replace resolve, in both directions', async () => {
    const root = tree({
      'app/go.mod': GO_MOD,
      'app/api/api.go': API,
      'app/api/network/network.go': NETWORK,
      'app/api/mount/mount.go': MOUNT,
      'local/shared/shared.go': SHARED,
      'cache/github.com/!vendor/lib@v1.2.0/kind/kind.go': KIND,
    });
    for (const direction of ['encode', 'decode'] as const) {
      const result = await goExtractor.extract({
        path: 'app/api',
        typeName: 'Container',
        cwd: root,
        direction,
        env: { GOMODCACHE: path.join(root, 'cache') },
      });
      expect(fieldsOf(result)).toEqual([
        '/id string required app/api/api.go:11',
        '/net object required app/api/api.go:12',
        '/net/ip string required app/api/network/network.go:6',
        '/net/updated string required app/api/network/network.go:7',
        '/net/peer object optional app/api/network/network.go:8',
        '/mounts array optional app/api/api.go:13',
        '/mounts/*/path string required app/api/mount/mount.go:4',
        '/kind object required app/api/api.go:14',
        '/kind/name string required cache/github.com/!vendor/lib@v1.2.0/kind/kind.go:4',
        '/shared object optional app/api/api.go:15',
        '/shared/n integer required local/shared/shared.go:4',
      ]);
      // The recursive sibling type is cut at its repeat, named by its import path.
      expect(result.opaque.map((ref) => `${ref.pointer} ${ref.reason}`)).toEqual([
        '/net/peer "example.com/app/api/network.Settings" contains itself; its fields are listed once, at the outer occurrence',
      ]);
    }
  });

  test('vendor/ is read when vendor/modules.txt exists, and only vendor/', async () => {
    const root = tree({
      'app/go.mod': GO_MOD,
      'app/vendor/modules.txt': '# github.com/Vendor/lib v1.2.0\n',
      'app/vendor/github.com/Vendor/lib/kind/kind.go': KIND,
      'app/t.go':
        'package app\n\nimport "github.com/Vendor/lib/kind"\nimport "example.com/local/shared"\n\ntype T struct {\n\tK kind.Kind `json:"k"`\n\tS shared.Thing `json:"s"`\n}\n',
      'local/shared/shared.go': SHARED,
    });
    const result = await goExtractor.extract({ path: 'app', typeName: 'T', cwd: root, env: {} });
    expect(fieldsOf(result)).toEqual([
      '/k object required app/t.go:7',
      '/k/name string required app/vendor/github.com/Vendor/lib/kind/kind.go:4',
      '/s opaque required app/t.go:8',
    ]);
    expect(result.opaque.map((ref) => ref.reason)).toEqual([
      `"shared.Thing" cannot be resolved: the module is vendored and ${path.join(root, 'app', 'vendor', 'example.com', 'local', 'shared')} does not exist; run go mod vendor`,
    ]);
  });

  test('what is not found says where wirepin looked and what makes it visible', async () => {
    const root = tree({
      'app/go.mod': GO_MOD,
      'app/t.go':
        'package app\n\nimport (\n\t"github.com/Vendor/lib/kind"\n\t"example.com/app/gone"\n\t"example.com/nobody/x"\n\t"crypto/x509"\n\t"example.com/app/inner"\n)\n\ntype T struct {\n\tK kind.Kind `json:"k"`\n\tG gone.G `json:"g"`\n\tN x.X `json:"n"`\n\tC x509.Certificate `json:"c"`\n\tI inner.hidden `json:"i"`\n\tO inner.Other `json:"o,omitempty"`\n}\n',
      'app/inner/inner.go': 'package inner\n\ntype hidden struct{}\n',
    });
    const result = await goExtractor.extract({
      path: 'app',
      typeName: 'T',
      cwd: root,
      env: { GOMODCACHE: path.join(root, 'no-cache'), HOME: path.join(root, 'home') },
    });
    const reasons = Object.fromEntries(result.opaque.map((ref) => [ref.pointer, ref.reason]));
    expect(reasons['/k']).toBe(
      '"kind.Kind" cannot be resolved: wirepin looked in the module cache (GOMODCACHE, $GOPATH/pkg/mod, ~/go/pkg/mod: none exists); run go mod download (or go mod vendor) so its source is there',
    );
    expect(reasons['/g']).toBe(
      `"gone.G" cannot be resolved: it is in module "example.com/app", but ${path.join(root, 'app', 'gone')} does not exist`,
    );
    expect(reasons['/n']).toBe(
      `"x.X" cannot be resolved: no module in ${path.join(root, 'app', 'go.mod')} provides it; add it with go get`,
    );
    expect(reasons['/c']).toMatch(
      /^"x509.Certificate" cannot be resolved: it is a standard-library package outside wirepin's table/,
    );
    expect(reasons['/i']).toBe(
      '"inner.hidden" cannot be resolved: package "example.com/app/inner" (app/inner/inner.go) declares no exported type "hidden"',
    );
    // omitempty on it: requiredness unknown, not optional.
    const other = result.fields.find((field) => field.pointer === '/o');
    expect(other?.requiredUnknown).toBeDefined();
  });

  test('without a go.mod, other packages stay unresolved as before', async () => {
    const root = tree({
      'app/t.go': 'package app\n\nimport "example.com/other"\n\ntype T struct {\n\tO other.O `json:"o"`\n}\n',
      'app/other/o.go': 'package other\n\ntype O struct{}\n',
    });
    const result = await goExtractor.extract({ path: 'app', typeName: 'T', cwd: root, env: {} });
    expect(result.opaque.map((ref) => ref.reason)).toEqual([
      '"other.O" is declared in package "example.com/other", which wirepin does not read',
    ]);
  });
});

describe('go.mod', () => {
  test('module, require and replace directives, single and in blocks, with comments and quotes', () => {
    const parsed = parseGoMod(
      'module "example.com/m" // the module\n\nrequire a.com/x v1.0.0\nrequire (\n\tb.com/y v2.0.0+incompatible // indirect\n)\nreplace (\n\ta.com/x v1.0.0 => ./x\n\tb.com/y => c.com/y v2.1.0\n)\n',
    );
    expect(parsed.path).toBe('example.com/m');
    expect([...parsed.requires]).toEqual([
      ['a.com/x', 'v1.0.0'],
      ['b.com/y', 'v2.0.0+incompatible'],
    ]);
    expect([...parsed.replaces]).toEqual([
      ['a.com/x', './x'],
      ['b.com/y', 'c.com/y'],
    ]);
  });

  test('a go.mod is read through the bounded reader: one that is not valid UTF-8 is refused at its place, not skipped', async () => {
    const root = tree({ 'app/t.go': 'package app\n\ntype T struct {\n\tA int `json:"a"`\n}\n' });
    writeFileSync(
      path.join(root, 'app', 'go.mod'),
      Buffer.from([0x6d, 0x6f, 0x64, 0x75, 0x6c, 0x65, 0x20, 0xff, 0x0a]),
    );
    await expect(goExtractor.extract({ path: 'app', typeName: 'T', cwd: root, env: {} })).rejects.toMatchObject({
      code: 'E_PARSE',
      message: expect.stringContaining('go.mod') as unknown,
      location: { line: 1, column: 8 },
    });
  });

  test('module paths escape capitals as golang.org/x/mod/module does', () => {
    expect(escapeModulePath('github.com/BurntSushi/toml')).toBe('github.com/!burnt!sushi/toml');
    expect(escapeModulePath('v1.2.0-RC1')).toBe('v1.2.0-!r!c1');
  });
});
