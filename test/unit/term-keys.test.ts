// Term, triple and quad keys without a server: equal terms share a key, and terms that differ in any part never do.
import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { quadKey, termKey, toTriples, tripleKey } from '../../src/rdf/term-keys.js';

const { namedNode, blankNode, literal, quad, defaultGraph } = DataFactory;
const xsd = 'http://www.w3.org/2001/XMLSchema#';
const s = namedNode('http://example.org/s');
const p = namedNode('http://example.org/p');

describe('termKey', () => {
  it('tells apart terms that differ only in type, language, datatype or quoting', () => {
    const terms = [
      namedNode('x'),
      blankNode('x'),
      literal('x'),
      literal('x', 'de'),
      literal('x', 'en'),
      literal('x', namedNode(`${xsd}token`)),
      // A value holding what another key's syntax uses must not meet that key.
      literal('x"@de^^<y>'),
      literal('x', namedNode('y')),
    ];
    expect(new Set(terms.map(termKey)).size).toBe(terms.length);
  });

  it('gives equal terms from different factories one key', () => {
    const fromElsewhere = { termType: 'Literal', value: 'x', language: 'de', direction: '', datatype: namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#langString'), equals: () => false } as const;
    expect(termKey(fromElsewhere)).toBe(termKey(literal('x', 'de')));
  });
});

describe('tripleKey and quadKey', () => {
  const inG1 = quad(s, p, literal('1'), namedNode('http://example.org/g1'));
  const inG2 = quad(s, p, literal('1'), namedNode('http://example.org/g2'));
  const inDefault = quad(s, p, literal('1'), defaultGraph());

  it('tripleKey ignores the graph; quadKey keeps it', () => {
    expect(tripleKey(inG1)).toBe(tripleKey(inG2));
    expect(new Set([inG1, inG2, inDefault].map(quadKey)).size).toBe(3);
  });

  it('quadKey tells apart objects that differ only in datatype', () => {
    expect(quadKey(quad(s, p, literal('1')))).not.toBe(quadKey(quad(s, p, literal('1', namedNode(`${xsd}integer`)))));
  });

  it('toTriples keeps each triple once, without its graph', () => {
    const triples = toTriples([inG1, inG2, inDefault, quad(s, p, literal('2'), namedNode('http://example.org/g1'))]);
    expect(triples.map((t) => [t.object.value, t.graph.termType])).toEqual([
      ['1', 'DefaultGraph'],
      ['2', 'DefaultGraph'],
    ]);
  });
});
