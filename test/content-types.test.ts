// One Content-Type per media type: every path that serves a type sends the same header, the one in media-types.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../src/server.js';
import { html, json, rdfTypes, resultTypes, text, xml, type MediaType } from '../src/rdf/media-types.js';
import { fixtureConfig } from './support/open-data.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildServer(fixtureConfig());
});
afterAll(async () => {
  await app?.close();
});

const rdf = Object.values(rdfTypes);
const select = encodeURIComponent('SELECT ?s WHERE { ?s ?p ?o } LIMIT 2');
const construct = encodeURIComponent('CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 2');

/** Every read path with the media types it serves (asked for by Accept), across linked data, API, open data and /sparql. */
const paths: readonly (readonly [string, readonly MediaType[]])[] = [
  ['/lod/doc/city/berlin', [...rdf, html]],
  ['/lod/doc/city/', [...rdf, html]],
  ['/lod/context.jsonld', [rdfTypes.jsonld]],
  ['/lod/api/cities', [json, rdfTypes.jsonld, resultTypes.csv, resultTypes.json]],
  ['/lod/openapi.json', [json]],
  ['/lod/', [html]],
  ['/lod/dataset', [...rdf, html]],
  ['/lod/.well-known/void', rdf],
  ['/lod/explore', [html]],
  ['/lod/sitemap.xml', [xml]],
  ['/lod/robots.txt', [text]],
  ['/lod/download/dataset.ttl', [rdfTypes.turtle]],
  ['/lod/download/dataset.trig', [rdfTypes.trig]],
  ['/lod/download/dataset.jsonld', [rdfTypes.jsonld]],
  ['/lod/sparql', [rdfTypes.turtle, rdfTypes.jsonld, rdfTypes.ntriples, rdfTypes.rdfxml, html]],
  [`/lod/sparql?query=${select}`, [...Object.values(resultTypes), json]],
  [`/lod/sparql?query=${construct}`, rdf],
];

const allTypes = [...new Set(paths.flatMap(([, types]) => types))];

describe('Content-Type by media type', () => {
  it('covers every media type the service offers', () => {
    expect(allTypes.map((t) => t.type).sort()).toEqual([...rdf, ...Object.values(resultTypes), html, json, xml, text].map((t) => t.type).sort());
  });

  it.each(allTypes.map((type) => [type.type, type] as const))('%s is sent with one Content-Type by every path', async (_name, type) => {
    const sent = new Map<string, string>();
    for (const [path] of paths.filter(([, offered]) => offered.includes(type))) {
      const response = await app.inject({ url: path, headers: { accept: type.type } });
      expect(response.statusCode, `${path} as ${type.type}: ${response.body.slice(0, 200)}`).toBe(200);
      sent.set(path, String(response.headers['content-type']));
    }
    expect(sent.size).toBeGreaterThan(0);
    // Each path, so a failure names the one that differs.
    for (const [path, contentType] of sent) expect(contentType, path).toBe(type.contentType);
  });
});
