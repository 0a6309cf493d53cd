// Federation in store mode against Virtuoso 7.2: a SERVICE query joins the store's graph with a loopback endpoint through Comunica in a query worker, with embedded mode's answers and dataset.
import { execFile } from 'node:child_process';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import oxigraph from 'oxigraph';
import { loadConfig } from '../../src/config.js';
import { buildServer } from '../../src/server.js';
import { MERGED_GRAPH } from '../../src/store/store-graphs.js';
import { startVirtuoso, virtuosoInstalled, type Virtuoso } from '../support/virtuoso.js';

const installed = virtuosoInstalled();
if (!installed && process.env.REQUIRE_VIRTUOSO === '1') throw new Error('REQUIRE_VIRTUOSO=1 but /usr/bin/virtuoso-t or /usr/bin/isql-vt is missing.');
if (!installed) console.warn('federation.store.ts SKIPPED: /usr/bin/virtuoso-t and /usr/bin/isql-vt are missing (apt-get install virtuoso-opensource-7-bin).');

const quiet = { LOG_LEVEL: 'silent', QUERY_WORKERS: '1', API_QUERY_WORKERS: '0' };
const CITY = 'http://localhost:3000/id/city/';
const POPULATION = 'urn:x-remote:population';

/** Reads a request body (a form POST from Comunica, or nothing for GET). */
async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A second SPARQL endpoint on loopback: Oxigraph over a small graph of populations (cities of the data, and one
 * the data does not hold), answering whatever query Comunica sends it, as a real endpoint would.
 */
async function startRemote(): Promise<{ url: string; server: Server; queries: string[] }> {
  const store = new oxigraph.Store();
  const populations: Array<[string, number]> = [['berlin', 3_850_000], ['brussels', 1_220_000], ['zagreb', 770_000], ['villeurbanne', 160_000], ['atlantis', 1]];
  for (const [city, n] of populations) store.add(oxigraph.quad(oxigraph.namedNode(CITY + city), oxigraph.namedNode(POPULATION), oxigraph.literal(String(n), oxigraph.namedNode('http://www.w3.org/2001/XMLSchema#integer'))));
  store.add(oxigraph.quad(oxigraph.namedNode('urn:x-remote:marker'), oxigraph.namedNode('urn:x-remote:is'), oxigraph.literal('1')));
  const queries: string[] = [];
  const server = createServer((request, response) => {
    void bodyOf(request).then((body) => {
      const query = new URL(request.url ?? '/', 'http://x').searchParams.get('query') ?? new URLSearchParams(body).get('query') ?? '';
      queries.push(query);
      try {
        const out = store.query(query, { results_format: 'application/sparql-results+json' }) as string;
        response.writeHead(200, { 'content-type': 'application/sparql-results+json' }).end(out);
      } catch (error) {
        response.writeHead(400, { 'content-type': 'text/plain' }).end(String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sparql`, server, queries };
}

/** A recording proxy in front of Virtuoso: shows which requests reach the store, with which parameters; `down` makes it refuse connections' requests, and a query with `# answer-500` gets a 500. */
async function startProxy(target: string): Promise<{ url: string; server: Server; seen: URLSearchParams[]; setDown(down: boolean): void }> {
  const seen: URLSearchParams[] = [];
  let down = false;
  const server = createServer((request, response) => {
    void bodyOf(request).then((body) => {
      if (down) {
        request.socket.destroy();
        return;
      }
      const url = new URL(request.url ?? '/', 'http://x');
      const params = new URLSearchParams([...url.searchParams, ...new URLSearchParams(body)]);
      seen.push(params);
      // A store failing on one query only (as Virtuoso does with a 500 for some queries), while it answers the rest.
      if ((params.get('query') ?? '').includes('# answer-500')) return void response.writeHead(500, { 'content-type': 'text/plain' }).end('Virtuoso SR999 Error: failing on this query only');
      const upstream = httpRequest(new URL(url.search, target), { method: request.method, headers: { ...request.headers, host: new URL(target).host } }, (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      });
      upstream.on('error', () => response.destroy());
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sparql`, server, seen, setDown: (value) => (down = value) };
}

let virtuoso: Virtuoso;
let remote: Awaited<ReturnType<typeof startRemote>>;
let proxy: Awaited<ReturnType<typeof startProxy>>;
let embedded: FastifyInstance;
/**
 * [0] reads the anonymous /sparql through the recording proxy; [1] reads /sparql-auth (HTTP Digest) with a short time
 * limit, though not shorter than a worker's first federated query, which loads Comunica (about 2 s here).
 */
const replicas: FastifyInstance[] = [];

describe.skipIf(!installed)('federation through Comunica in store mode (Virtuoso)', () => {
  beforeAll(async () => {
    virtuoso = await startVirtuoso();
    const authenticated = { STORE_QUERY_URL: `${virtuoso.endpoint}-auth`, STORE_USER: 'dba', STORE_PASSWORD: 'dba' };
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/store/store-load-cli.ts'], { env: { ...process.env, ...quiet, STORE: 'sparql', ...authenticated } });
    remote = await startRemote();
    proxy = await startProxy(virtuoso.endpoint);
    const allow = { SERVICE_ALLOW_LIST: remote.url };
    embedded = await buildServer(loadConfig({ ...quiet, ...allow }));
    replicas.push(await buildServer(loadConfig({ ...quiet, ...allow, STORE: 'sparql', STORE_QUERY_URL: proxy.url })));
    replicas.push(await buildServer(loadConfig({ ...quiet, ...allow, STORE: 'sparql', ...authenticated, QUERY_TIMEOUT_MS: '5000' })));
  }, 180_000);

  afterAll(async () => {
    for (const app of [embedded, ...replicas]) await app?.close();
    for (const server of [remote?.server, proxy?.server]) if (server) await new Promise((resolve) => server.close(resolve));
    await virtuoso?.stop();
  });

  const get = (app: FastifyInstance, query: string) =>
    app.inject({ url: `/sparql?query=${encodeURIComponent(query)}`, headers: { accept: 'application/sparql-results+json' } });

  /** The row set of an answer: each row's terms in a canonical order (language tags lower-cased: BCP 47 is case-insensitive), sorted. */
  async function rows(app: FastifyInstance, query: string): Promise<string[]> {
    const response = await get(app, query);
    expect(response.statusCode, response.body).toBe(200);
    const bindings = (JSON.parse(response.body) as { results: { bindings: Array<Record<string, Record<string, string>>> } }).results.bindings;
    return bindings
      .map((row) => JSON.stringify(Object.keys(row).sort().map((name) => [name, row[name]!.type, row[name]!.value, row[name]!['xml:lang']?.toLowerCase() ?? '', row[name]!.datatype ?? ''])))
      .sort();
  }

  it('joins the store\'s graph with the SERVICE endpoint\'s rows, as embedded mode does, through both replicas', async () => {
    const query = `PREFIX org: <http://www.w3.org/ns/org#> SELECT ?city ?network ?population WHERE { ?city org:memberOf ?network . SERVICE <${remote.url}> { ?city <${POPULATION}> ?population } }`;
    const expected = await rows(embedded, query);
    // Berlin, Brussels, Zagreb and Villeurbanne are members of networks; Atlantis is only in the remote graph.
    expect(expected.length).toBeGreaterThan(3);
    expect(expected.some((row) => row.includes(`${CITY}berlin`))).toBe(true);
    expect(expected.some((row) => row.includes('atlantis'))).toBe(false);
    const asked = remote.queries.length;
    for (const replica of replicas) expect(await rows(replica, query)).toEqual(expected);
    // The endpoint was called by this process (Comunica), not by Virtuoso: the store never received the SERVICE clause.
    expect(remote.queries.length).toBeGreaterThan(asked);
    expect(proxy.seen.some((params) => /SERVICE/i.test(params.get('query') ?? ''))).toBe(false);
  });

  it('keeps the service\'s dataset: COUNT over the default graph and per named graph equal embedded mode\'s, and every request names the merged graph', async () => {
    const marker = `SERVICE <${remote.url}> { ?m <urn:x-remote:is> "1" }`;
    const before = proxy.seen.length;
    for (const query of [
      `SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o . ${marker} }`,
      `SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } ${marker} } GROUP BY ?g`,
      `SELECT (COUNT(*) AS ?n) WHERE { GRAPH <http://localhost:3000/id/source/eurocities> { ?s ?p ?o } ${marker} }`,
    ]) {
      const expected = await rows(embedded, query);
      expect(expected.length).toBeGreaterThan(0);
      expect(await rows(replicas[0]!, query)).toEqual(expected);
    }
    // Comunica's own requests to the store (the probe asks for the meta graph by GRAPH, without a dataset).
    const federated = proxy.seen.slice(before).filter((params) => !(params.get('query') ?? '').includes('urn:x-lod:meta'));
    expect(federated.length).toBeGreaterThan(0);
    for (const params of federated) {
      expect(params.getAll('default-graph-uri')).toEqual([MERGED_GRAPH]);
      expect(params.getAll('named-graph-uri').length).toBeGreaterThan(0);
    }
  });

  it('refuses a SERVICE endpoint that is not allow-listed with 403 before the store or the endpoint sees the query', async () => {
    const elsewhere = 'http://127.0.0.1:9/sparql';
    const [seen, asked] = [proxy.seen.length, remote.queries.length];
    const response = await get(replicas[0]!, `SELECT * WHERE { ?s ?p ?o SERVICE <${elsewhere}> { ?s ?p ?o } }`);
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.parse(response.body)).toMatchObject({ code: 'SERVICE_REFUSED', endpoint: elsewhere });
    expect(proxy.seen.slice(seen).some((params) => (params.get('query') ?? '').includes(elsewhere))).toBe(false);
    expect(remote.queries.length).toBe(asked);
  });

  it('stops a federated query at the time limit with 503 and Retry-After, and the next one is answered', async () => {
    const started = Date.now();
    const heavy = `SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . SERVICE <${remote.url}> { ?m <urn:x-remote:is> "1" } }`;
    const response = await get(replicas[1]!, heavy);
    expect(response.statusCode, response.body).toBe(503);
    expect(JSON.parse(response.body)).toMatchObject({ code: 'QUERY_TIMEOUT' });
    expect(response.headers['retry-after']).toBeDefined();
    expect(Date.now() - started).toBeLessThan(8000);
    const small = `SELECT ?p WHERE { <${CITY}berlin> ?p ?o . SERVICE <${remote.url}> { <${CITY}berlin> <${POPULATION}> ?n } } LIMIT 1`;
    expect((await rows(replicas[1]!, small)).length).toBe(1);
  }, 30_000);

  it('answers 503 to a query the store fails on with a 5xx, without making the replica unready (a client cannot flip readiness)', async () => {
    const response = await get(replicas[0]!, 'SELECT * WHERE { ?s ?p ?o } LIMIT 1 # answer-500');
    expect(response.statusCode, response.body).toBe(503);
    expect(JSON.parse(response.body)).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    // At once and a moment later (the probe the failure started has answered by then).
    expect((await replicas[0]!.inject({ url: '/health?ready' })).statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await replicas[0]!.inject({ url: '/health?ready' })).statusCode).toBe(200);
    expect((await get(replicas[0]!, 'SELECT * WHERE { ?s ?p ?o } LIMIT 1 # after the 500')).statusCode).toBe(200);
  });

  it('answers 503 STORE_UNAVAILABLE with Retry-After when the store cannot be reached during a federated query', async () => {
    proxy.setDown(true);
    try {
      const response = await get(replicas[0]!, `SELECT ?city ?n WHERE { ?city ?p ?o . SERVICE <${remote.url}> { ?city <${POPULATION}> ?n } } # down`);
      expect(response.statusCode, response.body).toBe(503);
      expect(JSON.parse(response.body)).toMatchObject({ code: 'STORE_UNAVAILABLE' });
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      proxy.setDown(false);
    }
  });
});
