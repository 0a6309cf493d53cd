// Load test: starts the server on 127.0.0.1, drives a mix of routes with autocannon, prints status counts, p50/p99 latency and the server's RSS.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { projectRoot } from '../src/config.js';
import { freePort } from '../test/support/net.js';

/** LOAD_DURATION (seconds) and LOAD_CONNECTIONS shorten or widen a run; the run is 60 s × 100. */
const duration = Number(process.env.LOAD_DURATION ?? 60);
const connections = Number(process.env.LOAD_CONNECTIONS ?? 100);

const sparql = (query: string) => `/sparql?query=${encodeURIComponent(query)}`;
/** Cached or static answers: these must all succeed under load. */
const cachedRoutes = [
  { label: 'health', path: '/health' },
  { label: 'home', path: '/', headers: { accept: 'text/html' } },
  { label: 'catalogue', path: '/dataset', headers: { accept: 'text/turtle' } },
  { label: 'void', path: '/.well-known/void' },
  { label: 'doc html', path: '/doc/city/berlin', headers: { accept: 'text/html' } },
  { label: 'doc turtle', path: '/doc/network/eurocities.ttl' },
  { label: 'api cities', path: '/api/cities' },
  { label: 'api networks', path: '/api/networks?lang=de' },
  { label: 'sitemap', path: '/sitemap.xml' },
];
/** Queries that run in a worker each time (SPARQL results are not cached): 1 in every 19 requests. */
const queryRoutes = [
  { label: 'sparql ask', path: sparql('ASK { ?s a ?type }'), headers: { accept: 'application/sparql-results+json' } },
  { label: 'sparql select', path: sparql('PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?s ?l WHERE { ?s rdfs:label ?l } LIMIT 20'), headers: { accept: 'application/sparql-results+json' } },
];

/** Resident memory of a process in bytes, from /proc (Linux); null elsewhere. */
async function rssOf(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb === undefined ? null : Number(kb) * 1024;
  } catch {
    return null;
  }
}

const mb = (bytes: number | null) => (bytes === null ? 'n/a' : `${(bytes / 1024 / 1024).toFixed(0)} MB`);

async function waitForHealth(url: string, child: ReturnType<typeof spawn>): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} before it was ready`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the server did not become ready within 120 s');
}

async function main(): Promise<void> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // The server as `npm start` runs it (SHACL gate included), in its own process so its RSS is its own.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src/main.ts')], {
    cwd: projectRoot,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', BASE_IRI: `${url}/`, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    await waitForHealth(url, child);
    // One request per route first, so the caches hold what a running service's would.
    for (const route of [...cachedRoutes, ...queryRoutes]) await (await fetch(`${url}${route.path}`, { headers: route.headers })).arrayBuffer();
    const rssStart = await rssOf(child.pid!);
    let rssPeak = rssStart ?? 0;
    const sampler = setInterval(() => void rssOf(child.pid!).then((rss) => (rssPeak = Math.max(rssPeak, rss ?? 0))), 250);

    const byRoute = new Map<string, Map<number, number>>();
    const counted = (label: string) => (status: number) => {
      const row = byRoute.get(label) ?? new Map<number, number>();
      row.set(status, (row.get(status) ?? 0) + 1);
      byRoute.set(label, row);
    };
    // Each connection loops over this list: the cached routes twice, then one query; then again with the other query.
    const loop = queryRoutes.flatMap((query) => [...cachedRoutes, ...cachedRoutes, query]);
    const requests = loop.map((route) => ({ method: 'GET' as const, path: route.path, headers: route.headers, onResponse: counted(route.label) }));
    console.log(`load: ${connections} connections for ${duration} s against ${url} (${cpus().length} CPUs, ${mb(totalmem())} RAM, Node ${process.version})`);
    const result = await autocannon({ url, connections, duration, requests, timeout: 30 });
    clearInterval(sampler);
    const rssEnd = await rssOf(child.pid!);

    const total = [...byRoute.values()].flatMap((row) => [...row.values()]).reduce((a, b) => a + b, 0);
    const ok = [...byRoute.values()].flatMap((row) => [...row.entries()]).filter(([status]) => status < 400).reduce((a, [, n]) => a + n, 0);
    console.log(`requests: ${total} answered, ${result.errors} connection errors, ${result.timeouts} timeouts; ${((100 * ok) / Math.max(1, total)).toFixed(2)}% succeeded`);
    console.log(`status counts: ${JSON.stringify(Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([s, v]) => [s, v.count])))}`);
    for (const [label, row] of byRoute) console.log(`  ${label.padEnd(14)} ${JSON.stringify(Object.fromEntries(row))}`);
    const cachedNon2xx = cachedRoutes.reduce((sum, r) => sum + [...(byRoute.get(r.label) ?? new Map<number, number>()).entries()].filter(([s]) => s < 200 || s >= 300).reduce((a, [, n]) => a + n, 0), 0);
    console.log(`cached routes non-2xx: ${cachedNon2xx}`);
    console.log(`latency: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms; ${result.requests.average.toFixed(0)} requests/s`);
    console.log(`server RSS: start ${mb(rssStart)}, peak ${mb(rssPeak)}, end ${mb(rssEnd)}`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
