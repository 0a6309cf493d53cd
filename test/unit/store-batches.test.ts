// store:load's batches: bounded in size, and a blank node never split across two update requests (where its label would name two nodes).
import { describe, expect, it } from 'vitest';
import { DataFactory, Parser, Store } from 'n3';
import type { Quad } from '@rdfjs/types';
import { isomorphic } from 'rdf-isomorphic';
import { insertBatches } from '../../src/store/store-batches.js';

const { namedNode, blankNode, literal, quad } = DataFactory;
const G = 'http://example.org/graph/g';
const ex = (name: string) => namedNode(`http://example.org/${name}`);

/** 25 triples without blank nodes, a chain of 6 triples linked by blank nodes, and three small blank-node groups; plus a triple in another graph. */
function sample(): Store {
  const store = new Store();
  const g = namedNode(G);
  for (let i = 0; i < 25; i++) store.addQuad(quad(ex(`s${i}`), ex('p'), literal(`v${i}`, 'en'), g));
  // One group: s -> _:c0 -> _:c1 -> ... -> _:c4, each with a value.
  store.addQuad(quad(ex('chain'), ex('next'), blankNode('c0'), g));
  for (let i = 0; i < 4; i++) store.addQuad(quad(blankNode(`c${i}`), ex('next'), blankNode(`c${i + 1}`), g));
  store.addQuad(quad(blankNode('c4'), ex('value'), literal('end'), g));
  for (let k = 0; k < 3; k++) {
    store.addQuad(quad(ex(`event${k}`), ex('location'), blankNode(`l${k}`), g));
    store.addQuad(quad(blankNode(`l${k}`), ex('label'), literal('online', 'de'), g));
  }
  store.addQuad(quad(ex('elsewhere'), ex('p'), literal('x'), ex('other')));
  return store;
}

/** Each batch parsed on its own, as the store parses each request: its blank node labels are its own. */
function reparsed(texts: string[]): Quad[] {
  return texts.flatMap((text) => new Parser({ format: 'N-Triples' }).parse(text));
}

describe('insertBatches', () => {
  const store = sample();
  const { batches, triples } = insertBatches(store, G, 4);

  it('sends every triple of the graph once, and the batches read one by one give back the same graph', () => {
    const expected = store.getQuads(null, null, null, namedNode(G)).map((q) => quad(q.subject, q.predicate, q.object));
    expect(triples).toBe(expected.length);
    expect(batches.reduce((sum, b) => sum + b.triples, 0)).toBe(expected.length);
    expect(isomorphic(reparsed(batches.map((b) => b.text)), expected)).toBe(true);
  });

  it('keeps the batches within the limit, in the store order, except a blank-node group larger than the limit, which goes alone', () => {
    // 25 triples without blank nodes by fours, then the 6-triple chain alone, then the three 2-triple groups packed.
    expect(batches.map((b) => b.triples)).toEqual([4, 4, 4, 4, 4, 4, 1, 6, 4, 2]);
    expect(batches[7]!.text).toContain('http://example.org/chain');
    expect(batches.slice(0, 7).every((b) => !b.text.includes('_:'))).toBe(true);
  });

  it('fails the check above when a group is split: cutting the chain in two gives another graph', () => {
    const chain = batches.find((b) => b.triples === 6)!.text.trim().split('\n');
    const split = [chain.slice(0, 3).join('\n'), chain.slice(3).join('\n'), ...batches.filter((b) => b.triples !== 6).map((b) => b.text)];
    const expected = store.getQuads(null, null, null, namedNode(G)).map((q) => quad(q.subject, q.predicate, q.object));
    expect(isomorphic(reparsed(split), expected)).toBe(false);
  });
});

describe('insertBatches on a graph within the limits', () => {
  it('sends it as one request, its triples in the store order (as the loader did before batching)', () => {
    const store = sample();
    const { batches } = insertBatches(store, G, 800);
    expect(batches).toHaveLength(1);
    const subjects = new Parser({ format: 'N-Triples' }).parse(batches[0]!.text).map((q) => q.subject.termType === 'BlankNode' ? '_' : q.subject.value);
    const expected = store.getQuads(null, null, null, namedNode(G)).map((q) => q.subject.termType === 'BlankNode' ? '_' : q.subject.value);
    expect(subjects).toEqual(expected);
  });
});
