import type { CommandUnknownOpts as Command } from '@commander-js/extra-typings';

/**
 * One example per command, shown at the end of its --help, and what its help
 * must say beyond the options. Keyed by the command's path ("contract from-go").
 */
const EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  lint: ['wirepin lint contracts/provision.contract.json'],
  generate: ['wirepin generate', 'wirepin generate --check'],
  pin: [
    'wirepin pin --contract contracts/provision.contract.json --go ./internal/client --type ProvisionRequest',
    'One of --go, --ts or --json is required; --type goes with --go and --ts.',
  ],
  consumes: [
    'wirepin consumes --contract contracts/provision.contract.json --go ./internal/provision --type ProvisionRequest',
    'One of --go, --ts or --trace is required; --type goes with --go and --ts.',
  ],
  diff: [
    'wirepin diff --against origin/main --fail-on needs-both-sides',
    'wirepin diff old.contract.json new.contract.json',
  ],
  sync: ['wirepin sync contracts/provision.contract.json .wirepin-contracts/contracts/provision.contract.json --write'],
  pact: ['wirepin pact --contract contracts/provision.contract.json --out pacts'],
  check: ['wirepin check', 'wirepin check --config services/api/wirepin.yaml --format github'],
  contract: [
    'wirepin contract from-go ./internal/client --type ProvisionRequest --out contracts/provision.contract.json',
  ],
  'contract from-go': [
    'wirepin contract from-go ./internal/client --type ProvisionRequest --endpoint "POST /v1/provision" --producer-name api --consumer-name worker --out contracts/provision.contract.json',
  ],
  'contract from-ts': [
    'wirepin contract from-ts src/provision.ts --type ProvisionRequest --endpoint "POST /v1/provision" --producer-name web --consumer-name api --out contracts/provision.contract.json',
  ],
  init: [
    'wirepin init --producer go:./internal/client --type ProvisionRequest --contract contracts/provision.contract.json',
    'One of --producer and --consumer is required.',
  ],
};

/** The wirepin command path of a command: "pin", "contract from-go". */
function pathOf(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/**
 * Finishes every command's --help: marks required options "(required)" and
 * appends its example. Commands without an example are a bug, which
 * test/cli/help.test.ts catches.
 */
export function addHelpExamples(program: Command): void {
  const visit = (command: Command): void => {
    for (const option of command.options) {
      if (option.mandatory && !option.description.startsWith('(required)'))
        option.description = `(required) ${option.description}`;
    }
    const lines = EXAMPLES[pathOf(command)];
    if (lines !== undefined) {
      const [first, ...rest] = lines.filter((l) => l.startsWith('wirepin '));
      const said = lines.filter((l) => !l.startsWith('wirepin '));
      const examples = [first, ...rest].filter((l): l is string => l !== undefined);
      command.addHelpText(
        'after',
        `${said.length ? `\n${said.join('\n')}\n` : ''}\nExample${examples.length > 1 ? 's' : ''}:\n${examples.map((e) => `  ${e}`).join('\n')}\n`,
      );
    }
    for (const sub of command.commands) visit(sub);
  };
  for (const command of program.commands) visit(command);
}
