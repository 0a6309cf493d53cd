// SPARQL throughput of the service (embedded and in store mode over Virtuoso) next to Virtuoso 7.2 queried directly: uncached mix, a single store asked directly or through Comunica, then cached answers next to a bare Node server.
import { createServer } from 'node:http';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config.js';
import { loadValidGraph } from '../src/server.js';
import { loadIntoStore } from '../src/store/store-load.js';
import { readChangelog } from '../src/open-data/release.js';
import { MERGED_GRAPH, readMeta } from '../src/store/store-graphs.js';
import { directAndComunica } from './store-comunica.js';
import { build, freePort, startService } from './server-process.js';
import { loadNQuads, startVirtuoso, virtuosoInstalled, type Virtuoso } from '../test/support/virtuoso.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);

const PREFIXES = `PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX org: <http://www.w3.org/ns/org#> PREFIX schema: <http://schema.org/>\n`;
const RESULTS = 'application/sparql-results+json';
const MERGED = 'urn:x-bench:merged';
/** The mix of the engine issue: a join, ORDER BY, GROUP BY, REGEX and a CONSTRUCT, over the whole graph. */
const mix: Array<{ name: string; query: string; accept: string }> = [
  { name: 'join (member, network, labels)', accept: RESULTS, query: `${PREFIXES}SELECT ?who ?net ?label WHERE { ?who org:memberOf ?net . ?net rdfs:label ?label . ?who rdfs:label ?l2 FILTER(lang(?l2) = "en") }` },
  { name: 'ORDER BY label', accept: RESULTS, query: `${PREFIXES}SELECT ?s ?l WHERE { ?s rdfs:label ?l } ORDER BY ?l LIMIT 200` },
  { name: 'GROUP BY type, COUNT', accept: RESULTS, query: `${PREFIXES}SELECT ?type (COUNT(?s) AS ?n) WHERE { ?s a ?type } GROUP BY ?type ORDER BY DESC(?n)` },
  { name: 'REGEX on labels', accept: RESULTS, query: `${PREFIXES}SELECT ?s ?l WHERE { ?s rdfs:label ?l FILTER(REGEX(?l, "stadt|city|netz", "i")) }` },
  { name: 'CONSTRUCT labels (Turtle)', accept: 'text/turtle', query: `${PREFIXES}CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a org:Organization ; rdfs:label ?l }` },
];

/** Successful answers per second for one query, each request with a new comment so that no cache answers it. */
async function throughput(endpoint: string, query: string, accept: string, vary: boolean): Promise<{ rate: number; failed: number }> {
  const url = new URL(endpoint);
  let n = 0;
  const prefix = url.search ? `${url.pathname}${url.search}&` : `${url.pathname}?`;
  const pathOf = () => `${prefix}query=${encodeURIComponent(vary ? `${query}\n# ${n++}` : query)}`;
  const result = await autocannon({
    url: url.origin,
    connections,
    duration: seconds,
    headers: { accept },
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: pathOf() }) }],
  });
  // Only successful answers count: a fast 503 is not throughput.
  return { rate: result['2xx'] / (result.duration || seconds), failed: result.non2xx + result.errors + result.timeouts };
}

async function rows(endpoint: string, query: string, accept: string): Promise<string> {
  const response = await fetch(`${endpoint}${endpoint.includes('?') ? '&' : '?'}query=${encodeURIComponent(query)}`, { headers: { accept } });
  const text = await response.text();
  if (!response.ok) return `HTTP ${response.status}`;
  if (accept === RESULTS) return `${(JSON.parse(text) as { results: { bindings: unknown[] } }).results.bindings.length} rows`;
  return `${text.length} bytes`;
}

const geomean = (values: number[]) => Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);

build();
const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
const graph = await loadValidGraph(config);
const service = await startService({});
console.log(`bench:sparql ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}`);
console.log(`graph: ${graph.store.size} quads; ${connections} connections; ${rounds} rounds of ${seconds} s per query and system, alternating`);

let virtuoso: Virtuoso | undefined;
let virtuosoEndpoint: string | undefined;
/** The service in store mode (STORE=sparql) over the same Virtuoso, loaded by store:load's code. */
let storeService: Awaited<ReturnType<typeof startService>> | undefined;
if (virtuosoInstalled()) {
  virtuoso = await startVirtuoso();
  // Virtuoso's default graph is every graph it holds, its own system graphs included (which add types and labels
  // to the answers), and a triple in two graphs counts twice there. So it gets the service's default graph, the
  // merge of the named graphs with each triple once, as one graph, and every request names that graph.
  const file = path.join(virtuoso.dir, 'merged.nt');
  const lines = Buffer.from(graph.nquads.buffer, graph.nquads.byteOffset, graph.nquads.byteLength).toString('utf8').split('\n').filter((l) => l !== '');
  writeFileSync(file, [...new Set(lines.map((line) => line.replace(/ <[^>]*> \.$/, ' .')))].join('\n') + '\n');
  loadNQuads(virtuoso, file, MERGED);
  virtuosoEndpoint = `${virtuoso.endpoint}?default-graph-uri=${encodeURIComponent(MERGED)}`;
  const auth = { STORE: 'sparql', STORE_QUERY_URL: `${virtuoso.endpoint}-auth`, STORE_USER: 'dba', STORE_PASSWORD: 'dba' };
  const started = Date.now();
  await loadIntoStore(loadConfig({ ...process.env, LOG_LEVEL: 'silent', ...auth }), graph, await readChangelog(loadConfig({ ...process.env }).dataDir));
  console.log(`store:load into Virtuoso: ${Date.now() - started} ms (merged graph <${MERGED_GRAPH}>)`);
  // The replica serves the base IRI the graph was loaded with (a replica refuses a store loaded for another base).
  storeService = await startService({ STORE: 'sparql', STORE_QUERY_URL: virtuoso.endpoint, BASE_IRI: graph.baseIri });
} else {
  console.log('Virtuoso is not installed, so only the service is measured. Install it with: apt-get install -y virtuoso-opensource-7-bin');
}

/**
 * The issue's "with a single store, the query goes to it directly; measure both ways": the mix sent to the store as
 * store mode sends it, next to the same query through Comunica with the store as its one SPARQL source (the path a
 * SERVICE query takes, minus the endpoint). Both run in this process with the same number of clients.
 */
async function singleStoreBothWays(store: Virtuoso): Promise<void> {
  const storeConfig = loadConfig({ ...process.env, LOG_LEVEL: 'silent', STORE: 'sparql', STORE_QUERY_URL: store.endpoint });
  const meta = await readMeta(storeConfig, 5000);
  if (!meta) throw new Error('the store holds no loaded graph');
  console.log('\nSingle store: the query sent to Virtuoso directly vs through Comunica with Virtuoso as its source (successful answers per second)');
  console.log(['query'.padEnd(34), 'direct'.padStart(9), 'comunica'.padStart(9), 'c/direct'.padStart(9), 'failed d/c'.padStart(11), '  answer direct / comunica'].join(' '));
  const ratios: number[] = [];
  for (const { name, query, accept } of mix) {
    const { direct, comunica } = await directAndComunica(storeConfig, meta, query, accept, { seconds, rounds, loops: connections });
    ratios.push(comunica.rate / direct.rate);
    console.log([name.padEnd(34), direct.rate.toFixed(0).padStart(9), comunica.rate.toFixed(0).padStart(9), (comunica.rate / direct.rate).toFixed(2).padStart(9), `${direct.failed}/${comunica.failed}`.padStart(11), ` ${direct.size} / ${comunica.size}`].join(' '));
  }
  console.log(`geometric mean of the ratios (through Comunica / direct): ${geomean(ratios).toFixed(2)}x`);
}

try {
  console.log('\nUncached SPARQL mix (successful answers per second)');
  console.log(['query'.padEnd(34), 'service'.padStart(9), 'store'.padStart(9), 'virtuoso'.padStart(9), 'ratio'.padStart(7), 'store/v'.padStart(8), 'failed s/st/v'.padStart(14), '  answer service / store / virtuoso'].join(' '));
  const ratios: number[] = [];
  const storeRatios: number[] = [];
  for (const { name, query, accept } of mix) {
    const endpoints = { service: `${service.url}/sparql`, store: storeService ? `${storeService.url}/sparql` : undefined, virtuoso: virtuosoEndpoint };
    const measured = { service: [] as number[], store: [] as number[], virtuoso: [] as number[] };
    const failed = { service: 0, store: 0, virtuoso: 0 };
    for (let round = 0; round < rounds; round++) {
      // Rotated each round: no system always runs on a warmer or quieter machine.
      const order = (['service', 'store', 'virtuoso'] as const).map((_, i, all) => all[(i + round) % all.length]!);
      for (const who of order) {
        const endpoint = endpoints[who];
        if (!endpoint) continue;
        const { rate, failed: f } = await throughput(endpoint, query, accept, true);
        measured[who].push(rate);
        failed[who] += f;
      }
    }
    const mean = (values: number[]) => (values.length ? values.reduce((x, y) => x + y, 0) / values.length : NaN);
    const [a, st, b] = [mean(measured.service), mean(measured.store), mean(measured.virtuoso)];
    if (measured.virtuoso.length) ratios.push(a / b);
    if (measured.store.length) storeRatios.push(st / b);
    const answers = await Promise.all([endpoints.service, endpoints.store, endpoints.virtuoso].map((e) => (e ? rows(e, query, accept) : Promise.resolve('-'))));
    console.log([name.padEnd(34), a.toFixed(0).padStart(9), st.toFixed(0).padStart(9), b.toFixed(0).padStart(9), (a / b).toFixed(2).padStart(7), (st / b).toFixed(2).padStart(8), `${failed.service}/${failed.store}/${failed.virtuoso}`.padStart(14), ` ${answers.join(' / ')}`].join(' '));
  }
  if (ratios.length) console.log(`geometric mean of the ratios (service / Virtuoso): ${geomean(ratios).toFixed(2)}x`);
  if (storeRatios.length) console.log(`geometric mean of the ratios (store mode / Virtuoso direct): ${geomean(storeRatios).toFixed(2)}x`);

  if (virtuoso) await singleStoreBothWays(virtuoso);

  // Cached answers: the same request again and again, next to a bare Node server sending fixed bytes.
  const fixed = Buffer.from(JSON.stringify({ head: { vars: ['x'] }, results: { bindings: [] } }));
  const bare = createServer((_request, response) => response.writeHead(200, { 'content-type': RESULTS, 'content-length': fixed.length }).end(fixed));
  const barePort = await freePort();
  await new Promise<void>((resolve) => bare.listen(barePort, '127.0.0.1', resolve));
  console.log('\nCached answers (answers per second; ratio to a bare Node HTTP server sending fixed bytes)');
  const bareRate = (await throughput(`http://127.0.0.1:${barePort}/`, 'x', RESULTS, false)).rate;
  const cached = [
    { name: 'SPARQL, cached (GROUP BY)', url: `${service.url}/sparql`, query: mix[2]!.query, accept: RESULTS },
    { name: 'REST /api/cities, cached', url: `${service.url}/api/cities`, query: '', accept: 'application/json' },
    ...(storeService ? [{ name: 'SPARQL, cached, store mode', url: `${storeService.url}/sparql`, query: mix[2]!.query, accept: RESULTS }] : []),
  ];
  console.log(`${'bare Node server'.padEnd(34)} ${bareRate.toFixed(0).padStart(9)}`);
  for (const { name, url, query, accept } of cached) {
    const { rate, failed } = query
      ? await throughput(url, query, accept, false)
      : await (async () => {
          const r = await autocannon({ url, connections, duration: seconds, headers: { accept } });
          return { rate: r['2xx'] / (r.duration || seconds), failed: r.non2xx + r.errors + r.timeouts };
        })();
    console.log(`${name.padEnd(34)} ${rate.toFixed(0).padStart(9)} ${(rate / bareRate).toFixed(2).padStart(7)}x   failed ${failed}`);
  }
  await new Promise((resolve) => bare.close(resolve));
} finally {
  await service.stop();
  await storeService?.stop();
  await virtuoso?.stop();
}
