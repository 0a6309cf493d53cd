// Safety of /sparql over a real port: no request leaves the server (SERVICE, FROM, GRAPH), a long query is stopped while /health keeps answering, limits answer 503.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { QueryEngine } from '@comunica/query-sparql';
import { Store } from 'n3';
import { buildFixtureApp } from './support/sparql-fixture.js';
import { runQuery } from '../src/sparql/engine.js';

let app: FastifyInstance;
let url: string;
let listener: Server;
let listenerUrl: string;
const received: string[] = [];

beforeAll(async () => {
  listener = createServer((request, response) => {
    received.push(`${request.method} ${request.url}`);
    response.writeHead(200, { 'content-type': 'text/turtle' }).end('<http://x/s> <http://x/p> <http://x/o> .');
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  listenerUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
  // Two workers and two concurrent queries at most; a short timeout so the long query is stopped quickly.
  app = await buildFixtureApp({ queryTimeoutMs: 1500, queryWorkers: 2, maxConcurrentQueries: 2 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await app.close();
  await new Promise((resolve) => listener.close(resolve));
});

const sparql = (query: string, init: RequestInit = {}) => fetch(`${url}/sparql?query=${encodeURIComponent(query)}`, init);
// Each extra ?s ?p ?o multiplies the work by the fixture's ~18 triples: 18^7 rows is far past any short timeout.
// Seven, not six: Virtuoso (store mode) counts the 18^6 rows in about a second, so six finished within the limit.
const LONG = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . ?p ?q ?r . ?s ?t ?u }';

describe('nothing is fetched', () => {
  it('refuses SERVICE to an endpoint not in the allow-list, and the endpoint receives no request', async () => {
    const response = await sparql(`SELECT * WHERE { SERVICE <${listenerUrl}/sparql> { ?s ?p ?o } }`);
    expect(response.status).toBe(403);
    expect((await response.json()).code).toBe('SERVICE_REFUSED');
    const silent = await sparql(`SELECT * WHERE { SERVICE SILENT <${listenerUrl}/sparql> { ?s ?p ?o } }`);
    expect(silent.status).toBe(403);
    expect(received).toEqual([]);
  });

  it('answers FROM, FROM NAMED and GRAPH on a remote IRI from the local store only (empty), fetching nothing', async () => {
    const from = await sparql(`SELECT * FROM <${listenerUrl}/data.ttl> WHERE { ?s ?p ?o }`);
    expect(from.status).toBe(200);
    expect((await from.json()).results.bindings).toEqual([]);
    const named = await sparql(`SELECT * FROM NAMED <${listenerUrl}/g.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }`);
    expect((await named.json()).results.bindings).toEqual([]);
    const graph = await sparql(`SELECT * WHERE { GRAPH <${listenerUrl}/g.ttl> { ?s ?p ?o } }`);
    expect((await graph.json()).results.bindings).toEqual([]);
    const protocol = await fetch(`${url}/sparql?query=${encodeURIComponent('ASK { ?s ?p ?o }')}&default-graph-uri=${encodeURIComponent(`${listenerUrl}/d.ttl`)}`);
    expect((await protocol.json()).boolean).toBe(false);
    expect(received).toEqual([]);
  });

  it('the engine itself cannot fetch: a SERVICE that bypassed the check still reaches no one', async () => {
    const run = runQuery(new QueryEngine(), new Store(), { form: 'SELECT', text: `SELECT * WHERE { SERVICE <${listenerUrl}/sparql> { ?s ?p ?o } }` }, { maxResultRows: 10, serviceAllowList: [] });
    await expect(run).rejects.toThrow();
    expect(received).toEqual([]);
  });
});

describe('a long query', () => {
  it('is stopped at the timeout with 503, while /health and other queries keep answering', async () => {
    const started = Date.now();
    const long = sparql(LONG);
    await new Promise((r) => setTimeout(r, 300));
    const healthStart = Date.now();
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(Date.now() - healthStart).toBeLessThan(500);
    // The second worker still answers queries while the first is busy.
    const ask = await sparql('ASK { ?s ?p ?o }');
    expect((await ask.json()).boolean).toBe(true);
    const response = await long;
    expect(response.status).toBe(503);
    expect((await response.json()).code).toBe('QUERY_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(6000);
    // The worker was replaced: queries keep working afterwards.
    const after = await sparql('ASK { ?s ?p ?o }');
    expect((await after.json()).boolean).toBe(true);
  });

  it('answers 503 with Retry-After past maxConcurrentQueries', async () => {
    const running = [sparql(LONG), sparql(LONG)];
    await new Promise((r) => setTimeout(r, 200));
    // A query not asked before: a cached answer would rightly be served even while every worker is busy.
    const third = await sparql('ASK { ?s ?p ?o FILTER(?o != "never asked before") }');
    expect(third.status).toBe(503);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await third.json()).code).toBe('TOO_MANY_QUERIES');
    await Promise.all(running);
  });
});

describe('service description and editor', () => {
  it('describes the service in Turtle with its real endpoint URL', async () => {
    const response = await fetch(`${url}/sparql`, { headers: { accept: 'text/turtle' } });
    expect(response.headers.get('content-type')).toMatch(/^text\/turtle/);
    const text = await response.text();
    const { Parser } = await import('n3');
    const quads = new Parser().parse(text);
    const endpoint = quads.find((q) => q.predicate.value === 'http://www.w3.org/ns/sparql-service-description#endpoint');
    // The fixture's BASE_IRI is configured, so the description names it rather than the test port.
    expect(endpoint?.object.value).toBe('http://example.org/sparql');
    expect(quads.some((q) => q.predicate.value.endsWith('#name') && q.object.value === 'http://example.org/id/source/one')).toBe(true);
  });

  it('gives a browser YASGUI from our own origin with the example queries of queries/examples/', async () => {
    const response = await fetch(`${url}/sparql`, { headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('src="/sparql/yasgui/yasgui.min.js"');
    expect(html).not.toMatch(/https?:\/\/(cdn|unpkg|jsdelivr)/);
    expect(html).toContain('Cities and their networks');
    expect(html).not.toContain('#+ summary');
    const script = await fetch(`${url}/sparql/yasgui/yasgui.min.js`);
    expect(script.status).toBe(200);
    expect((await script.text()).length).toBeGreaterThan(100_000);
  });
});
