// Which named graphs hold inferred statements (def/InferenceGraph) and which hold what the sources state, read from the graph itself.
import { DataFactory, type Store } from 'n3';
import { ns } from '../rdf/namespaces.js';

const cache = new WeakMap<Store, { inferred: ReadonlySet<string>; stated: readonly string[] }>();

/** The graph's own description decides: a named graph typed `{base}def/InferenceGraph` holds readings, every other one statements. */
function classify(store: Store, baseIri: string): { inferred: ReadonlySet<string>; stated: readonly string[] } {
  let found = cache.get(store);
  if (!found) {
    const inferenceClass = DataFactory.namedNode(`${baseIri}def/InferenceGraph`);
    const inferred = new Set(store.getSubjects(ns.rdf('type'), inferenceClass, null).flatMap((s) => (s.termType === 'NamedNode' ? [s.value] : [])));
    const stated = store
      .getGraphs(null, null, null)
      .flatMap((g) => (g.termType === 'NamedNode' && !inferred.has(g.value) ? [g.value] : []))
      .sort();
    found = { inferred, stated };
    cache.set(store, found);
  }
  return found;
}

/** The named graphs of inferred statements, each described with its source and rule. */
export function inferenceGraphs(store: Store, baseIri: string): ReadonlySet<string> {
  return classify(store, baseIri).inferred;
}

/** Every other named graph: the sources' stated facts and the ontology. A query over only these sees no inference. */
export function statedGraphs(store: Store, baseIri: string): readonly string[] {
  return classify(store, baseIri).stated;
}
