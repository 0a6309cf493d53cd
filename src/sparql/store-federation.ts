// Store mode, on the main thread: a checked query that calls allow-listed SERVICE endpoints goes to a query worker, which federates the store and the endpoints with Comunica (store-comunica.ts).
import type { Config } from '../config.js';
import type { Credentials } from './store-auth.js';
import type { StoreGraphs } from './store-adapter.js';

/** What a worker needs to query the store for one job: plain data, as it crosses the thread boundary with the job. */
export interface StoreSource {
  /** STORE_QUERY_URL: the one store (several stores are not federated; see the README). */
  url: string;
  /** The graphs the loader wrote, as the meta graph names them: they give the local part its dataset. */
  graphs: StoreGraphs;
  credentials: Credentials | null;
  /** The query's time limit, passed on to the store (the pool terminates the worker, and with it Comunica, at the same limit). */
  timeoutMs: number;
}

/**
 * The store as the source of a federated query. Comunica runs in the query worker, never here: its evaluation
 * is CPU work in JavaScript (joins, parsing the store's answers) that would stall every other request on this
 * thread, and a worker can be terminated at the timeout, which stops Comunica and closes its connections.
 */
export function storeSource(config: Config, graphs: StoreGraphs, timeoutMs: number): StoreSource {
  if (!config.storeQueryUrl) throw new Error('storeSource needs STORE=sparql');
  return { url: config.storeQueryUrl, graphs: { merged: graphs.merged, sources: [...graphs.sources] }, credentials: config.storeCredentials, timeoutMs };
}
