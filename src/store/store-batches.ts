// Splits one source graph into the update requests `npm run store:load` sends: a store caps what one request may carry, and a blank node must stay within one request.
import { DataFactory, Writer, type Store } from 'n3';
import type { Quad } from '@rdfjs/types';
import { storeQuirks } from '../sparql/store-adapter.js';

export interface InsertBatch {
  /** The batch's triples as N-Triples (the graph dropped). */
  text: string;
  triples: number;
}

function ntriples(quads: readonly Quad[]): string {
  const writer = new Writer({ format: 'N-Triples' });
  for (const quad of quads) writer.addQuad(quad.subject, quad.predicate, quad.object);
  let text = '';
  writer.end((_error, result: string) => (text = result));
  return text;
}

/**
 * One named graph's triples as update batches, in the store's order (a graph within the limits is one request, as it
 * always was). A blank node's label names one node only within one request, so the triples linked through blank
 * nodes (a connected group, found by union-find over the labels) go into the same batch; a group starts where its
 * first triple is. Other triples are cut anywhere.
 */
export function insertBatches(store: Store, graph: string, limit: number = storeQuirks.insertBatchTriples): { batches: InsertBatch[]; triples: number } {
  const quads: Array<{ quad: Quad; blank?: string }> = [];
  const parent = new Map<string, string>();
  const root = (label: string): string => {
    let r = label;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(label, r);
    return r;
  };
  for (const quad of store.match(null, null, null, DataFactory.namedNode(graph))) {
    const blanks = [quad.subject, quad.object].filter((term) => term.termType === 'BlankNode').map((term) => term.value);
    for (const label of blanks) if (!parent.has(label)) parent.set(label, label);
    if (blanks.length === 2) parent.set(root(blanks[0]!), root(blanks[1]!));
    quads.push({ quad, blank: blanks[0] });
  }
  // Groups in the order of their first triple: a triple without blank nodes is a group of its own.
  const groups = new Map<string | number, Quad[]>();
  for (const [index, { quad, blank }] of quads.entries()) {
    const key = blank === undefined ? index : root(blank);
    const group = groups.get(key) ?? [];
    group.push(quad);
    groups.set(key, group);
  }
  const batches: InsertBatch[] = [];
  let current: Quad[] = [];
  const flush = () => {
    if (current.length > 0) batches.push({ text: ntriples(current), triples: current.length });
    current = [];
  };
  for (const group of groups.values()) {
    // A group larger than the limit goes alone.
    if (current.length + group.length > limit) flush();
    current.push(...group);
  }
  flush();
  return { batches, triples: quads.length };
}
