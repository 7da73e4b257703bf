import path from 'node:path';
import { parse, type MemberNode, type ObjectNode, type StringNode, type ValueNode } from '@humanwhocodes/momoa';
import { findExcessiveNesting, positionAt } from '../../contract/json-document.js';
import { WirepinError, type SourceLocation } from '../../errors.js';
import { readSourceText } from '../source-text.js';
import type { ExtractResult } from '../../wire.js';
import type { ExtractRequest, Extractor } from '../types.js';
import { mergeShapes, shapeToFields, type MemberShape, type ObjectShape, type SampleShape } from './sample-shape.js';

/**
 * Reads the wire shape a producer really emitted, from a JSON sample.
 *
 * Every key in the sample was sent, so every field is required (inside arrays:
 * required when every object element has the key). A number literal without
 * fraction or exponent is an integer, any other number is a number. `null`
 * shows only that the field is nullable.
 *
 * A sample cannot tell a map from a struct: `{"env": {"A": "1"}}` is read as an
 * object with the field /env/A. Contracts that declare a map are matched
 * against such objects by the pin rule, not here.
 */
export const jsonSampleExtractor: Extractor = {
  kind: 'json',
  extract: extractJsonSample,
};

/** Nesting deeper than this is refused rather than risking the call stack. */
const MAX_DEPTH = 256;

async function extractJsonSample(request: ExtractRequest): Promise<ExtractResult> {
  const cwd = request.cwd ?? process.cwd();
  const absolutePath = path.resolve(cwd, request.path);
  const file = path.relative(cwd, absolutePath).split(path.sep).join('/');

  let text = await readSourceText(absolutePath, file, {
    what: 'JSON sample',
    hint: 'Check the path; it is resolved against the working directory.',
  });
  // A byte order mark is not JSON, but editors write it; positions below count from after it.
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  // The scan counts every bracket the parser will nest into, so the reader below never recurses deeper than MAX_DEPTH.
  const tooDeep = findExcessiveNesting(text, MAX_DEPTH);
  if (tooDeep >= 0) {
    const { line, column } = positionAt(text, tooDeep);
    throw new WirepinError('E_UNSUPPORTED', `JSON sample "${file}" nests deeper than ${MAX_DEPTH} levels.`, {
      location: { file, line, column },
      hint: 'A real payload is never this deep; check that this is the right file.',
    });
  }

  let body: ValueNode;
  try {
    body = parse(text, { mode: 'json', ranges: true }).body;
  } catch (error) {
    throw syntaxError(file, error);
  }

  const reader = new SampleReader(file, text);
  const rootLocation = reader.locate(body.loc.start);
  if (body.type !== 'Object') {
    throw new WirepinError('E_PARSE', `The root of JSON sample "${file}" is ${describeNode(body)}, not an object.`, {
      location: rootLocation,
      hint: 'Save the payload as it is sent: a JSON object with the fields at the top level.',
    });
  }
  const root = reader.readObject(body);
  const { fields, opaque } = shapeToFields(root);
  return { root: { name: request.typeName ?? path.basename(file), location: rootLocation }, fields, opaque };
}

class SampleReader {
  constructor(
    private readonly file: string,
    private readonly text: string,
  ) {}

  locate(position: { readonly line: number; readonly column: number }): SourceLocation {
    return { file: this.file, line: position.line, column: position.column };
  }

  readObject(node: ObjectNode): ObjectShape {
    const members = new Map<string, MemberShape>();
    const firstByKey = new Map<string, MemberNode>();
    for (const member of node.members) {
      const key = this.readKey(member);
      const first = firstByKey.get(key);
      if (first !== undefined) {
        const firstAt = `${first.name.loc.start.line}:${first.name.loc.start.column}`;
        const againAt = `${member.name.loc.start.line}:${member.name.loc.start.column}`;
        throw new WirepinError(
          'E_PARSE',
          `Key "${key}" appears twice in one object of "${this.file}": first at ${firstAt}, again at ${againAt}.`,
          {
            location: this.locate(member.name.loc.start),
            hint: 'JSON.parse would keep only the last value; remove one of the two keys from the sample.',
          },
        );
      }
      firstByKey.set(key, member);
      members.set(key, {
        location: this.locate(member.name.loc.start),
        shape: this.readValue(member.value),
        seen: 1,
      });
    }
    return { kind: 'object', nullable: false, members, instances: 1 };
  }

  private readKey(member: MemberNode): string {
    // In JSON mode momoa only produces string keys; identifiers are JSON5.
    if (member.name.type !== 'String') throw this.notJson(member.name.loc.start, 'an unquoted key');
    this.checkControlCharacters(member.name);
    return member.name.value;
  }

  private readValue(node: ValueNode): SampleShape {
    switch (node.type) {
      case 'Object':
        return this.readObject(node);
      case 'Array': {
        let items: SampleShape | undefined;
        for (const element of node.elements) items = mergeShapes(items, this.readValue(element.value));
        return { kind: 'array', nullable: false, items };
      }
      case 'String':
        this.checkControlCharacters(node);
        return { kind: 'string', nullable: false };
      case 'Number': {
        // The literal as written decides: "3" is an integer, "3.0" and "3e0" are numbers.
        const literal = this.text.slice(node.loc.start.offset, node.loc.end.offset);
        return { kind: /[.eE]/.test(literal) ? 'number' : 'integer', nullable: false };
      }
      case 'Boolean':
        return { kind: 'boolean', nullable: false };
      case 'Null':
        return { kind: 'null' };
      default:
        throw this.notJson(node.loc.start, node.type);
    }
  }

  /** JSON.parse rejects U+0000–U+001F inside strings unless escaped; momoa lets them through. */
  private checkControlCharacters(node: StringNode): void {
    const raw = this.text.slice(node.loc.start.offset, node.loc.end.offset);
    for (let index = 0; index < raw.length; index++) {
      const code = raw.charCodeAt(index);
      if (code >= 0x20) continue;
      // The first raw control character is on the string's first line: an earlier raw line break would be one.
      const hex = code.toString(16).toUpperCase().padStart(4, '0');
      throw new WirepinError(
        'E_PARSE',
        `JSON sample "${this.file}" has a raw control character U+${hex} inside a string.`,
        {
          location: { file: this.file, line: node.loc.start.line, column: node.loc.start.column + index },
          hint: `Escape it in the sample (\\u${hex.toLowerCase()}), as a JSON encoder would.`,
        },
      );
    }
  }

  private notJson(position: { readonly line: number; readonly column: number }, what: string): WirepinError {
    return new WirepinError('E_PARSE', `JSON sample "${this.file}" contains ${what}, which is not JSON.`, {
      location: this.locate(position),
      hint: 'Save the payload exactly as the producer sent it.',
    });
  }
}

/** Momoa throws a plain Error with 1-based `line` and `column`, and "(line:column)" at the end of the message. */
function syntaxError(file: string, error: unknown): WirepinError {
  const line = numberProperty(error, 'line');
  const column = numberProperty(error, 'column');
  const detail = (error instanceof Error ? error.message : String(error)).replace(/\s*\(\d+:\d+\)\s*$/, '');
  const options: { location?: SourceLocation; hint: string } = {
    hint: 'Fix the sample so that it is valid JSON (RFC 8259).',
  };
  if (line !== undefined && column !== undefined) options.location = { file, line, column };
  return new WirepinError('E_PARSE', `JSON sample "${file}" is not valid JSON: ${detail}`, options);
}

function numberProperty(value: unknown, name: 'line' | 'column'): number | undefined {
  if (typeof value !== 'object' || value === null || !(name in value)) return undefined;
  const property: unknown = (value as Record<typeof name, unknown>)[name];
  return typeof property === 'number' ? property : undefined;
}

function describeNode(node: ValueNode): string {
  switch (node.type) {
    case 'Array':
      return 'an array';
    case 'String':
      return 'a string';
    case 'Number':
      return 'a number';
    case 'Boolean':
      return 'a boolean';
    case 'Null':
      return 'null';
    default:
      return node.type;
  }
}
