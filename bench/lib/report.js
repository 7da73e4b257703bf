// Renders BENCHMARKS.md from bench/results/run.json's data.

const n = (x) => (x === null || x === undefined ? '–' : Number(x).toLocaleString('en-US'));
const ratio = (a, b) =>
  a === null || b === null || a === undefined || b === undefined || b === 0 ? '–' : `${(a / b).toFixed(2)}x`;

function wall(row) {
  if (!row) return '–';
  return row.timedOut ? `> ${n(row.timeoutMs / 1000)} s (killed)` : n(row.medianMs);
}

function spread(row) {
  if (!row || row.timedOut || row.runs === 0) return '–';
  return row.runsMs.length === 1 ? 'one run' : `${n(row.minMs)}–${n(row.maxMs)}`;
}

/** What the "why" of a missed target says when no profile could be taken. */
const NO_PROFILE = 'no profile (the command could not be profiled)';

/** The package's targets, from bench/package-footprint.js's result (none when it was not run). */
function packageTargets(p) {
  if (!p) return [];
  if (p.failed)
    return [
      {
        id: 'package-footprint',
        statement: 'package, install and Action figures',
        measured: `bench/package-footprint.js failed (exit ${p.exit})`,
        met: false,
      },
    ];
  const a = p.action;
  return [
    {
      id: 'action-cold',
      statement: `the Action's install + \`check\` step, cold (empty npm cache) < ${a.targetSeconds} s`,
      measured: `${(a.medianTotalMs / 1000).toFixed(1)} s (install ${(a.medianInstallMs / 1000).toFixed(1)} s, check ${(a.medianCheckMs / 1000).toFixed(1)} s); was ${a.baseline.seconds} s with \`npm ci\` + build of the development tree`,
      met: a.medianTotalMs < a.targetSeconds * 1000,
    },
    {
      id: 'install-footprint',
      statement: `installed footprint for the guards (\`npm install <tgz>\`, optional peers left out) < ${p.install.budgetMiB} MB`,
      measured: `${p.install.withoutPeers.mib} MiB, ${p.install.withoutPeers.packages} packages`,
      met: p.install.withoutPeers.mib < p.install.budgetMiB,
    },
  ];
}

/** The read analysis' targets (issue 16), from bench/reads.js's result (none when it was not run). */
function readsTargets(r) {
  if (!r) return [];
  if (r.failed)
    return [
      {
        id: 'reads',
        statement: 'the read analysis of a 100,000-line consumer package',
        measured: `bench/reads.js failed (exit ${r.exit})`,
        met: false,
      },
    ];
  return [
    {
      id: 'reads-analysis',
      statement: `the read analysis of a generated ${n(r.lines)}-line consumer package < 1.5 s`,
      measured: `${n(Math.round(r.analysisMs))} ms (median of ${r.runs ?? 5}, ${n(Math.round(r.analysisRange[0]))}–${n(Math.round(r.analysisRange[1]))})`,
      met: r.analysisMs < 1500,
    },
    {
      id: 'reads-memory',
      statement: '`wirepin consumes --go` on that package (parse, extraction, analysis), peak RSS < 200 MiB',
      measured: `${r.consumesRssMiB.toFixed(1)} MiB`,
      met: r.consumesRssMiB < 200,
    },
  ];
}

function renderReads(r) {
  const out = ['## Read analysis (issue 16)', ''];
  if (!r) return [...out, 'Not run (--no-reads).', ''];
  if (r.failed) return [...out, `bench/reads.js failed (exit ${r.exit}):`, '', '```', r.output, '```', ''];
  const ms = (x) => n(Math.round(x));
  const load = r.loadAtStart
    ? `load average ${r.loadAtStart} at its start, ${r.load} at its end`
    : `load average at its end ${r.load}`;
  out.push(
    `Measured ${r.measured.slice(0, 16).replace('T', ' ')} UTC by bench/reads.js (${load}; other work shares these 2 cores). ` +
      `A generated consumer package of ${n(r.lines)} lines in ${n(r.files)} files: one request type of 40 fields with nested structs, and 100 handler ` +
      'functions per file that each read fields through parameters, range, map index, pointers and writes.',
    '',
    '| what | figure |',
    '| --- | --- |',
    `| the read analysis, in process over the parse the extraction cached (median of ${r.runs ?? 5} after a warm-up) | ${ms(r.analysisMs)} ms (${ms(r.analysisRange[0])}–${ms(r.analysisRange[1])}) |`,
    `| the extraction, including the parse of the package | ${ms(r.extractWithParseMs)} ms |`,
    `| \`wirepin consumes --go\` on that package, whole process | ${ms(r.consumesMs)} ms, peak RSS ${r.consumesRssMiB.toFixed(1)} MiB |`,
    `| \`wirepin check\` on this repository (with the read analysis of consumer/go) | ${ms(r.checkMs)} ms = ${(r.checkMs / r.floorMs).toFixed(2)}x \`node -e 0\` (${ms(r.floorMs)} ms), peak RSS ${r.checkRssMiB.toFixed(1)} MiB |`,
    '',
    "Where the time goes (`node --cpu-prof`, 2026-12-03): almost all of it is tree-sitter's JavaScript binding, a Node object made " +
      "across the WebAssembly boundary for each child the walk visits and each node's type read from there. Asking a node for its parent " +
      'walks down from the root in tree-sitter, so the walk hands each selector its role (read, written, address taken) instead of asking ' +
      'its parent; side by side under the same load that made the analysis a quarter to a half faster (load 5: 1.0–2.1 s before, ' +
      '0.6–1.3 s after; load 13–14: 3.7–6.8 s before, 2.7–4.8 s after; alone at load 3.5 it takes 0.55 s). Skipping statements that ' +
      "name no followed variable, type or function was tried and dropped: reading each statement's text cost more than it saved. A cursor-based copy " +
      'of the tree into plain objects was slower (each cursor step crosses the boundary too).',
    '',
  );
  return out;
}

function renderPackage(p) {
  const out = ['## Package, install and the Action', ''];
  if (!p) return [...out, 'Not run (--no-package).', ''];
  if (p.failed) return [...out, `bench/package-footprint.js failed (exit ${p.exit}):`, '', '```', p.output, '```', ''];
  const a = p.action;
  const s = (ms) => (ms / 1000).toFixed(1);
  out.push(
    `Measured ${p.measuredAt.slice(0, 16).replace('T', ' ')} UTC by bench/package-footprint.js (npm ${p.machine.npm}, Node ${p.machine.node}; load average at its end ${p.machine.loadAverageAtEnd.join(', ')}), wirepin ${p.version}.`,
    '',
    '| what | figure |',
    '| --- | --- |',
    `| tarball (\`npm pack\`) | ${n(p.tarball.files)} files, ${(p.tarball.bytes / 1024).toFixed(1)} KiB (${(p.tarball.unpackedBytes / 1024 / 1024).toFixed(1)} MiB unpacked) |`,
    `| \`npm install <tgz>\` (optional peers left out: the guards, lint, generate, diff, sync) | ${p.install.withoutPeers.mib} MiB, ${p.install.withoutPeers.packages} packages, ${s(p.install.withoutPeers.ms)} s cold |`,
    `| with the optional peers (${p.install.peers.map((x) => `\`${x}\``).join(', ')}: \`wirepin pact\`, \`--ts\`) | ${p.install.withPeers.mib} MiB, ${p.install.withPeers.packages} packages, ${s(p.install.withPeers.ms)} s cold |`,
    `| the Action's install step, cold | median ${s(a.medianInstallMs)} s of ${a.runs.length} runs (${a.runs[0].installMiB} MiB installed) |`,
    `| the Action's \`check\` step on this repository's contract and structs | median ${s(a.medianCheckMs)} s |`,
    `| **install + \`check\`, cold** | **median ${s(a.medianTotalMs)} s** (${s(a.minTotalMs)}–${s(a.maxTotalMs)} s); before: ${a.baseline.seconds} s (\`npm ci\` of the development tree, ${a.baseline.packages} packages, ${a.baseline.megabytes} MB, plus a build) |`,
    '',
    'What stays a runtime dependency, and why: json-schema-to-typescript (with prettier, lodash and their types, about 26 MB of the install) writes the ' +
      'TypeScript outputs that `generate` and `check` keep fresh by default, so it stays; Pact (19 MB with its native core, `wirepin pact` only) and ' +
      'TypeScript (24 MB, only `--ts` sources and `contract from-ts`) are optional peers, loaded lazily; without them those commands exit 2 naming the ' +
      'package to install. tree-sitter-go is a development dependency: the build copies its 216 KB WebAssembly grammar (and licence) into the package, so ' +
      'an install runs no native build script. buf (93 MB), Stryker, vitest and the other tools are development-only.',
    '',
  );
  return out;
}

/** The `## ` sections of a Markdown text, by heading line, in order. */
function sectionsOf(text) {
  const sections = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('## ')) sections.push({ heading: line, lines: [line] });
    else sections.at(-1)?.lines.push(line);
  }
  return sections;
}

/**
 * Keeps every section of the previous BENCHMARKS.md that this run did not
 * render (a script measured it on its own, e.g. bench/reads.js), before
 * "How measured", so a full run never drops hand-run figures.
 */
export function keepSections(rendered, previous) {
  if (!previous) return rendered;
  const renderedHeadings = new Set(sectionsOf(rendered).map((s) => s.heading));
  const kept = sectionsOf(previous).filter((s) => !renderedHeadings.has(s.heading));
  if (kept.length === 0) return rendered;
  const block = kept.map((s) => `${s.lines.join('\n').trimEnd()}\n\n`).join('');
  const at = rendered.indexOf('\n## How measured');
  return at < 0 ? `${rendered.trimEnd()}\n\n${block}` : `${rendered.slice(0, at + 1)}${block}${rendered.slice(at + 1)}`;
}

/** The Go-at-scale section from bench/go-scale.js's results (bench/results/go-scale.json). */
function renderGoScale(g) {
  if (!g || g.failed)
    return g?.failed
      ? ['## Go at scale (issue 15)', '', `bench/go-scale.js failed (exit ${g.exit}):`, '', '```', g.output, '```', '']
      : [];
  const out = [
    '## Go at scale (issue 15)',
    '',
    `Measured by bench/go-scale.js (also run by \`npm run bench\`; inputs from bench/lib/go-graphs.js), Node ${g.node}. Wall time is the median of 5 whole-process runs; peak RSS from GNU time.`,
    '',
  ];
  out.push(
    '| case | median ms | min–max ms | peak RSS MiB | target | met |',
    '| --- | ---: | ---: | ---: | --- | --- |',
  );
  for (const r of g.results) {
    const big = r.id.startsWith('extract-');
    // A row may carry its own budget (the read analysis: < 1.5 s for the analysis, < 200 MiB for consumes).
    if (r.analysisMs !== undefined) {
      const met = r.analysisMs !== null && r.analysisMs < r.limitMs;
      out.push(
        `| ${r.label} | ${Math.round(r.analysisMs)} analysing; ${wall(r)} whole process | – | ${r.rssMiB ?? 'n/a'} | ${r.target} | ${met ? 'yes' : 'no'} |`,
      );
      continue;
    }
    const limitMs = r.limitMs ?? (big ? 10_000 : 2_000);
    const limitMiB = r.limitMiB ?? 300;
    const met = r.medianMs !== null && r.medianMs < limitMs && (big || (r.rssMiB ?? Infinity) < limitMiB);
    const target = r.target ?? (big ? '< 10 s' : '< 2 s and < 300 MiB, exit as expected');
    out.push(`| ${r.label} | ${wall(r)} | ${spread(r)} | ${r.rssMiB ?? 'n/a'} | ${target} | ${met ? 'yes' : 'no'} |`);
  }
  out.push('');
  return out;
}

export function renderBenchmarks(result, previous = '') {
  return keepSections(renderBenchmarksOnly(result), previous);
}

function renderBenchmarksOnly(result) {
  const rows = new Map(result.rows.map((r) => [r.id, r]));
  const floor = rows.get('floor');
  const out = [];
  const date = result.measuredAt.slice(0, 10);
  out.push('# Benchmarks', '');
  out.push(
    `Measured ${date} by \`npm run bench\` (bench/run.js) on this project's machine: ${result.machine.cpus} vCPU (${result.machine.cpu}), ` +
      `${result.machine.memoryGiB} GiB, Node ${result.machine.node}, ${result.machine.platform}. Peers: buf ${result.peers.buf.version} (native binary), ` +
      `json-schema-diff ${result.peers.jsonSchemaDiff.version}. The run took ${n(result.durationS)} s; load average at its end ${result.machine.loadAverageAtEnd.join(', ')} ` +
      '(other work shares these 2 cores, so read differences under ~30% as noise).',
    '',
  );

  out.push('## Targets', '');
  out.push('| target | measured | met |', '| --- | --- | --- |');
  const footprint = [...packageTargets(result.package), ...readsTargets(result.reads)];
  for (const t of [...result.targets, ...footprint])
    out.push(
      `| ${t.statement} | ${t.measured ?? '–'} | ${t.met === true ? 'yes' : t.met === false ? '**no**' : 'not measured'} |`,
    );
  out.push('');
  const diff10k = rows.get('diff-10000')?.medianMs;
  const bare10k = rows.get('buf-10000')?.medianMs;
  if (diff10k && bare10k) {
    out.push(
      'Which protobuf pair is "equivalent": a wirepin contract carries, for every field, its name, type, `required`, description, ' +
        '`cp_consumes` and note, and `wirepin diff` compares all of them (DESCRIPTION_CHANGED, CONSUMES_FLIPPED, NOTE_CHANGED, ...). ' +
        'The pair the target is measured on carries the same: descriptions as comments, `cp_consumes` and `note` as custom field options ' +
        '(bench/lib/inputs.js, `protoWithLedger`), so buf reads as much as wirepin does. The bare pair, names and types only, holds less ' +
        `than the contract; against it wirepin is ${(bare10k / diff10k).toFixed(2)}x faster (same run).`,
      '',
    );
  }
  const missed = result.targets.filter((t) => t.met === false);
  const missedFootprint = footprint.filter((t) => t.met === false);
  if (missedFootprint.length)
    out.push(`Missed: ${missedFootprint.map((t) => t.id).join(', ')} (see their sections below).`, '');
  if (missed.length === 0 && missedFootprint.length === 0) {
    out.push('Every target measured here is met.', '');
  } else {
    out.push(
      `Missed: ${missed.map((t) => t.id).join(', ')}. Where the time goes, from one \`node --cpu-prof\` run of each (self time):`,
      '',
    );
    for (const t of missed) {
      const profile = result.profiles.find((p) => p.target === t.id);
      out.push(`### ${t.id}`, '');
      if (t.id === 'memory' && result.memoryPhases) {
        out.push(
          `Peak RSS of \`wirepin generate\` on \`${result.memoryPhases.contract}\`, the pipeline run up to each stage in a fresh process (bench/lib/generate-phases.js, median of 3` +
            `${result.memoryPhases.measuredAt && result.memoryPhases.measuredAt.slice(0, 16) !== result.measuredAt.slice(0, 16) ? `; measured separately at ${result.memoryPhases.measuredAt.slice(11, 16)} UTC, so its wall times are not comparable with the tables` : ''}):`,
          '',
          '| up to stage | peak RSS MiB | added MiB | wall ms |',
          '| --- | ---: | ---: | ---: |',
        );
        let previous = result.rows.find((r) => r.id === 'floor')?.rssMiB ?? 0;
        const what = {
          analyze: 'read + validate + normalize + lint the contract',
          schema: '+ build the wire schema',
          jstt: '+ json-schema-to-typescript, producer types, without prettier',
          producer: '+ producer types as generate makes them (json-schema-to-typescript + prettier)',
          both: '+ consumer types too (= wirepin generate)',
        };
        for (const s of result.memoryPhases.stages) {
          out.push(
            `| ${what[s.stage] ?? s.stage} | ${n(s.rssMiB)} | ${s.stage === 'jstt' ? '–' : n(Number((s.rssMiB - previous).toFixed(1)))} | ${n(s.ms)} |`,
          );
          if (s.stage !== 'jstt') previous = s.rssMiB;
        }
        out.push(
          '',
          '"added" is over the row above (the first row: over `node -e 0`). The "without prettier" row is a side measurement: the producer row minus it is what prettier adds.',
          '',
        );
        continue;
      }
      if (!profile) {
        out.push(
          t.id === 'pact-round' || t.id === 'server-rps'
            ? 'Measured by its own script; see its section below.'
            : NO_PROFILE,
          '',
        );
        continue;
      }
      if (profile.error) {
        out.push(`${NO_PROFILE}: ${profile.error}`, '');
        continue;
      }
      out.push(
        `\`${profile.command.replace(/\/\S*\/bench\/\.work\/run\//gu, 'bench/.work/run/')}\`: ${n(profile.totalMs)} ms of CPU samples (exit ${profile.exit}).`,
        '',
      );
      out.push('| module | self ms |', '| --- | ---: |');
      for (const m of profile.modules.slice(0, 6)) out.push(`| ${m.module} | ${n(m.ms)} |`);
      out.push('', '| function | where | self ms |', '| --- | --- | ---: |');
      for (const f of profile.functions.slice(0, 8)) out.push(`| \`${f.name}\` | ${f.module} | ${n(f.ms)} |`);
      out.push('');
    }
  }

  out.push('## By input size', '');
  out.push(
    `Median wall time of ${result.runs} runs after 1 warm-up, whole processes, in ms; peak RSS (median) in MiB. ` +
      `"x floor" is the median over \`node -e 0\` (${n(floor.medianMs)} ms, ${n(floor.rssMiB)} MiB); "x peer" compares \`wirepin diff\` with \`buf breaking\` ` +
      'on the protobuf pair that carries the same information (descriptions as comments, the ledger as custom field options; below 1 is faster than buf). ' +
      'The bare pair (names and types only) is listed too.',
    '',
  );
  out.push(
    '| command | fields | median ms | min–max ms | peak RSS MiB | x floor | x peer |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  const groups = [
    'lint',
    'generate',
    'generate --check',
    'pin --go',
    'diff',
    'peer: buf breaking, with ledger',
    'peer: buf breaking',
    'peer: json-schema-diff',
  ];
  const label = {
    lint: '`wirepin lint`',
    generate: '`wirepin generate` (from scratch)',
    'generate --check': '`wirepin generate --check` (fresh files)',
    'pin --go': '`wirepin pin --go` (matching struct)',
    diff: '`wirepin diff` (1 removed, 1 retyped)',
    'peer: buf breaking, with ledger':
      '`buf breaking` (same change; descriptions as comments, ledger as custom options)',
    'peer: buf breaking': '`buf breaking` (same change, bare shape: names and types only)',
    'peer: json-schema-diff': '`json-schema-diff` (same change, draft-07)',
  };
  for (const group of groups) {
    for (const row of result.rows.filter((r) => r.group === group)) {
      const peer = row.peer ? rows.get(row.peer) : undefined;
      out.push(
        `| ${label[group]} | ${n(row.fields)} | ${wall(row)} | ${spread(row)} | ${n(row.rssMiB)} | ${row.timedOut ? '–' : ratio(row.medianMs, floor.medianMs)} | ${peer ? ratio(row.medianMs, peer.medianMs) : '–'} |`,
      );
    }
  }
  if (!result.diffAvailable) out.push('', '`wirepin diff` was not available in this build, so it has no rows.');
  out.push('');

  out.push('## This repository and the large Go package', '');
  out.push('| command | median ms | min–max ms | peak RSS MiB | x floor |', '| --- | ---: | ---: | ---: | ---: |');
  const fixed = [
    ['floor', '`node -e 0` (the floor)'],
    ['lint-shipped', '`wirepin lint contracts/provision_request.contract.json`'],
    ['check-repository', '`wirepin check` (this repository: lint, generate --check, pin, consumes)'],
    ['pin-2000-structs', `\`wirepin pin --go\` on 2,000 structs / ${n(result.bigGoPackage.lines)} lines (type S1999)`],
  ];
  for (const [id, what] of fixed) {
    const row = rows.get(id);
    if (row)
      out.push(
        `| ${what} | ${wall(row)} | ${spread(row)} | ${n(row.rssMiB)} | ${ratio(row.medianMs, floor.medianMs)} |`,
      );
  }
  out.push('');

  out.push('## Pact round and reference server', '');
  if (result.pact && !result.pact.failed) {
    const p = result.pact.in_process_ms;
    // A phase an older saved result did not time reads "not timed" rather than breaking --render-only.
    const median = (phase) => (p[phase] === undefined ? 'not timed' : n(p[phase].median));
    const interactions = result.pact.interactions === undefined ? '' : ` (${result.pact.interactions} interactions)`;
    out.push(
      `bench/pact-round.js, ${result.pact.rounds} cold rounds, each in a fresh process (median ms): import of Pact and the sources ${median('import_pact_and_sources')}, ` +
        `generating the pact set${interactions} ${median('generate_pact_set')}, consumer test ${median('consumer_test')}, ` +
        `provider verification of the TypeScript reference server ${median('provider_verification')}, ` +
        `of the Go provider ${result.pact.go_provider_verified ? median('go_provider_verification') : 'not run (no go on PATH)'}, round ${median('round_total')}; ` +
        `process wall ${median('process_wall')} (max ${p.process_wall === undefined ? 'not timed' : n(p.process_wall.max)}).` +
        (result.pact.vitest_wall_ms
          ? ` As CI runs it, \`vitest run\` of both Pact test files: ${n(result.pact.vitest_wall_ms.median)} ms (median of ${result.pact.vitest_wall_ms.runs}).`
          : ''),
      '',
    );
  } else if (result.pact) {
    out.push(`bench/pact-round.js failed (exit ${result.pact.exit}):`, '', '```', result.pact.output, '```', '');
  } else {
    out.push('Pact round: not run (--no-pact).', '');
  }
  if (result.server && !result.server.failed) {
    const s = result.server;
    out.push(
      `bench/server-load.js: ${n(s.requests)} valid provision requests (after ${n(s.warmup_requests)} warm-up), concurrency ${s.concurrency}, keep-alive on 127.0.0.1: ` +
        `${n(s.requests_per_second)} requests/s, latency p50 ${s.latency_ms.p50} ms, p99 ${s.latency_ms.p99} ms, ${s.failures} failures.`,
      '',
    );
  } else if (result.server) {
    out.push(`bench/server-load.js failed (exit ${result.server.exit}):`, '', '```', result.server.output, '```', '');
  } else {
    out.push('Reference server: not run (--no-server).', '');
  }
  if (result.crossCheck && !result.crossCheck.failed) {
    const c = result.crossCheck;
    const w = Object.entries(c.results).find(([k]) => k.startsWith('wirepin'))?.[1];
    const b = Object.entries(c.results).find(([k]) => k.startsWith('buf') && k.includes('equivalent'))?.[1];
    const bare = Object.entries(c.results).find(([k]) => k.startsWith('buf') && k.includes('bare'))?.[1];
    out.push(
      `Cross-check by bench/diff-vs-buf.js (a separate script on the same inputs, ${n(c.fields)} fields, same run): wirepin diff ${n(w?.medianMs)} ms; ` +
        `buf breaking ${n(b?.medianMs)} ms on the equivalent pair (${c.speedup}x), ${n(bare?.medianMs)} ms on the bare pair (${c.bareSpeedup}x).`,
      '',
    );
  }

  out.push(...renderGoScale(result.goScale));
  out.push(...renderPackage(result.package));
  out.push(...renderReads(result.reads));

  out.push('## How measured', '');
  out.push(
    '- Inputs are generated under the git-ignored `bench/.work/run/` by bench/lib/inputs.js: a contract of N top-level fields (strings and integers, every tenth one dead with a note, ' +
      'all required; 15 / 1,000 / 10,000 fields), a head version with one field removed and one retyped, draft-07 copies without `$schema` for json-schema-diff, ' +
      "the same messages in protobuf for buf, a Go struct with exactly the contract's fields, and a Go package of 2,000 structs (each embeds the previous one's base and points at the next).",
    "- Every command runs as a whole process (`node bin/wirepin.js ...`, buf's native binary from node_modules/@bufbuild/buf-linux-x64, json-schema-diff's CLI script with this Node), " +
      `once to warm the file cache, then ${result.runs} times; the table shows the median wall time (performance.now() around the spawn) and the median peak RSS from GNU time (\`/usr/bin/time -f %M\`).`,
    '- Every run is checked: the exit code, and for `wirepin diff` exactly the two expected findings; `buf breaking` must exit 100 with two findings, json-schema-diff exit 1.',
    `- \`wirepin generate\` deletes its output before each run, so every run generates from scratch; \`generate --check\` runs on fresh files (their stamps let it skip the type generator). ` +
      `json-schema-diff at ${n(Math.max(...result.sizes))} fields runs once, killed after the bound (about N^2; the peer survey measured 186 s).`,
    '- The Pact round and the server load are measured by their own scripts (bench/pact-round.js, bench/server-load.js), run by bench/run.js in the same run.',
    "- The package, its install and the Action's cold run are measured by bench/package-footprint.js (`npm run bench:package`, also run by bench/run.js): " +
      'every install starts from an empty npm cache (`npm_config_cache=$(mktemp -d)`), an empty project or install directory, and, for the Action, a fresh copy of its checkout ' +
      "(action.yml, package.json, scripts/); the registry is reached over this machine's network. Sizes are `du -sm` of node_modules.",
    '- A missed target is profiled once with `node --cpu-prof` (bench/lib/profile.js): self time per module and per function.',
    '',
  );
  return `${out.join('\n')}\n`;
}
