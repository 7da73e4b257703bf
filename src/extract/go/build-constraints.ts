/**
 * Which files `go build` compiles for a target: go/build's file-name rules
 * (`_`/`.` prefixes, `_test.go`, goodOSArchFile's GOOS/GOARCH suffixes) and
 * build constraints (`//go:build`, or `// +build` lines in a file without
 * one), evaluated as go/build's matchTag does. No Go toolchain is consulted.
 */

/** The platform files are selected for; linux/amd64 unless configured. */
export interface GoTarget {
  readonly goos: string;
  readonly goarch: string;
}

export const DEFAULT_GO_TARGET: GoTarget = { goos: 'linux', goarch: 'amd64' };

/** go/build's knownOS (syslist.go), plus wasip1 from Go 1.21. */
export const KNOWN_GOOS: ReadonlySet<string> = new Set([
  'aix',
  'android',
  'darwin',
  'dragonfly',
  'freebsd',
  'hurd',
  'illumos',
  'ios',
  'js',
  'linux',
  'nacl',
  'netbsd',
  'openbsd',
  'plan9',
  'solaris',
  'wasip1',
  'windows',
  'zos',
]);

/** go/build's unixOS: the systems the `unix` constraint matches. */
const UNIX_GOOS: ReadonlySet<string> = new Set([
  'aix',
  'android',
  'darwin',
  'dragonfly',
  'freebsd',
  'hurd',
  'illumos',
  'ios',
  'linux',
  'netbsd',
  'openbsd',
  'solaris',
]);

/** go/build's knownArch (syslist.go). */
export const KNOWN_GOARCH: ReadonlySet<string> = new Set([
  '386',
  'amd64',
  'amd64p32',
  'arm',
  'armbe',
  'arm64',
  'arm64be',
  'loong64',
  'mips',
  'mipsle',
  'mips64',
  'mips64le',
  'mips64p32',
  'mips64p32le',
  'ppc',
  'ppc64',
  'ppc64le',
  'riscv',
  'riscv64',
  's390',
  's390x',
  'sparc',
  'sparc64',
  'wasm',
]);

/** Release tags go1.1 … go1.24: a toolchain of 1.24 satisfies every earlier one. */
const RELEASE_TAGS: ReadonlySet<string> = new Set(Array.from({ length: 24 }, (_, i) => `go1.${i + 1}`));

/**
 * go/build's matchTag for the default context: GOOS and GOARCH (android
 * implies linux, illumos solaris, ios darwin), `unix`, the `gc` compiler and
 * release tags. `cgo` is false, as in a cross build: wirepin cannot know
 * whether the real build has a C toolchain. Custom tags (and `ignore`) are false.
 */
export function matchTag(tag: string, target: GoTarget): boolean {
  if (tag === target.goos || tag === target.goarch || tag === 'gc') return true;
  if (target.goos === 'android' && tag === 'linux') return true;
  if (target.goos === 'illumos' && tag === 'solaris') return true;
  if (target.goos === 'ios' && tag === 'darwin') return true;
  if (tag === 'unix' && UNIX_GOOS.has(target.goos)) return true;
  return RELEASE_TAGS.has(tag);
}

/**
 * go/build's file-name rules: `_`- and `.`-prefixed files and `_test.go` are
 * never built; `name_GOOS.go`, `name_GOARCH.go`, `name_GOOS_GOARCH.go` (and
 * the same before `_test`) only for that platform (goodOSArchFile). Returns
 * the reason a file is left out, or undefined when its name allows it.
 */
export function excludedByName(fileName: string, target: GoTarget): string | undefined {
  if (fileName.startsWith('_') || fileName.startsWith('.'))
    return 'go build ignores files whose names start with "_" or "."';
  if (fileName.endsWith('_test.go')) return 'it is a test file (_test.go)';
  // goodOSArchFile: everything before the first "." and before the first "_" is ignored.
  const stem = fileName.split('.')[0] ?? '';
  const underscore = stem.indexOf('_');
  if (underscore < 0) return undefined;
  const parts = stem.slice(underscore).split('_');
  if (parts.at(-1) === 'test') parts.pop();
  const last = parts.at(-1) ?? '';
  const before = parts.at(-2);
  if (parts.length >= 2 && before !== undefined && KNOWN_GOOS.has(before) && KNOWN_GOARCH.has(last)) {
    return matchTag(last, target) && matchTag(before, target) ? undefined : `its name is for ${before}/${last}`;
  }
  if (KNOWN_GOOS.has(last) || KNOWN_GOARCH.has(last)) {
    return matchTag(last, target) ? undefined : `its name is for ${last}`;
  }
  return undefined;
}

/** A build constraint expression (go/build/constraint's Expr). */
export type ConstraintExpr =
  | { readonly op: 'tag'; readonly tag: string }
  | { readonly op: 'not'; readonly x: ConstraintExpr }
  | { readonly op: 'and' | 'or'; readonly x: ConstraintExpr; readonly y: ConstraintExpr };

export function evaluateConstraint(expr: ConstraintExpr, target: GoTarget): boolean {
  switch (expr.op) {
    case 'tag':
      return matchTag(expr.tag, target);
    case 'not':
      return !evaluateConstraint(expr.x, target);
    case 'and':
      return evaluateConstraint(expr.x, target) && evaluateConstraint(expr.y, target);
    case 'or':
      return evaluateConstraint(expr.x, target) || evaluateConstraint(expr.y, target);
  }
}

export class ConstraintSyntaxError extends Error {}

/** go/build/constraint's isValidTag: Unicode letters and digits, `_` and `.`. */
const TAG = /^[\p{L}\p{Nd}_.]+$/u;

/**
 * Parses a `//go:build` expression by go/build/constraint's grammar:
 * `||` binds looser than `&&`, `!` binds tightest, parentheses group, and a
 * tag is (Unicode) letters, digits, `_` and `.`.
 */
export function parseGoBuildExpr(text: string): ConstraintExpr {
  const tokens = text.match(/\|\||&&|[!()]|[\p{L}\p{Nd}_.]+|\S/gu) ?? [];
  let position = 0;
  const peek = (): string | undefined => tokens[position];
  const fail = (what: string): never => {
    throw new ConstraintSyntaxError(what);
  };
  const orExpr = (): ConstraintExpr => {
    let x = andExpr();
    while (peek() === '||') {
      position++;
      x = { op: 'or', x, y: andExpr() };
    }
    return x;
  };
  const andExpr = (): ConstraintExpr => {
    let x = notExpr();
    while (peek() === '&&') {
      position++;
      x = { op: 'and', x, y: notExpr() };
    }
    return x;
  };
  const notExpr = (): ConstraintExpr => {
    const token = peek();
    if (token === '!') {
      position++;
      return { op: 'not', x: notExpr() };
    }
    if (token === '(') {
      position++;
      const inner = orExpr();
      if (peek() !== ')') fail('missing close paren');
      position++;
      return inner;
    }
    if (token === undefined) return fail('unexpected end of expression');
    if (!TAG.test(token)) return fail(`unexpected token ${token}`);
    position++;
    return { op: 'tag', tag: token };
  };
  const expr = orExpr();
  if (position < tokens.length) fail(`unexpected token ${tokens[position] ?? ''}`);
  return expr;
}

/**
 * A `// +build` line, as go/build/constraint's parsePlusBuildExpr reads it: space-separated options are ORed,
 * comma-separated terms ANDed, `!` negates one term. A term that is not a valid tag (`-x`, `!!x`, a lone `!`) is the
 * tag `ignore`, which is never set, and so is a line with no options at all: such lines never fail to parse.
 */
export function parsePlusBuildLine(options: string): ConstraintExpr {
  const clauses = options
    .split(/\s+/u)
    .filter((option) => option !== '')
    .map((option) =>
      option
        .split(',')
        .map(plusBuildTerm)
        .reduce((x, y): ConstraintExpr => ({ op: 'and', x, y })),
    );
  return clauses.length === 0 ? IGNORE : clauses.reduce((x, y): ConstraintExpr => ({ op: 'or', x, y }));
}

/** The tag no build sets: what go/build/constraint makes of a `// +build` term it cannot read. */
const IGNORE: ConstraintExpr = { op: 'tag', tag: 'ignore' };

function plusBuildTerm(term: string): ConstraintExpr {
  if (term.startsWith('!!') || term === '!') return IGNORE;
  const negated = term.startsWith('!');
  const tag = negated ? term.slice(1) : term;
  const named: ConstraintExpr = TAG.test(tag) ? { op: 'tag', tag } : IGNORE;
  return negated ? { op: 'not', x: named } : named;
}

/** Where a `//go:build` line failed to parse: 1-based line, and why. */
export interface ConstraintProblem {
  readonly line: number;
  readonly reason: string;
}

export type FileConstraint =
  | { readonly ok: true; readonly built: boolean; readonly expression: string | undefined }
  | { readonly ok: false; readonly problem: ConstraintProblem };

/**
 * go/build's shouldBuild over parseFileHeader: the leading run of blank and
 * `//` lines (a `/* *\/` comment ends it) holds the constraints. A
 * `//go:build` line there decides alone; two are an error. Otherwise every
 * `// +build` line before the last blank line of that run must hold.
 */
export function fileConstraint(text: string, target: GoTarget): FileConstraint {
  const lines = text.split('\n');
  let goBuild: { expression: string; line: number } | undefined;
  let plusBuildEnd = 0;
  let inBlockComment = false;
  let ended = false;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '' && !ended) {
      plusBuildEnd = i;
      continue;
    }
    if (!line.startsWith('//')) ended = true;
    if (!inBlockComment && /^\/\/go:build(\s|$)/.test(line)) {
      if (goBuild !== undefined) return { ok: false, problem: { line: i + 1, reason: 'multiple //go:build comments' } };
      goBuild = { expression: line.slice('//go:build'.length).trim(), line: i + 1 };
    }
    // Skip over comments; any other text ends the header.
    let rest = line;
    let stop = false;
    while (rest.length > 0) {
      if (inBlockComment) {
        const close = rest.indexOf('*/');
        if (close < 0) break;
        inBlockComment = false;
        rest = rest.slice(close + 2).trim();
        continue;
      }
      if (rest.startsWith('//')) break;
      if (rest.startsWith('/*')) {
        inBlockComment = true;
        rest = rest.slice(2).trim();
        continue;
      }
      stop = true;
      break;
    }
    if (stop) break;
  }
  if (goBuild !== undefined) {
    try {
      const expr = parseGoBuildExpr(goBuild.expression);
      return { ok: true, built: evaluateConstraint(expr, target), expression: `//go:build ${goBuild.expression}` };
    } catch (error) {
      if (!(error instanceof ConstraintSyntaxError)) throw error;
      return { ok: false, problem: { line: goBuild.line, reason: `parsing //go:build line: ${error.message}` } };
    }
  }
  let built = true;
  const failed: string[] = [];
  for (const raw of lines.slice(0, plusBuildEnd)) {
    const line = raw.trim();
    const match = /^\/\/\s*\+build(?:\s+(.*))?$/.exec(line);
    if (match === null) continue;
    if (!evaluateConstraint(parsePlusBuildLine(match[1] ?? ''), target)) {
      built = false;
      failed.push(line);
    }
  }
  return { ok: true, built, expression: failed.length > 0 ? failed.join(' ') : undefined };
}
