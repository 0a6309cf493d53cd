// Runs SPARQL queries over the served graph in a pool of worker threads and returns plain results (SPARQL JSON bindings, booleans, quads).
import { QueryEngine } from '@comunica/query-sparql';
import { Parser, Writer } from 'n3';
import type { Quad } from '@rdfjs/types';
import type { Config } from '../config.js';
import { errors } from '../errors.js';
import type { GraphState } from '../store/graph-state.js';
import type { LoadedGraph } from '../store/load.js';
import { HttpError } from '../errors.js';
import { runQuery, wireError, type RunOptions, type WireResult } from './engine.js';
import { WorkerPool } from './pool.js';
import { prepareQuery, type PreparedQuery } from './query-check.js';
import type { JsonTerm } from './terms.js';

export { toJsonTerm, type JsonTerm } from './terms.js';

/** One query with its protocol dataset. */
interface QueryRequest {
  query: string;
  /** `default-graph-uri` values: the default graph is their merge (instead of the union of all graphs). */
  defaultGraphUris?: readonly string[];
  /** `named-graph-uri` values: the only named graphs the query sees. */
  namedGraphUris?: readonly string[];
}

interface ExecuteOptions {
  /** Overrides config.queryTimeoutMs for this query. */
  timeoutMs?: number;
}

export type QueryResult =
  | { type: 'bindings'; variables: string[]; rows: Array<Record<string, JsonTerm>> }
  | { type: 'boolean'; value: boolean }
  | { type: 'quads'; quads: Quad[] };

export interface QueryExecutor {
  /** Checks (400/403), runs (503 on timeout or when too many queries run) and returns the result. */
  execute(request: QueryRequest, options?: ExecuteOptions): Promise<QueryResult>;
  /** Runs a query already checked by `prepareQuery` (the SPARQL route negotiates the format in between). */
  executePrepared(prepared: PreparedQuery, options?: ExecuteOptions): Promise<QueryResult>;
  close(): Promise<void>;
}

interface ExecutorOptions {
  /** Run in the calling thread instead of worker threads (benchmarks only: a timeout cannot stop the work). */
  inProcess?: boolean;
}

function nquadsOf(graph: LoadedGraph): string {
  return new Writer({ format: 'application/n-quads' }).quadsToString(graph.store.getQuads(null, null, null, null));
}

function fromWire(result: WireResult): QueryResult {
  if (result.type !== 'quads') return result;
  return { type: 'quads', quads: new Parser({ format: 'application/n-quads' }).parse(result.nquads) };
}

/**
 * Worker-pool executor (config.queryWorkers threads, each with its own copy of the graph). Queries beyond
 * config.maxConcurrentQueries in flight get 503 + Retry-After; a query past its timeout has its worker
 * terminated and gets 503. When the graph is replaced, the workers are given the new one.
 */
export function createExecutor(config: Config, state: GraphState, options: ExecutorOptions = {}): QueryExecutor {
  const runOptions: RunOptions = { maxResultRows: config.maxResultRows, serviceAllowList: config.serviceAllowList };
  let run: (prepared: PreparedQuery, timeoutMs: number) => Promise<WireResult>;
  let stop: () => Promise<void>;
  let unsubscribe: () => void;
  if (options.inProcess) {
    const engine = new QueryEngine();
    run = async (prepared) => {
      try {
        return await runQuery(engine, state.current.store, prepared, runOptions);
      } catch (error) {
        const wire = wireError(error);
        throw new HttpError(wire.status, wire.code, wire.message, wire.details ?? {});
      }
    };
    stop = async () => {};
    unsubscribe = () => {};
  } else {
    const pool = new WorkerPool(config.queryWorkers, nquadsOf(state.current), runOptions);
    run = (prepared, timeoutMs) => pool.run(prepared, timeoutMs);
    stop = () => pool.close();
    unsubscribe = state.onChange((graph) => pool.setGraph(nquadsOf(graph)));
  }

  let inFlight = 0;
  const executePrepared = async (prepared: PreparedQuery, opts: ExecuteOptions = {}): Promise<QueryResult> => {
    if (inFlight >= config.maxConcurrentQueries) {
      // A query takes at most the timeout; suggest retrying after a fraction of it.
      throw errors.tooManyQueries(Math.max(1, Math.ceil(config.queryTimeoutMs / 4000)));
    }
    inFlight++;
    try {
      return fromWire(await run(prepared, opts.timeoutMs ?? config.queryTimeoutMs));
    } finally {
      inFlight--;
    }
  };
  return {
    execute: async (request, opts) =>
      executePrepared(
        prepareQuery(request.query, {
          ...(request.defaultGraphUris ? { defaultGraphUris: request.defaultGraphUris } : {}),
          ...(request.namedGraphUris ? { namedGraphUris: request.namedGraphUris } : {}),
          serviceAllowList: config.serviceAllowList,
          baseIri: config.baseIri,
        }),
        opts,
      ),
    executePrepared,
    async close() {
      unsubscribe();
      await stop();
    },
  };
}
