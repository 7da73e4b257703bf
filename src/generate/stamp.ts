import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * A generated types file carries a stamp line: the hash of everything that
 * went into it (generator versions, the schema, the type name) and the hash of
 * its own text without the stamp. When both still match, `generate --check`
 * knows the file is what generation would write, without loading the type
 * generator and prettier; a hand edit changes the text hash.
 */
export const STAMP_PREFIX = '// wirepin-stamp: ';

let versions: string | undefined;

/**
 * The versions that decide the generated text: ours (bump `wirepin-types-N` whenever
 * src/generate/typescript-types.ts changes its output), json-schema-to-typescript's, prettier's.
 */
function generatorVersions(): string {
  if (versions === undefined) {
    const load = createRequire(import.meta.url);
    const version = (name: string): string => {
      const file = load.resolve(`${name}/package.json`);
      return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
    };
    versions = `wirepin-types-3;jstt-${version('json-schema-to-typescript')};prettier-${version('prettier')}`;
  }
  return versions;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Hash of the generation input: same input, same versions → same output. */
export function inputDigest(schemaJson: string, typeName: string, banner: string): string {
  return sha256(`${generatorVersions()}\n${typeName}\n${banner}\n${schemaJson}`);
}

function withoutStamp(text: string): string {
  return text
    .split('\n')
    .filter((line) => !line.startsWith(STAMP_PREFIX))
    .join('\n');
}

/** Inserts the stamp after the banner (the first comment lines). */
export function stampTypes(text: string, input: string): string {
  const body = withoutStamp(text);
  const lines = body.split('\n');
  const at = lines.findIndex((line) => !line.startsWith('//') && !line.startsWith('/*'));
  lines.splice(at < 0 ? lines.length : at, 0, `${STAMP_PREFIX}${input} ${sha256(body)}`);
  return lines.join('\n');
}

/** True when `text` carries a stamp for this input and has not been edited since. */
export function isFreshStamped(text: string, input: string): boolean {
  const line = text.split('\n').find((l) => l.startsWith(STAMP_PREFIX));
  if (!line) return false;
  const [stampedInput, stampedBody] = line.slice(STAMP_PREFIX.length).split(' ');
  return stampedInput === input && stampedBody === sha256(withoutStamp(text));
}
