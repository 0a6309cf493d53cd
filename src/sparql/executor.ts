// The one query executor every read path uses: hands queries to the worker pool and keeps the workers' graph in step with reloads.
import { Parser } from 'n3';
import type { Config } from '../config.js';
import type { GraphState } from '../store/graph-state.js';
import type { LoadedGraph } from '../store/load.js';
import { WorkerPool, type Budget, type PoolEvents, type PoolStatus } from './pool.js';
import type { QueryJob } from './worker.js';
import type { OutputChoice, WireAnswer } from './answers.js';
import type { PlainResult } from './wire-answer.js';
import type { PreparedQuery } from './query-check.js';
import type { StoreSource } from './store-federation.js';

export { toJsonTerm, type JsonTerm } from './terms.js';

/** One query with its protocol dataset. */
export interface QueryRequest {
  query: string;
  /** `default-graph-uri` values: the default graph is their merge (instead of the merge of all graphs). */
  defaultGraphUris?: readonly string[];
  /** `named-graph-uri` values: the only named graphs the query sees. */
  namedGraphUris?: readonly string[];
  /** Store mode: evaluate with Comunica over this store (a query with an allow-listed SERVICE; store-federation.ts). */
  store?: StoreSource;
}

export interface ExecuteOptions {
  /** Overrides config.queryTimeoutMs for this query. */
  timeoutMs?: number;
  /** Whose share of the workers the query uses; hand-written SPARQL by default. */
  budget?: Budget;
}

/** A query's results as plain values, quads parsed. */
export type QueryResult = PlainResult;

export interface QueryExecutor {
  /** Checks (400/403) and runs a query in a worker (503 on timeout or overload) and returns plain values. */
  execute(request: QueryRequest, options?: ExecuteOptions): Promise<QueryResult>;
  /** The same, but the worker writes the answer in the format negotiated for the query's form (the /sparql route). */
  answer(request: QueryRequest, choice: OutputChoice, options?: ExecuteOptions): Promise<WireAnswer>;
  /** Only parses and checks the query (400/403), in a worker as every query is, and returns it prepared for another engine (store mode). */
  prepare(request: QueryRequest, options?: ExecuteOptions): Promise<PreparedQuery>;
  /** Resolves once a worker has loaded the graph and can run queries. */
  ready(): Promise<void>;
  status(): PoolStatus;
  /** Store mode: the version the store's loader wrote (replicas agree on it); absent in embedded mode, where the loaded graph's version counts. */
  graphVersion?(): string | undefined;
  /** Store mode: the store's current load (a repeated load of the same version is a new load). */
  loadId?(): string | undefined;
  close(): Promise<void>;
}

/** The graph's N-Quads in shared memory (made once at load): every worker loads from that one copy. */
export function sharedNQuads(graph: LoadedGraph): SharedArrayBuffer {
  return graph.nquads.buffer as SharedArrayBuffer;
}

function datasetOf(request: QueryRequest) {
  return {
    ...(request.defaultGraphUris ? { defaultGraphUris: request.defaultGraphUris } : {}),
    ...(request.namedGraphUris ? { namedGraphUris: request.namedGraphUris } : {}),
    ...(request.store ? { store: request.store } : {}),
  };
}

/**
 * Starts config.queryWorkers shared workers and config.apiQueryWorkers kept for the REST API, each loading the
 * graph into its own Oxigraph store (unless `holdsGraph` is false: store mode, where they only check queries). When
 * the graph is replaced, the workers are given the new one.
 */
export function createExecutor(config: Config, state: GraphState, events: PoolEvents = {}, holdsGraph = true): QueryExecutor {
  // Store mode: the workers only check queries (the store answers them), so they load no graph: a replica's memory
  // then holds one read copy, not one more per worker.
  const pool = new WorkerPool(
    {
      nquads: holdsGraph ? sharedNQuads(state.current) : new SharedArrayBuffer(0),
      limits: { maxResultRows: config.maxResultRows, maxResultBytes: config.maxResultBytes, baseIri: config.baseIri },
      serviceAllowList: config.serviceAllowList,
    },
    {
      sharedWorkers: config.queryWorkers,
      apiWorkers: config.apiQueryWorkers,
      queueWaitMs: config.queueWaitMs,
      maxAdmitted: config.maxConcurrentQueries,
      workerMemoryMb: config.workerMemoryMb,
    },
    events,
  );
  const unsubscribe = holdsGraph ? state.onChange((graph) => pool.setGraph(sharedNQuads(graph))) : () => false;
  /** One job in a worker, in the caller's budget and time limit. */
  const run = (request: QueryRequest, output: QueryJob['output'], options: ExecuteOptions) =>
    pool.run({ text: request.query, ...datasetOf(request), output }, options.budget ?? 'sparql', options.timeoutMs ?? config.queryTimeoutMs);
  return {
    async execute(request, options = {}) {
      const done = await run(request, { kind: 'values' }, options);
      if (done.kind !== 'values') throw new Error('expected values from the worker');
      const result = done.result;
      if (result.type !== 'quads') return result;
      return { type: 'quads', quads: new Parser({ format: 'application/n-quads' }).parse(result.nquads) };
    },
    async answer(request, choice, options = {}) {
      const done = await run(request, { kind: 'bytes', choice }, options);
      if (done.kind !== 'bytes') throw new Error('expected bytes from the worker');
      return done.answer;
    },
    async prepare(request, options = {}) {
      const done = await run(request, { kind: 'prepare' }, options);
      if (done.kind !== 'prepared') throw new Error('expected a prepared query from the worker');
      return done.prepared;
    },
    // A worker that cannot load the graph within ten minutes (1M triples take about 10 s) is a start failure, not a silent 503 later.
    ready: () => pool.ready(600_000),
    status: () => pool.status(),
    async close() {
      unsubscribe();
      await pool.close();
    },
  };
}
