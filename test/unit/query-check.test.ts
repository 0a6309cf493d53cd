// The query check without a server: what prepareQuery refuses (updates, unlisted SERVICE, deep nesting, bad syntax) and how it takes the dataset out.
import sparqljs from 'sparqljs';
import type { Query } from 'sparqljs';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../src/errors.js';
import { prepareQuery } from '../../src/sparql/query-check.js';
import { thrown as thrownBy } from '../support/errors.js';

const allowed = 'http://allowed.example/sparql';
const options = { serviceAllowList: [allowed] };

function thrown(text: string, opts: Parameters<typeof prepareQuery>[1] = options): HttpError {
  return thrownBy(() => prepareQuery(text, opts));
}

describe('query forms', () => {
  it.each([
    ['SELECT * WHERE { ?s ?p ?o }', 'SELECT'],
    ['ASK { ?s ?p ?o }', 'ASK'],
    ['CONSTRUCT WHERE { ?s ?p ?o }', 'CONSTRUCT'],
    ['DESCRIBE <http://example.org/x>', 'DESCRIBE'],
  ])('%s is a %s query', (text, form) => {
    const prepared = prepareQuery(text, options);
    expect(prepared.form).toBe(form);
    // Without FROM the text goes to the engine as it was sent.
    expect(prepared.text).toBe(text);
    expect(prepared.dataset).toBeUndefined();
  });
});

describe('refused queries', () => {
  it.each([
    ['INSERT DATA', 'INSERT DATA { <urn:a> <urn:b> <urn:c> }'],
    ['DELETE WHERE', 'DELETE WHERE { ?s ?p ?o }'],
    ['DROP ALL', 'DROP ALL'],
    ['LOAD', 'LOAD <http://example.org/data.ttl>'],
  ])('an update (%s) with 403', (_case, text) => {
    const error = thrown(text);
    expect(error.statusCode).toBe(403);
    expect(error.code).toBe('UPDATE_REFUSED');
  });

  it.each([
    ['in WHERE', 'SELECT * WHERE { SERVICE <http://evil.example/sparql> { ?s ?p ?o } }'],
    ['in a nested group', 'SELECT * WHERE { { OPTIONAL { SERVICE <http://evil.example/sparql> { ?s ?p ?o } } } }'],
    ['in a subquery', 'SELECT * WHERE { { SELECT ?s WHERE { SERVICE <http://evil.example/sparql> { ?s ?p ?o } } } }'],
    ['in FILTER EXISTS', 'SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <http://evil.example/sparql> { ?s ?p ?o } } }'],
    ['in the projection', 'SELECT (EXISTS { SERVICE <http://evil.example/sparql> { ?s ?p ?o } } AS ?x) WHERE { ?s ?p ?o }'],
    ['in ORDER BY', 'SELECT * WHERE { ?s ?p ?o } ORDER BY (EXISTS { SERVICE <http://evil.example/sparql> { ?s ?p ?o } })'],
    ['as SERVICE SILENT', 'SELECT * WHERE { SERVICE SILENT <http://evil.example/sparql> { ?s ?p ?o } }'],
  ])('a SERVICE call to an unlisted endpoint %s with 403 naming it', (_case, text) => {
    const error = thrown(text);
    expect(error.statusCode).toBe(403);
    expect(error.code).toBe('SERVICE_REFUSED');
    expect(error.details.endpoint).toBe('http://evil.example/sparql');
  });

  it('a SERVICE whose endpoint is a variable with 403', () => {
    const error = thrown('SELECT * WHERE { ?e ?p ?o SERVICE ?e { ?s ?p ?o } }');
    expect(error.statusCode).toBe(403);
    expect(error.code).toBe('SERVICE_REFUSED');
    expect(error.message).toContain('?e');
  });

  it.each([
    ['a missing brace on line 3', 'SELECT *\nWHERE {\n  ?s ?p \n', 3],
    ['an empty comparison on line 4', 'SELECT *\nWHERE {\n  ?s ?p ?o .\n  FILTER(?x = ) }', 4],
  ])('a syntax error (%s) with 400 and the line', (_case, text, line) => {
    const error = thrown(text);
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('QUERY_SYNTAX');
    expect(error.details.line).toBe(line);
    expect(error.message).toContain(`line ${line}`);
  });

  it('an undeclared prefix with 400 naming the prefix (sparqljs gives no line for it)', () => {
    const error = thrown('SELECT * WHERE { ?s ex:p ?o }');
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('QUERY_SYNTAX');
    expect(error.message).toContain('Unknown prefix: ex');
  });

  it('nesting deeper than 100 with 400 at the bracket that goes too deep', () => {
    const text = `SELECT * WHERE {\n${'{'.repeat(100)} ?s ?p ?o ${'}'.repeat(100)} }`;
    const error = thrown(text);
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('QUERY_SYNTAX');
    expect(error.details).toMatchObject({ line: 2, column: 100, maxNesting: 100 });
  });

  it('a deep nesting fast, before the parser sees it', () => {
    const started = performance.now();
    const error = thrown(`SELECT * WHERE { ${'{'.repeat(20_000)} }`);
    expect(error.code).toBe('QUERY_SYNTAX');
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('what the nesting check does not count', () => {
  it.each([
    ['brackets in a string', `SELECT * WHERE { ?s ?p "${'{'.repeat(150)}" }`],
    ['brackets in a long string over lines', `SELECT * WHERE { ?s ?p """\n${'('.repeat(150)}\n""" }`],
    ['brackets in a comment', `SELECT * WHERE { # ${'['.repeat(150)}\n ?s ?p ?o }`],
    ['an IRI holding brackets', `SELECT * WHERE { ?s ?p <http://example.org/${'('.repeat(150)}> }`],
    ['100 levels exactly', `SELECT * WHERE ${'{'.repeat(100)} ?s ?p ?o ${'}'.repeat(100)}`],
  ])('%s', (_case, text) => {
    expect(prepareQuery(text, options).form).toBe('SELECT');
  });
});

describe('SERVICE on the allow-list', () => {
  it('passes', () => {
    expect(prepareQuery(`SELECT * WHERE { SERVICE <${allowed}> { ?s ?p ?o } }`, options).form).toBe('SELECT');
  });
});

describe('the dataset', () => {
  const reparse = (text: string) => new sparqljs.Parser().parse(text) as Query;

  it('comes from FROM / FROM NAMED, which leave the text the engine gets', () => {
    const prepared = prepareQuery('SELECT * FROM <urn:g:a> FROM NAMED <urn:g:b> WHERE { ?s ?p ?o }', options);
    expect(prepared.dataset).toEqual({ defaultGraphs: ['urn:g:a'], namedGraphs: ['urn:g:b'] });
    const ast = reparse(prepared.text);
    expect(ast.from).toBeUndefined();
    expect(ast.queryType).toBe('SELECT');
  });

  it('comes from the protocol parameters, which override FROM', () => {
    const prepared = prepareQuery('SELECT * FROM <urn:g:a> WHERE { ?s ?p ?o }', {
      ...options,
      defaultGraphUris: ['urn:g:c'],
      namedGraphUris: ['urn:g:d', 'urn:g:e'],
    });
    expect(prepared.dataset).toEqual({ defaultGraphs: ['urn:g:c'], namedGraphs: ['urn:g:d', 'urn:g:e'] });
    expect(reparse(prepared.text).from).toBeUndefined();
  });
});

describe('relative IRIs', () => {
  it('resolve against the base IRI when one is given', () => {
    const prepared = prepareQuery('SELECT * WHERE { <id/city/berlin> ?p ?o }', { ...options, baseIri: 'http://example.org/' });
    expect(prepared.baseIri).toBe('http://example.org/');
    expect(prepared.form).toBe('SELECT');
  });

  it('resolve in the text the engine gets once FROM is taken out', () => {
    const prepared = prepareQuery('SELECT * FROM <g> WHERE { <id/city/berlin> ?p ?o }', { ...options, baseIri: 'http://example.org/' });
    expect(prepared.dataset?.defaultGraphs).toEqual(['http://example.org/g']);
    expect(prepared.text).toContain('<http://example.org/id/city/berlin>');
  });
});
