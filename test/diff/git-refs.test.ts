/**
 * The git layer of `diff --against` and `sync` (src/run/git.ts), called
 * directly on a throwaway repository: which refs resolve, which files are
 * listed, what counts as a file at a ref, the size limit and the errors, each
 * as data (code, the names it quotes, whether it says what to do).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CONTRACT_BYTES } from '../../src/run/analyze.js';
import { existsAt, listContractsAt, readAt, resolveRef, tryResolveRef, type GitRef } from '../../src/run/git.js';
import { tempDir, tempRepo, type TempRepo } from './git-repo.js';
import { errorFacts } from '../support/facts.js';

let repo: TempRepo;
let head: GitRef;
let outside = '';

beforeAll(async () => {
  repo = tempRepo();
  repo.write('contracts/a.contract.json', '{"a": 1}\n');
  repo.write('contracts/a-b.contract.json', '{}\n');
  repo.write('contracts/\uFFFD.contract.json', '{}\n');
  repo.write('contracts/\u{1F600}.contract.json', '{}\n');
  repo.write('contracts/README.md', 'not a contract\n');
  repo.write('contracts/x.contract.json.bak', '{}\n');
  repo.write('contracts/sub/deep.contract.json', '{}\n');
  repo.write('contracts-old/old.contract.json', '{}\n');
  repo.write('top.contract.json', '{}\n');
  repo.write('latin1.contract.json', Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]) as unknown as string);
  repo.write('exact.contract.json', ' '.repeat(MAX_CONTRACT_BYTES));
  repo.write('over.contract.json', ' '.repeat(MAX_CONTRACT_BYTES + 1));
  repo.write('way-over.contract.json', ' '.repeat(MAX_CONTRACT_BYTES + 2));
  repo.commitAll('base');
  repo.git('tag', 'rel-');
  repo.git('tag', 'v-1');
  head = await resolveRef(repo.dir, 'main');
  outside = tempDir('wirepin-not-a-repo-');
}, 60_000);

afterAll(() => repo?.cleanup());

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return JSON.parse(
      JSON.stringify(errorFacts(error))
        .replaceAll(repo.dir, '<repo>')
        .replaceAll(outside, '<outside>')
        .replaceAll(head.commit, '<commit>'),
    ) as unknown;
  }
  return 'no error';
}

const gitError = (quoted: string[], hint: boolean): Record<string, unknown> => ({
  error: 'WirepinError',
  code: 'E_GIT',
  quoted,
  hint,
});

describe('refs', () => {
  it('resolves branches and tags to the commit, whatever dashes they hold inside or at the end', async () => {
    expect(head.name).toBe('main');
    expect(head.commit).toMatch(/^[0-9a-f]{40}$/u);
    expect(head.commit).toBe(repo.git('rev-parse', 'HEAD').trim());
    expect(await tryResolveRef(repo.dir, 'rel-')).toEqual({ name: 'rel-', commit: head.commit });
    expect(await tryResolveRef(repo.dir, 'v-1')).toEqual({ name: 'v-1', commit: head.commit });
    expect(await tryResolveRef(repo.dir, 'HEAD')).toEqual({ name: 'HEAD', commit: head.commit });
  });

  it('never resolves an empty ref, one that reads as an option, or one that does not exist', async () => {
    expect(await tryResolveRef(repo.dir, '')).toBeUndefined();
    expect(await tryResolveRef(repo.dir, '-h')).toBeUndefined();
    expect(await tryResolveRef(repo.dir, '--all')).toBeUndefined();
    expect(await tryResolveRef(repo.dir, 'nope')).toBeUndefined();
    expect(await tryResolveRef(outside, 'main')).toBeUndefined();
  });

  it('names the problem and what to do when a ref cannot be compared against', async () => {
    expect(await errorOf(resolveRef(repo.dir, 'nope'))).toEqual(gitError(['nope'], true));
    expect(await errorOf(resolveRef(repo.dir, '-h'))).toEqual(gitError(['-h'], true));
    expect(await errorOf(resolveRef(outside, 'main'))).toEqual(gitError(['main'], true));
  });

  it('refuses the inside of a .git directory, which git says is not a work tree', async () => {
    const gitDir = join(repo.dir, '.git');
    expect(await errorOf(resolveRef(gitDir, 'main'))).toEqual(gitError(['main'], true));
  });

  it('says git is missing when it is not on PATH', async () => {
    const path = process.env['PATH'];
    process.env['PATH'] = join(outside, 'no-bin');
    try {
      expect(await errorOf(resolveRef(repo.dir, 'main'))).toEqual(gitError([], true));
    } finally {
      process.env['PATH'] = path;
    }
  });
});

describe('listing contracts at a ref', () => {
  it('lists only *.contract.json files directly in the folder, sorted by UTF-16 code unit', async () => {
    expect(await listContractsAt(repo.dir, head, 'contracts')).toEqual([
      'contracts/a-b.contract.json',
      'contracts/a.contract.json',
      'contracts/\u{1F600}.contract.json',
      'contracts/\uFFFD.contract.json',
    ]);
    expect(await listContractsAt(repo.dir, head, 'contracts/sub')).toEqual(['contracts/sub/deep.contract.json']);
    expect(await listContractsAt(repo.dir, head, 'nowhere')).toEqual([]);
  });

  it("fails with git's own words when the commit is not there", async () => {
    const bogus: GitRef = { name: 'bogus', commit: 'f'.repeat(40) };
    expect(await errorOf(listContractsAt(repo.dir, bogus, 'contracts'))).toEqual(gitError([], false));
  });
});

describe('files at a ref', () => {
  it('exists only for a file (a blob), not a folder or a missing path', async () => {
    expect(await existsAt(repo.dir, head, 'contracts/a.contract.json')).toBe(true);
    expect(await existsAt(repo.dir, head, 'contracts')).toBe(false);
    expect(await existsAt(repo.dir, head, 'contracts/sub')).toBe(false);
    expect(await existsAt(repo.dir, head, 'contracts/none.contract.json')).toBe(false);
    expect(await existsAt(repo.dir, { name: 'bogus', commit: 'f'.repeat(40) }, 'contracts/a.contract.json')).toBe(
      false,
    );
  });

  it('reads a file as text under the display name, or undefined when it is not there', async () => {
    expect(await readAt(repo.dir, head, 'contracts/a.contract.json', 'main:contracts/a.contract.json')).toEqual({
      file: 'main:contracts/a.contract.json',
      text: '{"a": 1}\n',
    });
    expect(await readAt(repo.dir, head, 'contracts/none.contract.json', 'x')).toBeUndefined();
    expect(await readAt(repo.dir, head, 'contracts/sub', 'x')).toBeUndefined();
  });

  it('returns bytes that are not UTF-8 as a problem for lint to report', async () => {
    expect(await readAt(repo.dir, head, 'latin1.contract.json', 'main:latin1.contract.json')).toEqual({
      file: 'main:latin1.contract.json',
      problem: {
        kind: 'encoding',
        message: expect.stringContaining('0xe9'),
        position: { line: 1, column: 3, offset: 2 },
        data: { byteOffset: 2, decodedLength: 5 },
      },
    });
  });

  it('reads a contract of exactly the size limit, and refuses one byte more', async () => {
    const exact = await readAt(repo.dir, head, 'exact.contract.json', 'main:exact.contract.json');
    expect(exact && 'text' in exact ? exact.text.length : -1).toBe(MAX_CONTRACT_BYTES);
    expect(await errorOf(readAt(repo.dir, head, 'over.contract.json', 'main:over.contract.json'))).toEqual({
      error: 'WirepinError',
      code: 'E_READ',
      quoted: [],
      hint: false,
    });
    expect(await errorOf(readAt(repo.dir, head, 'way-over.contract.json', 'main:way-over.contract.json'))).toEqual({
      error: 'WirepinError',
      code: 'E_READ',
      quoted: ['git show <commit>:./way-over.contract.json'],
      hint: false,
    });
  }, 30_000);
});
