// Linked Data URL mapping without a server: which request paths name a thing (303), a document (with a format suffix), an index or the ontology.
import { describe, expect, it } from 'vitest';
import { docPathOf, documentRequest, formatUrl, pagePath, relativePath, thingPath } from '../../src/linked-data/paths.js';
import { html, rdfTypes } from '../../src/rdf/media-types.js';

const base = 'https://lod.example.org/';
const offered = [html, rdfTypes.turtle, rdfTypes.jsonld, rdfTypes.ntriples, rdfTypes.rdfxml];

describe('relativePath', () => {
  it.each([
    ['/id/city/berlin', '/', 'id/city/berlin'],
    ['/id/city/berlin?format=ttl', '/', 'id/city/berlin'],
    ['/doc/city/', '/', 'doc/city/'],
    ['/lod/doc/city/berlin.ttl', '/lod/', 'doc/city/berlin.ttl'],
    ['/other/doc/city/berlin', '/lod/', null],
    ['/doc/../sparql', '/', null],
    ['/doc/city/%62erlin', '/', null],
    ['/doc/.hidden', '/', null],
    ['/doc//berlin', '/', null],
  ])('%s under %s is %s', (url, prefix, expected) => {
    expect(relativePath(url, prefix)).toBe(expected);
  });
});

describe('thingPath: the IRIs that redirect to their document', () => {
  it.each([
    ['id/city/berlin', 'doc/city/berlin'],
    ['id/city/', 'doc/city/'],
    ['def/', 'doc/def/'],
    ['def/CityNetwork', 'doc/def/CityNetwork'],
    ['def/aims/integration', 'doc/def/aims/integration'],
  ])('%s -> %s', (rest, docPath) => {
    expect(thingPath(rest)).toEqual({ docPath });
  });

  it.each(['id/', 'id/city', 'id/city/berlin/more', 'doc/city/berlin', 'def', 'sparql'])('%s is not a thing', (rest) => {
    expect(thingPath(rest)).toBeNull();
  });
});

describe('documentRequest', () => {
  it.each([
    ['doc/city/berlin', { kind: 'resource', iri: `${base}id/city/berlin`, docPath: 'doc/city/berlin' }, undefined],
    ['doc/city/berlin.ttl', { kind: 'resource', iri: `${base}id/city/berlin`, docPath: 'doc/city/berlin' }, 'ttl'],
    ['doc/city/berlin.html', { kind: 'resource', iri: `${base}id/city/berlin`, docPath: 'doc/city/berlin' }, 'html'],
    ['doc/city/', { kind: 'index', iri: `${base}id/city/`, docPath: 'doc/city/', indexKind: 'city' }, undefined],
    ['doc/city/index.jsonld', { kind: 'index', iri: `${base}id/city/`, docPath: 'doc/city/', indexKind: 'city' }, 'jsonld'],
    ['doc/def/', { kind: 'ontology', iri: `${base}def/`, docPath: 'doc/def/' }, undefined],
    ['doc/def/index.rdf', { kind: 'ontology', iri: `${base}def/`, docPath: 'doc/def/' }, 'rdf'],
    ['doc/def/CityNetwork.nt', { kind: 'resource', iri: `${base}def/CityNetwork`, docPath: 'doc/def/CityNetwork' }, 'nt'],
    // A suffix that is not offered is part of the name: slugs may contain dots.
    ['doc/person/j.doe', { kind: 'resource', iri: `${base}id/person/j.doe`, docPath: 'doc/person/j.doe' }, undefined],
  ])('%s', (rest, target, suffix) => {
    expect(documentRequest(rest, base, offered)).toEqual({ target, suffix });
  });

  it.each(['id/city/berlin', 'doc/', 'doc/city', 'doc/city/berlin/more', 'doc/city/.ttl', 'doc/def'])('%s is no document', (rest) => {
    expect(documentRequest(rest, base, offered)).toBeNull();
  });
});

describe('links between documents', () => {
  it('gives each format its own URL, indexes as index.{suffix}', () => {
    expect(formatUrl(base, 'doc/city/berlin', 'ttl')).toBe(`${base}doc/city/berlin.ttl`);
    expect(formatUrl(base, 'doc/city/', 'ttl')).toBe(`${base}doc/city/index.ttl`);
  });

  it('links pages root-relative, under the base path', () => {
    expect(pagePath(base, 'doc/city/berlin')).toBe('/doc/city/berlin');
    expect(pagePath('https://example.org/lod/', 'doc/city/berlin')).toBe('/lod/doc/city/berlin');
  });

  it.each([
    [`${base}id/city/berlin`, 'doc/city/berlin'],
    [`${base}id/city/`, 'doc/city/'],
    [`${base}def/CityNetwork`, 'doc/def/CityNetwork'],
    [`${base}id/city/berlin/more`, undefined],
    [`${base}sparql`, undefined],
    ['https://www.wikidata.org/entity/Q64', undefined],
  ])('the document of %s is %s', (iri, docPath) => {
    expect(docPathOf(iri, base)).toBe(docPath);
  });
});
