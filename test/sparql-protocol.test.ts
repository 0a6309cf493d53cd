// SPARQL 1.1 Protocol behaviour of /sparql through app.inject(): methods, datasets, formats, negotiation and errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { Parser } from 'n3';
import jsonld from 'jsonld';
import { isomorphic } from 'rdf-isomorphic';
import { buildFixtureApp, ID } from './support/sparql-fixture.js';
import { parseRdfXml } from './support/rdf.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildFixtureApp();
});
afterAll(async () => {
  await app.close();
});

const CITIES = 'PREFIX ex: <http://example.org/def/> SELECT ?city WHERE { ?city a ex:City } ORDER BY ?city';
const cityList = [`${ID}berlin`, `${ID}hamburg`, `${ID}munich`, `${ID}potsdam`];

function values(body: string, variable: string): string[] {
  const json = JSON.parse(body) as { results: { bindings: Array<Record<string, { value: string }>> } };
  return json.results.bindings.map((b) => b[variable]?.value ?? '');
}

describe('query methods', () => {
  it('answers GET ?query=, POST form and POST application/sparql-query alike', async () => {
    const get = await app.inject({ url: `/sparql?query=${encodeURIComponent(CITIES)}` });
    const form = await app.inject({ method: 'POST', url: '/sparql', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `query=${encodeURIComponent(CITIES)}` });
    const direct = await app.inject({ method: 'POST', url: '/sparql', headers: { 'content-type': 'application/sparql-query' }, payload: CITIES });
    for (const response of [get, form, direct]) {
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/sparql-results\+json/);
      expect(values(response.body, 'city')).toEqual(cityList);
    }
  });

  it('refuses PUT with 405 and an Allow header', async () => {
    const response = await app.inject({ method: 'PUT', url: '/sparql', payload: 'x' });
    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toContain('GET');
  });

  it('refuses two query= parameters with 400', async () => {
    const response = await app.inject({ url: `/sparql?query=${encodeURIComponent('ASK {}')}&query=${encodeURIComponent('ASK {}')}` });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
  });

  it('refuses an unknown body type with 415 and a missing one too', async () => {
    const plain = await app.inject({ method: 'POST', url: '/sparql', headers: { 'content-type': 'text/plain' }, payload: 'ASK {}' });
    expect(plain.statusCode).toBe(415);
    expect(JSON.parse(plain.body).accepted).toContain('application/sparql-query');
    const none = await app.inject({ method: 'POST', url: '/sparql', payload: Buffer.from('ASK {}') , headers: { 'content-type': '' } });
    expect(none.statusCode).toBeGreaterThanOrEqual(400);
    expect(none.statusCode).toBeLessThan(500);
  });

  it('refuses a UTF-16 body', async () => {
    const body = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('ASK {}', 'utf16le').swap16()]);
    const response = await app.inject({ method: 'POST', url: '/sparql', headers: { 'content-type': 'application/sparql-query' }, payload: body });
    expect(response.statusCode).toBe(400);
  });

  it('refuses a query= whose percent-escapes are not UTF-8 with 400 naming the parameter, never running a mangled query', async () => {
    // `%FF` is no UTF-8 byte sequence: a lenient decoder would run 'ASK {}\uFFFD' or, worse, a different query.
    const get = await app.inject({ url: `/sparql?query=${encodeURIComponent('ASK {}')}%FF` });
    const form = await app.inject({ method: 'POST', url: '/sparql', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'query=ASK%20%7B%7D%C3' });
    for (const response of [get, form]) {
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = JSON.parse(response.body);
      expect(problem.parameter).toBe('query');
      expect(problem.detail).toMatch(/UTF-8/);
    }
    // Escapes that are UTF-8 (é as %C3%A9), '+' as space and a lone '%' still decode as before.
    const good = await app.inject({ url: `/sparql?query=ASK+%7B+FILTER(%22%C3%A9%22+%3D+%22\u00e9%22+%26%26+%22%%22+%3D+%22%25%22)+%7D` });
    expect(good.statusCode, good.body).toBe(200);
    expect(JSON.parse(good.body).boolean).toBe(true);
  });

  it('answers a syntax error with 400, the parser message, line and column', async () => {
    const response = await app.inject({ url: `/sparql?query=${encodeURIComponent('SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(\n}')}` });
    expect(response.statusCode).toBe(400);
    const problem = JSON.parse(response.body);
    expect(problem.code).toBe('QUERY_SYNTAX');
    // sparqljs places the error right after "FILTER(" on line 3, where the expression is missing.
    expect(problem.line).toBe(3);
    expect(problem.column).toBe(9);
    expect(problem.detail).toMatch(/line 3, column 9.*Expecting/s);
  });
});

describe('read-only', () => {
  it.each([
    ['update= parameter', { method: 'POST' as const, url: '/sparql', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'update=CLEAR%20ALL' }],
    ['application/sparql-update body', { method: 'POST' as const, url: '/sparql', headers: { 'content-type': 'application/sparql-update' }, payload: 'CLEAR ALL' }],
    ['update in query=', { method: 'GET' as const, url: `/sparql?query=${encodeURIComponent('INSERT DATA { <a:b> <a:c> <a:d> }')}` }],
  ])('refuses an update (%s) with 403 and leaves the graph as it was', async (_name, request) => {
    const response = await app.inject(request);
    expect(response.statusCode).toBe(403);
    expect(JSON.parse(response.body).code).toBe('UPDATE_REFUSED');
    const count = await app.inject({ url: `/sparql?query=${encodeURIComponent(CITIES)}` });
    expect(values(count.body, 'city')).toEqual(cityList);
  });
});

describe('dataset', () => {
  const COUNT = 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }';
  const count = async (url: string) => Number(values((await app.inject({ url })).body, 'n')[0]);

  it('uses the union of all named graphs as default graph', async () => {
    const all = await count(`/sparql?query=${encodeURIComponent(COUNT)}`);
    const one = await count(`/sparql?query=${encodeURIComponent(COUNT)}&default-graph-uri=${encodeURIComponent(`${ID}source/one`)}`);
    const two = await count(`/sparql?query=${encodeURIComponent(COUNT)}&default-graph-uri=${encodeURIComponent(`${ID}source/two`)}`);
    expect(one).toBeGreaterThan(0);
    expect(two).toBeGreaterThan(0);
    expect(all).toBe(one + two);
  });

  it('treats an unknown graph as empty, not as an error', async () => {
    const response = await app.inject({ url: `/sparql?query=${encodeURIComponent(COUNT)}&default-graph-uri=${encodeURIComponent('http://example.org/nowhere')}` });
    expect(response.statusCode).toBe(200);
    expect(values(response.body, 'n')).toEqual(['0']);
  });

  it('applies named-graph-uri and lets the protocol override FROM', async () => {
    const q = `SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g`;
    const named = await app.inject({ url: `/sparql?query=${encodeURIComponent(q)}&named-graph-uri=${encodeURIComponent(`${ID}source/two`)}` });
    expect(values(named.body, 'g')).toEqual([`${ID}source/two`]);
    const from = `SELECT (COUNT(*) AS ?n) FROM <${ID}source/one> WHERE { ?s ?p ?o }`;
    const fromOnly = await count(`/sparql?query=${encodeURIComponent(from)}`);
    const overridden = await count(`/sparql?query=${encodeURIComponent(from)}&default-graph-uri=${encodeURIComponent('http://example.org/nowhere')}`);
    expect(fromOnly).toBeGreaterThan(0);
    expect(overridden).toBe(0);
  });
});

describe('Comunica NOT EXISTS / MINUS with an alternative path', () => {
  it.each([
    ['FILTER NOT EXISTS', 'SELECT ?x WHERE { ?x a <http://example.org/def/City> FILTER NOT EXISTS { ?x <http://example.org/def/a>|<http://example.org/def/b> ?y } }'],
    ['MINUS', 'SELECT ?x WHERE { ?x a <http://example.org/def/City> MINUS { ?x <http://example.org/def/a>|<http://example.org/def/b> ?y } }'],
  ])('%s with predicates absent from the data keeps every city', async (_name, query) => {
    const response = await app.inject({ url: `/sparql?query=${encodeURIComponent(query)}` });
    expect(JSON.parse(response.body).head.vars).toEqual(['x']);
    expect(values(response.body, 'x').sort()).toEqual(cityList);
  });

  it('still removes the cities that do match one alternative', async () => {
    const query = 'SELECT ?x WHERE { ?x a <http://example.org/def/City> FILTER NOT EXISTS { ?x <http://example.org/def/a>|<http://example.org/def/memberOf> ?y } }';
    const response = await app.inject({ url: `/sparql?query=${encodeURIComponent(query)}` });
    expect(values(response.body, 'x').sort()).toEqual([`${ID}munich`, `${ID}potsdam`]);
  });
});

describe('result formats and negotiation', () => {
  const q = encodeURIComponent(CITIES);
  it('writes SELECT as XML, CSV and TSV on request', async () => {
    const xml = await app.inject({ url: `/sparql?query=${q}`, headers: { accept: 'application/sparql-results+xml' } });
    expect(xml.headers['content-type']).toMatch(/sparql-results\+xml/);
    expect(xml.body).toContain(`<uri>${ID}berlin</uri>`);
    const csv = await app.inject({ url: `/sparql?query=${q}`, headers: { accept: 'text/csv' } });
    expect(csv.body.split('\r\n').slice(0, 2)).toEqual(['city', `${ID}berlin`]);
    const tsv = await app.inject({ url: `/sparql?query=${q}&format=tsv` });
    expect(tsv.headers['content-type']).toMatch(/tab-separated-values/);
    expect(tsv.body.split('\n').slice(0, 2)).toEqual(['?city', `<${ID}berlin>`]);
  });

  it('quotes CSV and escapes TSV values', async () => {
    const query = encodeURIComponent('SELECT ?c WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#comment> ?c }');
    const csv = await app.inject({ url: `/sparql?query=${query}&format=csv` });
    expect(csv.body).toContain('"a ""quoted"", comma\tand tab"');
    const tsv = await app.inject({ url: `/sparql?query=${query}&format=tsv` });
    expect(tsv.body.split('\n')[1]).toBe('"a \\"quoted\\", comma\\tand tab"');
  });

  it('honours q-values and wildcards', async () => {
    const response = await app.inject({ url: `/sparql?query=${q}`, headers: { accept: 'application/sparql-results+json;q=0.5, text/csv;q=0.9, */*;q=0.1' } });
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
  });

  it('answers ASK as JSON and XML booleans', async () => {
    const ask = encodeURIComponent('ASK { ?x <http://example.org/def/memberOf> <http://example.org/id/iash> }');
    expect(JSON.parse((await app.inject({ url: `/sparql?query=${ask}` })).body).boolean).toBe(true);
    const xml = await app.inject({ url: `/sparql?query=${ask}`, headers: { accept: 'application/sparql-results+xml' } });
    expect(xml.body).toContain('<boolean>true</boolean>');
    const no = encodeURIComponent('ASK { <http://example.org/id/potsdam> <http://example.org/def/memberOf> ?n }');
    expect(JSON.parse((await app.inject({ url: `/sparql?query=${no}` })).body).boolean).toBe(false);
  });

  it('answers 406 listing the offered types when nothing fits', async () => {
    const response = await app.inject({ url: `/sparql?query=${encodeURIComponent('ASK {}')}`, headers: { accept: 'text/turtle' } });
    expect(response.statusCode).toBe(406);
    expect(JSON.parse(response.body).offered).toContain('application/sparql-results+json');
  });

  const construct = encodeURIComponent(`CONSTRUCT { ?c <http://example.org/def/memberOf> ?n } WHERE { ?c <http://example.org/def/memberOf> ?n }`);
  const expected = new Parser().parse(
    `<${ID}berlin> <http://example.org/def/memberOf> <${ID}iash>, <${ID}eurocities> . <${ID}hamburg> <http://example.org/def/memberOf> <${ID}eurocities> .`,
  );

  it('answers CONSTRUCT as Turtle without preference, and as N-Triples, the same graph', async () => {
    for (const accept of [undefined, '*/*']) {
      const response = await app.inject({ url: `/sparql?query=${construct}`, headers: accept ? { accept } : {} });
      expect(response.headers['content-type']).toMatch(/^text\/turtle/);
      expect(isomorphic(new Parser().parse(response.body), expected)).toBe(true);
    }
    const nt = await app.inject({ url: `/sparql?query=${construct}`, headers: { accept: 'application/n-triples' } });
    expect(isomorphic(new Parser({ format: 'N-Triples' }).parse(nt.body), expected)).toBe(true);
  });

  it('answers CONSTRUCT as RDF/XML and JSON-LD that parse back to the same graph', async () => {
    const xml = await app.inject({ url: `/sparql?query=${construct}`, headers: { accept: 'application/rdf+xml' } });
    expect(xml.headers['content-type']).toMatch(/^application\/rdf\+xml/);
    expect(isomorphic(await parseRdfXml(xml.body), expected)).toBe(true);
    const ld = await app.inject({ url: `/sparql?query=${construct}&format=jsonld` });
    const doc = JSON.parse(ld.body);
    expect(doc['@context']).toBeDefined();
    const nquads = (await jsonld.toRDF(doc, { format: 'application/n-quads' })) as unknown as string;
    expect(isomorphic(new Parser({ format: 'N-Quads' }).parse(nquads), expected)).toBe(true);
  });
});

describe('limits', () => {
  it('refuses a result above maxResultRows with a clear 4xx', async () => {
    const small = await buildFixtureApp({ maxResultRows: 3 });
    try {
      const response = await small.inject({ url: `/sparql?query=${encodeURIComponent('SELECT * WHERE { ?s ?p ?o }')}` });
      expect(response.statusCode).toBe(422);
      expect(JSON.parse(response.body).limit).toBe(3);
      const ok = await small.inject({ url: `/sparql?query=${encodeURIComponent('SELECT * WHERE { ?s ?p ?o } LIMIT 3')}` });
      expect(ok.statusCode).toBe(200);
    } finally {
      await small.close();
    }
  });

  it('refuses a body above maxBodyBytes with 413', async () => {
    const query = `SELECT * WHERE { ?s ?p ?o } # ${'x'.repeat(1_100_000)}`;
    const response = await app.inject({ method: 'POST', url: '/sparql', headers: { 'content-type': 'application/sparql-query' }, payload: query });
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
  });
});

describe('garbage gets 4xx, never 5xx', () => {
  const garbage: Array<[string, InjectOptions]> = [
    ['empty query', { url: '/sparql?query=' }],
    ['binary query', { url: `/sparql?query=${encodeURIComponent('\u0000\u0001\uffff')}` }],
    ['broken percent-encoding', { url: '/sparql?query=%E0%A4%A' }],
    ['unclosed brace', { url: `/sparql?query=${encodeURIComponent('SELECT * WHERE {')}` }],
    ['unknown prefix', { url: `/sparql?query=${encodeURIComponent('SELECT * WHERE { ?s nope:x ?o }')}` }],
    ['undefined function', { url: `/sparql?query=${encodeURIComponent('SELECT * WHERE { ?s ?p ?o FILTER(<http://x/f>(?o)) }')}` }],
    ['JSON body', { method: 'POST', url: '/sparql', headers: { 'content-type': 'application/json' }, payload: '{"query":"ASK {}"}' }],
    ['form without query', { method: 'POST', url: '/sparql', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'foo=bar' }],
    ['invalid UTF-8 form', { method: 'POST', url: '/sparql', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: Buffer.from([0x71, 0x3d, 0xff, 0xfe]) }],
    ['charset latin1', { method: 'POST', url: '/sparql', headers: { 'content-type': 'application/sparql-query; charset=latin1' }, payload: 'ASK {}' }],
    ['query in body and URL', { method: 'POST', url: `/sparql?query=${encodeURIComponent('ASK {}')}`, headers: { 'content-type': 'application/sparql-query' }, payload: 'ASK {}' }],
    ['unknown format', { url: `/sparql?query=${encodeURIComponent('ASK {}')}&format=pdf` }],
    ['garbage Accept', { url: `/sparql?query=${encodeURIComponent('ASK {}')}`, headers: { accept: ';;;===,,,' } }],
    ['SERVICE with a variable', { url: `/sparql?query=${encodeURIComponent('SELECT * WHERE { SERVICE ?e { ?s ?p ?o } }')}` }],
    ['SERVICE nested in a subquery', { url: `/sparql?query=${encodeURIComponent('SELECT * WHERE { { SELECT * WHERE { OPTIONAL { SERVICE <http://example.com/sparql> { ?s ?p ?o } } } } }')}` }],
    ['SERVICE inside EXISTS', { url: `/sparql?query=${encodeURIComponent('SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <http://example.com/sparql> { ?s ?p ?o } } }')}` }],
    ['DELETE method', { method: 'DELETE', url: '/sparql' }],
    ['huge repeated params', { url: `/sparql?${'default-graph-uri=x&'.repeat(200)}query=${encodeURIComponent('ASK {}')}` }],
  ];
  it.each(garbage)('%s', async (_name, request) => {
    const response = await app.inject(request);
    // The huge-params case is a valid request (unknown graphs are empty); everything else must be refused.
    if (_name === 'huge repeated params') expect(response.statusCode).toBe(200);
    else {
      expect(response.statusCode, response.body).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, response.body).toBeLessThan(500);
      expect(response.headers['content-type']).toMatch(/problem\+json/);
    }
  });
});

describe('Comunica prunes a whole query around an empty alternative or union (review regressions)', () => {
  const CITY = '?x a <http://example.org/def/City>';
  const NOPE = '<http://example.org/def/a>';
  const NOPE2 = '<http://example.org/def/b>';
  it.each([
    ['NOT EXISTS over an explicit UNION', `SELECT ?x WHERE { ${CITY} FILTER NOT EXISTS { { ?x ${NOPE} ?y } UNION { ?x ${NOPE2} ?y } } }`],
    ['MINUS over an explicit UNION', `SELECT ?x WHERE { ${CITY} MINUS { { ?x ${NOPE} ?y } UNION { ?x ${NOPE2} ?y } } }`],
    ['MINUS with an alternative inside a sequence path', `SELECT ?x WHERE { ${CITY} MINUS { ?x (${NOPE}|${NOPE2})/${NOPE} ?y } }`],
    ['NOT EXISTS inside a subquery', `SELECT ?x WHERE { { SELECT ?x WHERE { ${CITY} FILTER NOT EXISTS { ?x ${NOPE}|${NOPE2} ?y } } } }`],
  ])('%s keeps every city', async (_name, query) => {
    const response = await app.inject({ url: `/sparql?query=${encodeURIComponent(query)}` });
    expect(JSON.parse(response.body).head.vars).toEqual(['x']);
    expect(values(response.body, 'x').sort()).toEqual(cityList);
  });

  it.each([
    ['SELECT *', `SELECT * WHERE { ?s ${NOPE}|${NOPE2} ?o }`],
    ['SELECT ?s ?o', `SELECT ?s ?o WHERE { ?s ${NOPE}|${NOPE2} ?o }`],
  ])('an empty alternative path still names its variables (%s)', async (_name, query) => {
    const response = await app.inject({ url: `/sparql?query=${encodeURIComponent(query)}` });
    const body = JSON.parse(response.body);
    expect([...body.head.vars].sort()).toEqual(['o', 's']);
    expect(body.results.bindings).toEqual([]);
  });
});

describe('hostile queries (review regressions)', () => {
  const deep = (open: string, inner: string, close: string, n: number) => open.repeat(n) + inner + close.repeat(n);
  it.each([
    ['groups', `SELECT * WHERE ${deep('{', '?s ?p ?o', '}', 5000)}`],
    ['parentheses', `SELECT * WHERE { ?s ?p ?o FILTER(${deep('(', '1', ')', 5000)}) }`],
    ['subqueries', `SELECT * WHERE ${deep('{ SELECT * WHERE ', '{ ?s ?p ?o }', '}', 2000)}`],
    ['EXISTS', `SELECT * WHERE { ?s ?p ?o FILTER(${deep('EXISTS { ?s ?p ?o FILTER(', 'true', ') }', 1000)}) }`],
  ])('refuses nesting far past the limit (%s) at once with 400 and where', async (_name, query) => {
    const response = await app.inject({ method: 'POST', url: '/sparql', headers: { 'content-type': 'application/sparql-query' }, payload: query });
    expect(response.statusCode, response.body).toBe(400);
    const problem = JSON.parse(response.body);
    expect(problem.code).toBe('QUERY_SYNTAX');
    expect(problem.line).toBe(1);
    expect(problem.column).toBeGreaterThan(100);
  });

  it('still answers a query nested 40 deep, with braces inside strings, IRIs and comments not counted', async () => {
    const query = `SELECT ?o WHERE ${deep('{', `?s ?p ?o FILTER(?o != "{{{{((((" && ?o != <http://x/(((>) # ${'{'.repeat(200)}\n`, '}', 40)}`;
    const response = await app.inject({ url: `/sparql?query=${encodeURIComponent(query)}` });
    expect(response.statusCode, response.body).toBe(200);
    expect(JSON.parse(response.body).head.vars).toEqual(['o']);
  });

  it.each([
    ['the projection', 'SELECT (EXISTS { SERVICE SILENT <http://example.com/sparql> { ?s ?p ?o } } AS ?x) WHERE {}'],
    ['ORDER BY', 'SELECT * WHERE { ?s ?p ?o } ORDER BY (EXISTS { SERVICE SILENT <http://example.com/sparql> { ?s ?p ?o } })'],
    ['GROUP BY', 'SELECT ?x WHERE { ?s ?p ?o } GROUP BY (EXISTS { SERVICE SILENT <http://example.com/sparql> { ?s ?p ?o } } AS ?x)'],
    ['HAVING', 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s HAVING (EXISTS { SERVICE <http://example.com/sparql> { ?s ?p ?o } })'],
    ['BIND', 'SELECT * WHERE { BIND(NOT EXISTS { SERVICE <http://example.com/sparql> { ?s ?p ?o } } AS ?x) }'],
  ])('refuses SERVICE hidden in %s with 403 Forbidden', async (_name, query) => {
    const response = await app.inject({ url: `/sparql?query=${encodeURIComponent(query)}` });
    expect(response.statusCode, response.body).toBe(403);
    const problem = JSON.parse(response.body);
    expect(problem.code).toBe('SERVICE_REFUSED');
    expect(problem.title).toBe('Forbidden');
  });
});
