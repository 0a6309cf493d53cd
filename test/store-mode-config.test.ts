// Store mode without a store: STORE_* settings are validated at start, an unreachable store stops the start with a clear message, and the adapter's dataset rules.
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { buildServer } from '../src/server.js';
import { StoreNotLoadedError } from '../src/sparql/store-executor.js';
import { EMPTY_GRAPH, storeQuirks } from '../src/sparql/store-adapter.js';

const XSD = 'http://www.w3.org/2001/XMLSchema#';
const quiet = { LOG_LEVEL: 'silent', ONTOLOGY_DIR: 'none', SHAPES_DIR: 'none', QUERY_WORKERS: '1', API_QUERY_WORKERS: '0' };

/** A loopback port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('STORE settings', () => {
  it('default to the embedded store with no endpoints', () => {
    const config = loadConfig(quiet);
    expect(config.store).toBe('embedded');
    expect(config.storeQueryUrl).toBeNull();
  });

  it('refuse an unknown STORE, a missing or relative STORE_QUERY_URL, half a credential, and endpoints without STORE=sparql', () => {
    expect(() => loadConfig({ ...quiet, STORE: 'virtuoso' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...quiet, STORE: 'sparql' })).toThrow(/STORE_QUERY_URL/);
    expect(() => loadConfig({ ...quiet, STORE: 'sparql', STORE_QUERY_URL: 'localhost:8890/sparql' })).toThrow(/STORE_QUERY_URL/);
    expect(() => loadConfig({ ...quiet, STORE: 'sparql', STORE_QUERY_URL: 'http://127.0.0.1:8890/sparql', STORE_USER: 'dba' })).toThrow(/together/);
    expect(() => loadConfig({ ...quiet, STORE_QUERY_URL: 'http://127.0.0.1:8890/sparql' })).toThrow(/STORE=sparql/);
  });

  it('take the update endpoint from the query endpoint unless STORE_UPDATE_URL is given', () => {
    const base = { ...quiet, STORE: 'sparql', STORE_QUERY_URL: 'http://127.0.0.1:8890/sparql' };
    expect(loadConfig(base).storeUpdateUrl).toBe('http://127.0.0.1:8890/sparql');
    expect(loadConfig({ ...base, STORE_UPDATE_URL: 'http://127.0.0.1:8890/update', STORE_USER: 'u', STORE_PASSWORD: 'p' })).toMatchObject({
      storeUpdateUrl: 'http://127.0.0.1:8890/update',
      storeCredentials: { user: 'u', password: 'p' },
    });
  });
});

describe('store mode at start', () => {
  it('stops the start with a clear error, quickly, when the store cannot be reached', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/sparql`;
    const started = Date.now();
    const start = buildServer(loadConfig({ ...quiet, STORE: 'sparql', STORE_QUERY_URL: url }));
    await expect(start).rejects.toThrow(StoreNotLoadedError);
    await expect(start).rejects.toThrow(/cannot be reached \(ECONNREFUSED\)/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

describe('the store adapter', () => {
  const graphs = { merged: 'urn:x-lod:merged', sources: ['http://example.org/g1', 'http://example.org/g2'] };

  it('sends the merged graph as the default graph and the source graphs as the named graphs of a query without a dataset', () => {
    expect(storeQuirks.datasetParams(undefined, graphs)).toEqual([
      ['default-graph-uri', 'urn:x-lod:merged'],
      ['named-graph-uri', 'http://example.org/g1'],
      ['named-graph-uri', 'http://example.org/g2'],
    ]);
  });

  it('names a graph that does not exist for an empty side of a dataset, so the store does not widen it to every graph', () => {
    expect(storeQuirks.datasetParams({ defaultGraphs: ['http://example.org/g1'], namedGraphs: [] }, graphs)).toEqual([
      ['default-graph-uri', 'http://example.org/g1'],
      ['named-graph-uri', EMPTY_GRAPH],
    ]);
  });

  it('reads Virtuoso terms and ASK tables as SPARQL 1.1 results', () => {
    expect(storeQuirks.normalizeTerm({ type: 'typed-literal', value: 's', datatype: 'http://www.w3.org/2001/XMLSchema#string' } as never)).toEqual({ type: 'literal', value: 's' });
    expect(storeQuirks.normalizeTerm({ type: 'typed-literal', value: '5', datatype: 'http://www.w3.org/2001/XMLSchema#integer' } as never)).toEqual({
      type: 'literal',
      value: '5',
      datatype: 'http://www.w3.org/2001/XMLSchema#integer',
    });
    expect(storeQuirks.askResult('{"head":{"vars":["__ASK_RETVAL"]},"results":{"bindings":[{"__ASK_RETVAL":{"type":"typed-literal","value":"1"}}]}}')).toBe(true);
    expect(storeQuirks.askResult('{"head":{"vars":["__ASK_RETVAL"]},"results":{"bindings":[]}}')).toBe(false);
    expect(storeQuirks.askResult('{"head":{},"boolean":true}')).toBe(true);
    const boolean = (value: string) => storeQuirks.normalizeTerm({ type: 'typed-literal', value, datatype: `${XSD}boolean` } as never);
    expect(boolean('1')).toEqual({ type: 'literal', value: 'true', datatype: `${XSD}boolean` });
    expect(boolean('0')).toEqual({ type: 'literal', value: 'false', datatype: `${XSD}boolean` });
    expect(boolean('maybe')).toEqual({ type: 'literal', value: 'maybe', datatype: `${XSD}boolean` });
  });

  it('spells out GROUP_CONCAT\'s default separator for Virtuoso, and reads its 07xxx states as the query\'s fault', () => {
    const query = 'SELECT ?s (GROUP_CONCAT(DISTINCT ?o) AS ?c) WHERE { ?s ?p ?o } GROUP BY ?s';
    expect(storeQuirks.queryText(query, undefined)).toMatch(/GROUP_CONCAT\(DISTINCT \?o; SEPARATOR = " "\)/);
    const withSeparator = 'SELECT (GROUP_CONCAT(?o; SEPARATOR=",") AS ?c) WHERE { ?s ?p ?o }';
    expect(storeQuirks.queryText(withSeparator, undefined)).toBe(withSeparator);
    expect(storeQuirks.queryText('ASK {}', undefined)).toBe('ASK {}');
    expect(storeQuirks.isQueryError(500, 'Virtuoso 07S01 Error SR183: Required argument DELIM (no 3) not supplied')).toBe(true);
    expect(storeQuirks.isQueryError(500, 'Virtuoso 08C01 Error CL033: connection lost')).toBe(false);
  });

  it('writes an ill-typed boolean through STRDT, keeps well-typed literals as constants, and refuses an ill-typed number by name', () => {
    const lines = [`<urn:a> <urn:p> "maybe"^^<${XSD}boolean> .`, `_:b <urn:p> "0200"^^<${XSD}integer> .`, `<urn:a> <urn:p> "1.50E0"^^<${XSD}double> .`, `<urn:a> <urn:p> "2024"^^<${XSD}gYear> .`];
    const update = storeQuirks.insertTriples('urn:g', `${lines.join('\n')}\n`);
    expect(update).toContain(`<urn:a> <urn:p> ?illTyped0 .`);
    expect(update).toContain(`BIND(STRDT("maybe", <${XSD}boolean>) AS ?illTyped0)`);
    for (const line of lines.slice(1)) expect(update).toContain(line);
    expect(() => storeQuirks.insertTriples('urn:g', `<urn:a> <urn:p> "12abc"^^<${XSD}integer> .\n`)).toThrow(/"12abc"/);
  });
});
