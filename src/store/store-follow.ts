// Store mode: keeps a replica's read copy at the version the store's loader last completed, swapping it in when a new load appears.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.js';
import { assertValidInWorker } from '../validate/shacl.js';
import type { GraphState } from './graph-state.js';
import type { LoadedGraph } from './load.js';
import { readGraphFromStore } from './store-read.js';
import type { StoreMeta } from './store-graphs.js';

/** After a failed fetch the same load is tried again after this long, doubling up to the maximum: a big graph is not refetched every second. */
const RETRY_FIRST_MS = 2_000;
const RETRY_MAX_MS = 120_000;

/**
 * The SHACL gate applies to the copy too: invalid data is never served, whoever wrote into the store. It runs in a
 * worker, so a replica that validates a new copy keeps answering from the old one.
 */
export async function gatedCopy(config: Config, meta: StoreMeta): Promise<LoadedGraph> {
  const graph = await readGraphFromStore(config, meta);
  if (config.shapesDir) await assertValidInWorker(graph, config.shapesDir);
  return graph;
}

export interface StoreFollower {
  /** Called with each probe's meta graph. */
  onMeta(meta: StoreMeta): void;
  /** Why the last new load was not taken up (until one is); /health reports it. */
  lastFailure(): string | undefined;
  /** After the server closes, a fetch still running is not swapped in. */
  close(): void;
}

/**
 * Returns the listener the store executor calls with each probe's meta graph. When the store holds a load other than
 * the copy's (a new load id), the new copy is fetched and gated in the background, then replaces the old one through
 * GraphState (caches empty, ETags change); until then, and if it fails, the old copy stays served.
 */
export function followStore(config: Config, state: GraphState, log: FastifyBaseLogger): StoreFollower {
  let fetching = false;
  let failed: { loadId: string; at: number; waitMs: number; message: string } | undefined;
  let closed = false;
  const onMeta = (meta: StoreMeta) => {
    const served = state.current;
    if (closed || fetching || meta.loadId === served.loadId) return;
    if (failed?.loadId === meta.loadId && Date.now() - failed.at < failed.waitMs) return;
    fetching = true;
    gatedCopy(config, meta)
      .then((graph) => (closed ? undefined : state.replace(graph)))
      .then(() => {
        failed = undefined;
        log.info(`store mode: now serving version ${meta.version} (load ${meta.loadId}) from the store`);
      })
      .catch((error: unknown) => {
        const message = (error as Error).message;
        const waitMs = failed?.loadId === meta.loadId ? Math.min(failed.waitMs * 2, RETRY_MAX_MS) : RETRY_FIRST_MS;
        failed = { loadId: meta.loadId, at: Date.now(), waitMs, message };
        log.error(`store mode: version ${meta.version} not served, still serving ${state.current.version}: ${message}`);
      })
      .finally(() => {
        fetching = false;
      });
  };
  return {
    onMeta,
    lastFailure: () => failed?.message,
    close: () => void (closed = true),
  };
}
