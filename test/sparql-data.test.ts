// /sparql over the project's real graph (data/): facts from MODEL.md answer as expected, with relative IRIs resolved against the base.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../src/config.js';
import { buildServer } from '../src/server.js';

let app: FastifyInstance;
const config = loadConfig({ LOG_LEVEL: 'silent', QUERY_WORKERS: '1' });
beforeAll(async () => {
  app = await buildServer(config);
});
afterAll(async () => {
  await app.close();
});

const ask = async (query: string) => {
  const response = await app.inject({ url: `/sparql?query=${encodeURIComponent(query)}` });
  expect(response.statusCode, response.body).toBe(200);
  return (JSON.parse(response.body) as { boolean: boolean }).boolean;
};

describe('the real graph', () => {
  it('knows that Berlin is a member of the International Alliance of Safe Harbours', async () => {
    expect(await ask(`PREFIX org: <http://www.w3.org/ns/org#> ASK { <${config.baseIri}id/city/berlin> org:memberOf <${config.baseIri}id/network/iash> }`)).toBe(true);
    // Relative IRIs in a query resolve against the base IRI, like the data files' IRIs.
    expect(await ask('PREFIX org: <http://www.w3.org/ns/org#> ASK { <id/city/berlin> org:memberOf <id/network/iash> }')).toBe(true);
  });

  it('serves every source graph in the default graph union and by name', async () => {
    const response = await app.inject({ url: `/sparql?query=${encodeURIComponent('SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }')}` });
    const graphs = (JSON.parse(response.body) as { results: { bindings: Array<{ g: { value: string } }> } }).results.bindings.map((b) => b.g.value);
    expect(graphs.filter((g) => g.startsWith(`${config.baseIri}id/source/`)).length).toBeGreaterThanOrEqual(5);
    expect(await ask(`PREFIX org: <http://www.w3.org/ns/org#> ASK { ?city org:memberOf <${config.baseIri}id/network/iash> }`)).toBe(true);
  });
});
