// SPARQL throughput of the service next to Virtuoso 7.2 on the same triples: uncached mix, then cached answers next to a bare Node server.
import { createServer } from 'node:http';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config.js';
import { loadValidGraph } from '../src/server.js';
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
} else {
  console.log('Virtuoso is not installed, so only the service is measured. Install it with: apt-get install -y virtuoso-opensource-7-bin');
}

try {
  console.log('\nUncached SPARQL mix (successful answers per second)');
  console.log(['query'.padEnd(34), 'service'.padStart(9), 'virtuoso'.padStart(9), 'ratio'.padStart(7), 'failed s/v'.padStart(11), '  answer service / virtuoso'].join(' '));
  const ratios: number[] = [];
  for (const { name, query, accept } of mix) {
    const ours: number[] = [];
    const theirs: number[] = [];
    let failed = [0, 0];
    for (let round = 0; round < rounds; round++) {
      // A/B, then B/A: neither side always runs on a warmer or quieter machine.
      const order = round % 2 === 0 ? ['service', 'virtuoso'] : ['virtuoso', 'service'];
      for (const who of order) {
        if (who === 'virtuoso' && !virtuoso) continue;
        const endpoint = who === 'service' ? `${service.url}/sparql` : virtuosoEndpoint!;
        const { rate, failed: f } = await throughput(endpoint, query, accept, true);
        (who === 'service' ? ours : theirs).push(rate);
        failed = who === 'service' ? [failed[0]! + f, failed[1]!] : [failed[0]!, failed[1]! + f];
      }
    }
    const a = ours.reduce((x, y) => x + y, 0) / ours.length;
    const b = theirs.length ? theirs.reduce((x, y) => x + y, 0) / theirs.length : NaN;
    if (theirs.length) ratios.push(a / b);
    const answers = `${await rows(`${service.url}/sparql`, query, accept)} / ${virtuosoEndpoint ? await rows(virtuosoEndpoint, query, accept) : '-'}`;
    console.log([name.padEnd(34), a.toFixed(0).padStart(9), b.toFixed(0).padStart(9), (a / b).toFixed(2).padStart(7), `${failed[0]}/${failed[1]}`.padStart(11), ` ${answers}`].join(' '));
  }
  if (ratios.length) console.log(`geometric mean of the ratios (service / Virtuoso): ${geomean(ratios).toFixed(2)}x`);

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
  await virtuoso?.stop();
}
