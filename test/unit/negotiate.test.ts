// Content negotiation without a server: which representation an Accept header or ?format= picks, and the 406/400 answers.
import { describe, expect, it } from 'vitest';
import { html, json, rdfTypes, resultTypes, typeForFormat, type MediaType } from '../../src/rdf/media-types.js';
import { negotiate } from '../../src/rdf/negotiate.js';
import { thrown } from '../support/errors.js';

/** What a resource page offers: HTML first (browsers send broad Accept headers), then the RDF formats. */
const page: readonly MediaType[] = [html, rdfTypes.turtle, rdfTypes.jsonld, rdfTypes.ntriples, rdfTypes.rdfxml];
/** What a data endpoint offers: Turtle first. */
const data: readonly MediaType[] = [rdfTypes.turtle, rdfTypes.jsonld, rdfTypes.rdfxml, rdfTypes.ntriples];
/** What the REST API offers: plain JSON next to JSON-LD. */
const api: readonly MediaType[] = [json, rdfTypes.jsonld, resultTypes.csv, resultTypes.json];

describe('negotiate by Accept', () => {
  it.each([
    ['no Accept header', undefined, page, 'text/html'],
    ['an empty Accept header', '  ', data, 'text/turtle'],
    ['*/*', '*/*', data, 'text/turtle'],
    ['an exact type', 'application/n-triples', page, 'application/n-triples'],
    ['a type range', 'application/*', page, 'application/ld+json'],
    ['the highest q wins', 'text/turtle;q=0.5, application/rdf+xml;q=0.9', page, 'application/rdf+xml'],
    ['q=0 refuses a type', 'text/html;q=0, */*;q=0.1', page, 'text/turtle'],
    ['a specific type beats a wildcard of the same q', '*/*, application/ld+json', page, 'application/ld+json'],
    ['a browser header', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', page, 'text/html'],
    ['a JSON-LD profile parameter', 'application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted"', page, 'application/ld+json'],
    ['a parameter with q kept', 'text/html;level=1;q=0.2, text/turtle;q=0.1', page, 'text/html'],
    ['media types are case-insensitive', 'Text/Turtle', page, 'text/turtle'],
    ['plain JSON where only JSON-LD is offered', 'application/json', data, 'application/ld+json'],
    ['plain JSON where plain JSON is offered', 'application/json', api, 'application/json'],
    ['SPARQL results JSON on the API', 'application/sparql-results+json', api, 'application/sparql-results+json'],
    ['CSV on the API', 'text/csv', api, 'text/csv'],
  ])('%s', (_case, accept, offered, expected) => {
    expect(negotiate(accept, offered).type).toBe(expected);
  });

  it('answers 406 listing the offered types when nothing fits', () => {
    // (text/plain would fit: it names N-Triples, the historical type, wherever N-Triples is offered.)
    const error = thrown(() => negotiate('image/png, text/csv', data));
    expect(error.statusCode).toBe(406);
    expect(error.code).toBe('NOT_ACCEPTABLE');
    expect(error.details.offered).toEqual(data.map((t) => t.type));
  });

  it('answers 406 when every offered type has q=0', () => {
    const error = thrown(() => negotiate('text/turtle;q=0, application/ld+json;q=0, application/rdf+xml;q=0, application/n-triples;q=0', data));
    expect(error.statusCode).toBe(406);
  });
});

describe('negotiate by ?format=', () => {
  it.each([
    ['the short name', 'turtle', 'text/turtle'],
    ['the file suffix', 'ttl', 'text/turtle'],
    ['an alias', 'n-triples', 'application/n-triples'],
    ['the media type itself', 'application/rdf+xml', 'application/rdf+xml'],
    ['upper case and spaces', ' JSONLD ', 'application/ld+json'],
  ])('%s', (_case, format, expected) => {
    expect(negotiate(undefined, data, format).type).toBe(expected);
  });

  it('wins over the Accept header', () => {
    expect(negotiate('text/turtle', data, 'rdfxml').type).toBe('application/rdf+xml');
  });

  it('is ignored when empty', () => {
    expect(negotiate('application/ld+json', data, '').type).toBe('application/ld+json');
  });

  it('answers 400 naming the parameter and the offered formats for an unknown format', () => {
    const error = thrown(() => negotiate(undefined, data, 'yaml'));
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('BAD_PARAMETER');
    expect(error.details.parameter).toBe('format');
    expect(error.message).toContain('"yaml"');
    expect(error.details.offered).toEqual(data.map((t) => t.type));
  });

  it('answers 400 for a format that exists but is not offered here, when Accept cannot be met either', () => {
    const error = thrown(() => negotiate('image/png', data, 'csv'));
    expect(error.statusCode).toBe(400);
  });

  it('falls back to Accept for a format that is not offered here (as Fuseki does)', () => {
    expect(negotiate(undefined, data, 'csv')).toBe(data[0]);
  });
});

describe('typeForFormat', () => {
  it('finds the SPARQL results formats by suffix and alias', () => {
    const offered = Object.values(resultTypes);
    expect(typeForFormat('srj', offered)).toBe(resultTypes.json);
    expect(typeForFormat('xml', offered)).toBe(resultTypes.xml);
    expect(typeForFormat('tsv', offered)).toBe(resultTypes.tsv);
  });

  it('answers undefined for a name nobody offers', () => {
    expect(typeForFormat('nq', data)).toBeUndefined();
    expect(typeForFormat('nq', [rdfTypes.nquads])).toBe(rdfTypes.nquads);
  });
});
