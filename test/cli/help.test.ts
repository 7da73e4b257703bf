import { Command, type CommandUnknownOpts } from '@commander-js/extra-typings';
import { describe, expect, it } from 'vitest';
import { registerCommands } from '../../src/cli/commands.js';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../support/run-cli.js';

const io: CliIo = { stdout: () => undefined, stderr: () => undefined, env: {}, cwd: process.cwd(), isTty: false };

/** Every command and subcommand, as its argv path. */
function commandPaths(): string[][] {
  const program = new Command();
  registerCommands(program, io, () => undefined);
  const out: string[][] = [];
  const visit = (command: CommandUnknownOpts, path: string[]): void => {
    out.push(path);
    for (const sub of command.commands) visit(sub, [...path, sub.name()]);
  };
  for (const command of program.commands) visit(command, [command.name()]);
  return out;
}

describe('--help of every command', () => {
  const paths = commandPaths();

  it('covers the commands users run', () => {
    expect(paths.map((p) => p.join(' '))).toEqual(
      expect.arrayContaining(['lint', 'check', 'sync', 'init', 'contract from-go', 'contract from-ts']),
    );
  });

  it.each(paths.map((p) => [p.join(' '), p] as const))(
    '%s shows an example and marks its required options',
    async (_, path) => {
      const run = await runCli([...path, '--help']);
      expect(run.exit).toBe(0);
      expect(run.stdout).toMatch(/\nExamples?:\n {2}wirepin /u);
      const example = /\nExamples?:\n {2}(wirepin [^\n]*)/u.exec(run.stdout)?.[1] ?? '';
      expect(example.startsWith(`wirepin ${path.join(' ')}`)).toBe(true);
      const program = new Command();
      registerCommands(program, io, () => undefined);
      let command: CommandUnknownOpts | undefined;
      for (const name of path) command = (command ?? program).commands.find((c) => c.name() === name);
      for (const option of command?.options ?? []) {
        const line = run.stdout.split('\n').find((l) => l.trimStart().startsWith(option.flags)) ?? '';
        expect([option.flags, line.includes('(required)')]).toEqual([option.flags, option.mandatory]);
      }
    },
  );
});
