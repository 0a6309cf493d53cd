// Reads literal values from the store and picks the one to show in a language, for the pages, the catalogue and reports.
import { DataFactory, type Store } from 'n3';
import type { Literal, NamedNode, Term } from '@rdfjs/types';

/** The literal objects of `<iri> predicate ?o` in any graph; IRIs and blank nodes are left out. */
export function literalsOf(store: Store, iri: string, predicate: NamedNode): Literal[] {
  return (store.getObjects(DataFactory.namedNode(iri), predicate, null) as Term[]).filter((o): o is Literal => o.termType === 'Literal');
}

/**
 * The literal to show: the first in the first of `languages` that has one ('' stands for no language tag),
 * else the first literal; undefined when `terms` holds none. IRIs and blank nodes are skipped.
 */
export function literalIn(terms: readonly Term[], ...languages: string[]): Literal | undefined {
  const literals = terms.filter((t): t is Literal => t.termType === 'Literal');
  for (const language of languages) {
    const found = literals.find((l) => l.language === language);
    if (found) return found;
  }
  return literals[0];
}
