// A harvester that knows only the home page URL: finds the catalogue, downloads and checks every distribution, and counts triples.
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import jsonld from 'jsonld';
import { Parser, Store } from 'n3';
import type { Quad } from '@rdfjs/types';
import { buildServer } from '../src/server.js';
import { ns } from '../src/rdf/namespaces.js';
import { fixtureConfig } from './support/open-data.js';
import { freePort } from './support/net.js';

function distinctTriples(quads: Iterable<Quad>): number {
  const keys = new Set<string>();
  for (const q of quads) keys.add(`${q.subject.termType}${q.subject.value} ${q.predicate.value} ${q.object.termType}${q.object.value}|${q.object.termType === 'Literal' ? `${q.object.language}|${q.object.datatype.value}` : ''}`);
  return keys.size;
}

async function parseDump(bytes: Buffer, mediaType: string, baseIri: string): Promise<Quad[]> {
  const text = bytes.toString('utf8');
  if (mediaType.endsWith('/ld+json')) {
    const nquads = (await jsonld.toRDF(JSON.parse(text) as object, { format: 'application/n-quads' })) as unknown as string;
    return new Parser({ format: 'application/n-quads' }).parse(nquads);
  }
  const format = mediaType.slice(mediaType.lastIndexOf('/', mediaType.length - 7) + 1);
  return new Parser({ baseIRI: baseIri, format: format.replace(/^.*media-types\//, '') }).parse(text);
}

describe('a harvester starting from the home page', () => {
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}/`;
    app = await buildServer(fixtureConfig({ baseIri: base, port }));
    await app.listen({ port, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.close();
  });

  it('finds the catalogue, downloads every distribution intact and gets exactly void:triples from each, equal to COUNT(*) over /sparql', async () => {
    const home = await fetch(base, { headers: { accept: 'text/html' } });
    expect(home.status).toBe(200);
    const html = await home.text();
    const link = /<link rel="describedby" type="text\/turtle" href="([^"]+)"/.exec(html);
    expect(link, 'home page links its catalogue').not.toBeNull();
    const catalogueUrl = link![1]!.replace(/&amp;/g, '&');

    const catalogueResponse = await fetch(catalogueUrl, { headers: { accept: 'text/turtle' } });
    expect(catalogueResponse.headers.get('content-type')).toMatch(/^text\/turtle/);
    const catalogue = new Store(new Parser({ baseIRI: catalogueUrl }).parse(await catalogueResponse.text()));
    const [catalog] = catalogue.getSubjects(ns.rdf('type'), ns.dcat('Catalog'), null);
    expect(catalog).toBeDefined();
    const [dataset] = catalogue.getObjects(catalog!, ns.dcat('dataset'), null);
    const distributions = catalogue.getObjects(dataset!, ns.dcat('distribution'), null);
    expect(distributions.length).toBe(4);

    const voidDoc = new Store(new Parser({ baseIRI: base }).parse(await (await fetch(`${base}.well-known/void`, { headers: { accept: 'text/turtle' } })).text()));
    const voidTriples = Number(voidDoc.getObjects(dataset!, ns.void('triples'), null)[0]?.value);
    expect(voidTriples).toBeGreaterThan(0);

    const seenFormats = new Set<string>();
    for (const distribution of distributions) {
      const url = catalogue.getObjects(distribution, ns.dcat('downloadURL'), null)[0]!.value;
      const mediaType = catalogue.getObjects(distribution, ns.dcat('mediaType'), null)[0]!.value;
      const compress = catalogue.getObjects(distribution, ns.dcat('compressFormat'), null)[0]?.value;
      const byteSize = Number(catalogue.getObjects(distribution, ns.dcat('byteSize'), null)[0]!.value);
      const checksum = catalogue.getObjects(distribution, ns.spdx('checksum'), null)[0]!;
      expect(catalogue.getObjects(checksum, ns.spdx('algorithm'), null)[0]!.value).toBe(ns.spdx('checksumAlgorithm_sha256').value);
      const expected = catalogue.getObjects(checksum, ns.spdx('checksumValue'), null)[0]!.value;

      // fetch decodes Content-Encoding itself, so this is the file as a browser or curl --compressed saves it.
      const response = await fetch(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('etag'), url).toMatch(/^"[0-9a-f]{32}(-gzip)?"$/);
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.length, `${url} byte size`).toBe(byteSize);
      expect(createHash('sha256').update(bytes).digest('hex'), `${url} checksum`).toBe(expected);

      // Without gzip in Accept-Encoding, Content-Length is the file size itself.
      const identity = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
      expect(identity.headers.get('content-encoding')).toBeNull();
      expect(Number(identity.headers.get('content-length'))).toBe(byteSize);
      await identity.arrayBuffer();

      const data = compress?.endsWith('/gzip') ? gunzipSync(bytes) : bytes;
      const quads = await parseDump(data, mediaType, base);
      expect(distinctTriples(quads), `${url} triples`).toBe(voidTriples);
      seenFormats.add(mediaType.replace(/^.*media-types\//, ''));
    }
    expect([...seenFormats].sort()).toEqual(['application/ld+json', 'application/n-quads', 'application/trig', 'text/turtle']);

    // The SPARQL endpoint (built by the SPARQL helper) must see exactly the same graph.
    const sparql = await fetch(`${base}sparql?query=${encodeURIComponent('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }')}`, {
      headers: { accept: 'application/sparql-results+json' },
    });
    expect(sparql.status).toBe(200);
    const results = (await sparql.json()) as { results: { bindings: Array<{ n: { value: string } }> } };
    expect(Number(results.results.bindings[0]!.n.value)).toBe(voidTriples);
  });

  it('serves uncompressed dumps gzip-encoded to clients that ask, with the same ETag family', async () => {
    const response = await fetch(`${base}download/dataset.trig`, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('vary')).toMatch(/Accept-Encoding/);
    const etag = response.headers.get('etag')!;
    expect(etag).toMatch(/-gzip"$/);
    await response.arrayBuffer();
    const again = await fetch(`${base}download/dataset.trig`, { headers: { 'accept-encoding': 'gzip', 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });
});
