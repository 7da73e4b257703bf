/**
 * The import floors of src/ (ARCHITECTURE.md), as eslint.config.js encodes
 * them: a module imports from its own floor and below, never from above, and
 * helper folders import each other one way only. Each case lints one line of
 * code as if it were a file at that path.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = imported;\n`, { filePath: file });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('the floors of src/', () => {
  it.each([
    ['src/contract/x.ts', "import { parentPointer as imported } from '../json-pointer.js';"],
    ['src/rules/diff/x.ts', "import { pairContracts as imported } from '../../diff/pair.js';"],
    ['src/run/x.ts', "import { LINT_RULES as imported } from '../rules/lint/index.js';"],
    ['src/render/x.ts', "import { exitCodeFor as imported } from '../run/exit-code.js';"],
    ['src/cli/x.ts', "import { RENDERERS as imported } from '../render/index.js';"],
    ['src/runtime/x.ts', "import { canonicalPointers as imported } from '../trace/trace-format.js';"],
    ['src/index.ts', "import { runLint as imported } from './run/lint.js';"],
  ])('let %s import downward: %s', async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });

  it.each([
    ['src/finding.ts', "import { judgeContract as imported } from './contract/usable.js';", 'base', 'contract'],
    ['src/contract/x.ts', "import { runLint as imported } from '../run/lint.js';", 'contract', 'run'],
    ['src/diff/x.ts', "import { DIFF_RULES as imported } from '../rules/diff/index.js';", 'helpers', 'rules'],
    ['src/rules/x.ts', "import { runGuard as imported } from '../run/guard-engine.js';", 'rules', 'run'],
    ['src/run/x.ts', "import { RENDERERS as imported } from '../render/index.js';", 'run', 'render'],
    ['src/render/x.ts', "import { main as imported } from '../cli/main.js';", 'render', 'cli'],
    ['src/version.ts', "import { judgeContract as imported } from './contract/usable.js';", 'base', 'contract'],
    ['src/cli/x.ts', "import { VERSION as imported } from '../index.js';", 'cli', 'api'],
  ])('refuse %s importing upward: %s', async (file, code, floor, above) => {
    expect(await problems(file, code)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^import-x/no-restricted-paths: .*The ${floor} floor may not import from the ${above} floor above it`,
          'u',
        ),
      ),
    ]);
  });

  it('refuse the public barrel importing the CLI', async () => {
    expect(await problems('src/index.ts', "import { main as imported } from './cli/main.js';")).toEqual([
      expect.stringMatching(
        /^import-x\/no-restricted-paths: .*src\/index.ts \(the public API\) may not import the CLI/u,
      ),
    ]);
  });

  it('refuse a helper folder importing another against the listed edges', async () => {
    expect(await problems('src/extract/x.ts', "import { FAIL_ON as imported } from '../diff/change.js';")).toEqual([
      expect.stringMatching(/^import-x\/no-restricted-paths: .*src\/extract\/ may not import src\/diff\//u),
    ]);
    expect(
      await problems(
        'src/trace/x.ts',
        "import { createConsumptionRecorder as imported } from '../runtime/consumption-trace.js';",
      ),
    ).toEqual([expect.stringMatching(/^import-x\/no-restricted-paths: .*src\/trace\/ may not import src\/runtime\//u)]);
  });
});
