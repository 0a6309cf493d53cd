// The query worker threads: a queue with a bounded wait, a reserved share for the REST API, timeouts that terminate a worker, and restarts with backoff.
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../worker-start.js';
import { errors } from '../errors.js';
import { fromWire } from './wire-error.js';
import type { FromWorker, JobResult, QueryJob, ToWorker, WorkerInit } from './worker.js';

/** Who asked: hand-written SPARQL, or the REST API's canned queries (which must never starve behind the former). */
export type Budget = 'sparql' | 'api';

export interface PoolSettings {
  /** Workers any query may use. */
  sharedWorkers: number;
  /** Workers kept for the REST API alone, so a burst of runaway SPARQL cannot shut it out. */
  apiWorkers: number;
  /** Longest wait in the queue before a 503 with Retry-After. */
  queueWaitMs: number;
  /** Queries admitted at once, running or waiting; more get 503 at once. */
  maxAdmitted: number;
  /** V8 heap of one worker; a query that exhausts it ends only that worker. */
  workerMemoryMb: number;
}

export interface PoolStatus {
  workers: number;
  ready: number;
  busy: number;
  queued: number;
  restarts: number;
  /** Why no worker is ready, while that is so. */
  lastFailure?: string;
}

/** Hooks for metrics; the pool itself does not know how they are exported. */
export interface PoolEvents {
  restarted?(): void;
  queueChanged?(queued: number, running: number): void;
  /** A query ended, after `seconds` queued and running; `error` when it failed. */
  finished?(budget: Budget, seconds: number, error?: unknown): void;
}

interface Job {
  id: number;
  job: QueryJob;
  budget: Budget;
  timeoutMs: number;
  resolve: (result: JobResult) => void;
  reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
  slot?: Slot;
}

interface Slot {
  worker?: Worker;
  job?: Job;
  ready: boolean;
  reservedFor?: Budget;
  /** Consecutive starts that died before the worker was ready: the backoff grows with them. */
  failedStarts: number;
  retry?: NodeJS.Timeout;
}

const MAX_BACKOFF_MS = 30_000;

export class WorkerPool {
  readonly #slots: Slot[] = [];
  readonly #queue: Job[] = [];
  #init: WorkerInit;
  #nextId = 1;
  #closed = false;
  #restarts = 0;
  #lastFailure: string | undefined;
  readonly #readyWaiters: Array<() => void> = [];

  constructor(
    init: WorkerInit,
    readonly settings: PoolSettings,
    readonly events: PoolEvents = {},
  ) {
    this.#init = init;
    for (let i = 0; i < settings.sharedWorkers + settings.apiWorkers; i++) {
      const slot: Slot = { ready: false, failedStarts: 0, ...(i >= settings.sharedWorkers ? { reservedFor: 'api' as const } : {}) };
      this.#slots.push(slot);
      this.#start(slot);
    }
  }

  #start(slot: Slot): void {
    slot.retry = undefined;
    slot.ready = false;
    let worker: Worker;
    try {
      worker = startWorker(new URL('./worker.js', import.meta.url), this.#init, { maxOldGenerationSizeMb: this.settings.workerMemoryMb });
    } catch (error) {
      this.#died(slot, undefined, error as Error);
      return;
    }
    slot.worker = worker;
    worker.on('message', (message: FromWorker) => {
      if ('ready' in message) {
        slot.ready = true;
        slot.failedStarts = 0;
        this.#lastFailure = undefined;
        for (const resolve of this.#readyWaiters.splice(0)) resolve();
        this.#dispatch();
      } else this.#settle(slot, message);
    });
    worker.on('error', (error) => this.#died(slot, worker, error));
    worker.on('exit', (code) => this.#died(slot, worker, new Error(`query worker exited with code ${code}`)));
  }

  /** A worker died or failed to start: its query fails with 503, and the slot starts again (after a backoff if it never got ready). */
  #died(slot: Slot, worker: Worker | undefined, error: Error): void {
    if (worker !== slot.worker || this.#closed) return;
    slot.worker = undefined;
    const job = slot.job;
    slot.job = undefined;
    if (job) {
      clearTimeout(job.timer);
      const outOfMemory = (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
      job.reject(
        errors.queryWorkerFailed(
          outOfMemory
            ? `The query ran its worker out of memory (${this.settings.workerMemoryMb} MB) and was stopped; narrow the query.`
            : `The query worker failed: ${error.message}`,
        ),
      );
    }
    if (worker) void worker.terminate();
    this.#restarts++;
    this.events.restarted?.();
    if (slot.ready) {
      this.#start(slot);
      return;
    }
    // It never got ready: starting again at once could loop, so wait longer after each failure (never give up).
    slot.failedStarts++;
    this.#lastFailure = `a query worker could not start: ${error.message}`;
    const delay = Math.min(MAX_BACKOFF_MS, 100 * 2 ** (slot.failedStarts - 1));
    slot.retry = setTimeout(() => this.#start(slot), delay);
    slot.retry.unref();
  }

  #settle(slot: Slot, message: Exclude<FromWorker, { ready: true }>): void {
    const job = slot.job;
    if (!job || job.id !== message.id) return;
    slot.job = undefined;
    clearTimeout(job.timer);
    if (message.ok) job.resolve(message.result);
    else job.reject(fromWire(message.error));
    this.#dispatch();
  }

  /** The next job this slot may take: API jobs first everywhere; a reserved slot takes nothing else. */
  #nextFor(slot: Slot): Job | undefined {
    let index = this.#queue.findIndex((job) => job.budget === 'api');
    if (index === -1 && slot.reservedFor !== 'api') index = this.#queue.length > 0 ? 0 : -1;
    return index === -1 ? undefined : this.#queue.splice(index, 1)[0];
  }

  #dispatch(): void {
    for (const slot of this.#slots) {
      if (slot.job || !slot.ready || !slot.worker) continue;
      const job = this.#nextFor(slot);
      if (!job) continue;
      clearTimeout(job.timer);
      slot.job = job;
      job.slot = slot;
      job.timer = setTimeout(() => this.#timedOut(job), job.timeoutMs);
      slot.worker.postMessage({ kind: 'query', id: job.id, job: job.job } satisfies ToWorker);
    }
    this.events.queueChanged?.(this.#queue.length, this.#running());
  }

  #timedOut(job: Job): void {
    job.reject(errors.queryTimeout(job.timeoutMs));
    const slot = job.slot;
    // Terminating the thread is what stops the work: neither engine can interrupt a running evaluation.
    if (slot?.job === job && slot.worker) {
      slot.job = undefined;
      const worker = slot.worker;
      slot.worker = undefined;
      slot.ready = false;
      void worker.terminate();
      this.#restarts++;
      this.events.restarted?.();
      this.#start(slot);
    }
  }

  #running(): number {
    return this.#slots.filter((slot) => slot.job).length;
  }

  /**
   * Runs a query on the next free worker. A query waits at most `queueWaitMs` for one (503 with Retry-After
   * after that); its own timeout counts from the moment a worker takes it.
   */
  run(job: QueryJob, budget: Budget, timeoutMs: number): Promise<JobResult> {
    const started = performance.now();
    const done = this.#enqueue(job, budget, timeoutMs);
    done.then(
      () => this.events.finished?.(budget, (performance.now() - started) / 1000),
      (error: unknown) => this.events.finished?.(budget, (performance.now() - started) / 1000, error),
    );
    return done;
  }

  #enqueue(job: QueryJob, budget: Budget, timeoutMs: number): Promise<JobResult> {
    if (this.#closed) return Promise.reject(errors.shuttingDown());
    const retryAfter = Math.max(1, Math.ceil(this.settings.queueWaitMs / 1000));
    if (this.#queue.length + this.#running() >= this.settings.maxAdmitted) return Promise.reject(errors.tooManyQueries(retryAfter));
    return new Promise<JobResult>((resolve, reject) => {
      const queued: Job = { id: this.#nextId++, job, budget, timeoutMs, resolve, reject };
      queued.timer = setTimeout(() => {
        const index = this.#queue.indexOf(queued);
        if (index === -1) return;
        this.#queue.splice(index, 1);
        this.events.queueChanged?.(this.#queue.length, this.#running());
        reject(errors.queueTimeout(this.settings.queueWaitMs, retryAfter));
      }, this.settings.queueWaitMs);
      this.#queue.push(queued);
      this.#dispatch();
    });
  }

  /** Resolves once a worker can run queries (at once if one can); rejects after `timeoutMs` with the last start failure. */
  ready(timeoutMs: number): Promise<void> {
    if (this.#slots.some((slot) => slot.ready && slot.worker)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no query worker was ready after ${timeoutMs} ms${this.#lastFailure ? `: ${this.#lastFailure}` : ''}`)), timeoutMs);
      this.#readyWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  status(): PoolStatus {
    const ready = this.#slots.filter((slot) => slot.ready && slot.worker).length;
    return {
      workers: this.#slots.length,
      ready,
      busy: this.#running(),
      queued: this.#queue.length,
      restarts: this.#restarts,
      ...(ready === 0 && this.#lastFailure ? { lastFailure: this.#lastFailure } : {}),
    };
  }

  /** Gives every worker the new graph (shared memory, not copied); queries already running finish on the old one. */
  setGraph(nquads: SharedArrayBuffer): void {
    this.#init = { ...this.#init, nquads };
    for (const slot of this.#slots) slot.worker?.postMessage({ kind: 'graph', nquads } satisfies ToWorker);
  }

  async close(): Promise<void> {
    this.#closed = true;
    const stopping = errors.shuttingDown();
    for (const job of this.#queue.splice(0)) {
      clearTimeout(job.timer);
      job.reject(stopping);
    }
    const workers: Worker[] = [];
    for (const slot of this.#slots.splice(0)) {
      clearTimeout(slot.retry);
      if (slot.job) {
        clearTimeout(slot.job.timer);
        slot.job.reject(stopping);
      }
      if (slot.worker) workers.push(slot.worker);
    }
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
