// The RDF/XML writer without a server: what it writes parses back (rdfxml-streaming-parser) to the same graph, and what it cannot write it refuses.
import { DataFactory, Parser, type Quad } from 'n3';
import { isomorphic } from 'rdf-isomorphic';
import { describe, expect, it } from 'vitest';
import { RdfXmlError, writeRdfXml } from '../../src/rdf/rdfxml.js';
import { parseRdfXml } from '../support/rdf.js';

const { namedNode, quad, literal } = DataFactory;

const turtle = (text: string): Quad[] => new Parser().parse(`@prefix ex: <http://example.org/> .
@prefix schema: <http://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
${text}`);

async function roundTrip(quads: Quad[], prefixes?: Record<string, string>): Promise<Quad[]> {
  return parseRdfXml(writeRdfXml(quads, prefixes));
}

describe('writeRdfXml writes the same graph', () => {
  it.each([
    ['IRIs', 'ex:berlin a schema:City ; schema:containedInPlace ex:germany .'],
    ['plain, language-tagged and typed literals', 'ex:berlin schema:name "Berlin", "Berlin"@de, "Berlín"@es ; ex:founded "1237"^^xsd:gYear ; ex:size 891 ; ex:capital true .'],
    ['characters XML must escape', 'ex:x schema:description "a < b & c > d \\"quoted\\" \'single\'" ; ex:iri <http://example.org/?a=1&b=2> .'],
    ['a carriage return and line breaks', 'ex:x schema:description "line one\\r\\nline two\\n\\ttab" .'],
    ['non-ASCII text and IRIs', 'ex:düsseldorf schema:name "Düsseldorf", "Дюссельдорф"@ru, "杜塞尔多夫"@zh .'],
    ['an empty literal', 'ex:x schema:name "" .'],
    ['blank nodes as subjects and objects', 'ex:berlin ex:funding [ ex:amount 5 ; ex:from [ schema:name "EU" ] ] .'],
    ['a predicate with a hash namespace', 'ex:x <http://www.w3.org/2000/01/rdf-schema#label> "x" .'],
    ['a predicate local name with dots and dashes', 'ex:x <http://example.org/terms/has.part-of_1> ex:y .'],
    ['several subjects with several predicates', 'ex:a ex:p ex:b ; ex:q "1" . ex:b ex:p ex:a . ex:c ex:r ex:a .'],
  ])('%s', async (_case, text) => {
    const quads = turtle(text);
    const back = await roundTrip(quads);
    expect(back.length).toBe(quads.length);
    expect(isomorphic(back, quads)).toBe(true);
  });

  it('drops the graphs and keeps a triple stated in two graphs once', async () => {
    const triple = [namedNode('http://example.org/a'), namedNode('http://example.org/p'), literal('x')] as const;
    const quads = [quad(...triple, namedNode('http://example.org/g1')), quad(...triple, namedNode('http://example.org/g2'))];
    const back = await roundTrip(quads);
    expect(isomorphic(back, [quad(...triple)])).toBe(true);
  });

  it('writes blank node labels that are not XML names', async () => {
    const quads = [quad(DataFactory.blankNode('1-a'), namedNode('http://example.org/p'), DataFactory.blankNode('n3.7'))];
    expect(isomorphic(await roundTrip(quads), quads)).toBe(true);
  });

  it('writes an empty graph as an empty rdf:RDF', async () => {
    const xml = writeRdfXml([]);
    expect(xml).toMatch(/<rdf:RDF[\s\S]*<\/rdf:RDF>/);
    expect(await parseRdfXml(xml)).toEqual([]);
  });
});

describe('namespaces', () => {
  it('uses the prefixes it is given, and declares only those it uses', () => {
    const quads = turtle('ex:berlin schema:name "Berlin" .');
    const xml = writeRdfXml(quads, { schema: 'http://schema.org/', foaf: 'http://xmlns.com/foaf/0.1/' });
    expect(xml).toContain('xmlns:schema="http://schema.org/"');
    expect(xml).toContain('<schema:name>Berlin</schema:name>');
    expect(xml).not.toContain('foaf');
  });

  it('writes a plain string without a datatype, whatever prefixes it is given', () => {
    // RDF 1.1 makes "x" and "x"^^xsd:string one literal; RDF/XML says it without the attribute.
    const quads = turtle('ex:berlin schema:name "Berlin" ; ex:founded "1237"^^xsd:gYear .');
    for (const xml of [writeRdfXml(quads), writeRdfXml(quads, { schema: 'http://schema.org/' })]) {
      expect(xml).toMatch(/<[\w]+:name>Berlin<\/[\w]+:name>/);
      expect(xml).toContain('rdf:datatype="http://www.w3.org/2001/XMLSchema#gYear"');
      expect(xml).not.toContain('XMLSchema#string');
    }
  });

  it('invents a prefix for a namespace without one, and ignores prefixes that are not XML names', async () => {
    const quads = turtle('ex:berlin schema:name "Berlin" .');
    const xml = writeRdfXml(quads, { '1bad': 'http://schema.org/', xml: 'http://example.org/' });
    expect(xml).not.toContain('xmlns:1bad');
    expect(xml).not.toContain('xmlns:xml=');
    expect(isomorphic(await parseRdfXml(xml), quads)).toBe(true);
  });
});

describe('what RDF/XML cannot carry', () => {
  it.each([
    ['a predicate ending in a slash', 'http://example.org/terms/'],
    ['a predicate whose last segment is a number', 'http://example.org/terms/123'],
  ])('refuses %s, naming it', (_case, predicate) => {
    const quads = [quad(namedNode('http://example.org/x'), namedNode(predicate), literal('x'))];
    expect(() => writeRdfXml(quads)).toThrow(RdfXmlError);
    expect(() => writeRdfXml(quads)).toThrow(predicate);
  });

  it.each([
    ['a literal', literal('bell \u0007')],
    ['an IRI', namedNode('http://example.org/\u0001')],
  ])('refuses a control character in %s', (_case, object) => {
    const quads = [quad(namedNode('http://example.org/x'), namedNode('http://example.org/p'), object)];
    expect(() => writeRdfXml(quads)).toThrow(RdfXmlError);
  });
});
