// Federation: runs a query that calls allow-listed SERVICE endpoints with Comunica, over this thread's local store; nothing else is ever fetched.
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { QueryEngine } from '@comunica/query-sparql';
import { Writer } from 'n3';
import type { Quad, Term } from '@rdfjs/types';
import { errors } from '../errors.js';
import type { Dataset, PreparedQuery } from './query-check.js';
import { toJsonTerm, type JsonTerm } from './terms.js';
import type { ValueResult } from './answers.js';

export interface RunOptions {
  maxResultRows: number;
  serviceAllowList: readonly string[];
}

/** What Comunica reads local data from: Oxigraph's store (or N3's) answers `match` with an iterable of quads. */
export interface MatchableStore {
  match(subject?: Term | null, predicate?: Term | null, object?: Term | null, graph?: Term | null): Iterable<Quad>;
}

/**
 * Comunica 5.4's "prune empty source operations" optimizer replaces a whole projection by an empty union
 * (no rows, no variables) when an empty union or alternative path occurs ANYWHERE below it: inside
 * FILTER (NOT) EXISTS, MINUS, a sequence path or a subquery. So `?x a C FILTER NOT EXISTS { ?x <a>|<b> ?y }`
 * answers nothing when neither predicate occurs. Over one local store plus SERVICE calls it saves nothing,
 * so it is made a pass-through. There is no configuration switch for one actor short of a custom engine
 * build, hence the patch (applied once per thread, on the module the engine itself loads).
 */
function disableEmptySourcePruning(): void {
  const requireFromEngine = createRequire(createRequire(import.meta.url).resolve('@comunica/query-sparql'));
  const module = requireFromEngine('@comunica/actor-optimize-query-operation-prune-empty-source-operations') as {
    ActorOptimizeQueryOperationPruneEmptySourceOperations: { prototype: { run: (action: { operation: unknown; context: unknown }) => Promise<unknown> } };
  };
  module.ActorOptimizeQueryOperationPruneEmptySourceOperations.prototype.run = async (action) => ({ operation: action.operation, context: action.context });
}
disableEmptySourcePruning();

/** The parts of Comunica's algebra utilities the patch below uses (not a dependency of this package, so typed by hand). */
interface AlgebraModule {
  Algebra: { Types: { SERVICE: string } };
  algebraUtils: { visitOperation(operation: object, visitors: Record<string, { visitor: () => void }>): void };
}

/**
 * With exactly one source that accepts any operation (a SPARQL endpoint: the store in store mode), Comunica 5.4
 * hands that source the WHOLE query, SERVICE clauses included, as its original text. The store would then call
 * (or refuse) the SERVICE endpoint itself, out of this process's allow-list guard, instead of Comunica joining the
 * answers. One helper, `passFullOperationToSource`, makes that decision for both optimizers concerned (identifying
 * the SERVICE targets, and assigning sources); it now says no for a query that names a SERVICE, so such a query is
 * assigned piece by piece as it is with several sources, and the group-sources optimizer merges neighbouring local
 * pieces into one request to the store again. Over a local store (whose shape takes only patterns) it said no
 * already. There is no setting for it; the function is replaced on the module the engine loads (its index reads
 * the export through a getter, so every caller sees the replacement).
 */
function keepServiceFromSingleSource(): void {
  const requireFromEngine = createRequire(createRequire(import.meta.url).resolve('@comunica/query-sparql'));
  const requireFromUtils = createRequire(requireFromEngine.resolve('@comunica/utils-query-operation'));
  const shapes = requireFromUtils('./FragmentSelectorShapes') as { passFullOperationToSource: (operation: object, sources: unknown[], context: unknown) => Promise<boolean> };
  const { Algebra, algebraUtils } = requireFromUtils('@comunica/utils-algebra') as AlgebraModule;
  const original = shapes.passFullOperationToSource;
  shapes.passFullOperationToSource = async (operation, sources, context) => {
    let service = false;
    algebraUtils.visitOperation(operation, { [Algebra.Types.SERVICE]: { visitor: () => void (service = true) } });
    return !service && (await original(operation, sources, context));
  };
}
keepServiceFromSingleSource();

/**
 * Comunica's HTTP actors use this instead of the global fetch. Only allow-listed SERVICE endpoints pass;
 * anything else (a FROM IRI, a GRAPH IRI, a redirect elsewhere) fails before a socket is opened.
 */
export function guardedFetch(allowList: readonly string[]): typeof fetch {
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

/** Comunica asks with variables where a position is open; local stores want null there. */
function bound(term: Term | null | undefined): Term | null {
  return term && term.termType !== 'Variable' ? term : null;
}

/**
 * The local data as an RDF/JS source. With a protocol dataset (rare together with SERVICE), only the requested
 * graphs are visible: the default graphs as the default graph, the named graphs as they are.
 */
function sourceOf(store: MatchableStore, dataset: Dataset | undefined) {
  const match = (s?: Term | null, p?: Term | null, o?: Term | null, g?: Term | null): Quad[] => {
    const graph = bound(g);
    if (!dataset) return [...store.match(bound(s), bound(p), bound(o), graph)];
    const out: Quad[] = [];
    const seen = new Set<string>();
    if (!graph || graph.termType === 'DefaultGraph') {
      for (const iri of dataset.defaultGraphs) {
        for (const q of store.match(bound(s), bound(p), bound(o), { termType: 'NamedNode', value: iri } as Term)) {
          const key = `${q.subject.value} ${q.predicate.value} ${JSON.stringify(toJsonTerm(q.object))}`;
          if (seen.has(key)) continue;
          seen.add(key);
          out.push({ ...q, graph: { termType: 'DefaultGraph', value: '' } } as unknown as Quad);
        }
      }
    }
    for (const iri of dataset.namedGraphs) {
      if (graph && graph.termType !== 'DefaultGraph' && graph.value !== iri) continue;
      if (graph?.termType === 'DefaultGraph') continue;
      out.push(...store.match(bound(s), bound(p), bound(o), { termType: 'NamedNode', value: iri } as Term));
    }
    return out;
  };
  return {
    match: (s?: Term | null, p?: Term | null, o?: Term | null, g?: Term | null) => Readable.from(match(s, p, o, g)),
    countQuads: (s?: Term | null, p?: Term | null, o?: Term | null, g?: Term | null) => match(s, p, o, g).length,
  };
}

/** Runs a prepared query with Comunica. Without a dataset, the default graph is the store's default graph (the merge). */
export function runQuery(engine: QueryEngine, store: MatchableStore, prepared: PreparedQuery, options: RunOptions): Promise<ValueResult> {
  return evaluate(engine, prepared, { sources: [sourceOf(store, prepared.dataset)], unionDefaultGraph: false, fetch: guardedFetch(options.serviceAllowList) }, options.maxResultRows);
}

/** What a caller gives Comunica for one query: the sources and the fetch every HTTP request goes through. */
export interface EngineContext {
  sources: [unknown, ...unknown[]];
  unionDefaultGraph: boolean;
  fetch: typeof fetch;
}

/** Evaluates a prepared query with Comunica over the given sources, and returns plain values, the row limit checked while they stream. */
export async function evaluate(engine: QueryEngine, prepared: PreparedQuery, given: EngineContext, limit: number): Promise<ValueResult> {
  const context = { ...given, ...(prepared.baseIri ? { baseIRI: prepared.baseIri } : {}) } as Parameters<QueryEngine['query']>[1];
  if (prepared.form === 'SELECT') {
    const query = await engine.query(prepared.text, context);
    if (query.resultType !== 'bindings') throw new Error(`expected bindings, got ${query.resultType}`);
    const stream = await query.execute();
    const variables = (await query.metadata()).variables.map((v) => v.value);
    const rows: Array<Record<string, JsonTerm>> = [];
    for await (const bindings of stream) {
      if (rows.length >= limit) {
        stream.destroy();
        throw errors.tooManyRows(limit);
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
      throw errors.tooManyRows(limit);
    }
    quads.push(quad);
  }
  return { type: 'quads', nquads: new Writer({ format: 'application/n-quads' }).quadsToString(quads) };
}

export { wireError, type WireError } from './wire-error.js';
