// A small pool of query worker threads: one query per worker, a queue, and a timeout that terminates the worker (stopping the work) and starts a fresh one.
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { HttpError, errors } from '../errors.js';
import type { RunOptions, WireResult } from './engine.js';
import type { PreparedQuery } from './query-check.js';
import type { FromWorker, ToWorker, WorkerInit } from './worker.js';

interface Job {
  id: number;
  prepared: PreparedQuery;
  timeoutMs: number;
  resolve: (result: WireResult) => void;
  reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
  slot?: Slot;
}

interface Slot {
  worker: Worker;
  job?: Job;
  online: boolean;
}

/**
 * Starts the worker entry next to this module: worker.js when running the build (dist/). Under vitest/tsx
 * the entry is worker.ts, and Node 20 does not apply `--import tsx` to a worker's entry file, so a tiny
 * bootstrap loads the entry through tsx's API (tsImport) and then imports the TypeScript entry.
 */
function startWorker(workerData: WorkerInit): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./worker.js', import.meta.url), { workerData });
  const tsxApi = pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve('tsx')), 'esm/api/index.mjs')).href;
  const entry = new URL('./worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((api) => api.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}));`;
  return new Worker(bootstrap, { eval: true, workerData });
}

export class WorkerPool {
  readonly #slots: Slot[] = [];
  readonly #queue: Job[] = [];
  #nquads: string;
  #nextId = 1;
  #closed = false;
  /** Set when a worker cannot even start (e.g. a broken install): respawning would only loop. */
  #broken: Error | undefined;

  constructor(
    readonly size: number,
    nquads: string,
    readonly options: RunOptions,
  ) {
    this.#nquads = nquads;
    for (let i = 0; i < size; i++) this.#slots.push(this.#spawn());
  }

  #spawn(): Slot {
    const worker = startWorker({ nquads: this.#nquads, options: this.options });
    const slot: Slot = { worker, online: false };
    worker.on('message', (message: FromWorker) => {
      if ('ready' in message) {
        slot.online = true;
        this.#dispatch();
      } else this.#settle(slot, message);
    });
    worker.on('error', (error) => this.#crashed(slot, error));
    worker.on('exit', (code) => {
      if (!this.#closed && this.#slots.includes(slot)) this.#crashed(slot, new Error(`query worker exited with code ${code}`));
    });
    return slot;
  }

  /** Replaces a dead or stopped worker with a fresh one holding the current graph. */
  #replace(slot: Slot): void {
    const index = this.#slots.indexOf(slot);
    if (index === -1) return;
    const fresh = this.#spawn();
    this.#slots[index] = fresh;
    void slot.worker.terminate();
    if (!this.#closed) this.#dispatch();
  }

  #crashed(slot: Slot, error: Error): void {
    const job = slot.job;
    slot.job = undefined;
    if (job) {
      clearTimeout(job.timer);
      // A worker dying (e.g. out of memory) is the server's failure, not the client's.
      job.reject(errors.queryWorkerFailed(`The query worker failed: ${error.message}`));
    }
    if (!slot.online) {
      this.#broken = error;
      for (const queued of this.#queue.splice(0)) {
        clearTimeout(queued.timer);
        queued.reject(errors.queryWorkerFailed(`The query worker could not start: ${error.message}`));
      }
      return;
    }
    this.#replace(slot);
  }

  #settle(slot: Slot, message: Exclude<FromWorker, { ready: true }>): void {
    const job = slot.job;
    if (!job || job.id !== message.id) return;
    slot.job = undefined;
    clearTimeout(job.timer);
    if (message.ok) job.resolve(message.result);
    else job.reject(new HttpError(message.error.status, message.error.code, message.error.message, message.error.details ?? {}));
    this.#dispatch();
  }

  #dispatch(): void {
    for (const slot of this.#slots) {
      if (slot.job || !slot.online) continue;
      const job = this.#queue.shift();
      if (!job) return;
      slot.job = job;
      job.slot = slot;
      job.timer = setTimeout(() => this.#timedOut(job), job.timeoutMs);
      slot.worker.postMessage({ kind: 'query', id: job.id, prepared: job.prepared } satisfies ToWorker);
    }
  }

  #timedOut(job: Job): void {
    const queued = this.#queue.indexOf(job);
    if (queued !== -1) this.#queue.splice(queued, 1);
    job.reject(errors.queryTimeout(job.timeoutMs));
    // Terminating the thread is what stops the work: Comunica has no cancellation that reaches CPU-bound operators.
    if (job.slot && job.slot.job === job) {
      job.slot.job = undefined;
      this.#replace(job.slot);
    }
  }

  /**
   * Runs a query on the next free worker. The timeout counts from the moment a worker takes the query, so
   * a worker's start-up is not charged to it; the wait in the queue is bounded by maxConcurrentQueries.
   */
  run(prepared: PreparedQuery, timeoutMs: number): Promise<WireResult> {
    if (this.#closed) return Promise.reject(errors.shuttingDown());
    if (this.#broken) return Promise.reject(errors.queryWorkerFailed(`The query worker could not start: ${this.#broken.message}`));
    return new Promise<WireResult>((resolve, reject) => {
      const job: Job = { id: this.#nextId++, prepared, timeoutMs, resolve, reject };
      this.#queue.push(job);
      this.#dispatch();
    });
  }

  /** Gives every worker the new graph; queries already running finish on the old one. */
  setGraph(nquads: string): void {
    this.#nquads = nquads;
    for (const slot of this.#slots) slot.worker.postMessage({ kind: 'graph', nquads } satisfies ToWorker);
  }

  async close(): Promise<void> {
    this.#closed = true;
    const stopping = errors.shuttingDown();
    for (const job of this.#queue.splice(0)) {
      clearTimeout(job.timer);
      job.reject(stopping);
    }
    for (const slot of this.#slots) {
      if (slot.job) {
        clearTimeout(slot.job.timer);
        slot.job.reject(stopping);
      }
    }
    const slots = this.#slots.splice(0);
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }
}
