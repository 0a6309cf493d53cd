// Splits one source graph into the update requests `npm run store:load` sends: a store caps what one request may carry, and a blank node must stay within one request.
import { DataFactory, Writer, type Store } from 'n3';
import type { Quad } from '@rdfjs/types';
import { storeQuirks } from '../sparql/store-adapter.js';

export interface InsertBatch {
  /** The batch's triples as N-Triples (the graph dropped). */
  text: string;
  triples: number;
  /** Whether a blank node occurs: a store may need another form of update for them (see storeQuirks.insertTriples). */
  blankNodes: boolean;
}

export interface BatchLimits {
  /** Triples per request without blank nodes. */
  ground: number;
  /** Triples per request with blank nodes (a group of triples linked by blank nodes is never split, so it may exceed this alone). */
  blankNodes: number;
}

function ntriples(quads: readonly Quad[]): string {
  const writer = new Writer({ format: 'N-Triples' });
  for (const quad of quads) writer.addQuad(quad.subject, quad.predicate, quad.object);
  let text = '';
  writer.end((_error, result: string) => (text = result));
  return text;
}

/** Packs groups of triples, in order, into batches of at most `limit` triples (a larger group goes alone). */
function pack(groups: Iterable<Quad[]>, limit: number, blankNodes: boolean): InsertBatch[] {
  const batches: InsertBatch[] = [];
  let current: Quad[] = [];
  const flush = () => {
    if (current.length > 0) batches.push({ text: ntriples(current), triples: current.length, blankNodes });
    current = [];
  };
  for (const group of groups) {
    if (current.length + group.length > limit) flush();
    current.push(...group);
  }
  flush();
  return batches;
}

/**
 * One named graph's triples as update batches. A blank node's label names one node only within one request, so the
 * triples linked through blank nodes (a connected group, found by union-find over the labels) go into the same
 * batch; the triples without blank nodes are cut anywhere.
 */
export function insertBatches(store: Store, graph: string, limits: BatchLimits = storeQuirks.insertBatchTriples): { batches: InsertBatch[]; triples: number } {
  const ground: Quad[] = [];
  const linked: Array<{ quad: Quad; blank: string }> = [];
  const parent = new Map<string, string>();
  const root = (label: string): string => {
    let r = label;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(label, r);
    return r;
  };
  for (const quad of store.match(null, null, null, DataFactory.namedNode(graph))) {
    const blanks = [quad.subject, quad.object].filter((term) => term.termType === 'BlankNode').map((term) => term.value);
    if (blanks.length === 0) {
      ground.push(quad);
      continue;
    }
    for (const label of blanks) if (!parent.has(label)) parent.set(label, label);
    if (blanks.length === 2) parent.set(root(blanks[0]!), root(blanks[1]!));
    linked.push({ quad, blank: blanks[0]! });
  }
  const groups = new Map<string, Quad[]>();
  for (const { quad, blank } of linked) {
    const key = root(blank);
    const group = groups.get(key) ?? [];
    group.push(quad);
    groups.set(key, group);
  }
  const chunks = function* () {
    for (let i = 0; i < ground.length; i += limits.ground) yield ground.slice(i, i + limits.ground);
  };
  const batches = [...pack(chunks(), limits.ground, false), ...pack(groups.values(), limits.blankNodes, true)];
  return { batches, triples: ground.length + linked.length };
}
