// Canonical N-Quads (RDFC-1.0) of a graph in time linear in its size: only the quads with blank nodes go through canonicalization.
import type { Quad } from '@rdfjs/types';
import { Parser, Store } from 'n3';
import rdfCanonize from 'rdf-canonize';
import { quadKey } from '../rdf/term-keys.js';

interface Canonizer {
  canonize(input: Quad[], options: { algorithm: string }): Promise<string>;
  NQuads: { serializeQuad(quad: Quad): string };
}
const { canonize, NQuads } = rdfCanonize as unknown as Canonizer;

function mentionsBlankNode(quad: Quad): boolean {
  return quad.subject.termType === 'BlankNode' || quad.object.termType === 'BlankNode' || quad.graph.termType === 'BlankNode';
}

/**
 * RDFC-1.0 relabels blank nodes from the quads that mention them and leaves every other quad as it is; its output
 * is each quad in canonical N-Quads, sorted. So a graph without blank nodes needs no canonicalization at all
 * (rdf-canonize spent 404 s on 100k such triples), and a graph with some needs it only for those quads: their
 * canonical labels depend on nothing else. The ground quads are written by rdf-canonize's own serializer, so the
 * bytes are the ones the full algorithm would give.
 */
export async function canonicalNQuads(quads: Iterable<Quad>): Promise<string> {
  const lines: string[] = [];
  // A dataset is a set: a quad stated twice (in two files of one graph) is one quad.
  const withBlankNodes = new Map<string, Quad>();
  for (const quad of quads) {
    if (mentionsBlankNode(quad)) withBlankNodes.set(quadKey(quad), quad);
    else lines.push(NQuads.serializeQuad(quad));
  }
  if (withBlankNodes.size > 0) {
    const relabelled = await canonize([...withBlankNodes.values()], { algorithm: 'RDFC-1.0' });
    for (const line of relabelled.split('\n')) if (line !== '') lines.push(`${line}\n`);
  }
  // The same order as rdf-canonize: JavaScript's default string sort; equal neighbours are one quad.
  lines.sort();
  return lines.filter((line, i) => i === 0 || line !== lines[i - 1]).join('');
}

/**
 * The N3 store the read paths use, filled from canonical N-Quads. N3 numbers each term at its first appearance and
 * lists quads in that numbering, so quads added in another order, or with other blank-node labels, come back in
 * another order and under other labels. Files (embedded mode) and a store's answer (store mode) give the same graph
 * that way; filled from its canonical form, both give the same store, and so the same bytes under the same ETag.
 */
export function storeFromCanonical(nquads: string): Store {
  const store = new Store();
  // blankNodePrefix '' keeps the canonical labels (c14n0 ...); N3's default prefix counts parses per process.
  store.addQuads(new Parser({ format: 'application/n-quads', blankNodePrefix: '' }).parse(nquads));
  return store;
}
