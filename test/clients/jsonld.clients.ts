// jsonld.js as its users call it on this service: expand and toRDF of a /doc page and of the catalogue, equal to the Turtle.
import jsonld from 'jsonld';
import { Parser } from 'n3';
import { isomorphic } from 'rdf-isomorphic';
import { describe, expect, inject, it } from 'vitest';

const base = inject('base');

async function get(url: string, accept: string): Promise<string> {
  const response = await fetch(url, { headers: { accept } });
  expect(response.status, url).toBe(200);
  expect(response.headers.get('content-type')).toContain(accept);
  return response.text();
}

describe.each([
  ['the /doc page of Berlin', `${base}doc/city/berlin`, `${base}id/city/berlin`],
  ['the catalogue', `${base}dataset`, `${base}dataset#dataset`],
])('jsonld.js on %s', (_name, url, mainIri) => {
  it('expands it (remote context fetched by jsonld.js itself) to nodes including the main one', async () => {
    const document = JSON.parse(await get(url, 'application/ld+json')) as object;
    const expanded = (await jsonld.expand(document, { base: url })) as Array<Record<string, unknown>>;
    const ids = new Set(expanded.flatMap((node) => [node['@id'], ...((node['@graph'] as Array<Record<string, unknown>> | undefined) ?? []).map((n) => n['@id'])]));
    expect(ids.has(mainIri)).toBe(true);
  });

  it('toRDF gives the same graph as the Turtle', async () => {
    const document = JSON.parse(await get(url, 'application/ld+json')) as object;
    const nquads = (await jsonld.toRDF(document, { base: url, format: 'application/n-quads' })) as unknown as string;
    const fromJsonLd = new Parser({ format: 'application/n-quads' }).parse(nquads);
    const fromTurtle = new Parser({ baseIRI: url }).parse(await get(url, 'text/turtle'));
    expect(fromJsonLd.length).toBeGreaterThan(10);
    expect(isomorphic(fromJsonLd, fromTurtle)).toBe(true);
  });
});
