/**
 * The hostile-input table: malformed contracts and sources, each with the
 * exit code wirepin must give and a fragment of what it must say. Small
 * inputs are checked in under corpus/; large or deep ones (50 MB files,
 * 200,000 levels of nesting, symlinks) are made by `setup` in a temporary
 * directory at test time. Paths in `args` are relative to that directory,
 * which holds a copy of corpus/ as `corpus/`. A case wirepin gets wrong is
 * fixed, not marked: there is no expected-failure row.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface HostileCase {
  readonly id: string;
  /** What is hostile about the input. */
  readonly what: string;
  /** The wirepin arguments (after `wirepin`). */
  readonly args: readonly string[];
  /** Creates generated inputs under `dir`: the case's working directory (the temp root unless `cwd` is set). */
  readonly setup?: (dir: string) => void;
  /** Working directory below the temp root, when the case needs its own (e.g. a contracts/ folder). */
  readonly cwd?: string;
  /** The exit code, or the codes that are acceptable. */
  readonly exit: number | readonly number[];
  /** Must appear in stdout + stderr. */
  readonly says: string;
  /** Run as a real process (node bin/wirepin.js) rather than in-process. */
  readonly viaProcess?: boolean;
  /** Wall-time bound in ms (default 20 s). */
  readonly boundMs?: number;
}

const MiB = 1024 * 1024;
const VALID = 'corpus/contracts/valid.contract.json';

function write(dir: string, file: string, text: string | Uint8Array): void {
  mkdirSync(join(dir, file, '..'), { recursive: true });
  writeFileSync(join(dir, file), text);
}

/** The small valid contract with `replacement` spliced in place of `"A page of items."` (its description). */
function validWith(description: string): string {
  return JSON.stringify({
    title: 'Small',
    endpoint: 'POST /small',
    producer: { name: 'core', repo: 'core', type: 'Req' },
    consumer: { name: 'cp', repo: 'cp', type: 'Req' },
    type: 'object',
    additionalProperties: false,
    required: ['p'],
    properties: {
      p: {
        type: 'object',
        description: 'DESCRIPTION',
        cp_consumes: true,
        additionalProperties: false,
        required: ['items'],
        properties: {
          items: { type: ['array', 'null'], items: { type: 'string' }, cp_consumes: true },
          next: { type: 'string', cp_consumes: false, note: 'Sent for paging; cp reads every page at once.' },
        },
      },
    },
  }).replace('"DESCRIPTION"', description);
}

/** A Go package declaring Req as the valid contract describes it, plus `extra` Go text. */
function goReq(extra = '', field = 'Next  string   `json:"next,omitempty"`'): string {
  return `package wire\n\ntype Req struct {\n\tP struct {\n\t\tItems []string \`json:"items"\`\n\t\t${field}\n\t} \`json:"p"\`\n}\n${extra}`;
}

function repeat(text: string, times: number): string {
  return text.repeat(times);
}

export const HOSTILE_CASES: readonly HostileCase[] = [
  // ---------------------------------------------------------------- contracts: control
  {
    id: 'valid',
    what: 'the small valid contract (control)',
    args: ['lint', VALID],
    exit: 0,
    says: 'no findings',
    viaProcess: true,
  },

  // ---------------------------------------------------------------- contracts: nesting
  {
    id: 'deep-objects',
    what: '10,000 levels of nested objects',
    setup: (dir) => write(dir, 'gen/deep-objects.json', `${repeat('{"a":', 10_000)}1${repeat('}', 10_000)}`),
    args: ['lint', 'gen/deep-objects.json'],
    exit: 2,
    says: 'JSON nests deeper than 128 levels',
    viaProcess: true,
  },
  {
    id: 'deep-arrays-in-field',
    what: '200,000 levels of nested arrays as a field description',
    setup: (dir) => write(dir, 'gen/deep-arrays.json', validWith(`${repeat('[', 200_000)}${repeat(']', 200_000)}`)),
    args: ['lint', 'gen/deep-arrays.json'],
    exit: 2,
    says: 'JSON nests deeper than 128 levels',
    viaProcess: true,
  },
  {
    id: 'nesting-at-the-limit',
    what: '120 levels of arrays in "examples": deep, but within the limit',
    setup: (dir) =>
      write(
        dir,
        'gen/nesting-ok.json',
        validWith(`"Deep examples follow.", "examples": [${repeat('[', 120)}${repeat(']', 120)}]`),
      ),
    args: ['lint', 'gen/nesting-ok.json'],
    exit: 0,
    says: 'no findings',
  },
  {
    id: 'generate-deep',
    what: 'generate --check on a contract nested past the limit',
    cwd: 'gen/generate-deep',
    setup: (dir) => write(dir, 'contracts/deep.contract.json', `${repeat('[', 5_000)}${repeat(']', 5_000)}`),
    args: ['generate', '--check'],
    exit: 2,
    says: 'JSON nests deeper than 128 levels',
  },

  // ---------------------------------------------------------------- contracts: size
  {
    id: '50mb-contract',
    what: 'a 50 MB contract (one huge string)',
    setup: (dir) => write(dir, 'gen/50mb.contract.json', validWith(`"${'x'.repeat(50 * MiB)}"`)),
    args: ['lint', 'gen/50mb.contract.json'],
    exit: 2,
    says: "over wirepin's 8388608-byte limit for a contract",
    viaProcess: true,
  },
  {
    id: 'just-under-the-size-limit',
    what: 'a valid contract padded with whitespace to just under 8 MiB',
    setup: (dir) => {
      const text = validWith('"A page of items."');
      write(dir, 'gen/8mb.contract.json', text.replace('{', `{${' '.repeat(8 * MiB - text.length - 1024)}`));
    },
    args: ['lint', 'gen/8mb.contract.json'],
    exit: 0,
    says: 'no findings',
    viaProcess: true,
  },

  // ---------------------------------------------------------------- contracts: encoding
  {
    id: 'invalid-utf8',
    what: 'a 0xFF byte',
    args: ['lint', 'corpus/contracts/invalid-utf8.contract.json'],
    exit: 2,
    says: 'not valid UTF-8 (bad byte 0xff at byte 372)',
    viaProcess: true,
  },
  {
    id: 'overlong-utf8',
    what: 'an overlong encoding of "/" (C0 AF)',
    args: ['lint', 'corpus/contracts/overlong-utf8.contract.json'],
    exit: 2,
    says: 'not valid UTF-8 (bad byte 0xc0 at byte 369)',
  },
  {
    id: 'surrogate-utf8',
    what: 'a UTF-16 surrogate encoded as UTF-8 (ED A0 80)',
    args: ['lint', 'corpus/contracts/surrogate-utf8.contract.json'],
    exit: 2,
    says: 'not valid UTF-8 (bad byte 0xed at byte 369)',
  },
  {
    id: 'utf16le-bom',
    what: 'UTF-16LE with its BOM',
    args: ['lint', 'corpus/contracts/utf16le-bom.contract.json'],
    exit: 2,
    says: 'not valid UTF-8 (bad byte 0xff at byte 0)',
  },
  {
    id: 'bom',
    what: 'a UTF-8 BOM before a valid contract',
    args: ['lint', 'corpus/contracts/bom.contract.json'],
    exit: 0,
    says: 'no findings',
    viaProcess: true,
  },
  {
    id: 'double-bom',
    what: 'two UTF-8 BOMs (the second is U+FEFF text, not JSON)',
    args: ['lint', 'corpus/contracts/double-bom.contract.json'],
    exit: 2,
    says: 'Invalid JSON',
  },
  {
    id: 'nul-in-string',
    what: 'a raw NUL inside a string',
    args: ['lint', 'corpus/contracts/nul-in-string.contract.json'],
    exit: 2,
    says: 'raw control character U+0000',
    viaProcess: true,
  },
  {
    id: 'nul-between-tokens',
    what: 'a NUL byte between tokens',
    args: ['lint', 'corpus/contracts/nul-between-tokens.contract.json'],
    exit: 2,
    says: 'Invalid JSON: Unexpected character',
  },
  {
    id: 'all-nul',
    what: '64 NUL bytes',
    args: ['lint', 'corpus/contracts/all-nul.contract.json'],
    exit: 2,
    says: 'Invalid JSON: Unexpected character',
  },
  {
    id: 'control-char-key',
    what: 'a raw U+0001 in a key',
    args: ['lint', 'corpus/contracts/control-char-key.contract.json'],
    exit: 2,
    says: 'raw control character U+0001',
  },

  // ---------------------------------------------------------------- contracts: syntax and shape
  {
    id: 'empty',
    what: 'an empty file',
    args: ['lint', 'corpus/contracts/empty.contract.json'],
    exit: 2,
    says: 'The file is empty',
  },
  {
    id: 'whitespace',
    what: 'whitespace only',
    args: ['lint', 'corpus/contracts/whitespace.contract.json'],
    exit: 2,
    says: 'The file is empty',
  },
  {
    id: 'top-level-array',
    what: 'an array at the top',
    args: ['lint', 'corpus/contracts/top-level-array.contract.json'],
    exit: 2,
    says: 'must be a JSON object',
  },
  {
    id: 'double-comma',
    what: 'a doubled comma',
    args: ['lint', 'corpus/contracts/trailing-comma.contract.json'],
    exit: 2,
    says: 'Invalid JSON: Unexpected token',
  },

  // ---------------------------------------------------------------- contracts: numbers
  {
    id: 'huge-exponent',
    what: '"maxLength": 1e400 (beyond float64)',
    args: ['lint', 'corpus/contracts/huge-exponent.contract.json'],
    exit: 1,
    says: 'maxLength',
    viaProcess: true,
  },
  {
    id: 'uint64',
    what: '"maxLength": 2^64 (beyond 2^53, still a valid integer)',
    args: ['lint', 'corpus/contracts/uint64.contract.json'],
    exit: 0,
    says: 'no findings',
  },

  // ---------------------------------------------------------------- contracts: keywords outside the dialect
  // Each would make a consumer validating with the contract reject bodies the pinned producer sends.
  {
    id: 'root-not',
    what: 'a top-level "not"',
    args: ['lint', 'corpus/contracts/root-not.contract.json'],
    exit: 1,
    says: 'UNSUPPORTED_SCHEMA',
  },
  {
    id: 'root-const',
    what: 'a top-level "const"',
    args: ['lint', 'corpus/contracts/root-const.contract.json'],
    exit: 1,
    says: 'UNSUPPORTED_SCHEMA',
  },
  {
    id: 'root-minproperties',
    what: 'a top-level "minProperties"',
    args: ['lint', 'corpus/contracts/root-minproperties.contract.json'],
    exit: 1,
    says: 'UNSUPPORTED_SCHEMA',
  },
  {
    id: 'root-dependentschemas',
    what: 'a top-level "dependentSchemas"',
    args: ['lint', 'corpus/contracts/root-dependentschemas.contract.json'],
    exit: 1,
    says: 'UNSUPPORTED_SCHEMA',
  },
  {
    id: 'root-ref',
    what: 'a top-level "$ref"',
    args: ['lint', 'corpus/contracts/root-ref.contract.json'],
    exit: 1,
    says: 'UNSUPPORTED_SCHEMA',
  },
  {
    id: 'root-allof',
    what: 'a top-level "allOf"',
    args: ['lint', 'corpus/contracts/root-allof.contract.json'],
    exit: 1,
    says: 'UNSUPPORTED_SCHEMA',
  },
  {
    id: 'root-if',
    what: 'a top-level "if"',
    args: ['lint', 'corpus/contracts/root-if.contract.json'],
    exit: 1,
    says: 'UNSUPPORTED_SCHEMA',
  },
  {
    id: 'root-patternproperties',
    what: 'a top-level "patternProperties"',
    args: ['lint', 'corpus/contracts/root-patternproperties.contract.json'],
    exit: 1,
    says: 'UNSUPPORTED_SCHEMA',
  },
  {
    id: 'items-anyof',
    what: 'an "anyOf" in array items',
    args: ['lint', 'corpus/contracts/items-anyof.contract.json'],
    exit: 1,
    says: 'The keyword "anyOf" is not supported in array items',
  },
  // ---------------------------------------------------------------- contracts: value constraints diff must see
  {
    id: 'diff-enum-narrowed',
    what: 'a value constraint edit (enum narrowed)',
    args: [
      'diff',
      'corpus/contracts/constraint-base.contract.json',
      'corpus/contracts/constraint-enum-narrowed.contract.json',
      '--fail-on',
      'any',
    ],
    exit: 1,
    says: 'FIELD_CONSTRAINT_CHANGED',
  },
  {
    id: 'diff-pattern-added',
    what: 'a value constraint edit (pattern added)',
    args: [
      'diff',
      'corpus/contracts/constraint-base.contract.json',
      'corpus/contracts/constraint-pattern-added.contract.json',
      '--fail-on',
      'any',
    ],
    exit: 1,
    says: 'FIELD_CONSTRAINT_CHANGED',
  },
  {
    id: 'diff-maxlength-added',
    what: 'a value constraint edit (maxlength added)',
    args: [
      'diff',
      'corpus/contracts/constraint-base.contract.json',
      'corpus/contracts/constraint-maxlength-added.contract.json',
      '--fail-on',
      'any',
    ],
    exit: 1,
    says: 'FIELD_CONSTRAINT_CHANGED',
  },
  {
    id: 'diff-format-added',
    what: 'a value constraint edit (format added)',
    args: [
      'diff',
      'corpus/contracts/constraint-base.contract.json',
      'corpus/contracts/constraint-format-added.contract.json',
      '--fail-on',
      'any',
    ],
    exit: 1,
    says: 'FIELD_CONSTRAINT_CHANGED',
  },
  {
    id: 'diff-minitems-added',
    what: 'a value constraint edit (minitems added)',
    args: [
      'diff',
      'corpus/contracts/constraint-base.contract.json',
      'corpus/contracts/constraint-minitems-added.contract.json',
      '--fail-on',
      'any',
    ],
    exit: 1,
    says: 'FIELD_CONSTRAINT_CHANGED',
  },
  {
    id: 'diff-items-maxlength-added',
    what: 'a value constraint edit (items maxlength added)',
    args: [
      'diff',
      'corpus/contracts/constraint-base.contract.json',
      'corpus/contracts/constraint-items-maxlength-added.contract.json',
      '--fail-on',
      'any',
    ],
    exit: 1,
    says: 'FIELD_CONSTRAINT_CHANGED',
  },
  {
    id: 'diff-const-added',
    what: 'a value constraint edit (const added)',
    args: [
      'diff',
      'corpus/contracts/constraint-base.contract.json',
      'corpus/contracts/constraint-const-added.contract.json',
      '--fail-on',
      'any',
    ],
    exit: 1,
    says: 'FIELD_CONSTRAINT_CHANGED',
  },

  // ---------------------------------------------------------------- contracts: prototype keys
  {
    id: 'proto-field',
    what: 'a wire field named "__proto__"',
    args: ['lint', 'corpus/contracts/proto-field.contract.json'],
    exit: 0,
    says: 'no findings',
    viaProcess: true,
  },
  // Not a JSON Schema keyword: refused like any other, and read as plain data (no prototype is touched).
  {
    id: 'proto-top-level',
    what: 'a top-level "__proto__" member',
    args: ['lint', 'corpus/contracts/proto-top-level.contract.json'],
    exit: 1,
    says: 'The keyword "__proto__" is not one wirepin understands',
  },
  {
    id: 'proto-duplicate',
    what: '"__proto__" twice in one object',
    args: ['lint', 'corpus/contracts/proto-duplicate.contract.json'],
    exit: 1,
    says: 'Key "__proto__" appears twice',
  },
  {
    id: 'proto-required',
    what: '"__proto__" required but not declared',
    args: ['lint', 'corpus/contracts/proto-required.contract.json'],
    exit: 1,
    says: '"__proto__" is listed in "required" but not declared',
  },
  {
    id: 'constructor-fields',
    what: 'fields named constructor, toString, hasOwnProperty',
    args: ['lint', 'corpus/contracts/constructor-fields.contract.json'],
    exit: 0,
    says: 'no findings',
  },
  {
    id: 'lone-surrogate-escape',
    what: 'an escaped lone surrogate "\\ud800" in a description',
    args: ['lint', 'corpus/contracts/lone-surrogate-escape.contract.json'],
    exit: 0,
    says: 'no findings',
  },

  // ---------------------------------------------------------------- contracts: paths
  {
    id: 'symlink-to-contract',
    what: 'a symlink to a valid contract',
    setup: (dir) => symlinkSync(join(dir, VALID), join(dir, 'gen', 'link.contract.json')),
    args: ['lint', 'gen/link.contract.json'],
    exit: 0,
    says: 'no findings',
    viaProcess: true,
  },
  {
    id: 'symlink-loop',
    what: 'two symlinks pointing at each other',
    setup: (dir) => {
      symlinkSync('loop-b.contract.json', join(dir, 'gen', 'loop-a.contract.json'));
      symlinkSync('loop-a.contract.json', join(dir, 'gen', 'loop-b.contract.json'));
    },
    args: ['lint', 'gen/loop-a.contract.json'],
    exit: 2,
    says: 'ELOOP',
    viaProcess: true,
  },
  {
    id: 'symlink-loop-in-contracts-dir',
    what: 'lint with no arguments over a contracts/ folder holding a symlink loop',
    cwd: 'gen/loop-dir',
    setup: (dir) => {
      mkdirSync(join(dir, 'contracts'), { recursive: true });
      symlinkSync('b.contract.json', join(dir, 'contracts', 'a.contract.json'));
      symlinkSync('a.contract.json', join(dir, 'contracts', 'b.contract.json'));
    },
    args: ['lint'],
    exit: 2,
    says: 'ELOOP',
  },
  {
    id: 'fifo-in-contracts-dir',
    what: 'lint with no arguments over a contracts/ folder holding a FIFO (used to hang on the open)',
    cwd: 'gen/fifo-dir',
    setup: (dir) => {
      mkdirSync(join(dir, 'contracts'), { recursive: true });
      execFileSync('mkfifo', [join(dir, 'contracts', 'pipe.contract.json')]);
    },
    args: ['lint'],
    exit: 2,
    says: 'FIFO',
  },
  {
    id: 'contract-symlink-to-dev-zero',
    what: 'a contract that is a symlink to /dev/zero (stat says 0 bytes; used to be read until memory ran out)',
    cwd: 'gen/dev-zero',
    setup: (dir) => {
      mkdirSync(dir, { recursive: true });
      symlinkSync('/dev/zero', join(dir, 'zero.contract.json'));
    },
    args: ['lint', 'zero.contract.json'],
    exit: 2,
    says: 'character device',
  },
  {
    id: 'dangling-symlink',
    what: 'a symlink to nothing',
    setup: (dir) => symlinkSync('nowhere.contract.json', join(dir, 'gen', 'dangling.contract.json')),
    args: ['lint', 'gen/dangling.contract.json'],
    exit: 2,
    says: 'ENOENT',
  },
  {
    id: 'symlink-to-directory',
    what: 'a symlink to a directory',
    setup: (dir) => symlinkSync(join(dir, 'corpus'), join(dir, 'gen', 'dir.contract.json')),
    args: ['lint', 'gen/dir.contract.json'],
    exit: 2,
    says: 'is a directory, not a contract file',
  },

  // ---------------------------------------------------------------- Go sources
  {
    id: 'go-generics',
    what: 'a generic struct instantiated by the root type',
    args: ['pin', '--contract', VALID, '--go', 'corpus/go/generics', '--type', 'Req'],
    exit: 0,
    says: 'no findings',
    viaProcess: true,
  },
  {
    id: 'go-generic-root',
    what: 'the generic type itself as the root: its type parameter is unknown',
    args: ['pin', '--contract', VALID, '--go', 'corpus/go/generics', '--type', 'Page'],
    exit: 1,
    says: '"T" is a type parameter',
  },
  {
    id: 'go-deep-expression-reads',
    what: 'consumes with the read analysis on 20,000 nested parentheses around a field read',
    setup: (dir) =>
      write(
        dir,
        'gen/go-deep-expr/p.go',
        `package p\n\nimport "encoding/json"\n\ntype Req struct {\n\tName string \`json:"name"\`\n}\n\nfunc f(b []byte) string {\n\tvar req Req\n\t_ = json.Unmarshal(b, &req)\n\treturn ${repeat('(', 20_000)}req.Name${repeat(')', 20_000)}\n}\n`,
      ),
    args: ['consumes', '--contract', VALID, '--go', 'gen/go-deep-expr', '--type', 'Req'],
    exit: 2,
    says: 'too deep for the read analysis',
  },
  {
    id: 'go-syntax-error',
    what: 'an unterminated tag and struct',
    args: ['pin', '--contract', VALID, '--go', 'corpus/go/syntax-error', '--type', 'Req'],
    exit: 2,
    says: 'Go syntax error in',
    viaProcess: true,
  },
  {
    id: 'go-nul',
    what: 'a NUL byte in Go source (go build: "invalid NUL character")',
    args: ['pin', '--contract', VALID, '--go', 'corpus/go/nul', '--type', 'Req'],
    exit: 2,
    says: 'NUL',
  },
  {
    id: 'go-invalid-utf8',
    what: 'a Latin-1 byte in a Go comment (go build: "invalid UTF-8 encoding")',
    args: ['pin', '--contract', VALID, '--go', 'corpus/go/invalid-utf8', '--type', 'Req'],
    exit: 2,
    says: 'UTF-8',
  },
  {
    id: 'go-50mb',
    what: 'a 50 MB Go file (a valid struct and a 50 MB comment)',
    setup: (dir) => write(dir, 'gen/go-50mb/req.go', goReq(`// ${'x'.repeat(50 * MiB)}\n`)),
    args: ['pin', '--contract', VALID, '--go', 'gen/go-50mb', '--type', 'Req'],
    exit: 0,
    says: 'no findings',
    viaProcess: true,
    boundMs: 30_000,
  },
  {
    id: 'go-deep-slices',
    what: 'a field of type [][]...string, 5,000 levels',
    setup: (dir) =>
      write(dir, 'gen/go-deep-slices/req.go', goReq('', `Next ${'[]'.repeat(5_000)}string \`json:"next,omitempty"\``)),
    args: ['pin', '--contract', VALID, '--go', 'gen/go-deep-slices', '--type', 'Req'],
    exit: [1, 2],
    says: '"Next" in "gen/go-deep-slices/req.go" nests deeper than 64 levels',
    viaProcess: true,
  },
  {
    id: 'go-deep-pointers',
    what: 'a field of type ****...string, 5,000 levels',
    setup: (dir) =>
      write(dir, 'gen/go-deep-pointers/req.go', goReq('', `Next ${'*'.repeat(5_000)}string \`json:"next,omitempty"\``)),
    args: ['pin', '--contract', VALID, '--go', 'gen/go-deep-pointers', '--type', 'Req'],
    exit: [1, 2],
    says: '"Next" in "gen/go-deep-pointers/req.go" nests deeper than 64 levels',
  },
  {
    id: 'go-deep-anonymous-structs',
    what: 'anonymous structs nested 3,000 levels in one field',
    setup: (dir) =>
      write(
        dir,
        'gen/go-deep-structs/req.go',
        goReq('', `Next ${repeat('struct { F ', 3_000)}string${repeat(' }', 3_000)} \`json:"next,omitempty"\``),
      ),
    args: ['pin', '--contract', VALID, '--go', 'gen/go-deep-structs', '--type', 'Req'],
    exit: [1, 2],
    says: 'nests deeper than 64 levels',
    viaProcess: true,
  },
  {
    id: 'go-struct-chain-past-32',
    what: '40 named structs, each holding the next: cut off at 32 levels',
    setup: (dir) => {
      const types = Array.from(
        { length: 40 },
        (_, i) => `type S${i} struct {\n\tN ${i < 39 ? `S${i + 1}` : 'string'} \`json:"n"\`\n}\n`,
      ).join('\n');
      write(dir, 'gen/go-chain/req.go', goReq(types, 'Next  S0       `json:"next,omitempty"`'));
    },
    args: ['pin', '--contract', VALID, '--go', 'gen/go-chain', '--type', 'Req'],
    exit: 1,
    says: 'struct nesting deeper than 32 levels is not unrolled',
  },
  {
    id: 'go-symlink-loop',
    what: 'a package whose .go files are a symlink loop',
    setup: (dir) => {
      mkdirSync(join(dir, 'gen', 'go-loop'));
      symlinkSync('b.go', join(dir, 'gen', 'go-loop', 'a.go'));
      symlinkSync('a.go', join(dir, 'gen', 'go-loop', 'b.go'));
    },
    args: ['pin', '--contract', VALID, '--go', 'gen/go-loop', '--type', 'Req'],
    exit: 2,
    // go build does not read links; with both skipped, no Go file is left.
    says: 'contains no Go source files that go build compiles',
  },
  {
    id: 'go-editor-lock-symlink',
    what: 'an editor lock file (a dangling symlink named like a .go file) beside the real source',
    setup: (dir) => {
      write(dir, 'gen/go-lock/req.go', goReq());
      symlinkSync('user@host.4242:1700000000', join(dir, 'gen', 'go-lock', 'lock.go'));
    },
    args: ['pin', '--contract', VALID, '--go', 'gen/go-lock', '--type', 'Req'],
    exit: [0, 1],
    says: 'note: skipped "gen/go-lock/lock.go": it is a symbolic link',
  },
  {
    id: 'go-type-declared-twice',
    what: 'the type declared in two files go build compiles',
    setup: (dir) => {
      write(dir, 'gen/go-twice/a.go', goReq());
      write(dir, 'gen/go-twice/b.go', goReq());
    },
    args: ['pin', '--contract', VALID, '--go', 'gen/go-twice', '--type', 'Req'],
    exit: 2,
    says: 'Type "Req" is declared twice in the files go build compiles: gen/go-twice/a.go:3:6 and gen/go-twice/b.go:3:6.',
  },
  {
    id: 'go-bad-build-constraint',
    what: 'a //go:build line that does not parse',
    setup: (dir) => write(dir, 'gen/go-badbuild/req.go', `//go:build linux &&\n\n${goReq()}`),
    args: ['pin', '--contract', VALID, '--go', 'gen/go-badbuild', '--type', 'Req'],
    exit: 2,
    says: 'cannot be parsed: parsing //go:build line: unexpected end of expression',
  },
  {
    id: 'go-no-files',
    what: 'a directory with no Go files',
    args: ['pin', '--contract', VALID, '--go', 'corpus/ts', '--type', 'Req'],
    exit: 2,
    says: 'contains no Go source files',
  },
  {
    id: 'go-unknown-type',
    what: 'a type name that does not exist',
    args: ['pin', '--contract', VALID, '--go', 'corpus/go/generics', '--type', 'Nope'],
    exit: 2,
    says: 'Type "Nope" is not declared',
  },

  // ---------------------------------------------------------------- TypeScript sources
  {
    id: 'ts-does-not-typecheck',
    what: 'a TS file with a missing type, an unknown import and a type error',
    args: ['pin', '--contract', VALID, '--ts', 'corpus/ts/does-not-typecheck.ts', '--type', 'Req'],
    exit: 1,
    says: 'does not resolve',
    viaProcess: true,
  },
  {
    id: 'ts-accessor-field',
    what: 'a class `accessor` field, which JSON.stringify never sends',
    args: ['pin', '--contract', VALID, '--ts', 'corpus/ts/accessor.ts', '--type', 'Req'],
    exit: 1,
    says: 'PRODUCER_FIELD_MISSING',
  },
  {
    id: 'ts-interface-getter',
    what: 'an interface getter, which an object literal sends',
    args: ['pin', '--contract', VALID, '--ts', 'corpus/ts/interface-getter.ts', '--type', 'Req'],
    exit: 0,
    says: 'no findings',
  },
  {
    id: 'ts-root-nullable',
    what: 'a root type `Body | null`',
    args: ['pin', '--contract', VALID, '--ts', 'corpus/ts/root-nullable.ts', '--type', 'Req'],
    exit: 2,
    says: 'may be null',
  },
  {
    id: 'ts-syntax-error',
    what: 'an unterminated interface',
    args: ['pin', '--contract', VALID, '--ts', 'corpus/ts/syntax-error.ts', '--type', 'Req'],
    exit: 2,
    says: 'TypeScript syntax error',
  },
  {
    id: 'ts-deep-type-literal',
    what: 'object type literals nested 3,000 levels',
    setup: (dir) =>
      write(dir, 'gen/deep.ts', `export interface Req { p: ${repeat('{ a: ', 3_000)}string${repeat(' }', 3_000)} }\n`),
    args: ['pin', '--contract', VALID, '--ts', 'gen/deep.ts', '--type', 'Req'],
    exit: [1, 2],
    says: 'deep',
  },

  // ---------------------------------------------------------------- JSON samples
  {
    id: 'json-50mb-sample',
    what: 'a 50 MB JSON sample (one huge string)',
    setup: (dir) => write(dir, 'gen/50mb.sample.json', `{"p": {"items": ["${'x'.repeat(50 * MiB)}"], "next": "n"}}`),
    args: ['pin', '--contract', VALID, '--json', 'gen/50mb.sample.json'],
    exit: 0,
    says: 'no findings',
    viaProcess: true,
  },
  {
    id: 'json-deep-sample',
    what: 'a JSON sample nested 100,000 levels',
    setup: (dir) => write(dir, 'gen/deep.sample.json', `${repeat('{"a":', 100_000)}1${repeat('}', 100_000)}`),
    args: ['pin', '--contract', VALID, '--json', 'gen/deep.sample.json'],
    exit: 2,
    says: 'nests deeper than 256 levels',
  },
  {
    id: 'json-invalid-utf8',
    what: 'a JSON sample with a Latin-1 byte',
    args: ['pin', '--contract', VALID, '--json', 'corpus/json/invalid-utf8.sample.json'],
    exit: 2,
    says: 'UTF-8',
  },
  {
    id: 'json-top-level-array',
    what: 'a sample that is an array',
    args: ['pin', '--contract', VALID, '--json', 'corpus/json/top-level-array.sample.json'],
    exit: 2,
    says: 'is an array, not an object',
  },
  {
    id: 'json-duplicate-key',
    what: 'a sample with a duplicate key',
    args: ['pin', '--contract', VALID, '--json', 'corpus/json/duplicate-key.sample.json'],
    exit: 2,
    says: 'appears twice',
  },

  // ---------------------------------------------------------------- wirepin.yaml
  {
    id: 'yaml-alias-bomb',
    what: 'a "billion laughs" alias bomb',
    args: ['check', '--config', 'corpus/config/alias-bomb.yaml'],
    exit: 2,
    says: '"contract" must be a non-empty string',
    viaProcess: true,
  },
  {
    id: 'yaml-invalid',
    what: 'unterminated flow collections',
    args: ['check', '--config', 'corpus/config/invalid.yaml'],
    exit: 2,
    says: 'is not valid YAML',
  },
  {
    id: 'yaml-symlink-loop',
    what: 'a config that is a symlink loop',
    setup: (dir) => {
      symlinkSync('cfg-b.yaml', join(dir, 'gen', 'cfg-a.yaml'));
      symlinkSync('cfg-a.yaml', join(dir, 'gen', 'cfg-b.yaml'));
    },
    args: ['check', '--config', 'gen/cfg-a.yaml'],
    exit: 2,
    says: 'ELOOP',
  },

  // ---------------------------------------------------------------- contract drafts
  {
    id: 'draft-go-syntax-error',
    what: 'drafting from Go with a syntax error',
    args: ['contract', 'from-go', 'corpus/go/syntax-error', '--type', 'Req'],
    exit: 2,
    says: 'Go syntax error in',
  },
  {
    id: 'draft-go-nul',
    what: 'drafting from Go with a NUL byte',
    args: ['contract', 'from-go', 'corpus/go/nul', '--type', 'Req'],
    exit: 2,
    says: 'NUL',
  },
  {
    id: 'draft-go-type-parameter',
    what: 'drafting a generic root: a field of unknown type parameter is refused, not guessed',
    args: ['contract', 'from-go', 'corpus/go/generics', '--type', 'Page'],
    exit: 2,
    says: 'drafts no contract rather than guess',
  },
  {
    id: 'draft-ts-syntax-error',
    what: 'drafting from TS with a syntax error',
    args: ['contract', 'from-ts', 'corpus/ts/syntax-error.ts', '--type', 'Req'],
    exit: 2,
    says: 'TypeScript syntax error',
  },

  // ---------------------------------------------------------------- usage
  {
    id: 'unknown-command',
    what: 'an unknown command',
    args: ['frobnicate'],
    exit: 2,
    says: "unknown command 'frobnicate'",
  },
  {
    id: 'pin-without-source',
    what: 'pin with no source',
    args: ['pin', '--contract', VALID],
    exit: 2,
    says: 'No source given',
  },
];
