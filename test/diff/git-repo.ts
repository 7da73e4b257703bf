import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A throwaway git repository in a temp directory, isolated from the user's git config. */
export interface TempRepo {
  readonly dir: string;
  git(...args: string[]): string;
  write(path: string, text: string): void;
  copy(from: string, to: string): void;
  remove(path: string): void;
  commitAll(message: string): void;
  cleanup(): void;
}

const ISOLATED = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
};

export function tempDir(prefix = 'wirepin-diff-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function tempRepo(): TempRepo {
  const dir = tempDir();
  const git = (...args: string[]): string =>
    execFileSync(
      'git',
      ['-c', 'user.name=wirepin test', '-c', 'user.email=test@wirepin.invalid', '-c', 'commit.gpgsign=false', ...args],
      {
        cwd: dir,
        env: ISOLATED,
        encoding: 'utf8',
      },
    );
  git('init', '-q', '-b', 'main');
  const write = (path: string, text: string): void => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  return {
    dir,
    git,
    write,
    copy: (from, to) => write(to, readFileSync(from, 'utf8')),
    remove: (path) => rmSync(join(dir, path)),
    commitAll(message) {
      git('add', '-A');
      git('commit', '-q', '-m', message);
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
