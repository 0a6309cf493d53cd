// Query worker thread: holds its own copy of the graph and a Comunica engine, runs one query at a time, and can be terminated mid-query.
import { parentPort, workerData } from 'node:worker_threads';
import { QueryEngine } from '@comunica/query-sparql';
import { Parser, Store } from 'n3';
import { runQuery, wireError, type RunOptions, type WireError, type WireResult } from './engine.js';
import type { PreparedQuery } from './query-check.js';

export interface WorkerInit {
  nquads: string;
  options: RunOptions;
}

export type ToWorker = { kind: 'graph'; nquads: string } | { kind: 'query'; id: number; prepared: PreparedQuery };
export type FromWorker = { ready: true } | { id: number; ok: true; result: WireResult } | { id: number; ok: false; error: WireError };

function storeOf(nquads: string): Store {
  return new Store(new Parser({ format: 'application/n-quads' }).parse(nquads));
}

if (parentPort) {
  const port = parentPort;
  const init = workerData as WorkerInit;
  const engine = new QueryEngine();
  let store = storeOf(init.nquads);
  port.postMessage({ ready: true } satisfies FromWorker);
  port.on('message', (message: ToWorker) => {
    if (message.kind === 'graph') {
      store = storeOf(message.nquads);
      return;
    }
    runQuery(engine, store, message.prepared, init.options).then(
      (result) => port.postMessage({ id: message.id, ok: true, result } satisfies FromWorker),
      (error: unknown) => port.postMessage({ id: message.id, ok: false, error: wireError(error) } satisfies FromWorker),
    );
  });
}
