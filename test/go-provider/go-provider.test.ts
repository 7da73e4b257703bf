import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyProvider } from '../../consumer/provider-verification.js';
import {
  addContractInteraction,
  contractInteractions,
  loadPact,
  renderPactFile,
  type ContractInteraction,
  type PactContract,
  type PactModule,
} from '../../src/pact/index.js';
import { loadPactContract } from '../../src/run/pact.js';
import { runCliJson } from '../support/run-cli.js';

// A real Go provider: consumer/go built with the local Go toolchain (no
// network: GOPROXY=off, standard library only) and verified with Pact's own
// Verifier against every interaction wirepin derives from the contract. Run
// by `npm run test:go-provider` (CI: .ci/run, with Debian's Go); needs `go`.

const REPO = resolve('.');
const CONTRACT = 'contracts/provision_request.contract.json';
const SECRET = 'cp-shared-secret-for-go';
const TENANT_TOKEN = 'acme-tenant-token-for-go';

let workDir = '';
let binary = '';
let pact: PactModule;
let contract: PactContract;
let pactFile = '';

function goEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'] ?? '',
    HOME: workDir,
    GOCACHE: process.env['GOCACHE'] ?? join(tmpdir(), 'wirepin-go-cache'),
    GOPATH: join(workDir, 'gopath'),
    GOFLAGS: '-mod=mod',
    GOPROXY: 'off',
    GOTOOLCHAIN: 'local',
    CGO_ENABLED: '0',
  };
}

function goBuild(dir: string, out: string): void {
  const run = spawnSync('go', ['build', '-o', out, '.'], { cwd: dir, encoding: 'utf8', env: goEnv() });
  if (run.error !== undefined)
    throw new Error('This suite needs the `go` command on PATH (apt-get install -y golang-go).');
  if (run.status !== 0) throw new Error(`go build in ${dir} failed:\n${run.stderr}`);
}

interface RunningGo {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts the built server on a free port and waits for its "listening on" line. */
async function startGo(path: string, tenantTokens: Record<string, string>): Promise<RunningGo> {
  const child: ChildProcess = spawn(path, ['-addr', '127.0.0.1:0'], {
    env: { PATH: process.env['PATH'] ?? '', CP_SHARED_SECRET: SECRET, CP_TENANT_TOKENS: JSON.stringify(tenantTokens) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout = child.stdout;
  if (!stdout) throw new Error('no stdout from the Go server');
  const url = await new Promise<string>((done, fail) => {
    const lines = createInterface({ input: stdout });
    lines.once('line', (line) => {
      const match = /^listening on (http:\/\/\S+)$/.exec(line);
      if (match?.[1]) done(match[1]);
      else fail(new Error(`unexpected first line from the Go server: ${line}`));
    });
    child.once('exit', (code) => fail(new Error(`the Go server exited with ${code}`)));
  });
  return {
    url,
    close: () =>
      new Promise((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

function verify(url: string): Promise<unknown> {
  return verifyProvider({
    pact,
    contract,
    pactFile,
    providerBaseUrl: url,
    credentials: { Authorization: `Bearer ${SECRET}`, 'X-Tenant-Admin-Token': TENANT_TOKEN },
  });
}

async function quietly<T>(run: () => Promise<T>): Promise<T> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    return await run();
  } finally {
    log.mockRestore();
  }
}

/** The example org of the pact set (every case carries the same org_id). */
function exampleOrg(interactions: readonly ContractInteraction[]): string {
  const org = interactions[0]?.providerState.params['org_id'];
  if (typeof org !== 'string') throw new Error("the provision contract's provider state names org_id");
  return org;
}

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'wirepin-go-provider-'));
  binary = join(workDir, 'cp');
  goBuild(join(REPO, 'consumer/go'), binary);
  pact = await loadPact();
  contract = await loadPactContract(CONTRACT);
  const rendered = renderPactFile(contract);
  pactFile = join(workDir, rendered.fileName);
  writeFileSync(pactFile, rendered.text);
}, 300_000);

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

describe('consumer/go, a real Go provider, under Pact provider verification', () => {
  it('passes every interaction of the set (full, minimal, each null, each further value)', async () => {
    const interactions = contractInteractions(contract);
    expect(interactions.map((i) => i.case)).toEqual(['full', 'minimal', 'null env', 'null template_assets.*']);
    const server = await startGo(binary, { [exampleOrg(interactions)]: TENANT_TOKEN });
    try {
      await expect(verify(server.url)).resolves.toBeDefined();
    } finally {
      await server.close();
    }
  });

  it("fails when the Go server does not know the organisation's tenant token (the verification really checks)", async () => {
    const server = await startGo(binary, {});
    try {
      await quietly(() => expect(verify(server.url)).rejects.toThrow(/Expected status code 401 to be a 201, 202/));
    } finally {
      await server.close();
    }
  });
});

/** A Go program built from producer/go (core's struct) that prints the JSON core sends in each named situation. */
function producerPayloads(): Record<string, unknown> {
  const dir = join(workDir, 'producer');
  mkdirSync(dir, { recursive: true });
  for (const file of readdirSync(join(REPO, 'producer/go')).filter(
    (f) => f.endsWith('.go') && !f.endsWith('_test.go'),
  )) {
    const source = readFileSync(join(REPO, 'producer/go', file), 'utf8');
    writeFileSync(join(dir, file), source.replace(/^package \w+/m, 'package main'));
  }
  writeFileSync(join(dir, 'go.mod'), 'module example.com/core\n\ngo 1.19\n');
  writeFileSync(
    join(dir, 'wirepin_payloads.go'),
    `package main

import (
	"encoding/json"
	"os"
)

func main() {
	// What core sends for an ordinary workspace: only what newCPProvisionRequest sets.
	minimal := newCPProvisionRequest("org-acme", "ws-7f3a", "node20", 1, "https://core.acme.example")
	// The same with every optional field set and a nil env map (encoding/json writes null).
	nilEnv := newCPProvisionRequest("org-acme", "ws-7f3a", "node20", 1, "https://core.acme.example")
	nilEnv.Env = nil
	nilEnv.Template = "next-app"
	nilEnv.InstanceType = "c6i.large"
	nilEnv.DiskGB = 80
	nilEnv.Provider = "aws"
	nilEnv.DataPersistence = "volume"
	nilEnv.Kind = "platform"
	nilEnv.Display = WorkspaceDisplayConfig{Mode: "desktop", Width: 1920, Height: 1080, Protocol: "webrtc"}
	nilEnv.ConfigFiles = map[string]string{"/etc/app.json": "{}"}
	nilEnv.TemplateAssets = map[string][]byte{"logo.png": {1, 2}}
	out := map[string]interface{}{"minimal": minimal, "null env": nilEnv}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		panic(err)
	}
}
`,
  );
  goBuild(dir, join(workDir, 'core-payloads'));
  const run = spawnSync(join(workDir, 'core-payloads'), { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

/** Sends `body` to Pact's mock server set up with `interaction`; resolves when Pact matched it, rejects with Pact's mismatches. */
async function throughMock(interaction: ContractInteraction, body: unknown): Promise<void> {
  const consumerPact = new pact.PactV4({
    consumer: interaction.pactConsumer,
    provider: interaction.pactProvider,
    dir: join(workDir, 'mock'),
    logLevel: 'error',
  });
  const headers = Object.fromEntries(interaction.request.headers.map((h) => [h.name, h.example]));
  await addContractInteraction(consumerPact, interaction).executeTest(async (mock) => {
    await fetch(`${mock.url}${interaction.request.path}`, {
      method: interaction.request.method,
      headers,
      body: JSON.stringify(body),
    });
  });
}

describe("a real Go producer (producer/go) against Pact's mock server", () => {
  it('is accepted with its minimal request (display: {}) and with a nil map sent as null', async () => {
    const payloads = producerPayloads();
    expect(payloads['minimal']).toMatchObject({ display: {}, env: {} });
    expect(payloads['null env']).toMatchObject({ env: null });
    const byCase = new Map(contractInteractions(contract).map((i) => [i.case, i]));
    for (const name of ['minimal', 'null env']) {
      const interaction = byCase.get(name);
      if (!interaction) throw new Error(`no ${name} interaction`);
      await expect(throughMock(interaction, payloads[name])).resolves.toBeUndefined();
    }
  });
});

describe('the incident, end to end for Go', () => {
  it('Pact verification of consumer/go passes with template_assets marked consumed; `wirepin consumes` fails', async () => {
    const dir = mkdtempSync(join(workDir, 'incident-'));
    mkdirSync(join(dir, 'contracts'));
    const shipped = JSON.parse(readFileSync(CONTRACT, 'utf8')) as {
      properties: { template_assets: Record<string, unknown> };
    };
    shipped.properties.template_assets['cp_consumes'] = true;
    delete shipped.properties.template_assets['note'];
    writeFileSync(join(dir, CONTRACT), `${JSON.stringify(shipped, null, 2)}\n`);
    cpSync('contracts/provision_response.contract.json', join(dir, 'contracts/provision_response.contract.json'));
    cpSync('consumer/go', join(dir, 'consumer/go'), { recursive: true });

    const incident = await loadPactContract(CONTRACT, dir);
    const rendered = renderPactFile(incident);
    const file = join(dir, rendered.fileName);
    writeFileSync(file, rendered.text);
    const server = await startGo(binary, { [exampleOrg(contractInteractions(incident))]: TENANT_TOKEN });
    try {
      await expect(
        verifyProvider({
          pact,
          contract: incident,
          pactFile: file,
          providerBaseUrl: server.url,
          credentials: { Authorization: `Bearer ${SECRET}`, 'X-Tenant-Admin-Token': TENANT_TOKEN },
        }),
      ).resolves.toBeDefined();
    } finally {
      await server.close();
    }

    const consumes = await runCliJson(
      ['consumes', '--contract', CONTRACT, '--go', 'consumer/go', '--type', 'wsProvisionRequest'],
      { cwd: dir },
    );
    expect(consumes.exit).toBe(1);
    expect(consumes.findings.map((f) => [f.rule, f.path])).toEqual([
      ['CONSUMER_FIELD_MISSING', '/properties/template_assets/cp_consumes'],
    ]);
  });
});
