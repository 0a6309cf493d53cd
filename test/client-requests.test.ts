// The requests the usual clients send, as HTTP (no client needed): SPARQLWrapper's format= values, rdflib's Accept headers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Parser } from 'n3';
import { isomorphic } from 'rdf-isomorphic';
import { buildServer } from '../src/server.js';
import { fixtureConfig } from './support/open-data.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildServer(fixtureConfig());
});
afterAll(async () => {
  await app.close();
});

const CONSTRUCT = encodeURIComponent('CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 5');
const SELECT = encodeURIComponent('SELECT ?s WHERE { ?s ?p ?o } LIMIT 5');
const ASK = encodeURIComponent('ASK { ?s ?p ?o }');
/** SPARQLWrapper repeats its format under three names; these are its query strings (format=, output=, results=). */
const wrapper = (name: string, extra = '') => ['format', 'output', 'results'].map((p) => `${p}=${encodeURIComponent(name)}${extra ? `&${p}=${encodeURIComponent(extra)}` : ''}`).join('&');

describe('SPARQLWrapper requests', () => {
  it.each([
    ['CONSTRUCT with its default XML', CONSTRUCT, wrapper('xml'), 'application/rdf+xml', 'application/rdf+xml'],
    ['CONSTRUCT N3', CONSTRUCT, wrapper('n3'), 'application/turtle,text/turtle,text/rdf+n3,application/n-triples,application/n3,text/n3', 'text/turtle'],
    ['CONSTRUCT RDF/XML (name and type)', CONSTRUCT, wrapper('rdf+xml', 'application/rdf+xml'), 'application/rdf+xml', 'application/rdf+xml'],
    ['CONSTRUCT JSON-LD (name and Accept list)', CONSTRUCT, wrapper('json-ld', 'application/ld+json,application/x-json+ld'), 'application/ld+json,application/x-json+ld', 'application/ld+json'],
    ['CONSTRUCT CSV falls back to Accept */*', CONSTRUCT, wrapper('csv'), '*/*', 'text/turtle'],
    ['SELECT TSV (name and type)', SELECT, wrapper('tsv', 'text/tab-separated-values'), 'text/tab-separated-values', 'text/tab-separated-values'],
    ['SELECT N3 falls back to Accept */*', SELECT, wrapper('n3'), '*/*', 'application/sparql-results+json'],
    ['ASK CSV', ASK, wrapper('csv'), 'text/csv', 'text/csv'],
  ])('%s', async (_name, query, params, accept, expected) => {
    const response = await app.inject({ url: `/lod/sparql?query=${query}&${params}`, headers: { accept } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(new RegExp(`^${expected.replace(/[+/]/g, '\\$&')}`));
  });

  it('ASK as CSV and TSV is one _askResult column, as Fuseki writes it', async () => {
    const csv = await app.inject({ url: `/lod/sparql?query=${ASK}`, headers: { accept: 'text/csv' } });
    expect(csv.body).toBe('_askResult\r\ntrue\r\n');
    const tsv = await app.inject({ url: `/lod/sparql?query=${ASK}`, headers: { accept: 'text/tab-separated-values' } });
    expect(tsv.body).toBe('?_askResult\ntrue\n');
  });

  it('still refuses two formats that disagree', async () => {
    const response = await app.inject({ url: `/lod/sparql?query=${SELECT}&format=json&format=csv` });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ parameter: 'format' });
  });
});

describe("rdflib's Accept headers", () => {
  it.each([
    ['/lod/doc/city/berlin', 'text/plain, */*;q=0.1', 'application/n-triples'],
    ['/lod/doc/city/berlin', 'text/plain', 'application/n-triples'],
    ['/lod/doc/city/berlin', 'text/n3, */*;q=0.1', 'text/turtle'],
    ['/lod/dataset', 'text/plain, */*;q=0.1', 'application/n-triples'],
    ['/lod/sparql', 'text/plain', 'application/n-triples'],
  ])('%s with %s', async (url, accept, expected) => {
    const response = await app.inject({ url, headers: { accept, host: 'example.org' } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(new RegExp(`^${expected.replace(/[+/]/g, '\\$&')}`));
  });

  it('text/plain gives the same graph as Turtle', async () => {
    const nt = await app.inject({ url: '/lod/doc/city/berlin', headers: { accept: 'text/plain' } });
    const ttl = await app.inject({ url: '/lod/doc/city/berlin', headers: { accept: 'text/turtle' } });
    expect(isomorphic(new Parser({ format: 'application/n-triples' }).parse(nt.body), new Parser({ baseIRI: 'http://example.org/lod/' }).parse(ttl.body))).toBe(true);
  });
});
