// Start-up time, memory and query latency of the service on generated graphs of 100k and 1M triples (BENCH_SIZES to change them); `-- --store` (or SCALE_STORE=1) loads them into Virtuoso with store:load and times a replica in store mode instead.
import { rmSync } from 'node:fs';
import os from 'node:os';
import { SCALE_BASE, latency, prepareData, scaleQueries, shown, sparqlGet } from './scale-common.js';
import { storeScale } from './scale-store.js';
import { build, memoryMb, startService } from './server-process.js';

const sizes = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 15);
const storeMode = process.argv.includes('--store') || process.env.SCALE_STORE === '1';

/** One size in embedded mode (the default): the service loads the generated data/ folder itself. */
async function embeddedScale(size: number): Promise<void> {
  const data = await prepareData(size);
  // SHACL is measured apart (npm run bench:validate): the generated graph is shaped like the data, not written to pass every shape.
  const service = await startService({ DATA_DIR: data.dataDir, SHAPES_DIR: 'none', BASE_IRI: SCALE_BASE });
  try {
    const afterStart = memoryMb(service.child.pid!);
    const rows = [];
    for (const { name, query } of scaleQueries) rows.push([name, await latency(runs, sparqlGet(`${service.url}/sparql`, query))] as const);
    rows.push(['/doc page of a city (Turtle)', await latency(runs, (i) => ({ url: `${service.url}/doc/city/city-${1000 + i}`, accept: 'text/turtle' }))] as const);
    const afterQueries = memoryMb(service.child.pid!);
    console.log(`\n${data.triples.toLocaleString('en')} triples (${data.cities.toLocaleString('en')} cities, ${data.networks} networks)`);
    console.log(`  start-up to /health 200: ${(service.startupMs / 1000).toFixed(1)} s`);
    console.log(`  RSS after start: ${afterStart.rss.toFixed(0)} MB; after the queries: ${afterQueries.rss.toFixed(0)} MB; peak: ${afterQueries.peak.toFixed(0)} MB`);
    console.log(`  ${'ms, median / p95 of the successful answers'.padEnd(38)} ${'service'.padStart(19)}  (${runs} runs)`);
    for (const [name, ms] of rows) console.log(`  ${name.padEnd(38)} ${shown(ms)}${ms.failed > 0 ? `  failed ${ms.failed}: ${ms.firstFailure}` : ''}`);
  } finally {
    await service.stop();
    rmSync(data.dir, { recursive: true, force: true });
  }
}

build();
// The load average too: on a shared machine it says how far the latencies can be trusted.
console.log(`bench:scale${storeMode ? ' --store' : ''} on ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}, load average ${os.loadavg()[0]!.toFixed(1)}`);
for (const size of sizes) await (storeMode ? storeScale(size, runs) : embeddedScale(size));
