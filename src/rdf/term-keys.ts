// Collision-free string keys for RDF terms and triples (for sets, maps and stable sorting), and de-duplication to triples.
import { DataFactory } from 'n3';
import type { Quad, Term } from '@rdfjs/types';

/** A collision-free key for a term (the N-Triples-like form). */
export function termKey(term: Term): string {
  switch (term.termType) {
    case 'NamedNode':
      return `<${term.value}>`;
    case 'BlankNode':
      return `_:${term.value}`;
    case 'Literal':
      return `${JSON.stringify(term.value)}@${term.language}^^<${term.datatype.value}>`;
    default:
      return `?${term.value}`;
  }
}

/** A key for the triple of a quad (its graph ignored). */
export function tripleKey(quad: Quad): string {
  return `${termKey(quad.subject)} <${quad.predicate.value}> ${termKey(quad.object)}`;
}

/** A key for a quad, its graph included. */
export function quadKey(quad: Quad): string {
  return `${tripleKey(quad)} ${termKey(quad.graph)}`;
}

/** Drops the graph of each quad and keeps each triple once, for formats that carry triples only. */
export function toTriples(quads: Iterable<Quad>): Quad[] {
  const seen = new Set<string>();
  const out: Quad[] = [];
  for (const q of quads) {
    const key = tripleKey(q);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(DataFactory.quad(q.subject, q.predicate, q.object));
    }
  }
  return out;
}

/**
 * The quads as given, then each of their triples once more in the default graph (unless already there). Quad
 * formats of a description carry the sources as named graphs; clients that read only the default graph (Comunica
 * dereferencing an IRI asks for N-Quads first, rdflib's Graph) see the same triples as from Turtle.
 */
export function withDefaultGraphCopy(quads: Iterable<Quad>): Quad[] {
  const list = [...quads];
  const inDefault = new Set(list.filter((q) => q.graph.termType === 'DefaultGraph').map(tripleKey));
  return [...list, ...toTriples(list).filter((t) => !inDefault.has(tripleKey(t)))];
}
