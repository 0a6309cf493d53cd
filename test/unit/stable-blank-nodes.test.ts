// A document with blank nodes is written in the same bytes whatever blank nodes the process made before (replicas share ETags).
import { describe, expect, it } from 'vitest';
import { DataFactory } from 'n3';
import type { Quad } from '@rdfjs/types';
import { serializeQuads } from '../../src/rdf/serialize.js';
import { rdfTypes } from '../../src/rdf/media-types.js';

const { namedNode, literal, blankNode, quad } = DataFactory;
const base = 'http://example.org/';

/** A description with two blank-node partitions, made with fresh blank nodes as the VoID builder makes them. */
function description(): Quad[] {
  const dataset = namedNode(`${base}dataset`);
  const quads: Quad[] = [];
  for (const n of [3, 5]) {
    const partition = blankNode();
    quads.push(quad(dataset, namedNode('http://rdfs.org/ns/void#classPartition'), partition));
    quads.push(quad(partition, namedNode('http://rdfs.org/ns/void#entities'), literal(String(n), namedNode('http://www.w3.org/2001/XMLSchema#integer'))));
  }
  return quads;
}

describe('blank node labels in written documents', () => {
  it.each(Object.values(rdfTypes).map((t) => t.type))('are the same for the same description made twice (%s)', async (type) => {
    const first = await serializeQuads(description(), type, base);
    for (let i = 0; i < 7; i++) blankNode(); // other work of the process in between
    const second = await serializeQuads(description(), type, base);
    expect(second).toBe(first);
  });
});
