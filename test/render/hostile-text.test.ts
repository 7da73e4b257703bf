import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emitReport, type CliIo } from '../../src/cli/io.js';
import type { Finding } from '../../src/finding.js';
import { markdownCode, markdownText, neutraliseCommands, plain } from '../../src/render/escape.js';
import { FORMATS, type Format, type Report } from '../../src/render/index.js';
import { runCli } from '../support/run-cli.js';

/** Names written to break each output format. */
const HOSTILE = [
  'a\n::add-mask::secret',
  'b\r\n::error file=x::forged',
  '::stop-commands::tok',
  '\u001b[31mred\u001b[0m\u001b]0;title\u0007',
  'bidi\u202egnp.exe',
  '<img src=x onerror=alert(1)><!--',
  '@octocat and @github/security',
  'tick`s``and```more',
  'pipe|cell|break',
  '# heading\n> quote\n✅ All checks passed',
  '&lt;script&gt; *em* _u_ [link](http://x) ~~s~~ $x$',
];

function findingFor(name: string, i: number): Finding {
  return {
    rule: 'PRODUCER_TYPE_MISMATCH',
    severity: 'error',
    file: `contracts/${name}.contract.json`,
    line: i + 1,
    column: 1,
    path: `/properties/${name}`,
    field: name,
    message: `Field "${name}" differs; note "${name}".`,
    related: { label: `producer ${name}`, file: `producer/${name}.go`, line: 1, column: 1 },
  };
}

const report: Report = {
  command: 'pin',
  subject: `contract ${HOSTILE[0]}`,
  findings: HOSTILE.map(findingFor),
  notes: HOSTILE.map((h) => `note ${h}`),
};

async function printed(format: Format): Promise<string> {
  let out = '';
  const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (out += t), env: {}, cwd: process.cwd(), isTty: false };
  await emitReport(io, report, format);
  return out;
}

const OWN_COMMAND = /^::(error|warning|notice) (file=[^,:]*,line=\d+,col=\d+,)?title=[^,:]*::[^\r]*$/u;

describe('every format, fed hostile names', () => {
  for (const format of FORMATS) {
    it(`${format}: no line reads as a workflow command that is not wirepin's own`, async () => {
      for (const line of (await printed(format)).split('\n')) {
        if (/^\s*::/u.test(line)) expect(line, line).toMatch(OWN_COMMAND);
      }
    });
  }

  it('github: one escaped annotation per finding, nothing else', async () => {
    const lines = (await printed('github')).trimEnd().split('\n');
    expect(lines).toHaveLength(HOSTILE.length);
    for (const line of lines) {
      expect(line).toMatch(OWN_COMMAND);
      expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/u);
    }
  });

  it('text: no control, escape or bidi character reaches the terminal, and each name stays on its line', async () => {
    const out = await printed('text');
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u);
    expect(out).toContain('\\u{001b}[31mred');
    expect(out).toContain('bidi\\u{202e}gnp.exe');
    expect(out).toContain('contracts/a\\u{000a}::add-mask::secret.contract.json');
  });

  it('markdown: no HTML, no mention, no fake verdict line, and every row keeps its five cells', async () => {
    const out = await printed('markdown');
    // Outside code spans (where HTML is literal text), every "<" but wirepin's own <br> is escaped.
    const outsideCode = out.replace(/(`+).*?(?<!`)\1(?!`)/gu, '');
    expect(outsideCode).not.toMatch(/(?<!\\)<(?!br>)/u);
    expect(outsideCode).not.toMatch(/@(?!\u200d)/u);
    expect(out.split('\n').filter((l) => l.startsWith('✅'))).toEqual([]);
    expect(out.split('\n').filter((l) => /^\s*#/u.test(l))).toEqual(['### wirepin pin']);
    const rows = out.split('\n').filter((l) => l.startsWith('| ❌'));
    expect(rows).toHaveLength(HOSTILE.length);
    for (const row of rows) expect(row.split(/(?<!\\)\|/u)).toHaveLength(7);
  });
});

describe('the escaping layer', () => {
  it('plain makes control, escape and bidi characters visible and leaves ordinary text alone', () => {
    expect(plain('template_assets 100% «ü»')).toBe('template_assets 100% «ü»');
    expect(plain('a\nb\r\u001b\u202e\u0085')).toBe('a\\u{000a}b\\u{000d}\\u{001b}\\u{202e}\\u{0085}');
  });

  it('neutraliseCommands prefixes only lines that start a workflow command', () => {
    expect(neutraliseCommands('ok\n  ::add-mask::x\na :: b')).toBe('ok\n>   ::add-mask::x\na :: b');
  });

  it('markdownText escapes syntax, breaks mentions and joins lines; markdownCode out-fences backticks', () => {
    expect(markdownText('template_assets')).toBe('template_assets');
    expect(markdownText('_x_ <b> @me a|b\n# h')).toBe('\\_x\\_ \\<b\\> @\u200dme a\\|b # h');
    expect(markdownText('# heading')).toBe('\\# heading');
    expect(markdownText('1. item')).toBe('1\\. item');
    expect(markdownCode('a``b')).toBe('``` a``b ```');
    expect(markdownCode('plain')).toBe('`plain`');
    expect(markdownCode('x|y')).toBe('`x\\|y`');
  });
});

describe('stderr', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wirepin-stderr-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const format of ['text', 'github'] as const) {
    it(`${format}: an error naming a hostile path is one safe line (or one escaped annotation)`, async () => {
      const name = 'x\n::add-mask::secret\n::error::forged\u001b[2J';
      const run = await runCli(['lint', '--format', format, name], { cwd: dir });
      expect(run.exit).toBe(2);
      expect(run.stderr).not.toMatch(/\u001b/u);
      for (const line of run.stderr.split('\n')) if (/^\s*::/u.test(line)) expect(line).toMatch(OWN_COMMAND);
      if (format === 'github') expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    });
  }

  it('a type name with a newline and a workflow command in wirepin.yaml stays inert', async () => {
    writeFileSync(
      join(dir, 'wirepin.yaml'),
      'version: 1\ncontracts:\n  - contract: missing.contract.json\n    producer:\n      go: .\n      type: "T\\n::add-mask::x"\n    bogus: 1\n',
    );
    const run = await runCli(['check'], { cwd: dir });
    expect(run.exit).toBe(2);
    for (const line of run.stderr.split('\n')) expect(line).not.toMatch(/^\s*::/u);
  });
});
