// Runs checked queries over the graph held in this thread's Oxigraph store, and writes the answer in the negotiated format.
import oxigraph from 'oxigraph';
import type { Quad } from '@rdfjs/types';
import { errors } from '../errors.js';
import { resultTypes } from '../rdf/media-types.js';
import { serializeNegotiated } from '../rdf/serialize.js';
import type { Dataset, PreparedQuery } from './query-check.js';
import type { JsonTerm } from './terms.js';
import { countRows } from './row-count.js';
import { writeBoolean } from './results.js';
import type { Answer, OutputChoice, ResultLimits, ValueResult } from './answers.js';
import { fromWire } from './wire-error.js';

type OxStore = InstanceType<typeof oxigraph.Store>;
type QueryOptions = NonNullable<Parameters<OxStore['query']>[1]>;

/**
 * Loads N-Quads into a fresh store: every quad in its named graph, and every triple once more in the default
 * graph. The default graph is then the RDF merge of all graphs (each triple once), so COUNT(*) equals the
 * dumps and VoID. Oxigraph's `use_default_graph_as_union` would count a triple once per graph it sits in.
 */
export function loadStore(nquads: Uint8Array): OxStore {
  const store = new oxigraph.Store();
  store.load(nquads, { format: 'application/n-quads' });
  store.update('INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }');
  return store;
}

/**
 * The graphs named by the protocol or FROM, once each. A name that is not an absolute IRI (Oxigraph refuses to
 * make one) names no graph of the store, so it contributes an empty graph, as the protocol intends.
 */
function graphNames(iris: readonly string[]) {
  const nodes = [];
  for (const iri of new Set(iris)) {
    try {
      nodes.push(oxigraph.namedNode(iri));
    } catch {
      // not an IRI: an empty graph
    }
  }
  return nodes;
}

/**
 * The dataset options for one query. One default graph (or none) maps onto Oxigraph's own options. Several
 * default graphs must be their RDF merge, but Oxigraph's union repeats a triple found in two of them; only then
 * are the requested graphs copied into a temporary store (rare: FROM or default-graph-uri given more than once).
 */
function datasetFor(store: OxStore, dataset: Dataset | undefined): { store: OxStore; options: QueryOptions } {
  if (!dataset) return { store, options: {} };
  const named = graphNames(dataset.namedGraphs);
  const defaults = graphNames(dataset.defaultGraphs).map((node) => node.value);
  if (defaults.length <= 1) {
    return { store, options: { default_graph: defaults.map((iri) => oxigraph.namedNode(iri)), named_graphs: named } };
  }
  const view = new oxigraph.Store();
  for (const iri of defaults) {
    for (const q of store.match(null, null, null, oxigraph.namedNode(iri))) view.add(oxigraph.quad(q.subject, q.predicate, q.object, oxigraph.defaultGraph()));
  }
  for (const graph of named) for (const q of store.match(null, null, null, graph)) view.add(q);
  return { store: view, options: { named_graphs: named } };
}

function checkRows(count: number, limits: ResultLimits): void {
  if (count > limits.maxResultRows) throw errors.tooManyRows(limits.maxResultRows);
}

/** Runs a query and returns plain values (the REST API shapes them itself). */
export function runForValues(store: OxStore, prepared: PreparedQuery, limits: ResultLimits): ValueResult {
  const { store: target, options } = datasetFor(store, prepared.dataset);
  const base = prepared.baseIri ? { base_iri: prepared.baseIri } : {};
  if (prepared.form === 'SELECT') {
    const text = target.query(prepared.text, { ...options, ...base, results_format: resultTypes.json.type }) as string;
    const parsed = JSON.parse(text) as { head: { vars?: string[] }; results: { bindings: Array<Record<string, JsonTerm>> } };
    checkRows(parsed.results.bindings.length, limits);
    return { type: 'bindings', variables: parsed.head.vars ?? [], rows: parsed.results.bindings };
  }
  if (prepared.form === 'ASK') return { type: 'boolean', value: target.query(prepared.text, { ...options, ...base }) as boolean };
  const ntriples = target.query(prepared.text, { ...options, ...base, results_format: 'application/n-triples' }) as string;
  checkRows(countRows('application/n-triples', ntriples), limits);
  return { type: 'quads', nquads: ntriples };
}

/**
 * Runs a query and writes the answer in the negotiated media type. Oxigraph writes SPARQL results itself;
 * RDF goes through the project's serializers (prefixes, the JSON-LD context, RDF/XML's 406 for unnameable
 * predicates), so a CONSTRUCT looks the same as a /doc page. Limits are checked before anything is sent.
 */
export async function runForBytes(store: OxStore, prepared: PreparedQuery, output: OutputChoice, limits: ResultLimits): Promise<Answer> {
  const choice = output[prepared.form];
  if ('error' in choice) throw fromWire(choice.error);
  const { store: target, options } = datasetFor(store, prepared.dataset);
  const base = prepared.baseIri ? { base_iri: prepared.baseIri } : {};
  let body: string;
  if (prepared.form === 'SELECT') {
    body = target.query(prepared.text, { ...options, ...base, results_format: choice.format }) as string;
    checkRows(countRows(choice.format, body), limits);
  } else if (prepared.form === 'ASK') {
    // Written here: Oxigraph has no CSV/TSV for a boolean, which SPARQLWrapper asks for (one `_askResult` column, as Fuseki writes).
    body = writeBoolean(choice.format, target.query(prepared.text, { ...options, ...base }) as boolean);
  } else {
    const quads = target.query(prepared.text, { ...options, ...base }) as Quad[];
    checkRows(quads.length, limits);
    body = await serializeNegotiated(quads, choice.chosen, limits.baseIri, choice.offered);
  }
  return { form: prepared.form, contentType: choice.contentType, body, engine: 'oxigraph' };
}
