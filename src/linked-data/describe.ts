// Builds the description of one resource (or index, or the ontology) straight from the N3 store: no SPARQL on the hot path.
import { kindLabels } from '../rdf/kinds.js';
import { tripleKey } from '../rdf/term-keys.js';
import { DataFactory, type Store } from 'n3';
import type { Quad, Quad_Object, Quad_Subject, Term } from '@rdfjs/types';
import { ns } from '../rdf/namespaces.js';

const { namedNode, literal, quad: makeQuad } = DataFactory;

/** How many incoming triples one page of a description carries. */
const INCOMING_PAGE_SIZE = 100;

const labelPredicates = [ns.rdfs('label'), ns.skos('prefLabel')];
const sourcePredicates = [ns.rdf('type'), ns.rdfs('label'), ns.skos('prefLabel'), ns.dct('title')];
const hydra = (local: string) => namedNode(`http://www.w3.org/ns/hydra/core#${local}`);

export interface Description {
  /** The resource described. */
  readonly subject: string;
  /** Every quad the document carries, each in the named graph (source) it sits in; paging links in the default graph. */
  readonly quads: Quad[];
  /** Triples with the resource as subject, plus the blank nodes they lead to (closure). */
  readonly outgoing: Quad[];
  /** Triples pointing at the resource, on this page only. */
  readonly incoming: Quad[];
  readonly incomingTotal: number;
  /** 1-based page of incoming links and how many pages there are (at least 1). */
  readonly page: number;
  readonly pageCount: number;
  /** The named graphs (sources) the outgoing and incoming facts sit in, in order of first appearance. */
  readonly sources: string[];
}

/** Quads with the subject, then the quads of every blank node reached from it (cycles are visited once). */
export function closure(store: Store, subject: Quad_Subject): Quad[] {
  const out: Quad[] = [];
  const seen = new Set<string>();
  const queue: Quad_Subject[] = [subject];
  while (queue.length > 0) {
    const next = queue.shift()!;
    for (const q of store.getQuads(next, null, null, null)) {
      out.push(q);
      if (q.object.termType === 'BlankNode' && !seen.has(q.object.value)) {
        seen.add(q.object.value);
        queue.push(q.object);
      }
    }
  }
  return out;
}

/** Quads that label the given IRIs (rdfs:label, skos:prefLabel), so clients can show names without another request. */
function labelsOf(store: Store, iris: Iterable<string>): Quad[] {
  const out: Quad[] = [];
  for (const iri of iris) for (const p of labelPredicates) out.push(...store.getQuads(namedNode(iri), p, null, null));
  return out;
}

/** Types, labels and titles of source documents (named graphs). */
function sourceDescriptions(store: Store, graphs: Iterable<string>): Quad[] {
  const out: Quad[] = [];
  for (const g of graphs) for (const p of sourcePredicates) out.push(...store.getQuads(namedNode(g), p, null, null));
  return out;
}

/** Whether the store has any triple with the IRI as subject or object. */
export function isKnown(store: Store, iri: string): boolean {
  const node = namedNode(iri);
  return store.countQuads(node, null, null, null) > 0 || store.countQuads(null, null, node, null) > 0;
}

/** How many pages the incoming links of a resource fill (at least 1), without describing it: what a 304 or 404 needs. */
export function incomingPageCount(store: Store, iri: string): number {
  const triples = new Set<string>();
  for (const q of store.getQuads(null, null, namedNode(iri), null)) triples.add(tripleKey(q));
  return pageCountOf(triples.size);
}

function pageCountOf(incomingTriples: number): number {
  return Math.max(1, Math.ceil(incomingTriples / INCOMING_PAGE_SIZE));
}

function linkedIris(quads: Iterable<Quad>, except: string): Set<string> {
  const iris = new Set<string>();
  for (const q of quads) {
    for (const t of [q.subject, q.object] as Term[]) if (t.termType === 'NamedNode' && t.value !== except) iris.add(t.value);
  }
  return iris;
}

function graphsOf(quads: Iterable<Quad>): string[] {
  const graphs: string[] = [];
  for (const q of quads) if (q.graph.termType === 'NamedNode' && !graphs.includes(q.graph.value)) graphs.push(q.graph.value);
  return graphs;
}

/**
 * Describes one resource: outgoing triples with blank-node closure, one page of incoming triples (sorted,
 * so pages are stable), labels of every linked IRI, and the titles of the sources (named graphs) of those
 * facts. `pageUrl(n)` names page n for hydra paging links, which are only added when there is more than one page.
 */
export function describe(store: Store, iri: string, page: number, pageUrl: (page: number) => string): Description {
  const node = namedNode(iri);
  const outgoing = closure(store, node);
  // Incoming triples grouped by triple (a triple stated in two sources is one link with two graphs).
  const byTriple = new Map<string, Quad[]>();
  for (const q of store.getQuads(null, null, node, null)) {
    const key = tripleKey(q);
    const list = byTriple.get(key);
    if (list) list.push(q);
    else byTriple.set(key, [q]);
  }
  const keys = [...byTriple.keys()].sort();
  const pageCount = pageCountOf(keys.length);
  const incoming = keys.slice((page - 1) * INCOMING_PAGE_SIZE, page * INCOMING_PAGE_SIZE).flatMap((k) => byTriple.get(k)!);
  const sources = graphsOf([...outgoing, ...incoming]);
  const linked = linkedIris([...outgoing, ...incoming], iri);
  const quads = [...outgoing, ...incoming, ...labelsOf(store, linked), ...sourceDescriptions(store, sources)];
  if (pageCount > 1) quads.push(...pagingQuads(page, pageCount, pageUrl));
  return { subject: iri, quads, outgoing, incoming, incomingTotal: keys.length, page, pageCount, sources };
}

function pagingQuads(page: number, pageCount: number, pageUrl: (page: number) => string): Quad[] {
  const self = namedNode(pageUrl(page));
  const out: Quad[] = [
    makeQuad(self, ns.rdf('type'), hydra('PartialCollectionView')),
    makeQuad(self, hydra('first'), namedNode(pageUrl(1))),
    makeQuad(self, hydra('last'), namedNode(pageUrl(pageCount))),
  ];
  if (page > 1) out.push(makeQuad(self, hydra('previous'), namedNode(pageUrl(page - 1))));
  if (page < pageCount) out.push(makeQuad(self, hydra('next'), namedNode(pageUrl(page + 1))));
  return out;
}


/**
 * The index of one kind as RDF: `<{base}id/city/> a hydra:Collection ; rdfs:label ... ; hydra:totalItems n ;
 * hydra:member <...>` plus each member's types and labels (in their source graphs).
 */
export function describeIndex(store: Store, collectionIri: string, kind: string, members: readonly string[]): Quad[] {
  const collection = namedNode(collectionIri);
  const label = kindLabels[kind] ?? { de: kind, en: kind };
  const out: Quad[] = [
    makeQuad(collection, ns.rdf('type'), hydra('Collection')),
    makeQuad(collection, ns.rdfs('label'), literal(label.de, 'de')),
    makeQuad(collection, ns.rdfs('label'), literal(label.en, 'en')),
    makeQuad(collection, hydra('totalItems'), literal(String(members.length), ns.xsd('integer'))),
  ];
  for (const m of members) {
    const member = namedNode(m);
    out.push(makeQuad(collection, hydra('member'), member));
    out.push(...store.getQuads(member, ns.rdf('type'), null, null));
  }
  out.push(...labelsOf(store, members));
  return out;
}

/** The whole ontology: every quad of the graph `{base}def/`. */
export function describeOntology(store: Store, ontologyIri: string): Quad[] {
  return store.getQuads(null, null, null, namedNode(ontologyIri));
}

/** Orders quads for readable Turtle: the main subject first, then its blank nodes, then the rest by subject. */
export function orderForOutput(quads: Quad[], main: string): Quad[] {
  const rank = (s: Quad_Subject | Quad_Object) => (s.value === main ? 0 : s.termType === 'BlankNode' ? 1 : 2);
  return [...quads].sort(
    (a, b) => rank(a.subject) - rank(b.subject) || a.subject.value.localeCompare(b.subject.value) || a.predicate.value.localeCompare(b.predicate.value),
  );
}
