import { execFile } from 'node:child_process';
import { MAX_CONTRACT_BYTES, type ContractText } from './analyze.js';
import { decodeUtf8, type JsonProblem } from '../contract/json-document.js';
import { WirepinError } from '../errors.js';

/**
 * Reading contracts at a git ref, for `diff --against` and `sync`. Git runs
 * through execFile (no shell), with the ref resolved to a commit id first, so
 * no user text reaches git where it could be read as an option.
 */

/** A ref as the user named it, and the commit it resolved to. */
export interface GitRef {
  readonly name: string;
  readonly commit: string;
}

interface GitRun {
  readonly code: number;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** How long one git command may run before wirepin gives up on it (a hostile repository can make git slow). */
const GIT_TIMEOUT_MS = 30_000;

function git(cwd: string, args: readonly string[], maxBuffer = 1024 * 1024): Promise<GitRun> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [...args],
      {
        cwd,
        encoding: 'buffer',
        maxBuffer,
        timeout: GIT_TIMEOUT_MS,
        windowsHide: true,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' },
      },
      (error, stdout, stderr) => {
        const text = stderr.toString('utf8').trim();
        if (!error) return resolve({ code: 0, stdout, stderr: text });
        const errno = error as NodeJS.ErrnoException & { code?: string | number };
        if (errno.code === 'ENOENT') {
          return reject(
            new WirepinError('E_GIT', 'git is not installed or not on PATH.', {
              hint: 'Install git, or compare two files with `wirepin diff BASE HEAD`.',
            }),
          );
        }
        if (errno.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
          return reject(
            new WirepinError('E_READ', `git printed more than ${maxBuffer} bytes for \`git ${args.join(' ')}\`.`),
          );
        }
        resolve({ code: typeof errno.code === 'number' ? errno.code : 1, stdout, stderr: text });
      },
    );
  });
}

/** Paths in git's object names use "/", whatever the platform. */
function gitPath(path: string): string {
  return process.platform === 'win32' ? path.replaceAll('\\', '/') : path;
}

/** Resolves a ref to a commit, or undefined when it is not one here (or this is not a git work tree). Never throws for a bad ref. */
export async function tryResolveRef(cwd: string, ref: string): Promise<GitRef | undefined> {
  if (ref === '' || ref.startsWith('-')) return undefined;
  const run = await git(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  const commit = run.stdout.toString('utf8').trim();
  return run.code === 0 && /^[0-9a-f]{40,64}$/u.test(commit) ? { name: ref, commit } : undefined;
}

/** Resolves a ref to a commit; not a git work tree or an unknown ref is E_GIT (exit 2). */
export async function resolveRef(cwd: string, ref: string): Promise<GitRef> {
  const inside = await git(cwd, ['rev-parse', '--is-inside-work-tree']);
  if (inside.code !== 0 || inside.stdout.toString('utf8').trim() !== 'true') {
    throw new WirepinError(
      'E_GIT',
      `${cwd} is not inside a git work tree, so there is no ref "${ref}" to compare against.`,
      {
        hint: 'Run wirepin from the repository, or compare two files with `wirepin diff BASE HEAD`.',
      },
    );
  }
  const resolved = await tryResolveRef(cwd, ref);
  if (!resolved) {
    throw new WirepinError('E_GIT', `"${ref}" is not a commit, branch or tag in this repository.`, {
      hint: 'Check the name (`git branch -a`); in CI, fetch the base branch first (e.g. `git fetch origin main`).',
    });
  }
  return resolved;
}

/** The *.contract.json files directly under `dir` at the ref, relative to `cwd` ("contracts/x.contract.json"), sorted. */
export async function listContractsAt(cwd: string, ref: GitRef, dir: string): Promise<string[]> {
  const run = await git(
    cwd,
    ['ls-tree', '-r', '-z', '--name-only', ref.commit, '--', `${gitPath(dir)}/`],
    64 * 1024 * 1024,
  );
  if (run.code !== 0) throw new WirepinError('E_GIT', `git ls-tree failed at ${ref.name}: ${run.stderr}`);
  const prefix = `${gitPath(dir)}/`;
  return run.stdout
    .toString('utf8')
    .split('\0')
    .filter((p) => p.startsWith(prefix) && p.endsWith('.contract.json') && !p.slice(prefix.length).includes('/'))
    .sort();
}

/** Does `path` (relative to `cwd`) name a file at the ref? */
export async function existsAt(cwd: string, ref: GitRef, path: string): Promise<boolean> {
  const run = await git(cwd, ['cat-file', '-t', `${ref.commit}:./${gitPath(path)}`]);
  return run.code === 0 && run.stdout.toString('utf8').trim() === 'blob';
}

/**
 * The text of `path` (relative to `cwd`) at the ref, named `display` in
 * reports, or undefined when the ref has no such file. Bytes that are not
 * UTF-8 come back as a problem, which lint then reports.
 */
export async function readAt(
  cwd: string,
  ref: GitRef,
  path: string,
  display: string,
): Promise<ContractText | { file: string; problem: JsonProblem } | undefined> {
  if (!(await existsAt(cwd, ref, path))) return undefined;
  const run = await git(cwd, ['show', `${ref.commit}:./${gitPath(path)}`], MAX_CONTRACT_BYTES + 1);
  if (run.code !== 0) throw new WirepinError('E_GIT', `Cannot read ${display}: ${run.stderr}`);
  if (run.stdout.length > MAX_CONTRACT_BYTES) {
    throw new WirepinError('E_READ', `${display} is over wirepin's ${MAX_CONTRACT_BYTES}-byte limit for a contract.`);
  }
  const decoded = decodeUtf8(run.stdout);
  return 'problem' in decoded ? { file: display, problem: decoded.problem } : { file: display, text: decoded.text };
}
