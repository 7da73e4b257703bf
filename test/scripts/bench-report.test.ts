import { describe, expect, it } from 'vitest';
// @ts-expect-error bench/lib/report.js is plain JavaScript without declarations.
import { keepSections } from '../../bench/lib/report.js';

/** bench/lib/report.js rewrites BENCHMARKS.md whole: a section it does not render must survive the rewrite. */
describe('keepSections', () => {
  const keep = keepSections as (rendered: string, previous: string) => string;
  const rendered = '# Benchmarks\n\n## Targets\n\nnew targets\n\n## How measured\n\n- how\n';

  it('keeps a hand-run section of the previous file, before "How measured", and replaces the rendered ones', () => {
    const previous =
      '# Benchmarks\n\n## Targets\n\nold targets\n\n## Read analysis (issue 16)\n\nfigures\n\n## How measured\n\n- old how\n';
    expect(keep(rendered, previous)).toBe(
      '# Benchmarks\n\n## Targets\n\nnew targets\n\n## Read analysis (issue 16)\n\nfigures\n\n## How measured\n\n- how\n',
    );
  });

  it('changes nothing when there is no previous file or nothing to keep', () => {
    expect(keep(rendered, '')).toBe(rendered);
    expect(keep(rendered, rendered.replace('new', 'old'))).toBe(rendered);
  });
});
