// Runs one prepared query with Comunica over a local N3 store only: the dataset is built from the store, and the engine cannot fetch anything that is not allow-listed.
import { createRequire } from 'node:module';
import { QueryEngine } from '@comunica/query-sparql';
import { DataFactory, Store, Writer } from 'n3';
import type { Quad } from '@rdfjs/types';
import { errors } from '../errors.js';
import type { Dataset, PreparedQuery } from './query-check.js';
import { toJsonTerm, type JsonTerm } from './terms.js';

/** A result as it crosses the worker boundary: quads travel as N-Quads text (structured clone drops RDF/JS prototypes). */
export type WireResult =
  | { type: 'bindings'; variables: string[]; rows: Array<Record<string, JsonTerm>> }
  | { type: 'boolean'; value: boolean }
  | { type: 'quads'; nquads: string; count: number };

/** An error raised by the engine for the client's query, with the HTTP status it should map to. */
export interface WireError {
  status: number;
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export interface RunOptions {
  maxResultRows: number;
  serviceAllowList: readonly string[];
}

/**
 * Comunica 5.4's "prune empty source operations" optimizer replaces a whole projection by an empty union
 * (no rows, no variables) when an empty union or alternative path occurs ANYWHERE below it: inside
 * FILTER (NOT) EXISTS, MINUS, a sequence path or a subquery. So `?x a C FILTER NOT EXISTS { ?x <a>|<b> ?y }`
 * answers nothing when neither predicate occurs, and `SELECT * { ?s <a>|<b> ?o }` has no variables. The
 * optimizer only saves work when several remote sources are federated; over our one in-memory store it has
 * nothing useful to prune, so it is made a pass-through. There is no configuration switch for one actor short
 * of a custom engine build, hence the patch (applied once per thread, on the module the engine itself loads).
 */
function disableEmptySourcePruning(): void {
  const requireFromEngine = createRequire(createRequire(import.meta.url).resolve('@comunica/query-sparql'));
  const module = requireFromEngine('@comunica/actor-optimize-query-operation-prune-empty-source-operations') as {
    ActorOptimizeQueryOperationPruneEmptySourceOperations: { prototype: { run: (action: { operation: unknown; context: unknown }) => Promise<unknown> } };
  };
  module.ActorOptimizeQueryOperationPruneEmptySourceOperations.prototype.run = async (action) => ({ operation: action.operation, context: action.context });
}
disableEmptySourcePruning();

class ResultTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`The result exceeds the limit of ${limit} rows`);
  }
}

/**
 * Comunica's HTTP actors use this instead of the global fetch. Only allow-listed SERVICE endpoints pass;
 * anything else (a FROM IRI, a GRAPH IRI, a redirect elsewhere) fails before a socket is opened.
 */
function guardedFetch(allowList: readonly string[]): typeof fetch {
  return (input, init) => {
    const raw = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const url = new URL(raw);
    const endpoint = `${url.origin}${url.pathname}`;
    if (!allowList.includes(endpoint) && !allowList.includes(raw)) {
      return Promise.reject(new Error(`Fetching ${endpoint} is not allowed: only allow-listed SERVICE endpoints are reachable.`));
    }
    return fetch(input, init);
  };
}

/** Copies the requested graphs of the store into a fresh store: default graphs merged into the default graph, named graphs kept. */
function datasetView(store: Store, dataset: Dataset): Store {
  const view = new Store();
  const defaultGraph = DataFactory.defaultGraph();
  for (const iri of new Set(dataset.defaultGraphs)) {
    for (const q of store.match(null, null, null, DataFactory.namedNode(iri))) {
      view.addQuad(DataFactory.quad(q.subject, q.predicate, q.object, defaultGraph));
    }
  }
  for (const iri of new Set(dataset.namedGraphs)) view.addQuads(store.getQuads(null, null, null, DataFactory.namedNode(iri)));
  return view;
}

const servingStores = new WeakMap<Store, Store>();

/**
 * The store as queries see it without a protocol dataset: the named graphs as they are, and a default graph
 * that is their RDF merge. Comunica's `unionDefaultGraph` would instead return a triple once per graph it
 * sits in, so COUNT(*) would disagree with the number of distinct triples (the dumps and VoID).
 * Built once per loaded store; N3's store keeps each default-graph triple once.
 */
function servingStore(store: Store): Store {
  let serving = servingStores.get(store);
  if (!serving) {
    serving = new Store();
    const defaultGraph = DataFactory.defaultGraph();
    for (const q of store) {
      serving.addQuad(q);
      if (q.graph.termType !== 'DefaultGraph') serving.addQuad(DataFactory.quad(q.subject, q.predicate, q.object, defaultGraph));
    }
    servingStores.set(store, serving);
  }
  return serving;
}

/** Runs a prepared query. Without a dataset, the default graph is the merge of all named graphs. */
export async function runQuery(engine: QueryEngine, store: Store, prepared: PreparedQuery, options: RunOptions): Promise<WireResult> {
  const source = prepared.dataset ? datasetView(store, prepared.dataset) : servingStore(store);
  const context = {
    sources: [source],
    unionDefaultGraph: false,
    fetch: guardedFetch(options.serviceAllowList),
    ...(prepared.baseIri ? { baseIRI: prepared.baseIri } : {}),
  };
  const limit = options.maxResultRows;
  if (prepared.form === 'SELECT') {
    const query = await engine.query(prepared.text, context);
    if (query.resultType !== 'bindings') throw new Error(`expected bindings, got ${query.resultType}`);
    const stream = await query.execute();
    const variables = (await query.metadata()).variables.map((v) => v.value);
    const rows: Array<Record<string, JsonTerm>> = [];
    for await (const bindings of stream) {
      if (rows.length >= limit) {
        stream.destroy();
        throw new ResultTooLarge(limit);
      }
      const row: Record<string, JsonTerm> = {};
      for (const [variable, term] of bindings) row[variable.value] = toJsonTerm(term);
      rows.push(row);
    }
    return { type: 'bindings', variables, rows };
  }
  if (prepared.form === 'ASK') return { type: 'boolean', value: await engine.queryBoolean(prepared.text, context) };
  const stream = await engine.queryQuads(prepared.text, context);
  const quads: Quad[] = [];
  for await (const quad of stream) {
    if (quads.length >= limit) {
      stream.destroy();
      throw new ResultTooLarge(limit);
    }
    quads.push(quad);
  }
  return { type: 'quads', nquads: new Writer({ format: 'application/n-quads' }).quadsToString(quads), count: quads.length };
}

/** Maps an engine failure to a client error: every input was validated before, so what fails here is the query's evaluation. */
export function wireError(error: unknown): WireError {
  // Built by the errors factory, so the codes stay in one file; only plain data crosses the worker boundary.
  const http = error instanceof ResultTooLarge ? errors.tooManyRows(error.limit) : errors.queryEvaluation(error instanceof Error ? error.message : String(error));
  return { status: http.statusCode, code: http.code, message: http.message, details: http.details };
}
