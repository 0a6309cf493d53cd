// The query engine as a client sees it: large answers in full, the row and byte limits, the result cache, the bounded queue, REDUCED, named graphs, federation through an allow-listed SERVICE, and workers that come back.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildFixtureApp, fixtureConfig } from './support/sparql-fixture.js';
import { loadValidGraph } from '../src/server.js';
import { sharedNQuads } from '../src/sparql/executor.js';
import { WorkerPool } from '../src/sparql/pool.js';
import { chooseEngine } from '../src/sparql/routing.js';
import { prepareQuery } from '../src/sparql/query-check.js';

type Bindings = { results: { bindings: Array<Record<string, { value: string }>> } };
/** The values of one variable in a SPARQL JSON answer. */
const column = (body: unknown, name: string) => (body as Bindings).results.bindings.map((b) => b[name]!.value);

const query = (app: FastifyInstance, text: string, accept = 'application/sparql-results+json', headers: Record<string, string> = {}) =>
  app.inject({ url: `/sparql?query=${encodeURIComponent(text)}`, headers: { accept, ...headers } });

/** 12^4 = 20,736 rows, more than the old fixed limit of 10,000, from a query of a few hundred bytes. */
const DIGITS = 'VALUES ?d { 0 1 2 3 4 5 6 7 8 9 10 11 }';
const MANY = `SELECT ?a ?b ?c ?e WHERE { ${DIGITS.replace('?d', '?a')} ${DIGITS.replace('?d', '?b')} ${DIGITS.replace('?d', '?c')} ${DIGITS.replace('?d', '?e')} }`;
const MANY_ROWS = 12 ** 4;

describe('large answers and the limits', () => {
  let exact: FastifyInstance;
  let oneShort: FastifyInstance;
  beforeAll(async () => {
    exact = await buildFixtureApp({ maxResultRows: MANY_ROWS });
    oneShort = await buildFixtureApp({ maxResultRows: MANY_ROWS - 1 });
  });
  afterAll(async () => {
    await exact.close();
    await oneShort.close();
  });

  const formats: Array<[string, (body: string) => number]> = [
    ['application/sparql-results+json', (body) => (JSON.parse(body) as { results: { bindings: unknown[] } }).results.bindings.length],
    ['application/sparql-results+xml', (body) => body.split('<result>').length - 1],
    ['text/csv', (body) => body.trimEnd().split('\r\n').length - 1],
    ['text/tab-separated-values', (body) => body.trimEnd().split('\n').length - 1],
  ];

  it.each(formats)('answers all %s rows of a result past the old 10,000-row limit when the limit is raised', async (accept, count) => {
    const response = await query(exact, MANY, accept);
    expect(response.statusCode).toBe(200);
    expect(Number(response.headers['content-length'])).toBe(response.rawPayload.length);
    expect(count(response.body)).toBe(MANY_ROWS);
  });

  it.each(formats)('refuses the same result in %s with 422 when it is one row over the limit, never a cut answer', async (accept) => {
    const response = await query(oneShort, MANY, accept);
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
    expect(response.json()).toMatchObject({ code: 'TOO_MANY_ROWS', limit: MANY_ROWS - 1 });
  });

  it('counts the triples of a CONSTRUCT against the row limit', async () => {
    const bind = (v: string) => `BIND(IRI(CONCAT("urn:n:", STR(?${v}))) AS ?${v}i)`;
    const construct = `CONSTRUCT { ?ai <urn:p> ?bi . ?ci <urn:q> ?ei } WHERE { ${MANY.slice(MANY.indexOf('{') + 1, -1)} ${['a', 'b', 'c', 'e'].map(bind).join(' ')} }`;
    // 20,736 solutions give 144 + 144 distinct triples: under either limit.
    expect((await query(exact, construct, 'application/n-triples')).body.trimEnd().split('\n')).toHaveLength(288);
    const many = `CONSTRUCT { ?ai <urn:p> ?x } WHERE { ${MANY.slice(MANY.indexOf('{') + 1, -1)} ${bind('a')} BIND(CONCAT(STR(?b), "-", STR(?c), "-", STR(?e)) AS ?x) }`;
    expect((await query(exact, many, 'application/n-triples')).body.trimEnd().split('\n')).toHaveLength(MANY_ROWS);
    expect((await query(oneShort, many, 'application/n-triples')).json()).toMatchObject({ code: 'TOO_MANY_ROWS' });
  });
});

describe('the byte limit', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildFixtureApp({ maxResultBytes: 64 * 1024 });
  });
  afterAll(() => app.close());

  it('refuses a result larger than MAX_RESULT_BYTES with 422, and a small answer still passes', async () => {
    // 12^3 = 1,728 rows: far under the row limit, but about 250 KB of JSON.
    const big = await query(app, MANY.replace(` ${DIGITS.replace('?d', '?e')}`, '').replace(' ?e WHERE', ' WHERE'));
    expect(big.statusCode).toBe(422);
    expect(big.json()).toMatchObject({ code: 'RESULT_TOO_LARGE', limitBytes: 64 * 1024 });
    expect((await query(app, 'ASK { ?s ?p ?o }')).statusCode).toBe(200);
  });

  it('stops a string doubled past the limit (a 1 MB value from a 300-byte query) with 422, and /health answers meanwhile', async () => {
    const doubling = Array.from({ length: 20 }, (_, i) => `BIND(CONCAT(?x${i}, ?x${i}) AS ?x${i + 1})`).join(' ');
    const response = await query(app, `SELECT ?x20 WHERE { BIND("a" AS ?x0) ${doubling} }`);
    expect(response.statusCode).toBe(422);
    expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
  });
});

describe('the result cache', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildFixtureApp();
  });
  afterAll(() => app.close());
  const text = 'SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 5';

  it('answers a repeated query from the cache with the same bytes and ETag, and 304 to If-None-Match', async () => {
    const first = await query(app, text);
    expect(first.headers['x-cache']).toBe('miss');
    const second = await query(app, text);
    expect(second.headers['x-cache']).toBe('hit');
    expect(second.body).toBe(first.body);
    expect(second.headers.etag).toBe(first.headers.etag);
    const conditional = await query(app, text, undefined, { 'if-none-match': String(first.headers.etag) });
    expect(conditional.statusCode).toBe(304);
    expect(conditional.body).toBe('');
    // Another format is another answer, with its own tag.
    const xml = await query(app, text, 'application/sparql-results+xml');
    expect(xml.headers['x-cache']).toBe('miss');
    expect(xml.headers.etag).not.toBe(first.headers.etag);
  });

  it('is emptied when the graph is reloaded', async () => {
    await query(app, text);
    expect((await query(app, text)).headers['x-cache']).toBe('hit');
    await app.graphState.replace(await loadValidGraph(app.config));
    expect((await query(app, text)).headers['x-cache']).toBe('miss');
  });

  it('never caches a query whose answer changes by itself (RAND, NOW, UUID, BNODE)', async () => {
    const volatile = 'SELECT (RAND() AS ?r) WHERE {}';
    await query(app, volatile);
    expect((await query(app, volatile)).headers['x-cache']).toBe('miss');
  });
});

/** Each ?s ?p ?o multiplies the work by the fixture's triples: far past any short timeout. */
const LONG = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . ?p ?q ?r }';

describe('the queue', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildFixtureApp({ queryWorkers: 1, apiQueryWorkers: 1, queryTimeoutMs: 4000, queueWaitMs: 400, maxConcurrentQueries: 10 });
  });
  afterAll(() => app.close());

  it('lets a query wait for a worker only QUERY_QUEUE_WAIT_MS, then answers 503 with Retry-After; the REST API keeps its own worker', async () => {
    const long = query(app, LONG);
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    const waiting = await query(app, 'ASK { ?s ?p "queued behind the long one" }');
    const waited = Date.now() - started;
    expect(waiting.statusCode).toBe(503);
    expect(waiting.json().code).toBe('TOO_MANY_QUERIES');
    expect(Number(waiting.headers['retry-after'])).toBeGreaterThan(0);
    expect(waited).toBeGreaterThanOrEqual(350);
    expect(waited).toBeLessThan(3000);
    // The canned queries run on the worker kept for them, while hand-written SPARQL fills the shared one.
    const api = await app.inject({ url: '/api/cities' });
    expect(api.statusCode).toBe(200);
    expect((await long).statusCode).toBe(503);
  });
});

describe('answers Comunica got wrong', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildFixtureApp();
  });
  afterAll(() => app.close());

  it('keeps "a"@de, "a"@en and "a" apart under REDUCED', async () => {
    const response = await query(app, 'SELECT REDUCED ?l WHERE { VALUES ?l { "a"@de "a"@en "a" } }');
    const terms = (response.json() as { results: { bindings: Array<{ l: Record<string, string> }> } }).results.bindings.map((b) => b.l);
    expect(terms).toHaveLength(3);
    expect(terms).toEqual(expect.arrayContaining([{ type: 'literal', value: 'a', 'xml:lang': 'de' }, { type: 'literal', value: 'a', 'xml:lang': 'en' }, { type: 'literal', value: 'a' }]));
  });

  it('answers one row per named graph to GRAPH ?g {}', async () => {
    const graphs = column((await query(app, 'SELECT ?g WHERE { GRAPH ?g { } }')).json(), 'g');
    const expected = column((await query(app, 'SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }')).json(), 'g');
    expect(graphs.length).toBeGreaterThan(0);
    expect([...graphs].sort()).toEqual([...expected].sort());
  });

  it('counts a triple stated in two graphs once in the default graph, as the dumps do', async () => {
    const count = async (text: string) => Number((await query(app, text)).json().results.bindings[0].n.value);
    const distinct = await count('SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }');
    expect(await count('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }')).toBe(distinct);
  });
});

describe('federation through an allow-listed SERVICE', () => {
  let endpoint: Server;
  let endpointUrl: string;
  let app: FastifyInstance;
  const received: string[] = [];
  beforeAll(async () => {
    // A SPARQL endpoint on loopback that answers every query with two fixed rows.
    endpoint = createServer((request, response) => {
      received.push(`${request.method} ${request.url}`);
      const body = JSON.stringify({
        head: { vars: ['x'] },
        results: { bindings: [{ x: { type: 'uri', value: 'http://remote.example/1' } }, { x: { type: 'literal', value: 'zwei', 'xml:lang': 'de' } }] },
      });
      request.resume();
      request.on('end', () => response.writeHead(200, { 'content-type': 'application/sparql-results+json' }).end(body));
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    endpointUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/sparql`;
    app = await buildFixtureApp({ serviceAllowList: [endpointUrl] });
  });
  afterAll(async () => {
    await app.close();
    await new Promise((resolve) => endpoint.close(resolve));
  });

  it('is routed to Comunica, and only a query with SERVICE is', () => {
    const options = { serviceAllowList: [endpointUrl] };
    expect(chooseEngine(prepareQuery(`SELECT * WHERE { SERVICE <${endpointUrl}> { ?x ?p ?o } }`, options))).toBe('comunica');
    expect(chooseEngine(prepareQuery('SELECT * WHERE { ?x ?p ?o }', options))).toBe('oxigraph');
  });

  it('answers with the remote rows joined to the local graph, and the endpoint is asked', async () => {
    const response = await query(app, `SELECT ?x WHERE { SERVICE <${endpointUrl}> { ?x ?p ?o } }`);
    expect(response.statusCode).toBe(200);
    const values = column(response.json(), 'x');
    expect(values.sort()).toEqual(['http://remote.example/1', 'zwei']);
    expect(received.length).toBeGreaterThan(0);
  });
});

describe('workers always come back', () => {
  it('a pool whose workers cannot start keeps retrying, tells /health why, and recovers when they can', async () => {
    const config = fixtureConfig();
    const graph = await loadValidGraph(config);
    const broken = new SharedArrayBuffer(16);
    new Uint8Array(broken).set(new TextEncoder().encode('this is not RDF'));
    const pool = new WorkerPool(
      { nquads: broken, limits: { maxResultRows: 10, maxResultBytes: 1 << 20, baseIri: config.baseIri }, serviceAllowList: [] },
      { sharedWorkers: 1, apiWorkers: 0, queueWaitMs: 200, maxAdmitted: 4, workerMemoryMb: 256 },
    );
    try {
      await expect(pool.ready(3000)).rejects.toThrow(/could not start/);
      expect(pool.status()).toMatchObject({ ready: 0 });
      expect(pool.status().lastFailure).toMatch(/could not start/);
      expect(pool.status().restarts).toBeGreaterThan(0);
      pool.setGraph(sharedNQuads(graph));
      await pool.ready(40_000);
      const answer = await pool.run({ text: 'ASK { ?s ?p ?o }', output: { kind: 'values' } }, 'sparql', 5000);
      expect(answer).toEqual({ kind: 'values', result: { type: 'boolean', value: true } });
    } finally {
      await pool.close();
    }
  });

  it('/health is 503 with Retry-After while no worker can run a query, ?live stays 200, and it turns 200 again by itself', async () => {
    const app = await buildFixtureApp({ queryWorkers: 1, apiQueryWorkers: 0, queryTimeoutMs: 500 });
    try {
      expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
      // The runaway query's worker is terminated at the timeout; until its replacement has loaded the graph, nothing can run a query.
      expect((await query(app, LONG)).statusCode).toBe(503);
      const during = await app.inject({ url: '/health' });
      expect(during.statusCode).toBe(503);
      expect(Number(during.headers['retry-after'])).toBeGreaterThan(0);
      expect(during.json()).toMatchObject({ status: 'unavailable', queryWorkers: { ready: 0 } });
      expect((await app.inject({ url: '/health?live' })).statusCode).toBe(200);
      let health = during.statusCode;
      for (let i = 0; i < 200 && health !== 200; i++) {
        await new Promise((r) => setTimeout(r, 100));
        health = (await app.inject({ url: '/health' })).statusCode;
      }
      expect(health).toBe(200);
      expect((await query(app, 'ASK { ?s ?p ?o }')).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('Comunica, which still runs federated queries', () => {
  it('keeps the NOT EXISTS / MINUS patch: an absent alternative path removes nothing', async () => {
    const { QueryEngine } = await import('@comunica/query-sparql');
    const { runQuery } = await import('../src/sparql/engine.js');
    const { loadStore } = await import('../src/sparql/local-engine.js');
    const store = loadStore(new TextEncoder().encode('<urn:x:berlin> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:x:City> <urn:x:g> .\n'));
    const options = { maxResultRows: 10, serviceAllowList: [] };
    for (const text of [
      'SELECT ?x WHERE { ?x a <urn:x:City> FILTER NOT EXISTS { ?x <urn:x:a>|<urn:x:b> ?y } }',
      'SELECT ?x WHERE { ?x a <urn:x:City> MINUS { ?x <urn:x:a>|<urn:x:b> ?y } }',
    ]) {
      const result = await runQuery(new QueryEngine(), store, prepareQuery(text, { serviceAllowList: [] }), options);
      expect(result).toMatchObject({ type: 'bindings', rows: [{ x: { type: 'uri', value: 'urn:x:berlin' } }] });
    }
  });
});

describe('parsing never stalls the main thread', () => {
  it('four clients sending 120 KB queries that fail only at their end get 400, while /health keeps answering in under a second', async () => {
    const app = await buildFixtureApp({ queryWorkers: 2 });
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      // A long valid body with the error in its last bytes: the whole text must be parsed to find it.
      const body = `SELECT * WHERE { ${'?s <urn:p> ?o . '.repeat(7000)} ?s ?p }`;
      expect(body.length).toBeGreaterThan(110_000);
      const floods = Array.from({ length: 4 }, () =>
        fetch(`${url}/sparql`, { method: 'POST', headers: { 'content-type': 'application/sparql-query' }, body }).then((r) => r.status),
      );
      let done = false;
      void Promise.all(floods).then(() => (done = true));
      const healthTimes: number[] = [];
      while (!done) {
        const started = Date.now();
        expect((await fetch(`${url}/health?live`)).status).toBe(200);
        healthTimes.push(Date.now() - started);
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(await Promise.all(floods)).toEqual([400, 400, 400, 400]);
      expect(Math.max(...healthTimes)).toBeLessThan(1000);
    } finally {
      await app.close();
    }
  });
});
