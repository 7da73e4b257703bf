import type { Rule } from '../../rule.js';

/** One generated file: what wirepin would write, and what is on disk (undefined: missing). */
export interface GeneratedComparison {
  readonly path: string;
  readonly contract: string;
  readonly expected: string;
  readonly actual: string | undefined;
}

function firstDifferentLine(a: string, b: string): number {
  const left = a.split('\n');
  const right = b.split('\n');
  const n = Math.max(left.length, right.length);
  for (let i = 0; i < n; i++) if (left[i] !== right[i]) return i + 1;
  return 1;
}

export const GENERATED_FILE_STALE: Rule<readonly GeneratedComparison[]> = {
  id: 'GENERATED_FILE_STALE',
  stage: 'generate',
  severity: 'error',
  summary:
    'Generated schemas and types are byte-identical to what `wirepin generate` would write from the contracts now.',
  why: 'A hand-edited or stale generated file means the two sides compile against a shape the contract no longer describes.',
  check(comparisons) {
    return comparisons
      .filter((c) => c.actual !== c.expected)
      .map((c) => {
        const line = c.actual === undefined ? 1 : firstDifferentLine(c.actual, c.expected);
        return {
          path: '',
          position: { line, column: 1, offset: 0 },
          message:
            c.actual === undefined
              ? `${c.path} is missing; it is generated from ${c.contract}. Run \`npx wirepin generate\` and commit it.`
              : `${c.path} differs from what ${c.contract} generates (first at line ${line}). Do not edit generated files: change the contract, run \`npx wirepin generate\` and commit the result.`,
          data: { generated: c.path, contract: c.contract, state: c.actual === undefined ? 'missing' : 'stale', line },
        };
      });
  },
};
