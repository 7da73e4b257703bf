// Where the memory of `wirepin generate` goes: the pipeline run up to each
// stage in a fresh process, peak RSS measured by GNU time around it. Stages:
//   analyze   read, validate, normalize and lint the contract
//   schema    + build the wire schema
//   jstt      + json-schema-to-typescript on the producer schema, format: false
//   producer  + the real generateTypes (json-schema-to-typescript + prettier) for the producer types
//   both      + the consumer types as well (what `wirepin generate` does)
//
//   node bench/lib/generate-phases.js STAGE CONTRACT
import { pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runOnce } from './measure.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const STAGES = ['analyze', 'schema', 'jstt', 'producer', 'both'];

async function runStage(stage, contract) {
  const dist = (path) => import(pathToFileURL(join(ROOT, 'dist', path)).href);
  const { analyzeContractFile } = await dist('run/analyze.js');
  const analyzed = await analyzeContractFile(contract);
  if (stage === 'analyze') return;
  const { buildWireSchema, pruneDeadFields } = await dist('generate/wire-schema.js');
  const schema = buildWireSchema(analyzed.document.value, analyzed.file);
  if (stage === 'schema') return;
  const types = await dist('generate/typescript-types.js');
  if (stage === 'jstt') {
    const { compile } = await import('json-schema-to-typescript');
    const input = types.ledgerToDocComments(schema);
    input.title = 'T';
    await compile(input, 'T', {
      bannerComment: '',
      additionalProperties: false,
      unknownAny: true,
      format: false,
      $refOptions: { resolve: { http: false } },
    });
    return;
  }
  await types.generateTypes(schema, { typeName: analyzed.model.title, banner: '' });
  if (stage === 'producer') return;
  await types.generateTypes(pruneDeadFields(schema), { typeName: analyzed.model.title, banner: '' });
}

/** Peak RSS (MiB, median of `runs`) and wall ms for each stage. */
export function measurePhases(contract, runs = 3) {
  return STAGES.map((stage) => {
    const samples = Array.from({ length: runs }, () =>
      runOnce(process.execPath, [fileURLToPath(import.meta.url), stage, contract], { cwd: ROOT }),
    );
    const failed = samples.find((s) => s.status !== 0);
    if (failed) throw new Error(`generate phase ${stage} failed: ${failed.stderr.slice(0, 800)}`);
    const sorted = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    return {
      stage,
      rssMiB: samples[0].rssMiB === null ? null : Number(sorted(samples.map((s) => s.rssMiB)).toFixed(1)),
      ms: Math.round(sorted(samples.map((s) => s.ms))),
    };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await runStage(process.argv[2], process.argv[3]);
  process.exit(0);
}
