// Prometheus metrics (prom-client): one registry per app, the instruments other modules update, and GET /metrics.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { FastifyInstance } from 'fastify';
import type { GraphState } from '../store/graph-state.js';
import type { PoolEvents } from '../sparql/pool.js';

/** Buckets in seconds: from a cached page (~1 ms) to a query stopped at a long timeout. */
const latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** The instruments of one app. Modules that see an event (the query pool, the /api cache) update them. */
export interface Metrics {
  readonly registry: Registry;
  /** Answers by method, route pattern (never the raw URL: its values are unbounded) and status. */
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpDuration: Histogram<'method' | 'route'>;
  /** Time one query spends queued and running; `route` is "sparql" or "api", `outcome` "ok", "timeout", "error", "rejected". */
  readonly queryLatency: Histogram<'route' | 'outcome'>;
  /** Queries waiting for a worker. */
  readonly queueLength: Gauge;
  /** Queries running in a worker now. */
  readonly queriesRunning: Gauge;
  /** Workers that died or were stopped and were replaced. */
  readonly workerRestarts: Counter;
  /** Answers served from a result cache, and ones computed because the cache had none, by route. */
  readonly cacheHits: Counter<'route'>;
  readonly cacheMisses: Counter<'route'>;
}

/** A fresh registry with the app's instruments and Node's process metrics (memory, CPU, event-loop lag). */
export function createMetrics(state: GraphState): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  new Gauge({
    name: 'lod_graph_quads',
    help: 'Quads in the graph being served.',
    registers,
    collect() {
      this.set(state.current.store.size);
    },
  });
  new Gauge({
    name: 'lod_graph_info',
    help: 'The graph being served: always 1, its version and load time as labels.',
    labelNames: ['version', 'loaded_at'],
    registers,
    collect() {
      this.reset();
      this.set({ version: state.current.version, loaded_at: state.current.loadedAt.toISOString() }, 1);
    },
  });
  return {
    registry,
    httpRequests: new Counter({ name: 'lod_http_requests_total', help: 'HTTP answers by method, route and status.', labelNames: ['method', 'route', 'status'], registers }),
    httpDuration: new Histogram({ name: 'lod_http_request_duration_seconds', help: 'Time from request to answer, by method and route.', labelNames: ['method', 'route'], buckets: latencyBuckets, registers }),
    queryLatency: new Histogram({ name: 'lod_query_duration_seconds', help: 'Time one query spends queued and running, by route and outcome.', labelNames: ['route', 'outcome'], buckets: latencyBuckets, registers }),
    queueLength: new Gauge({ name: 'lod_query_queue_length', help: 'Queries waiting for a worker.', registers }),
    queriesRunning: new Gauge({ name: 'lod_queries_running', help: 'Queries running in a worker.', registers }),
    workerRestarts: new Counter({ name: 'lod_query_worker_restarts_total', help: 'Query workers replaced after they died or were stopped.', registers }),
    cacheHits: new Counter({ name: 'lod_cache_hits_total', help: 'Answers served from a result cache, by route.', labelNames: ['route'], registers }),
    cacheMisses: new Counter({ name: 'lod_cache_misses_total', help: 'Answers computed because the result cache had none, by route.', labelNames: ['route'], registers }),
  };
}

/** The outcome label of a finished query: what an operator tells apart on a dashboard. */
function outcomeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'QUERY_TIMEOUT') return 'timeout';
  if (code === 'TOO_MANY_QUERIES' || code === 'SHUTTING_DOWN') return 'rejected';
  return 'error';
}

/** The query pool's events as metrics: queue length, running queries, restarts, and each query's latency (queued and running) with its outcome. */
export function poolEvents(metrics: Metrics): PoolEvents {
  return {
    restarted: () => metrics.workerRestarts.inc(),
    queueChanged: (queued, running) => {
      metrics.queueLength.set(queued);
      metrics.queriesRunning.set(running);
    },
    finished: (budget, seconds, error) => metrics.queryLatency.observe({ route: budget, outcome: error === undefined ? 'ok' : outcomeOf(error) }, seconds),
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics;
  }
}

/**
 * Decorates the app with `metrics`, counts every answer and serves `GET {prefix}/metrics`. Called on the
 * root instance before the routes, so its hook sees every route, the 404s and the errors.
 */
export function installMetrics(app: FastifyInstance, state: GraphState, prefix: string): Metrics {
  const metrics = createMetrics(state);
  app.decorate('metrics', metrics);
  app.addHook('onResponse', async (request, reply) => {
    // The route pattern (/id/*, /api/cities), so a scan of random paths cannot create a series per URL.
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.httpDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
  app.get(`${prefix}/metrics`, async (_request, reply) => {
    const text = await metrics.registry.metrics();
    return reply.type(metrics.registry.contentType).header('Cache-Control', 'no-store').send(text);
  });
  return metrics;
}
