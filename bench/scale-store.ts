// bench:scale's store mode: a generated graph loaded into Virtuoso by the real `npm run store:load`, then one replica (STORE=sparql) timed next to Virtuoso queried directly.
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { MERGED_GRAPH } from '../src/store/store-graphs.js';
import { startVirtuoso, virtuosoInstalled, type Virtuoso } from '../test/support/virtuoso.js';
import { SCALE_BASE, latency, prepareData, scaleQueries, shown, sparqlGet, summarise, timeOne, type Latency, type ScaleData } from './scale-common.js';
import { memoryMb, projectRoot, startService, type Started } from './server-process.js';

/** The running `npm run store:load`, stopped with the rest when the bench is interrupted. */
let loading: ChildProcess | undefined;

/** Runs `npm run store:load` as an operator would, with `env`; resolves with its output, rejects with it when it exits non-zero. */
function storeLoad(env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = (loading = spawn('npm', ['run', '--silent', 'store:load'], { cwd: projectRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }));
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      loading = undefined;
      if (code === 0) resolve(output);
      else reject(new Error(`npm run store:load exited with ${code}:\n${output.slice(-2000)}`));
    });
  });
}

/** The load, timed around the whole CLI (tsx start, parsing, sending, the switch); the triples are the ones it reports per graph. */
async function timeLoad(virtuoso: Virtuoso, data: ScaleData): Promise<void> {
  const started = performance.now();
  const output = await storeLoad({
    LOG_LEVEL: 'silent',
    STORE: 'sparql',
    // The authenticated endpoint: only Virtuoso's dba may update.
    STORE_QUERY_URL: `${virtuoso.endpoint}-auth`,
    STORE_USER: 'dba',
    STORE_PASSWORD: 'dba',
    DATA_DIR: data.dataDir,
    // SHACL is measured apart (npm run bench:validate), as in the embedded part.
    SHAPES_DIR: 'none',
    BASE_IRI: SCALE_BASE,
  });
  const seconds = (performance.now() - started) / 1000;
  const counts = [...output.matchAll(/^\s*(\d+)\s+<[^>]+>\s*$/gm)].map((m) => Number(m[1]));
  const loaded = counts.reduce((sum, n) => sum + n, 0);
  console.log(`  npm run store:load: ${seconds.toFixed(1)} s for ${loaded.toLocaleString('en')} triples in ${counts.length} graphs (${Math.round(loaded / seconds).toLocaleString('en')} triples/s, whole CLI run)`);
  const last = output.trim().split('\n').at(-1);
  if (last) console.log(`  its last line: ${last}`);
}

/** Each query, alternating one request to the replica and one to Virtuoso, so neither always runs on a warmer machine. */
async function compare(replica: Started, virtuoso: Virtuoso, runs: number): Promise<Array<[string, Latency, Latency | undefined]>> {
  const direct = `${virtuoso.endpoint}?default-graph-uri=${encodeURIComponent(MERGED_GRAPH)}`;
  const rows: Array<[string, Latency, Latency | undefined]> = [];
  for (const { name, query } of scaleQueries) {
    const [toReplica, toVirtuoso] = [sparqlGet(`${replica.url}/sparql`, query), sparqlGet(direct, query)];
    const times = { replica: [] as number[], virtuoso: [] as number[] };
    const failures = { replica: [] as string[], virtuoso: [] as string[] };
    for (let i = 0; i < runs; i++) {
      const order = i % 2 === 0 ? (['replica', 'virtuoso'] as const) : (['virtuoso', 'replica'] as const);
      for (const who of order) {
        const ms = await timeOne((who === 'replica' ? toReplica : toVirtuoso)(i), failures[who]);
        if (ms !== undefined) times[who].push(ms);
      }
    }
    rows.push([name, summarise(times.replica, failures.replica), summarise(times.virtuoso, failures.virtuoso)]);
  }
  rows.push(['/doc page of a city (Turtle)', await latency(runs, (i) => ({ url: `${replica.url}/doc/city/city-${1000 + i}`, accept: 'text/turtle' })), undefined]);
  return rows;
}

/** One size in store mode: load, start one replica, time the queries; Virtuoso, the replica and the temporary folders are gone at the end, also on failure. */
export async function storeScale(size: number, runs: number): Promise<void> {
  if (!virtuosoInstalled()) throw new Error('bench:scale --store needs Virtuoso: apt-get install -y virtuoso-opensource-7-bin');
  const data = await prepareData(size);
  let virtuoso: Virtuoso | undefined;
  let replica: Started | undefined;
  const cleanUp = async () => {
    // npm passes the signal on to the loader it runs.
    loading?.kill('SIGTERM');
    await replica?.stop();
    await virtuoso?.stop();
    rmSync(data.dir, { recursive: true, force: true });
  };
  // Interrupted (Ctrl-C, a CI timeout): the same clean-up as at the end, then the usual exit code of the signal.
  const interrupted = (signal: NodeJS.Signals) => void cleanUp().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    console.log(`\nstore mode, ${data.triples.toLocaleString('en')} triples generated (${data.cities.toLocaleString('en')} cities, ${data.networks} networks)`);
    virtuoso = await startVirtuoso();
    await timeLoad(virtuoso, data);
    // No DATA_DIR: a replica reads its copy of the graph from the store (a /doc page of a generated city proves it).
    replica = await startService({ STORE: 'sparql', STORE_QUERY_URL: virtuoso.endpoint, SHAPES_DIR: 'none', BASE_IRI: SCALE_BASE });
    const afterStart = memoryMb(replica.child.pid!);
    console.log(`  replica start-up to /health 200: ${(replica.startupMs / 1000).toFixed(1)} s; RSS after start: ${afterStart.rss.toFixed(0)} MB`);
    const rows = await compare(replica, virtuoso, runs);
    const afterQueries = memoryMb(replica.child.pid!);
    console.log(`  replica RSS after the queries: ${afterQueries.rss.toFixed(0)} MB; peak: ${afterQueries.peak.toFixed(0)} MB`);
    console.log(`  ${'ms, median / p95 of the successful answers'.padEnd(38)} ${'replica'.padStart(19)} ${'Virtuoso direct'.padStart(19)}  (${runs} runs each)`);
    for (const [name, viaReplica, direct] of rows) {
      const failed = [viaReplica, direct].some((l) => l && l.failed > 0) ? `  failed ${viaReplica.failed}/${direct?.failed ?? '-'}: ${viaReplica.firstFailure ?? direct?.firstFailure}` : '';
      console.log(`  ${name.padEnd(38)} ${shown(viaReplica)} ${shown(direct)}${failed}`);
    }
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await cleanUp();
  }
}
