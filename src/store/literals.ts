// Reads the literal values of one property of one IRI from the store, for the pages and the catalogue that show them.
import { DataFactory, type Store } from 'n3';
import type { Literal, NamedNode, Term } from '@rdfjs/types';

/** The literal objects of `<iri> predicate ?o` in any graph; IRIs and blank nodes are left out. */
export function literalsOf(store: Store, iri: string, predicate: NamedNode): Literal[] {
  return (store.getObjects(DataFactory.namedNode(iri), predicate, null) as Term[]).filter((o): o is Literal => o.termType === 'Literal');
}
