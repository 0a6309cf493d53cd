// Prints how long loading and SHACL validation take (cold first run, then warm median): of the real graph, or of a generated one of BENCH_TRIPLES triples.
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config.js';
import { loadGraph } from '../src/store/load.js';
import { validateGraph } from '../src/validate/shacl.js';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateGraph } from './generate.js';

const runs = Number(process.argv[2] ?? 5);
const generated = Number(process.env.BENCH_TRIPLES ?? 0);
let env: Record<string, string | undefined> = process.env;
if (generated > 0) {
  // A graph in the shape of the data (bench/generate.ts), checked by the real shapes: the cost is what counts here.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lod-validate-'));
  await generateGraph(path.join(dir, 'generated.nq'), generated, 'http://scale.example/');
  env = { ...process.env, DATA_DIR: dir, BASE_IRI: 'http://scale.example/' };
}
const config = loadConfig(env);
const shapesDir = config.shapesDir ?? 'shapes';
const loadTimes: number[] = [];
const validateTimes: number[] = [];
let triples = 0;
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const graph = await loadGraph({ baseIri: config.baseIri, ontologyDir: config.ontologyDir, dataDir: config.dataDir });
  const t1 = performance.now();
  const report = await validateGraph(graph, shapesDir);
  const t2 = performance.now();
  loadTimes.push(t1 - t0);
  validateTimes.push(t2 - t1);
  triples = report.tripleCount;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const ms = (x: number | undefined) => `${Math.round(x ?? NaN)} ms`;
console.log(`graph: ${triples} triples (union of all graphs), ${runs} runs`);
console.log(`load:     first ${ms(loadTimes[0])}, median ${ms(median(loadTimes))}`);
console.log(`validate: first ${ms(validateTimes[0])}, median ${ms(median(validateTimes))}`);
console.log(`validate / load (median): ${(median(validateTimes) / median(loadTimes)).toFixed(1)}x`);
