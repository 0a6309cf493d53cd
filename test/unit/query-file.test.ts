// Query files without a server: what parseQueryFile reads from a `#+` header and its SPARQL, and the file:line of each fault it refuses.
import { describe, expect, it } from 'vitest';
import { QueryFileError, parseQueryFile, type CannedQuery } from '../../src/api/query-file.js';

const base = 'http://example.org/';

/** A valid file to vary: line 1 summary, 2-3 parameters, 4-6 fields, then the PREFIX on 7 and the SELECT on 8. */
const valid = `#+ summary: Cities
#+ parameters:
#+   country: { type: iri, kinds: [country], description: The country }
#+ fields:
#+   id: { type: iri, property: "@id", description: The city }
#+   label: { type: text, property: rdfs:label, description: Its name }
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?id ?label WHERE { ?id rdfs:label ?label ; <urn:x:in> ?country . }
`;

function refused(text: string, file = 'queries/cities.rq'): QueryFileError {
  try {
    parseQueryFile(text, file, base);
  } catch (error) {
    expect(error).toBeInstanceOf(QueryFileError);
    return error as QueryFileError;
  }
  throw new Error('expected the file to be refused');
}

/** The valid file with one line replaced (1-based) or, with `insert`, a line added before it. */
function edit(line: number, text: string, insert = false): string {
  const lines = valid.split('\n');
  lines.splice(line - 1, insert ? 0 : 1, text);
  return lines.join('\n');
}

describe('a valid file', () => {
  const query: CannedQuery = parseQueryFile(valid, 'queries/cities.rq', base);

  it('is named by its file and keeps its summary', () => {
    expect(query.name).toBe('cities');
    expect(query.file).toBe('queries/cities.rq');
    expect(query.summary).toBe('Cities');
  });

  it('reads its parameters with their defaults filled in', () => {
    expect(query.parameters).toEqual([
      {
        name: 'country',
        type: 'iri',
        description: 'The country',
        required: false,
        repeatable: false,
        namespaces: [`${base}id/country/`],
        kinds: ['country'],
        maxLength: 200,
        fold: false,
        variable: 'country',
      },
    ]);
  });

  it('expands field properties with the query prefixes, and keys objects by id', () => {
    expect(query.fields.map((f) => [f.name, f.property])).toEqual([
      ['id', '@id'],
      ['label', 'http://www.w3.org/2000/01/rdf-schema#label'],
    ]);
    expect(query.key).toEqual(['id']);
    expect(query.orderBy).toEqual([]);
    expect(query.pagination).toEqual({ default: 100, max: 1000 });
    expect(query.query.queryType).toBe('SELECT');
  });

  it('reads pagination, order, tags and example when given', () => {
    const query = parseQueryFile(
      edit(1, '#+ summary: Cities\n#+ tags: [places]\n#+ orderBy: [label]\n#+ pagination: { default: 20, max: 50 }\n#+ example: { country: de }'),
      'queries/cities.rq',
      base,
    );
    expect(query.tags).toEqual(['places']);
    expect(query.orderBy).toEqual(['label']);
    expect(query.pagination).toEqual({ default: 20, max: 50 });
    expect(query.example).toEqual({ country: 'de' });
  });

  it('parses a parameter pattern at start, with the query prefixes', () => {
    const query = parseQueryFile(
      edit(3, '#+   country: { type: iri, kinds: [country], pattern: "?id rdfs:seeAlso ?value .", description: C }'),
      'queries/cities.rq',
      base,
    );
    expect(query.parameters[0]?.pattern).toHaveLength(1);
    expect(JSON.stringify(query.parameters[0]?.pattern)).toContain('http://www.w3.org/2000/01/rdf-schema#seeAlso');
  });
});

describe('a file it refuses, with the line to look at', () => {
  it.each([
    ['a file name that is not a slug', valid, 'queries/Cities.rq', undefined, /lower-case slug/],
    ['no header', valid.replace(/^#\+.*\n/gm, ''), undefined, 1, /"#\+" YAML header/],
    ['a header that is not a mapping', edit(1, '#+ - a list', false).replace(/#\+ parameters[\s\S]*?(?=PREFIX)/, ''), undefined, 1, /mapping/],
    ['a duplicate header key', edit(2, '#+ summary: Again', true), undefined, 2, /header/],
    ['a missing summary', edit(1, '#+ description: no summary'), undefined, 1, /"summary"/],
    ['a standard parameter declared', edit(3, '#+   limit: { type: integer, description: L }'), undefined, 3, /standard parameter/],
    ['a parameter name with a dash', edit(3, '#+   the-country: { type: iri, kinds: [country], description: C }'), undefined, 3, /letters, digits and _/],
    ['an unknown parameter key', edit(3, '#+   country: { type: iri, kinds: [country], descripton: C }'), undefined, 3, /descripton/],
    ['an iri parameter without kinds', edit(3, '#+   country: { type: iri, description: C }'), undefined, 3, /needs "kinds"/],
    ['kinds on a string parameter', edit(3, '#+   country: { type: string, kinds: [country], description: C }'), undefined, 3, /iri parameters only/],
    ['a kind that is not a slug', edit(3, '#+   country: { type: iri, kinds: [Country], description: C }'), undefined, 3, /not a kind slug/],
    ['a parameter without a description', edit(3, '#+   country: { type: iri, kinds: [country] }'), undefined, 3, /description/],
    ['a boolean written as a word', edit(3, '#+   country: { type: iri, kinds: [country], required: yes, description: C }'), undefined, 3, /true or false/],
    ['a pattern without ?value', edit(3, '#+   country: { type: iri, kinds: [country], pattern: "?id ?p ?o .", description: C }'), undefined, 3, /\?value/],
    ['a pattern that is not SPARQL', edit(3, '#+   country: { type: iri, kinds: [country], pattern: "?id ?value", description: C }'), undefined, 3, /not a SPARQL group pattern/],
    ['a list default for a single parameter', edit(3, '#+   country: { type: iri, kinds: [country], default: [de, fr], description: C }'), undefined, 3, /default/],
    ['an empty enum', edit(3, '#+   country: { type: iri, kinds: [country], enum: [], description: C }'), undefined, 3, /enum/],
    ['a field of an unknown type', edit(5, '#+   id: { type: url, description: The city }'), undefined, 5, /must be one of/],
    ['a field the query does not project', edit(6, '#+   label: { type: text, description: N }\n#+   name: { type: text, description: N }'), undefined, 7, /\?name is not projected/],
    ['a label on a text field', edit(6, '#+   label: { type: text, label: id, description: N }'), undefined, 6, /only iri fields/],
    ['a property with an unknown prefix', edit(6, '#+   label: { type: text, property: skos:prefLabel, description: N }'), undefined, 6, /prefixed name/],
    ['a key that is not a field', edit(1, '#+ summary: Cities\n#+ key: [name]'), undefined, 2, /"name" is not a single-valued field/],
    ['an orderBy that is not a field', edit(1, '#+ summary: Cities\n#+ orderBy: [name]'), undefined, 2, /"name" is not a field/],
    ['a default page larger than the maximum', edit(1, '#+ summary: Cities\n#+ pagination: { default: 500, max: 100 }'), undefined, 2, /default <= max/],
    ['an example with an unknown parameter', edit(1, '#+ summary: Cities\n#+ example: { city: berlin }'), undefined, 2, /not a parameter/],
    ['an ASK query', edit(8, 'ASK { ?id rdfs:label ?label ; <urn:x:in> ?country . }'), undefined, 7, /must be a SELECT/],
    ['SELECT *', edit(8, 'SELECT * WHERE { ?id rdfs:label ?label ; <urn:x:in> ?country . }'), undefined, 7, /SELECT \* is not allowed/],
    ['a LIMIT in the query', edit(8, 'SELECT ?id ?label WHERE { ?id rdfs:label ?label ; <urn:x:in> ?country . } LIMIT 10'), undefined, 7, /LIMIT\/OFFSET/],
    ['a projected variable no field describes', edit(8, 'SELECT ?id ?label ?extra WHERE { ?id rdfs:label ?label ; <urn:x:in> ?country ; ?p ?extra . }'), undefined, 8, /\?extra is not described/],
    ['a parameter the query never uses', edit(8, 'SELECT ?id ?label WHERE { ?id rdfs:label ?label . }'), undefined, 3, /never uses \?country/],
    ['a SPARQL syntax error on line 9', `${valid.trimEnd().replace(' . }', ' .')}\nFILTER( }\n`, undefined, 9, /SPARQL/],
  ])('%s', (_case, text, file, line, message) => {
    const error = refused(text, file);
    expect(error.line).toBe(line);
    expect(error.message).toMatch(message);
    // The message starts with file:line, as editors and terminals link it.
    expect(error.message.startsWith(`${file ?? 'queries/cities.rq'}${line === undefined ? '' : `:${line}`}: `)).toBe(true);
  });
});
