// The catalogue, home page, sitemap, robots.txt and release metadata, through app.inject() over the open-data fixture.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import jsonld from 'jsonld';
import { Parser, Store } from 'n3';
import { isomorphic } from 'rdf-isomorphic';
import type { Quad } from '@rdfjs/types';
import { buildServer } from '../src/server.js';
import { ns } from '../src/rdf/namespaces.js';
import { parseChangelog, releaseFromChangelog, ReleaseError } from '../src/open-data/release.js';
import { dateValue } from '../src/store/statistics.js';
import { DataFactory } from 'n3';
import { fixtureConfig, validateShacl, violations } from './support/open-data.js';

const config = fixtureConfig();
const base = config.baseIri;
let app: FastifyInstance;

async function catalogueQuads(format: string): Promise<Quad[]> {
  const response = await app.inject({ url: `/lod/dataset?format=${format}` });
  expect(response.statusCode).toBe(200);
  if (format === 'jsonld') {
    return new Parser({ format: 'application/n-quads' }).parse(
      (await jsonld.toRDF(JSON.parse(response.body) as object, { format: 'application/n-quads' })) as unknown as string,
    );
  }
  return new Parser({ baseIRI: base }).parse(response.body);
}

beforeAll(async () => {
  app = await buildServer(config);
});
afterAll(async () => {
  await app.close();
});

describe('catalogue at {base}dataset', () => {
  it('passes the local DCAT-AP core check (mandatory properties and ranges) with no violation', async () => {
    const results = await validateShacl(await catalogueQuads('turtle'), [new URL('fixtures/open-data-shapes/dcat-core.shacl.ttl', import.meta.url).pathname]);
    expect(violations(results)).toEqual([]);
  });

  it('fails the local check when a checksum is missing (the check can fail)', async () => {
    const quads = (await catalogueQuads('turtle')).filter((q) => q.predicate.value !== ns.spdx('checksum').value);
    const results = await validateShacl(quads, [new URL('fixtures/open-data-shapes/dcat-core.shacl.ttl', import.meta.url).pathname]);
    expect(violations(results).some((r) => r.path === ns.spdx('checksum').value)).toBe(true);
  });

  it('is the same graph in Turtle, JSON-LD and N-Triples', async () => {
    const turtle = await catalogueQuads('turtle');
    expect(isomorphic(await catalogueQuads('jsonld'), turtle)).toBe(true);
    expect(isomorphic(await catalogueQuads('ntriples'), turtle)).toBe(true);
  });

  it.each([
    ['text/turtle', 'text/turtle'],
    ['application/ld+json', 'application/ld+json'],
    ['application/rdf+xml', 'application/rdf+xml'],
    ['text/html,application/xhtml+xml,*/*;q=0.8', 'text/html'],
    ['*/*', 'text/turtle'],
  ])('answers Accept %s with %s', async (accept, expected) => {
    const response = await app.inject({ url: '/lod/dataset', headers: { accept } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain(expected);
  });

  it('answers 406 problem+json for a type it cannot produce, and 400 for an unknown format', async () => {
    const notAcceptable = await app.inject({ url: '/lod/dataset', headers: { accept: 'image/png' } });
    expect(notAcceptable.statusCode).toBe(406);
    expect(notAcceptable.headers['content-type']).toContain('application/problem+json');
    const badFormat = await app.inject({ url: '/lod/dataset?format=yaml' });
    expect(badFormat.statusCode).toBe(400);
    expect(badFormat.json()).toMatchObject({ parameter: 'format' });
  });

  it('gives version, dates and a citation naming the version, from the changelog', async () => {
    const store = new Store(await catalogueQuads('turtle'));
    const dataset = DataFactory.namedNode(`${base}dataset#dataset`);
    expect(store.getObjects(dataset, ns.dcat('version'), null)[0]!.value).toBe('0.2.0');
    expect(store.getObjects(dataset, ns.dct('modified'), null)[0]!.value).toBe('2025-03-10');
    expect(store.getObjects(dataset, ns.dct('issued'), null)[0]!.value).toBe('2025-01-15');
    const citations = store.getObjects(dataset, ns.dct('bibliographicCitation'), null).map((c) => c.value);
    expect(citations.length).toBe(2);
    for (const citation of citations) expect(citation).toContain('0.2.0');
  });

  it('computes the temporal coverage from the earliest and latest dates in the data', async () => {
    const store = new Store(await catalogueQuads('turtle'));
    const period = store.getObjects(DataFactory.namedNode(`${base}dataset#dataset`), ns.dct('temporal'), null)[0]!;
    const start = store.getObjects(period, ns.dcat('startDate'), null)[0]!;
    const end = store.getObjects(period, ns.dcat('endDate'), null)[0]!;
    // The fixture's dates: 1986 (gYear), 2023-11 (gYearMonth), 2024-12-05 (date).
    expect([start.value, (start as { datatype: { value: string } }).datatype.value]).toEqual(['1986', `${ns.xsd('gYear').value}`]);
    expect(end.value).toBe('2024-12-05');
  });

  it('credits the sources with the licence and names them with prov:wasDerivedFrom', async () => {
    const store = new Store(await catalogueQuads('turtle'));
    const dataset = DataFactory.namedNode(`${base}dataset#dataset`);
    expect(store.getObjects(dataset, ns.prov('wasDerivedFrom'), null).map((o) => o.value).sort()).toEqual([
      `${base}id/source/cities4refugees`,
      `${base}id/source/eurocities`,
    ]);
    expect(store.getObjects(dataset, ns.dct('license'), null)[0]!.value).toBe(config.datasetLicense);
    const rights = store.getObjects(DataFactory.namedNode(`${base}dataset#attribution`), ns.rdfs('label'), null).map((l) => l.value).join(' ');
    expect(rights).toContain('Berlin Governance Platform');
    expect(rights).toContain('CC BY 4.0');
  });
});

describe('home page at {base}', () => {
  it('links to the catalogue, SPARQL, API docs, indexes, dumps, and embeds a schema.org Dataset', async () => {
    const response = await app.inject({ url: '/lod/', headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(200);
    const html = response.body;
    for (const href of [`${base}dataset`, `${base}sparql`, `${base}docs`, `${base}id/city/`, `${base}download/dataset.nq.gz`, `${base}.well-known/void`]) {
      expect(html, href).toContain(`href="${href}"`);
    }
    const script = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
    const data = JSON.parse(script![1]!) as Record<string, unknown>;
    expect(data['@type']).toBe('Dataset');
    expect(data.license).toBe(config.datasetLicense);
    expect(data.version).toBe('0.2.0');
    expect((data.distribution as unknown[]).length).toBe(4);
    expect(data.temporalCoverage).toBe('1986/2024-12-05');
  });

  it('speaks German by ?lang=de or Accept-Language, and refuses an unknown language', async () => {
    expect((await app.inject({ url: '/lod/?lang=de', headers: { accept: 'text/html' } })).body).toContain('<html lang="de">');
    expect((await app.inject({ url: '/lod/', headers: { accept: 'text/html', 'accept-language': 'de-DE,de;q=0.9' } })).body).toContain('<html lang="de">');
    const bad = await app.inject({ url: '/lod/?lang=fr', headers: { accept: 'text/html' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ parameter: 'lang' });
  });

  it('sends RDF clients to the catalogue with 303', async () => {
    const response = await app.inject({ url: '/lod/', headers: { accept: 'text/turtle' } });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${base}dataset`);
  });
});

describe('sitemap.xml and robots.txt', () => {
  it('lists the document page of every {base}id/ subject, the indexes, home and catalogue', async () => {
    const xml = (await app.inject({ url: '/lod/sitemap.xml' })).body;
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    for (const page of ['city/berlin', 'city/zagreb', 'event/online-meeting', 'membership/berlin-deputy-chair', 'source/eurocities']) {
      expect(locs).toContain(`${base}doc/${page}`);
    }
    // Pages only: the thing IRIs (id/, def/) answer 303 and have no place in a sitemap.
    expect(locs).toContain(`${base}doc/city/`);
    expect(locs.filter((loc) => loc!.startsWith(`${base}id/`) || loc!.startsWith(`${base}def/`))).toEqual([]);
    expect(locs).toContain(base);
    expect(locs).toContain(`${base}dataset`);
    expect(locs.length).toBe(new Set(locs).size);
  });

  it('robots.txt points at the sitemap', async () => {
    const response = await app.inject({ url: '/lod/robots.txt' });
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body).toContain(`Sitemap: ${base}sitemap.xml`);
  });

  it('an unknown download is a 404 problem naming what exists', async () => {
    const response = await app.inject({ url: '/lod/download/dataset.xml' });
    expect(response.statusCode).toBe(404);
    expect(response.json().detail).toContain('dataset.nq.gz');
  });
});

describe('release metadata from the changelog', () => {
  it('takes the top versioned entry, skipping Unreleased', () => {
    const release = releaseFromChangelog('# x\n\n## [Unreleased]\n- a\n\n## [2.1.0] - 2026-02-01\n- b\n\n## [1.0.0] - 2025-12-24\n- c\n');
    expect(release).toMatchObject({ version: '2.1.0', date: '2026-02-01', firstDate: '2025-12-24', notes: '- b', released: true });
  });

  it('names the line of a malformed heading or an impossible date', () => {
    expect(() => parseChangelog('# x\n## 1.0.0 2025-01-01\n')).toThrow(/CHANGELOG.md:2/);
    expect(() => parseChangelog('## [1.0.0] - 2025-02-30\n')).toThrow(ReleaseError);
  });

  it('reads dates at their own precision', () => {
    const month = dateValue(DataFactory.literal('2024-02', ns.xsd('gYearMonth')));
    expect(month).toMatchObject({ from: '2024-02-01', to: '2024-02-29' });
    expect(dateValue(DataFactory.literal('2024-13', ns.xsd('gYearMonth')))).toBeUndefined();
  });
});
