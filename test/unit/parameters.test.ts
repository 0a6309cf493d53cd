// Request parameters without a server: strict form decoding, single-valued query parameters, and REST values turned into RDF terms.
import { DataFactory, Store } from 'n3';
import sparqljs from 'sparqljs';
import type { SelectQuery, ValuesPattern } from 'sparqljs';
import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { bindParameters, bindingKey, boundQueryText } from '../../src/api/bind.js';
import { parseQueryFile } from '../../src/api/query-file.js';
import { queryParam } from '../../src/http/query-param.js';
import { paramsOf } from '../../src/http/form-params.js';
import { termKey } from '../../src/rdf/term-keys.js';
import type { Term } from '@rdfjs/types';
import { thrown } from '../support/errors.js';

const { namedNode, quad, literal } = DataFactory;
const base = 'http://example.org/';
const xsd = 'http://www.w3.org/2001/XMLSchema#';

describe('paramsOf (application/x-www-form-urlencoded)', () => {
  it.each([
    ['a plain pair', 'query=ASK%7B%7D', [['query', ['ASK{}']]]],
    ['+ is a space', 'q=a+b', [['q', ['a b']]]],
    ['%2B is a plus', 'q=a%2Bb', [['q', ['a+b']]]],
    ['UTF-8 escapes', 'q=St%C3%A4dte', [['q', ['Städte']]]],
    ['raw non-ASCII text', 'q=Städte', [['q', ['Städte']]]],
    ['a % without two hex digits stays', 'q=100%25%2&r=%zz', [['q', ['100%%2']], ['r', ['%zz']]]],
    ['a name without =', 'flag&x=1', [['flag', ['']], ['x', ['1']]]],
    ['empty pairs are skipped', '&&x=1&', [['x', ['1']]]],
    ['a value holding =', 'x=a=b', [['x', ['a=b']]]],
    ['repeated names keep every value in order', 'g=1&h=2&g=3', [['g', ['1', '3']], ['h', ['2']]]],
  ])('%s', (_case, text, expected) => {
    expect([...paramsOf(text)]).toEqual(expected);
  });

  it('adds to the parameters it is given (query string, then form body)', () => {
    const params = paramsOf('default-graph-uri=a', paramsOf('default-graph-uri=b&query=x'));
    expect(params.get('default-graph-uri')).toEqual(['b', 'a']);
    expect(params.get('query')).toEqual(['x']);
  });

  it('refuses a value that is not UTF-8 with 400 naming the parameter', () => {
    // %E4 is "ä" in Latin-1: URLSearchParams would turn it into U+FFFD and run another query.
    const error = thrown(() => paramsOf('query=St%E4dte'));
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('BAD_PARAMETER');
    expect(error.details.parameter).toBe('query');
  });

  it('refuses a name that is not UTF-8 with 400', () => {
    const error = thrown(() => paramsOf('%FF=1'));
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('BAD_REQUEST');
  });
});

describe('queryParam', () => {
  const request = (query: Record<string, unknown> | undefined) => ({ query }) as unknown as FastifyRequest;

  it('reads one value, and answers undefined when it is missing', () => {
    expect(queryParam(request({ lang: 'de' }), 'lang')).toBe('de');
    expect(queryParam(request({ lang: 'de' }), 'format')).toBeUndefined();
    expect(queryParam(request(undefined), 'format')).toBeUndefined();
  });

  it('refuses a repeated parameter with 400 rather than picking one', () => {
    const error = thrown(() => queryParam(request({ format: ['turtle', 'jsonld'] }), 'format'));
    expect(error.statusCode).toBe(400);
    expect(error.details.parameter).toBe('format');
  });
});

/** A canned query with one parameter of each type, and a small graph for the IRI look-ups. */
const query = parseQueryFile(
  `#+ summary: Things
#+ parameters:
#+   member: { type: iri, kinds: [network, project], repeatable: true, pattern: "?id <urn:x:memberOf> ?value .", description: M }
#+   place: { type: iri, kinds: [city], description: P }
#+   name: { type: string, fold: true, description: N }
#+   spoken: { type: language, variable: language, description: L }
#+   since: { type: date, description: S }
#+   size: { type: integer, default: 10, description: Z }
#+   open: { type: boolean, description: O }
#+ fields:
#+   id: { type: iri, description: The thing }
SELECT ?id WHERE { ?id <urn:x:in> ?place ; <urn:x:name> ?name ; <urn:x:since> ?since ; <urn:x:size> ?size ; <urn:x:open> ?open . BIND(?language AS ?l) }
`,
  'queries/things.rq',
  base,
);

const store = new Store([
  quad(namedNode(`${base}id/network/iash`), namedNode('urn:x:p'), literal('x')),
  quad(namedNode(`${base}id/network/eurocities`), namedNode('urn:x:p'), literal('x')),
  quad(namedNode(`${base}id/network/both`), namedNode('urn:x:p'), literal('x')),
  quad(namedNode(`${base}id/project/both`), namedNode('urn:x:p'), literal('x')),
  quad(namedNode(`${base}id/city/berlin`), namedNode('urn:x:p'), literal('x')),
]);

/** Terms compared by their N-Triples form: sparqljs and N3.js build terms of different classes. */
const keys = (terms: readonly (Term | undefined)[] | undefined) => terms?.map((t) => (t ? termKey(t) : t));

function termOf(values: Record<string, unknown>, name: string) {
  return keys(bindParameters(query, values, store).get(name));
}

describe('bindParameters', () => {
  it('looks a slug up in each namespace of the parameter', () => {
    expect(termOf({ place: 'berlin' }, 'place')).toEqual(keys([namedNode(`${base}id/city/berlin`)]));
    expect(termOf({ member: ['iash'] }, 'member')).toEqual(keys([namedNode(`${base}id/network/iash`)]));
  });

  it('accepts the full IRI, and keeps a value given twice (slug and IRI) once', () => {
    expect(termOf({ member: ['iash', `${base}id/network/iash`] }, 'member')).toEqual(keys([namedNode(`${base}id/network/iash`)]));
  });

  it.each([
    ['a slug the graph does not have', { place: 'atlantis' }, /has no city "atlantis"/],
    ['a slug found in two namespaces', { member: ['both'] }, /ambiguous/],
    ['an IRI outside the namespaces', { place: `${base}id/network/iash` }, /expects a slug or an IRI/],
    ['a slug with capitals', { place: 'Berlin' }, /expects a slug/],
    ['a date that does not exist', { since: '2023-02-29' }, /does not exist/],
    ['month 13', { since: '2024-13' }, /month 13/],
    ['a date in another form', { since: '1.5.2024' }, /YYYY/],
  ])('answers 400 for %s', (_case, values, message) => {
    const error = thrown(() => bindParameters(query, values, store));
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('BAD_PARAMETER');
    expect(error.message).toMatch(message);
  });

  it.each([
    ['2024', `${xsd}gYear`],
    ['2024-05', `${xsd}gYearMonth`],
    ['2024-02-29', `${xsd}date`],
  ])('types the date %s by its precision', (value, datatype) => {
    expect(termOf({ since: value }, 'since')).toEqual(keys([literal(value, namedNode(datatype))]));
  });

  it('folds strings that ask for it, lower-cases languages, and types numbers and booleans', () => {
    const bound = bindParameters(query, { name: 'Städte', spoken: 'DE', size: 5, open: true }, store);
    expect(keys(bound.get('name'))).toEqual(keys([literal('stadte')]));
    expect(keys(bound.get('spoken'))).toEqual(keys([literal('de')]));
    expect(keys(bound.get('size'))).toEqual(keys([literal('5', namedNode(`${xsd}integer`))]));
    expect(keys(bound.get('open'))).toEqual(keys([literal('true', namedNode(`${xsd}boolean`))]));
  });

  it('uses the default of a parameter the request leaves out, and nothing for others', () => {
    const bound = bindParameters(query, {}, store);
    expect([...bound.keys()]).toEqual(['size']);
    expect(keys(bound.get('size'))).toEqual(keys([literal('10', namedNode(`${xsd}integer`))]));
  });

  it('gives the same cache key whichever spelling the client used', () => {
    const bySlug = bindingKey(query, bindParameters(query, { place: 'berlin' }, store));
    const byIri = bindingKey(query, bindParameters(query, { place: `${base}id/city/berlin` }, store));
    expect(bySlug).toBe(byIri);
    expect(bindingKey(query, bindParameters(query, { place: 'berlin', size: 3 }, store))).not.toBe(bySlug);
  });
});

describe('boundQueryText', () => {
  const reparse = (text: string) => new sparqljs.Parser().parse(text) as SelectQuery;

  it('binds a plain parameter with VALUES and a patterned one with one pattern per value', () => {
    const bound = bindParameters(query, { place: 'berlin', member: ['iash', 'eurocities'] }, store);
    const ast = reparse(boundQueryText(query, bound));
    const values = ast.where?.filter((p): p is ValuesPattern => p.type === 'values') ?? [];
    const places = values.flatMap((v) => v.values).filter((row) => '?place' in row);
    expect(keys(places.map((row) => row['?place']))).toEqual(keys([namedNode(`${base}id/city/berlin`)]));
    // Every value must hold: one `?id <urn:x:memberOf> <value>` triple per value, after the query's own patterns.
    const memberships = JSON.stringify(ast.where).match(/urn:x:memberOf/g) ?? [];
    expect(memberships).toHaveLength(2);
    for (const slug of ['iash', 'eurocities']) expect(JSON.stringify(ast.where)).toContain(`${base}id/network/${slug}`);
  });

  it('keeps a hostile string a literal: the query text cannot be escaped', () => {
    const hostile = 'x" } } ; DROP ALL ; SELECT * WHERE { "';
    const bound = bindParameters(query, { name: hostile }, store);
    const ast = reparse(boundQueryText(query, bound));
    expect(ast.type).toBe('query');
    const values = ast.where?.find((p): p is ValuesPattern => p.type === 'values');
    expect(values?.values).toHaveLength(1);
    expect(keys([values?.values[0]?.['?name']])).toEqual(keys([literal(hostile.toLowerCase())]));
  });
});
