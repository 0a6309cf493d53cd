// Store mode (STORE=sparql): /sparql and /api queries are checked in the workers as in embedded mode, then answered by the external store, whose meta graph is probed every second.
import { Parser } from 'n3';
import type { Config } from '../config.js';
import { errors, HttpError } from '../errors.js';
import { readMeta, type StoreMeta } from '../store/store-graphs.js';
import { countRows } from './row-count.js';
import type { ExecuteOptions, QueryExecutor, QueryRequest, QueryResult } from './executor.js';
import type { PreparedQuery } from './query-check.js';
import { chooseEngine } from './routing.js';
import { callStore } from './store-client.js';
import { storeQuirks } from './store-adapter.js';
import { storeSource, type StoreSource } from './store-federation.js';
import type { OutputChoice, ResultLimits } from './answers.js';
import type { JsonTerm } from './terms.js';
import { fromWire } from './wire-error.js';
import { writeAnswer } from './wire-answer.js';

/** How often the store is probed (reachability and the loaded version); /health reports the last probe, so it never waits on the store. */
const PROBE_INTERVAL_MS = 1000;
const PROBE_TIMEOUT_MS = 900;
/** Probes that time out in a row before the store counts as down (an unreachable store counts at once). */
const SLOW_PROBES_DOWN = 3;
/** How much larger than MAX_RESULT_BYTES the store's own answer to a client query may be. */
const STORE_BYTES_FACTOR = 4;

export class StoreNotLoadedError extends Error {
  override name = 'StoreNotLoadedError';
}

interface StoreState {
  meta: StoreMeta | null;
  failure: string | undefined;
}

/** Asks the store (SPARQL JSON for SELECT and ASK, N-Triples for graphs) and returns plain values, the limits checked. */
async function valuesFromStore(config: Config, meta: StoreMeta, prepared: PreparedQuery, timeoutMs: number): Promise<QueryResult> {
  const table = prepared.form === 'SELECT' || prepared.form === 'ASK';
  const text = storeQuirks.queryText(prepared.text, prepared.baseIri);
  const { body } = await callStore(config, {
    kind: 'query',
    // The base IRI is written into the text: the protocol has no parameter for it.
    text: prepared.baseIri && !/^\s*BASE\b/i.test(text) ? `BASE <${prepared.baseIri}>\n${text}` : text,
    params: storeQuirks.datasetParams(prepared.dataset, meta),
    accept: table ? 'application/sparql-results+json' : storeQuirks.graphAccept,
    timeoutMs,
    // The store's serialization runs longer than the one the client gets (SPARQL JSON per term, N-Triples in full
    // IRIs), so it is allowed a multiple of the byte limit; the written answer is held to the limit itself.
    maxBytes: config.maxResultBytes * STORE_BYTES_FACTOR,
  });
  try {
    return plainAnswer(config, prepared, body);
  } catch (error) {
    // A 200 that is not the format asked for (a proxy's HTML page, a cut-off body) is the store's fault, not a 500.
    if (error instanceof HttpError) throw error;
    throw errors.storeUnavailable(`the store's answer could not be read (${(error as Error).message.slice(0, 200)}).`);
  }
}

/** The store's answer (SPARQL JSON or N-Triples) as plain values, the row limit checked. */
function plainAnswer(config: Config, prepared: PreparedQuery, body: string): QueryResult {
  if (prepared.form === 'ASK') return { type: 'boolean', value: storeQuirks.askResult(body) };
  if (prepared.form === 'SELECT') {
    const parsed = JSON.parse(body) as { head: { vars?: string[] }; results: { bindings: Array<Record<string, JsonTerm>> } };
    if (parsed.results.bindings.length > config.maxResultRows) throw errors.tooManyRows(config.maxResultRows);
    const rows = parsed.results.bindings.map((row) => Object.fromEntries(Object.entries(row).map(([name, term]) => [name, storeQuirks.normalizeTerm(term)])));
    return { type: 'bindings', variables: parsed.head.vars ?? [], rows };
  }
  if (countRows('application/n-triples', body) > config.maxResultRows) throw errors.tooManyRows(config.maxResultRows);
  return { type: 'quads', quads: new Parser({ format: 'application/n-triples' }).parse(body) };
}

/** The store's answer written in the negotiated format with the project's writers, as embedded mode writes it. */
async function answerFromStore(config: Config, meta: StoreMeta, prepared: PreparedQuery, output: OutputChoice, timeoutMs: number) {
  const choice = output[prepared.form];
  // Refused before the store is asked: nothing the client accepts exists for this form.
  if ('error' in choice) throw fromWire(choice.error);
  const limits: ResultLimits = { maxResultRows: config.maxResultRows, maxResultBytes: config.maxResultBytes, baseIri: config.baseIri };
  return writeAnswer(await valuesFromStore(config, meta, prepared, timeoutMs), prepared.form, output, limits, 'store');
}

/**
 * Wraps the embedded executor: `answer` (the /sparql route) and `execute` (the REST API) run on the store; the
 * embedded workers only check queries. The store is probed every second; a failed probe or query marks it down
 * (readiness 503), the next good one marks it up again, so recovery needs no restart. Each probe's meta graph goes to
 * `onMeta`, which keeps the replica's read copy (for /doc, the catalogue, dumps and pages) at the store's version.
 */
export function createStoreExecutor(
  config: Config,
  embedded: QueryExecutor,
  onMeta: (meta: StoreMeta) => void = () => undefined,
): QueryExecutor & { graphVersion(): string | undefined; loadId(): string | undefined } {
  const state: StoreState = { meta: null, failure: 'the store has not been probed yet' };
  let slowProbes = 0;
  const probe = async () => {
    try {
      const meta = await readMeta(config, PROBE_TIMEOUT_MS);
      state.meta = meta ?? state.meta;
      // The replica's read copy follows the store's version (a new load is seen within a probe interval).
      if (meta) onMeta(meta);
      // No meta graph after one was read: store:load is switching graphs (it drops the meta graph first and writes it
      // last). Every replica going unready at once would empty the load balancer, so the last meta graph stays in use.
      state.failure = meta || state.meta ? undefined : `the store at ${config.storeQueryUrl} holds no loaded graph; run npm run store:load`;
      slowProbes = 0;
    } catch (error) {
      // A store that cannot be reached is down at once. One slow answer is not an outage: a store busy with heavy
      // queries from every replica would otherwise make all of them unready together. Three in a row are.
      const slow = error instanceof HttpError && error.code === 'QUERY_TIMEOUT';
      slowProbes = slow ? slowProbes + 1 : 0;
      if (!slow || slowProbes >= SLOW_PROBES_DOWN) state.failure = error instanceof Error ? error.message : String(error);
    }
  };
  const timer = setInterval(() => void probe(), PROBE_INTERVAL_MS);
  timer.unref();
  /**
   * Queries between their check and the store's answer. The pool admits only the check, which takes milliseconds:
   * without this count MAX_CONCURRENT_QUERIES would not bound the queries the store runs for this replica.
   */
  let admitted = 0;
  /** Checks the query, then runs it on the store; an outage seen by a query marks the store down at once. */
  type Run<T> = (meta: StoreMeta, prepared: PreparedQuery, timeoutMs: number) => Promise<T>;
  async function viaStore<T>(request: QueryRequest, options: ExecuteOptions, run: Run<T>, federate: (store: StoreSource) => Promise<T>): Promise<T> {
    if (admitted >= config.maxConcurrentQueries) throw errors.tooManyQueries(Math.max(1, Math.ceil(config.queueWaitMs / 1000)));
    admitted++;
    try {
      return await checkedAndRun(request, options, run, federate);
    } finally {
      admitted--;
    }
  }
  async function checkedAndRun<T>(request: QueryRequest, options: ExecuteOptions, run: Run<T>, federate: (store: StoreSource) => Promise<T>): Promise<T> {
    // Checked in a query worker as in embedded mode (parsing a 128 KiB query would block this thread for a third
    // of a second), which also applies the pool's queue to the check.
    const prepared = await embedded.prepare(request, options);
    // A store the probe found down answers nothing at once, rather than holding each query until its time limit.
    if (!state.meta || state.failure) throw errors.storeUnavailable(state.failure ?? 'no graph loaded');
    const timeoutMs = options.timeoutMs ?? config.queryTimeoutMs;
    try {
      // An allow-listed SERVICE: Comunica federates the store and the endpoint in a query worker (store-federation.ts).
      if (chooseEngine(prepared, 'sparql') !== 'store') return await federate(storeSource(config, state.meta, timeoutMs));
      // The store gets the whole time limit: the check took milliseconds, and a 503 naming the configured limit is the clearer answer.
      return await run(state.meta, prepared, timeoutMs);
    } catch (error) {
      // Probe at once rather than mark the store down: a 5xx to this one query (a query Virtuoso fails on) must not let
      // any client flip every replica's readiness; an outage fails the probe too, and that marks it down.
      if (error instanceof HttpError && error.code === 'STORE_UNAVAILABLE') void probe();
      throw error;
    }
  }
  return {
    prepare: (request, options) => embedded.prepare(request, options),
    execute: (request, options = {}) =>
      viaStore(request, options, (meta, prepared, timeoutMs) => valuesFromStore(config, meta, prepared, timeoutMs), (store) => embedded.execute({ ...request, store }, options)),
    answer: (request, choice, options = {}) =>
      viaStore(request, options, (meta, prepared, timeoutMs) => answerFromStore(config, meta, prepared, choice, timeoutMs), (store) => embedded.answer({ ...request, store }, choice, options)),
    async ready() {
      await embedded.ready();
      await probe();
      if (state.failure) throw new StoreNotLoadedError(`STORE=sparql: ${state.failure}`);
    },
    status() {
      const pool = embedded.status();
      return state.failure ? { ...pool, ready: 0, lastFailure: state.failure } : pool;
    },
    graphVersion: () => state.meta?.version,
    // Answers cached while a repeated load switched graphs (same version) are dropped with that load.
    loadId: () => state.meta?.loadId,
    async close() {
      clearInterval(timer);
      await embedded.close();
    },
  };
}
