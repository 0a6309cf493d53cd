// Start-up time, memory and query latency of the service on generated graphs of 100k and 1M triples (BENCH_SIZES to change them).
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateGraph } from './generate.js';
import { build, memoryMb, projectRoot, startService } from './server-process.js';

const sizes = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 15);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Median latency of `runs` requests; `make(i)` gives a fresh URL each time, so no answer comes from a cache. */
async function latency(make: (i: number) => { url: string; accept: string }): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const { url, accept } = make(i);
    const started = performance.now();
    const response = await fetch(url, { headers: { accept } });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    times.push(performance.now() - started);
  }
  return median(times);
}

build();
console.log(`bench:scale on ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
for (const size of sizes) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lod-scale-'));
  const dataDir = path.join(dir, 'data');
  rmSync(dataDir, { recursive: true, force: true });
  await import('node:fs/promises').then((fs) => fs.mkdir(dataDir));
  copyFileSync(path.join(projectRoot, 'data/CHANGELOG.md'), path.join(dataDir, 'CHANGELOG.md'));
  // The service is told this base IRI; only its path matters for routing, so it still listens on loopback.
  const base = 'http://scale.example/';
  const generated = await generateGraph(path.join(dataDir, 'generated.nq'), size, base);
  // SHACL is measured apart (npm run bench:validate): the generated graph is shaped like the data, not written to pass every shape.
  const service = await startService({ DATA_DIR: dataDir, SHAPES_DIR: 'none', BASE_IRI: base });
  try {
  const afterStart = memoryMb(service.child.pid!);
  const sparql = (query: string) => (i: number) => ({ url: `${service.url}/sparql?query=${encodeURIComponent(`${query}\n# run ${i}`)}`, accept: 'application/sparql-results+json' });
  const org = 'http://www.w3.org/ns/org#';
  const rows: Array<[string, number]> = [
    ['labels of one city', await latency(sparql(`SELECT ?l WHERE { <${base}id/city/city-123> <http://www.w3.org/2000/01/rdf-schema#label> ?l }`))],
    ['members of one network', await latency(sparql(`SELECT ?c WHERE { ?c <${org}memberOf> <${base}id/network/network-3> }`))],
    ['cities in two networks (join)', await latency(sparql(`SELECT ?c WHERE { ?c <${org}memberOf> <${base}id/network/network-1> , <${base}id/network/network-2> }`))],
    ['memberships of one city, with dates', await latency(sparql(`SELECT ?n ?d WHERE { ?m <${org}member> <${base}id/city/city-77> ; <${org}organization> ?n ; <http://schema.org/startDate> ?d }`))],
    ['/doc page of a city (Turtle)', await latency((i) => ({ url: `${service.url}/doc/city/city-${1000 + i}`, accept: 'text/turtle' }))],
  ];
  const afterQueries = memoryMb(service.child.pid!);
  console.log(`\n${generated.triples.toLocaleString('en')} triples (${generated.cities.toLocaleString('en')} cities, ${generated.networks} networks)`);
  console.log(`  start-up to /health 200: ${(service.startupMs / 1000).toFixed(1)} s`);
  console.log(`  RSS after start: ${afterStart.rss.toFixed(0)} MB; after the queries: ${afterQueries.rss.toFixed(0)} MB; peak: ${afterQueries.peak.toFixed(0)} MB`);
  for (const [name, ms] of rows) console.log(`  ${name.padEnd(38)} ${ms.toFixed(2).padStart(9)} ms (median of ${runs})`);
  } finally {
    await service.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
