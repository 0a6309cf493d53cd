// Query worker thread: holds the graph in its own Oxigraph store, checks and runs one query at a time, and can be terminated mid-query.
import { parentPort, workerData } from 'node:worker_threads';
import type { QueryEngine } from '@comunica/query-sparql';
import { Parser } from 'n3';
import { loadStore, runForBytes, runForValues } from './local-engine.js';
import { prepareQuery, type PreparedQuery } from './query-check.js';
import { chooseEngine } from './routing.js';
import type { OutputChoice, ResultLimits, ValueResult, WireAnswer } from './answers.js';
import { toWire, writeAnswer } from './wire-answer.js';
import { fromWire, wireError, type WireError } from './wire-error.js';
import type { StoreSource } from './store-federation.js';

export interface WorkerInit {
  /** The graph as N-Quads (UTF-8) in shared memory: every worker reads the same bytes, none is copied. */
  nquads: SharedArrayBuffer;
  limits: ResultLimits;
  serviceAllowList: readonly string[];
}

/** One query as the main thread sends it: the raw text and protocol dataset; it is parsed and checked here. */
export interface QueryJob {
  text: string;
  defaultGraphUris?: readonly string[];
  namedGraphUris?: readonly string[];
  /** Bytes in a negotiated format (the /sparql route), plain values (the REST API), or only the checked query (store mode, which runs it elsewhere). */
  output: { kind: 'bytes'; choice: OutputChoice } | { kind: 'values' } | { kind: 'prepare' };
  /** Store mode: a SERVICE query's local part is read from this store (store-comunica.ts), not from the worker's graph. */
  store?: StoreSource;
}

export type ToWorker = { kind: 'graph'; nquads: SharedArrayBuffer } | { kind: 'query'; id: number; job: QueryJob };
export type JobResult = { kind: 'bytes'; answer: WireAnswer } | { kind: 'values'; result: ValueResult } | { kind: 'prepared'; prepared: PreparedQuery };
export type FromWorker = { ready: true } | { id: number; ok: true; result: JobResult } | { id: number; ok: false; error: WireError };

/** Comunica loads lazily: most workers never see a SERVICE query, and its start-up costs memory and time. */
let federation:
  | Promise<{ engine: QueryEngine; run: typeof import('./engine.js').runQuery; runOverStore: typeof import('./store-comunica.js').runOverStore }>
  | undefined;
function federationEngine() {
  federation ??= Promise.all([import('./engine.js'), import('./store-comunica.js'), import('@comunica/query-sparql')]).then(([module, overStore, { QueryEngine }]) => ({
    engine: new QueryEngine(),
    run: module.runQuery,
    runOverStore: overStore.runOverStore,
  }));
  return federation;
}

async function runJob(store: ReturnType<typeof loadStore>, job: QueryJob, init: WorkerInit): Promise<JobResult> {
  const prepared = prepareQuery(job.text, {
    defaultGraphUris: job.defaultGraphUris ?? [],
    namedGraphUris: job.namedGraphUris ?? [],
    serviceAllowList: init.serviceAllowList,
    baseIri: init.limits.baseIri,
  });
  // Store mode: the check runs here, off the main thread, exactly as for a local query; the store evaluates it.
  if (job.output.kind === 'prepare') return { kind: 'prepared', prepared };
  if (!job.store && chooseEngine(prepared) === 'oxigraph') {
    if (job.output.kind === 'values') return { kind: 'values', result: runForValues(store, prepared, init.limits) };
    return { kind: 'bytes', answer: toWire(await runForBytes(store, prepared, job.output.choice, init.limits), init.limits) };
  }
  // Federated: a SERVICE call, already allow-listed by prepareQuery (in store mode, over the store: store-comunica.ts).
  if (job.output.kind === 'bytes') {
    const chosen = job.output.choice[prepared.form];
    if ('error' in chosen) throw fromWire(chosen.error);
  }
  const { engine, run, runOverStore } = await federationEngine();
  const limits = { maxResultRows: init.limits.maxResultRows, serviceAllowList: init.serviceAllowList };
  const value = job.store ? await runOverStore(engine, prepared, job.store, limits) : await run(engine, store, prepared, limits);
  if (job.output.kind === 'values') return { kind: 'values', result: value };
  const plain = value.type === 'quads' ? { type: 'quads' as const, quads: new Parser({ format: 'application/n-quads' }).parse(value.nquads) } : value;
  return { kind: 'bytes', answer: await writeAnswer(plain, prepared.form, job.output.choice, init.limits, 'comunica') };
}

if (parentPort) {
  const port = parentPort;
  const init = workerData as WorkerInit;
  let store = loadStore(new Uint8Array(init.nquads));
  port.postMessage({ ready: true } satisfies FromWorker);
  port.on('message', (message: ToWorker) => {
    if (message.kind === 'graph') {
      store = loadStore(new Uint8Array(message.nquads));
      return;
    }
    runJob(store, message.job, init).then(
      (result) => {
        // The body's bytes move to the main thread without a copy.
        const transfer = result.kind === 'bytes' ? [result.answer.body.buffer as ArrayBuffer] : [];
        port.postMessage({ id: message.id, ok: true, result } satisfies FromWorker, transfer);
      },
      (error: unknown) => {
        port.postMessage({ id: message.id, ok: false, error: wireError(error) } satisfies FromWorker);
        // A trap inside Oxigraph's WASM (a Rust panic, stack or memory exhausted) may leave its instance unusable:
        // this worker ends after answering, and the pool starts a fresh one.
        if (error instanceof WebAssembly.RuntimeError) setImmediate(() => process.exit(1));
      },
    );
  });
}
