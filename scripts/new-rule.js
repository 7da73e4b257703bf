#!/usr/bin/env node
// Scaffolds a new rule: `npm run new-rule -- RULE_ID [--family lint|pin|consumes|diff]`.
// Writes the rule file (src/rules/<family>/<ID>.ts), its doc page from docs/rules/TEMPLATE.md,
// fixtures under test/fixtures/rules/<ID>/ (a good and a bad case) and a table stub in the
// family's test file. It refuses an ID that is not UPPER_SNAKE or that is taken, and writes
// nothing then. Registering the rule (its family's index.ts) and the README's rule list
// stay manual: the meta-tests in test/rules/registry.test.ts say what is missing.
// Exit codes: 0 written, 2 refused (usage).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPTS = dirname(fileURLToPath(import.meta.url));
const FAMILIES = ['lint', 'pin', 'consumes', 'diff'];
const ID_SHAPE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/u;

/** A minimal contract that lints clean; `$schema` is relative to the fixture folder. */
function contract(schemaPath) {
  return `${JSON.stringify(
    {
      $schema: schemaPath,
      title: 'ExampleRequest',
      endpoint: 'POST /example',
      producer: { name: 'orders', repo: 'orders', type: 'Request' },
      consumer: { name: 'billing', repo: 'billing', type: 'Request' },
      type: 'object',
      additionalProperties: false,
      required: ['id'],
      properties: { id: { type: 'string', cp_consumes: true } },
    },
    null,
    2,
  )}\n`;
}

const GO_REQUEST = 'package example\n\ntype Request struct {\n\tID string `json:"id"`\n}\n';

function fail(message, hint) {
  process.stderr.write(`new-rule: error: ${message}\n  ${hint}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  let id;
  let family = 'lint';
  let root = process.cwd();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--family') family = argv[++i] ?? '';
    else if (arg === '--root') root = argv[++i] ?? '';
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write('Usage: npm run new-rule -- RULE_ID [--family lint|pin|consumes|diff]\n');
      process.exit(0);
    } else if (id === undefined) id = arg;
    else
      fail(
        `unexpected argument "${arg}".`,
        'Pass one rule ID, e.g. `npm run new-rule -- FIELD_RENAMED --family diff`.',
      );
  }
  if (id === undefined) fail('no rule ID given.', 'Pass one, e.g. `npm run new-rule -- FIELD_RENAMED --family diff`.');
  if (!ID_SHAPE.test(id))
    fail(
      `"${id}" is not an UPPER_SNAKE rule ID.`,
      'Rule IDs are permanent: two or more words in capitals joined by "_", like FIELD_RENAMED.',
    );
  if (!FAMILIES.includes(family)) fail(`unknown family "${family}".`, `Use one of ${FAMILIES.join(', ')}.`);
  return { id, family, root };
}

/** Every UPPER_SNAKE .ts file under src/rules: the IDs already taken (retired ones keep theirs). */
function takenIds(root) {
  const ids = new Set();
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (/^[A-Z][A-Z0-9_]*\.ts$/u.test(entry.name)) ids.add(entry.name.slice(0, -3));
    }
  };
  walk(join(root, 'src', 'rules'));
  return ids;
}

function main() {
  const { id, family, root } = parseArgs(process.argv.slice(2));
  const ruleFile = join(root, 'src', 'rules', family, `${id}.ts`);
  const docFile = join(root, 'docs', 'rules', `${id}.md`);
  const fixtures = join(root, 'test', 'fixtures', 'rules', id);
  const testFile = join(root, 'test', 'rules', `${family}.test.ts`);
  if (takenIds(root).has(id))
    fail(
      `rule ${id} already exists.`,
      'IDs are never reused or renamed; pick another, or retire the old rule with `deprecated` and `replacedBy`.',
    );
  for (const path of [docFile, fixtures]) {
    if (existsSync(path))
      fail(
        `${relative(root, path)} already exists.`,
        'Remove it if it is left over from an abandoned rule, or pick another ID.',
      );
  }
  const docTemplate = join(root, 'docs', 'rules', 'TEMPLATE.md');
  if (!existsSync(docTemplate)) fail('docs/rules/TEMPLATE.md is missing.', 'Run this from the repository root.');
  if (!existsSync(testFile)) fail(`${relative(root, testFile)} is missing.`, 'Run this from the repository root.');

  const template = readFileSync(
    join(SCRIPTS, 'rule-templates', `${family === 'lint' || family === 'diff' ? family : 'guard'}.ts.txt`),
    'utf8',
  );
  const written = [];
  const write = (path, text) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    written.push(relative(root, path));
  };
  // SIDE: the service whose source the guard reads (pin: the producer's, consumes: the consumer's).
  const side = family === 'pin' ? 'producer' : 'consumer';
  write(ruleFile, template.replaceAll('RULE_ID', id).replaceAll('STAGE', family).replaceAll('SIDE', side));
  write(docFile, readFileSync(docTemplate, 'utf8').replaceAll('RULE_ID', id));

  const schema = '../../../../schemas/contract.schema.json';
  let stub;
  if (family === 'lint') {
    write(join(fixtures, 'good.contract.json'), contract(schema));
    write(join(fixtures, 'bad-TODO.contract.json'), contract(schema));
    stub = `ruleTester(${id}, {\n  valid: ['good.contract.json'],\n  invalid: [{ fixture: 'bad-TODO.contract.json', expect: [] }],\n});\n`;
  } else if (family === 'diff') {
    write(join(fixtures, 'base.contract.json'), contract(schema));
    write(join(fixtures, 'good.contract.json'), contract(schema));
    write(join(fixtures, 'bad-TODO.contract.json'), contract(schema));
    stub = `diffRuleTester(${id}, {\n  valid: ['good.contract.json'],\n  invalid: [{ fixture: 'bad-TODO.contract.json', expect: [] }],\n});\n`;
  } else {
    write(join(fixtures, 'wire.contract.json'), contract(schema));
    write(join(fixtures, 'good', 'request.go'), GO_REQUEST);
    write(join(fixtures, 'bad-TODO', 'request.go'), GO_REQUEST);
    stub = `guardRuleTester(${id}, '${family}', {\n  valid: ['good'],\n  invalid: [{ fixture: 'bad-TODO', expect: [] }],\n});\n`;
  }
  // The stub fails until the bad case has its defect and the row its findings: that is the point.
  const test = readFileSync(testFile, 'utf8');
  const importLine = `import { ${id} } from '../../src/rules/${family}/${id}.js';\n`;
  const lastImport = test.lastIndexOf('\nimport ');
  const insertAt = lastImport === -1 ? 0 : test.indexOf('\n', lastImport + 1) + 1;
  writeFileSync(testFile, `${test.slice(0, insertAt)}${importLine}${test.slice(insertAt)}\n${stub}`);
  written.push(`${relative(root, testFile)} (table stub)`);

  process.stdout.write(
    [
      ...written.map((path) => `wrote ${path}`),
      '',
      'Next:',
      `  1. Register ${id} in src/rules/${family}/index.ts (sorted by ID).`,
      `  2. Write the check, the doc page and the README's rule list entry.`,
      `  3. Put one defect in each bad-* case, add more cases, and fill in the table row's findings`,
      '     (rule, pointer, line, column, data: never the sentence).',
      `  4. UPDATE_GOLDEN=1 npx vitest run test/rules/${family}.test.ts (writes the messages golden; read it), then`,
      `     npx vitest run test/rules/${family}.test.ts test/rules/registry.test.ts test/rules/rule-docs.test.ts`,
      '',
    ].join('\n'),
  );
}

main();
