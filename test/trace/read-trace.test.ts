import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WirepinError } from '../../src/errors.js';
import { readTrace } from '../../src/trace/read-trace.js';
import { formatTrace } from '../../src/trace/trace-format.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wirepin-read-trace-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, content: string | Uint8Array): Promise<string> {
  await writeFile(join(dir, name), content);
  return name;
}

async function failure(name: string, content: string | Uint8Array): Promise<WirepinError> {
  const file = await write(name, content);
  try {
    await readTrace(file, dir);
  } catch (error) {
    if (error instanceof WirepinError) return error;
    throw error;
  }
  throw new Error(`readTrace accepted ${name}`);
}

describe('readTrace', () => {
  it('reads a trace written by the recorder format', async () => {
    const text = formatTrace({
      endpoint: 'POST /cp/workspaces/provision',
      requests: 3,
      read: ['/org_id', '/display', '/display/mode'],
    });
    const file = await write('good.json', text);
    expect(await readTrace(file, dir)).toEqual({
      file: 'good.json',
      endpoint: 'POST /cp/workspaces/provision',
      requests: 3,
      read: ['/display', '/display/mode', '/org_id'],
    });
  });

  it("accepts another emitter's order and duplicates, and returns them sorted and unique", async () => {
    const file = await write(
      'go.json',
      '{"read":["/tier","/env/*","/env","/tier"],"requests":0,"endpoint":"POST /p","wirepin_trace":1}',
    );
    expect((await readTrace(file, dir)).read).toEqual(['/env', '/env/*', '/tier']);
  });

  it('names the file relative to the working directory', async () => {
    await mkdir(join(dir, 'sub'), { recursive: true });
    await write('sub/t.json', formatTrace({ endpoint: 'POST /p', requests: 1, read: [] }));
    expect((await readTrace(join(dir, 'sub', 't.json'), dir)).file).toBe('sub/t.json');
  });

  it.each([
    ['malformed JSON', '{\n  "wirepin_trace": 1,\n  "endpoint": \n}', 4, 1, /^Invalid JSON/],
    [
      'a duplicate key',
      '{"wirepin_trace": 1, "endpoint": "POST /p", "requests": 1, "read": [], "read": ["/a"]}',
      1,
      72,
      /Key "read" appears twice/,
    ],
    ['an empty file', '  \n', 1, 1, /empty/],
    ['a JSON array', '[1]', 1, 1, /must be a JSON object/],
    ['no version key', '{"endpoint": "POST /p", "requests": 1, "read": []}', 1, 1, /no "wirepin_trace" key/],
    [
      'version 2',
      '{"wirepin_trace": 2, "endpoint": "POST /p", "requests": 1, "read": []}',
      1,
      19,
      /version 2 is not supported/,
    ],
    [
      'version "1"',
      '{"wirepin_trace": "1", "endpoint": "POST /p", "requests": 1, "read": []}',
      1,
      19,
      /version "1" is not supported/,
    ],
    [
      'an unknown key',
      '{"wirepin_trace": 1, "endpoint": "POST /p", "requests": 1, "read": [], "fields": []}',
      1,
      72,
      /Unknown key "fields"/,
    ],
    ['a missing endpoint', '{"wirepin_trace": 1, "requests": 1, "read": []}', 1, 1, /no "endpoint"/],
    [
      'an endpoint without a method',
      '{"wirepin_trace": 1, "endpoint": "/p", "requests": 1, "read": []}',
      1,
      34,
      /"endpoint" must be "METHOD \/path"/,
    ],
    [
      'negative requests',
      '{"wirepin_trace": 1, "endpoint": "POST /p", "requests": -1, "read": []}',
      1,
      57,
      /"requests" must be a whole number/,
    ],
    [
      'fractional requests',
      '{"wirepin_trace": 1, "endpoint": "POST /p", "requests": 1.5, "read": []}',
      1,
      57,
      /"requests" must be a whole number/,
    ],
    [
      'requests as text',
      '{"wirepin_trace": 1, "endpoint": "POST /p", "requests": "3", "read": []}',
      1,
      57,
      /"requests" must be a whole number/,
    ],
    [
      'read as an object',
      '{"wirepin_trace": 1, "endpoint": "POST /p", "requests": 1, "read": {}}',
      1,
      68,
      /"read" must be an array/,
    ],
    [
      'a pointer without a leading slash',
      '{"wirepin_trace": 1, "endpoint": "POST /p", "requests": 1, "read": ["/a", "display/mode"]}',
      1,
      75,
      /entry 1 must be a JSON pointer/,
    ],
    [
      'the root pointer',
      '{"wirepin_trace": 1, "endpoint": "POST /p", "requests": 1, "read": [""]}',
      1,
      69,
      /entry 0 must be a JSON pointer/,
    ],
    [
      'a bad escape',
      '{"wirepin_trace": 1, "endpoint": "POST /p", "requests": 1, "read": ["/a~2b"]}',
      1,
      69,
      /entry 0 must be a JSON pointer/,
    ],
    [
      'a number in read',
      '{"wirepin_trace": 1, "endpoint": "POST /p", "requests": 1, "read": [5]}',
      1,
      69,
      /entry 0 must be a JSON pointer/,
    ],
  ])('refuses %s with E_PARSE at file:line:col', async (label, text, line, column, message) => {
    const name = `${label.replace(/\W+/g, '-')}.json`;
    const error = await failure(name, text);
    expect(error.code).toBe('E_PARSE');
    expect(error.location).toEqual({ file: name, line, column });
    expect(error.message).toMatch(message);
  });

  it('refuses bytes that are not UTF-8 with E_PARSE', async () => {
    const error = await failure('latin1.json', new Uint8Array([0x7b, 0x22, 0xe9, 0x22, 0x7d]));
    expect(error.code).toBe('E_PARSE');
    expect(error.message).toMatch(/not valid UTF-8/);
  });

  it('refuses a missing file or a directory with E_READ', async () => {
    await expect(readTrace('missing.json', dir)).rejects.toMatchObject({
      code: 'E_READ',
      message: expect.stringMatching(/Cannot read trace missing\.json: ENOENT/),
    });
    await mkdir(join(dir, 'adir'), { recursive: true });
    await expect(readTrace('adir', dir)).rejects.toMatchObject({
      code: 'E_READ',
      message: expect.stringMatching(/is a directory/),
    });
  });
});
