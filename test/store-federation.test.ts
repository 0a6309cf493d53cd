// Federation over a store without Virtuoso: Comunica joins a loopback SPARQL store (Oxigraph, asking for HTTP Basic) with a SERVICE endpoint, and each request to the store carries the service's dataset.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryEngine } from '@comunica/query-sparql';
import oxigraph from 'oxigraph';
import { HttpError } from '../src/errors.js';
import { prepareQuery } from '../src/sparql/query-check.js';
import { runOverStore } from '../src/sparql/store-comunica.js';
import type { StoreSource } from '../src/sparql/store-federation.js';

const { namedNode, literal, quad } = oxigraph;
const MERGED = 'urn:x-lod:merged';
const SOURCE = 'urn:x:source';

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A SPARQL endpoint over an Oxigraph store; `dataset` maps the protocol's graph parameters onto Oxigraph's options. */
function endpoint(store: InstanceType<typeof oxigraph.Store>, seen: Array<{ params: URLSearchParams; authorization?: string }>, options: { user?: string; status?: () => number } = {}) {
  return createServer((request, response) => {
    void bodyOf(request).then((body) => {
      const params = new URLSearchParams([...new URL(request.url ?? '/', 'http://x').searchParams, ...new URLSearchParams(body)]);
      seen.push({ params, ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}) });
      const status = options.status?.() ?? 200;
      if (status !== 200) return void response.writeHead(status, { 'content-type': 'text/plain' }).end('broken');
      if (options.user && request.headers.authorization !== `Basic ${Buffer.from(options.user).toString('base64')}`) {
        return void response.writeHead(401, { 'www-authenticate': 'Basic realm="store"' }).end();
      }
      const defaults = params.getAll('default-graph-uri');
      // As Virtuoso does: without default-graph-uri, the default graph is every graph the store holds.
      const dataset = defaults.length > 0 ? { default_graph: defaults.map((g) => namedNode(g)), named_graphs: params.getAll('named-graph-uri').map((g) => namedNode(g)) } : { use_default_graph_as_union: true };
      try {
        const out = store.query(params.get('query') ?? '', { ...dataset, results_format: 'application/sparql-results+json' }) as string;
        response.writeHead(200, { 'content-type': 'application/sparql-results+json' }).end(out);
      } catch (error) {
        response.writeHead(400, { 'content-type': 'text/plain' }).end(String(error));
      }
    });
  });
}

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/sparql`;
};

describe('Comunica over a SPARQL store (store mode\'s federation)', () => {
  const storeSeen: Array<{ params: URLSearchParams; authorization?: string }> = [];
  const remoteSeen: Array<{ params: URLSearchParams }> = [];
  let status = 200;
  let servers: Server[] = [];
  let source: StoreSource;
  let remoteUrl: string;
  const engine = new QueryEngine();

  beforeAll(async () => {
    const data = new oxigraph.Store();
    const p = namedNode('urn:x:p');
    for (const s of ['a', 'b']) data.add(quad(namedNode(`urn:x:${s}`), p, literal(s), namedNode(MERGED)));
    data.add(quad(namedNode('urn:x:a'), p, literal('a'), namedNode(SOURCE)));
    // What the store holds besides the service's graphs (Virtuoso's system graphs): never part of the answers.
    for (const s of ['c', 'd', 'e']) data.add(quad(namedNode(`urn:x:${s}`), p, literal(s), namedNode('urn:x:system')));
    const remote = new oxigraph.Store();
    for (const [s, n] of [['a', 1], ['b', 2], ['c', 3]] as const) remote.add(quad(namedNode(`urn:x:${s}`), namedNode('urn:x:pop'), literal(String(n))));
    remote.add(quad(namedNode('urn:x:marker'), namedNode('urn:x:is'), literal('1')));
    const store = endpoint(data, storeSeen, { user: 'reader:secret', status: () => status });
    const remoteServer = endpoint(remote, remoteSeen);
    servers = [store, remoteServer];
    source = { url: await listen(store), graphs: { merged: MERGED, sources: [SOURCE] }, credentials: { user: 'reader', password: 'secret' }, timeoutMs: 5000 };
    remoteUrl = await listen(remoteServer);
  });
  afterAll(async () => {
    for (const server of servers) await new Promise((resolve) => server.close(resolve));
  });

  const run = (text: string) =>
    runOverStore(engine, prepareQuery(text, { serviceAllowList: [remoteUrl] }), source, { maxResultRows: 100, serviceAllowList: [remoteUrl] });
  const values = (result: Awaited<ReturnType<typeof run>>, name: string) => (result.type === 'bindings' ? result.rows.map((row) => row[name]?.value).sort() : []);

  it('joins the store\'s default graph with the endpoint\'s rows; the store never receives the SERVICE clause', async () => {
    const before = storeSeen.length;
    const result = await run(`SELECT ?s ?pop WHERE { ?s <urn:x:p> ?o . SERVICE <${remoteUrl}> { ?s <urn:x:pop> ?pop } }`);
    // c has a population too, but sits only in a graph outside the service's dataset.
    expect(values(result, 's')).toEqual(['urn:x:a', 'urn:x:b']);
    expect(values(result, 'pop')).toEqual(['1', '2']);
    expect(remoteSeen.length).toBeGreaterThan(0);
    const queries = storeSeen.slice(before).map((r) => r.params.get('query') ?? '');
    expect(queries.length).toBeGreaterThan(0);
    expect(queries.some((q) => /SERVICE/i.test(q))).toBe(false);
  });

  it('sends every request with the merged graph as default graph, the source graphs as named graphs, the time limit and the credentials', async () => {
    const before = storeSeen.length;
    const result = await run(`SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o SERVICE <${remoteUrl}> { ?m <urn:x:is> "1" } }`);
    expect(values(result, 'n')).toEqual(['2']);
    const requests = storeSeen.slice(before);
    expect(requests.length).toBeGreaterThan(0);
    for (const { params } of requests) {
      expect(params.getAll('default-graph-uri')).toEqual([MERGED]);
      expect(params.getAll('named-graph-uri')).toEqual([SOURCE]);
      expect(Number(params.get('timeout'))).toBeGreaterThan(0);
      expect(Number(params.get('timeout'))).toBeLessThanOrEqual(5000);
    }
    // The store challenged once (a 401 to a request without credentials); the challenge is remembered, so every other request carried them.
    const basic = `Basic ${Buffer.from('reader:secret').toString('base64')}`;
    expect(requests.some((r) => r.authorization === basic)).toBe(true);
    expect(storeSeen.filter((r) => r.authorization !== basic).length).toBe(1);
  });

  it('keeps a protocol dataset: FROM names the default graph the store is asked for', async () => {
    const result = await run(`SELECT (COUNT(*) AS ?n) FROM <${SOURCE}> WHERE { ?s ?p ?o SERVICE <${remoteUrl}> { ?m <urn:x:is> "1" } }`);
    expect(values(result, 'n')).toEqual(['1']);
    expect(storeSeen.at(-1)!.params.getAll('default-graph-uri')).toEqual([SOURCE]);
  });

  it('turns a store that answers 500, or cannot be reached, into 503 STORE_UNAVAILABLE', async () => {
    const query = `SELECT * WHERE { ?s ?p ?o SERVICE <${remoteUrl}> { ?m <urn:x:is> "1" } }`;
    status = 500;
    try {
      const failed = await run(query).then(() => undefined, (error: unknown) => error);
      expect(failed).toBeInstanceOf(HttpError);
      expect(failed).toMatchObject({ statusCode: 503, code: 'STORE_UNAVAILABLE' });
    } finally {
      status = 200;
    }
    const gone = { ...source, url: 'http://127.0.0.1:9/sparql' };
    const unreachable = await runOverStore(engine, prepareQuery(query, { serviceAllowList: [remoteUrl] }), gone, { maxResultRows: 100, serviceAllowList: [remoteUrl] }).then(() => undefined, (error: unknown) => error);
    expect(unreachable).toMatchObject({ statusCode: 503, code: 'STORE_UNAVAILABLE' });
  });
});
