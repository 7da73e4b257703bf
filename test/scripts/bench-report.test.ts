import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error bench/lib/report.js is plain JavaScript without declarations.
import { keepSections, renderBenchmarks } from '../../bench/lib/report.js';

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

/** `node bench/run.js --render-only` renders from saved results, some written before a phase was timed. */
describe('renderBenchmarks', () => {
  const render = renderBenchmarks as (result: unknown, previous?: string) => string;
  const saved = JSON.parse(readFileSync('bench/results/run.json', 'utf8')) as Record<string, unknown>;

  it('renders a saved Pact round that lacks a phase, saying it was not timed', () => {
    const pact = JSON.parse(readFileSync('bench/results/pact.json', 'utf8')) as {
      in_process_ms: Record<string, unknown>;
    };
    const { generate_pact_set: _dropped, ...older } = pact.in_process_ms;
    const text = render({ ...saved, pact: { ...pact, in_process_ms: older } });
    expect(text).toMatch(/generating the pact set \(\d+ interactions\) not timed,/u);
    expect(text).toContain('## Pact round and reference server');
  });
});
