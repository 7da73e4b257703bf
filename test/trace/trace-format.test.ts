import { describe, expect, it } from 'vitest';
import { canonicalPointers, formatTrace, TRACE_FORMAT_VERSION } from '../../src/trace/trace-format.js';

describe('trace format', () => {
  it('writes version 1 with keys in the documented order, sorted unique pointers and a trailing newline', () => {
    const text = formatTrace({
      endpoint: 'POST /cp/workspaces/provision',
      requests: 2,
      read: ['/org_id', '/display/mode', '/display', '/org_id'],
    });
    expect(text).toBe(
      '{\n  "wirepin_trace": 1,\n  "endpoint": "POST /cp/workspaces/provision",\n  "requests": 2,\n' +
        '  "read": [\n    "/display",\n    "/display/mode",\n    "/org_id"\n  ]\n}\n',
    );
    expect(TRACE_FORMAT_VERSION).toBe(1);
  });

  it('sorts by code unit, not by locale', () => {
    expect(canonicalPointers(['/b', '/B', '/a_b', '/a-b', '/a/b'])).toEqual(['/B', '/a-b', '/a/b', '/a_b', '/b']);
  });

  it('gives the same bytes for the same reads in any order', () => {
    const a = formatTrace({ endpoint: 'POST /p', requests: 1, read: ['/x', '/y'] });
    const b = formatTrace({ endpoint: 'POST /p', requests: 1, read: ['/y', '/x', '/y'] });
    expect(a).toBe(b);
  });
});
