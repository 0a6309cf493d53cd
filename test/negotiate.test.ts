// The format= and Accept rule every route shares, case by case (what SPARQLWrapper, rdflib, Fuseki clients send).
import { describe, expect, it } from 'vitest';
import { html, json, rdfTypes, resultTypes, type MediaType } from '../src/rdf/media-types.js';
import { negotiate } from '../src/rdf/negotiate.js';
import { HttpError } from '../src/errors.js';

const select: readonly MediaType[] = [resultTypes.json, resultTypes.xml, resultTypes.csv, resultTypes.tsv, json];
const ask: readonly MediaType[] = [resultTypes.json, resultTypes.xml, json];
const graph: readonly MediaType[] = [rdfTypes.turtle, rdfTypes.ntriples, rdfTypes.jsonld, rdfTypes.rdfxml, rdfTypes.trig, rdfTypes.nquads];
const doc: readonly MediaType[] = [rdfTypes.turtle, rdfTypes.jsonld, rdfTypes.ntriples, rdfTypes.rdfxml, rdfTypes.trig, rdfTypes.nquads, html];

type Case = [string, readonly MediaType[], string[], string | undefined, string];

const chosen: Case[] = [
  // SPARQLWrapper's defaults: format=xml with the form's Accept.
  ['SELECT xml', select, ['xml'], 'application/sparql-results+xml', 'application/sparql-results+xml'],
  ['CONSTRUCT xml is RDF/XML', graph, ['xml'], 'application/rdf+xml', 'application/rdf+xml'],
  ['CONSTRUCT xml, Accept */*', graph, ['xml'], '*/*', 'application/rdf+xml'],
  ['CONSTRUCT n3 is Turtle', graph, ['n3'], 'application/turtle,text/turtle,text/rdf+n3,application/n-triples,application/n3,text/n3', 'text/turtle'],
  ['CONSTRUCT json is JSON-LD (as Fuseki)', graph, ['json'], '*/*', 'application/ld+json'],
  ['SELECT json', select, ['json'], undefined, 'application/sparql-results+json'],
  ['SELECT csv', select, ['csv'], 'text/csv', 'text/csv'],
  // Repeated values that agree: short name beside media type.
  ['SELECT tsv twice', select, ['tsv', 'text/tab-separated-values'], 'text/tab-separated-values', 'text/tab-separated-values'],
  ['CONSTRUCT rdf+xml twice', graph, ['rdf+xml', 'application/rdf+xml'], 'application/rdf+xml', 'application/rdf+xml'],
  ['CONSTRUCT json-ld twice', graph, ['json-ld', 'application/ld+json'], 'application/ld+json,application/x-json+ld', 'application/ld+json'],
  // SPARQLWrapper with rdflib-jsonld copies its whole Accept list into format=.
  ['CONSTRUCT json-ld with a listed media type', graph, ['json-ld', 'application/ld+json,application/x-json+ld'], 'application/ld+json,application/x-json+ld', 'application/ld+json'],
  ['media type with parameters', doc, ['application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted"'], undefined, 'application/ld+json'],
  ['ASK csv (as Fuseki)', [...ask, resultTypes.csv, resultTypes.tsv], ['csv'], 'text/csv', 'text/csv'],
  // An empty value beside a valid one (SPARQLWrapper clears the media type when Accept is */*).
  ['SELECT tsv and empty', select, ['tsv', ''], '*/*', 'text/tab-separated-values'],
  ['only empty values: Accept decides', select, ['', ' '], 'text/csv', 'text/csv'],
  ['turtle', graph, ['turtle'], undefined, 'text/turtle'],
  ['ttl', doc, ['ttl'], 'text/html', 'text/turtle'],
  ['nt', doc, ['nt'], undefined, 'application/n-triples'],
  ['ntriples', doc, ['ntriples'], undefined, 'application/n-triples'],
  ['text/plain is N-Triples', doc, ['text/plain'], undefined, 'application/n-triples'],
  ['nquads', doc, ['nquads'], undefined, 'application/n-quads'],
  ['trig', doc, ['TriG'], undefined, 'application/trig'],
  ['media type', doc, ['application/ld+json'], 'text/html', 'application/ld+json'],
  // A format this route cannot serve falls back to Accept.
  ['SELECT n3 falls back to Accept', select, ['n3'], '*/*', 'application/sparql-results+json'],
  ['SELECT rdf+xml falls back to Accept', select, ['rdf+xml'], 'application/sparql-results+xml', 'application/sparql-results+xml'],
  ['ASK turtle falls back to Accept', ask, ['turtle'], 'application/sparql-results+xml', 'application/sparql-results+xml'],
  ['CONSTRUCT csv falls back (no Accept)', graph, ['csv'], undefined, 'text/turtle'],
  ['unservable beside an offered one', graph, ['tsv', 'turtle'], undefined, 'text/turtle'],
  // Accept aliases.
  ['Accept text/plain is N-Triples (rdflib "nt")', doc, [], 'text/plain, */*;q=0.1', 'application/n-triples'],
  ['Accept text/n3 is Turtle (rdflib "n3")', doc, [], 'text/n3, */*;q=0.1', 'text/turtle'],
  ['Accept text/plain alone', graph, [], 'text/plain', 'application/n-triples'],
];

describe('negotiate picks the format', () => {
  it.each(chosen)('%s', (_name, offered, format, accept, expected) => {
    expect(negotiate(accept, offered, format).type).toBe(expected);
  });
});

const refused: [string, readonly MediaType[], string[], string | undefined, number][] = [
  ['a typo', select, ['jsn'], undefined, 400],
  ['an unknown word beside a valid one', select, ['json', 'foo'], undefined, 400],
  ['two offered formats that disagree', select, ['json', 'csv'], undefined, 400],
  ['unservable and Accept cannot be met', select, ['turtle'], 'text/turtle', 400],
  ['Accept alone cannot be met', doc, [], 'image/png', 406],
  ['text/plain where N-Triples is not offered', select, [], 'text/plain', 406],
];

describe('negotiate refuses real mistakes', () => {
  it.each(refused)('%s', (_name, offered, format, accept, status) => {
    let error: unknown;
    try {
      negotiate(accept, offered, format);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).statusCode).toBe(status);
    if (status === 400) expect((error as HttpError).details.parameter).toBe('format');
  });
});
