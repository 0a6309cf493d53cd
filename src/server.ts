// buildServer(config): loads and validates the graph, then registers every plugin and route in a fixed, readable order.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cors from '@fastify/cors';
import type { Config } from './config.js';
import { installErrorHandling, sendProblem } from './errors.js';
import { loadGraph, type LoadedGraph } from './store/load.js';
import { GraphState } from './store/graph-state.js';
import { assertValid } from './validate/shacl.js';
import { sparqlRoutes } from './sparql/routes.js';
import { linkedDataRoutes } from './linked-data/routes.js';
import { apiRoutes } from './api/routes.js';
import { openDataRoutes } from './open-data/routes.js';
import { htmlRoutes } from './html/routes.js';
import { createExecutor, type QueryExecutor } from './sparql/executor.js';
import { createStoreExecutor, StoreNotLoadedError } from './sparql/store-executor.js';
import { readMeta } from './store/store-graphs.js';
import { followStore, gatedCopy, type StoreFollower } from './store/store-follow.js';
import { LoadChangedError } from './store/store-read.js';
import type { ReadPathOptions } from './http/read-path.js';
import { installQueryStringCheck, parseQueryString } from './http/query-string.js';
import { capConnections, connectionOptions } from './http/connections.js';
import { installMetrics, poolEvents } from './http/metrics.js';

declare module 'fastify' {
  interface FastifyInstance {
    graphState: GraphState;
    config: Config;
  }
}

/** Loads the graph from the configured folders and gates it with SHACL (throws on any violation). */
export async function loadValidGraph(config: Config): Promise<LoadedGraph> {
  const graph = await loadGraph({ baseIri: config.baseIri, ontologyDir: config.ontologyDir, dataDir: config.dataDir });
  if (config.shapesDir) await assertValid(graph, config.shapesDir);
  return graph;
}

/** How long the start waits for the store's meta graph. */
const STORE_START_TIMEOUT_MS = 10_000;
const START_ATTEMPTS = 3;

/**
 * The graph a replica serves: in store mode the copy the store holds (STORE=sparql: no data/ is read, so every
 * replica serves what `npm run store:load` wrote), otherwise data/ and ontology/. Both pass the SHACL gate.
 */
export async function servedGraph(config: Config): Promise<LoadedGraph> {
  if (config.store !== 'sparql') return loadValidGraph(config);
  // A load switched in during the fetch (or a switch in progress) is waited out: a few tries, two seconds apart.
  for (let attempt = 1; ; attempt++) {
    let meta;
    try {
      meta = await readMeta(config, STORE_START_TIMEOUT_MS);
    } catch (error) {
      throw new StoreNotLoadedError(`STORE=sparql: ${(error as Error).message}`);
    }
    if (meta) {
      try {
        return await gatedCopy(config, meta);
      } catch (error) {
        if (!(error instanceof LoadChangedError) || attempt >= START_ATTEMPTS) throw error;
      }
    } else if (attempt >= START_ATTEMPTS) {
      throw new StoreNotLoadedError(`STORE=sparql: the store at ${config.storeQueryUrl} holds no graph loaded by this version's npm run store:load; run it`);
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

/**
 * `/health?live` is liveness: the process answers. `/health` and `/health?ready` are readiness: the graph is loaded
 * and valid (it is, or the server would not have started) and at least one query worker can run a query; otherwise
 * 503 with the reason and Retry-After, so a load balancer sends traffic elsewhere while workers restart.
 */
function health(request: FastifyRequest, reply: FastifyReply, state: GraphState, executor: QueryExecutor, follower?: StoreFollower) {
  const pool = executor.status();
  const body = {
    status: pool.ready > 0 ? 'ok' : 'unavailable',
    // The version the read paths serve; in store mode also the store's, which the replica's copy catches up with.
    version: state.current.version,
    ...(executor.graphVersion ? { storeVersion: executor.graphVersion() } : {}),
    // Store mode: why the store's newest load is not served yet (it failed to fetch or validate); absent when it is.
    ...(follower?.lastFailure() ? { copyFailure: follower.lastFailure() } : {}),
    quads: state.current.store.size,
    loadedAt: state.current.loadedAt.toISOString(),
    queryWorkers: pool,
  };
  const live = Object.hasOwn((request.query ?? {}) as object, 'live');
  if (live || pool.ready > 0) return body;
  void reply.header('Retry-After', '2');
  return reply.code(503).send({ ...body, reason: pool.lastFailure ?? 'the query workers are starting' });
}

/** Builds the app (no listening): tests call `app.inject()`, and only main.ts listens. */
export async function buildServer(config: Config, graph?: LoadedGraph): Promise<FastifyInstance> {
  const state = new GraphState(graph ?? (await servedGraph(config)));
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: config.maxBodyBytes,
    // Reject absurd URLs before routing rather than passing them to handlers. One strict, linear, capped
    // parser reads every query string (and, through form-params, every form body).
    routerOptions: { maxParamLength: 500, querystringParser: parseQueryString },
    // Timeouts and problem+json for what Node's HTTP parser refuses (431, a bad request line, 408).
    ...connectionOptions(config),
    // The base IRI decides the public URLs; trusting X-Forwarded-* is the proxy's job, off by default.
    trustProxy: false,
    // Errors Fastify raises before routing (a malformed URL) get the same problem+json as every other error.
    frameworkErrors: (error, request, reply) => void sendProblem(request, reply, error),
  });
  app.decorate('graphState', state);
  app.decorate('config', config);
  installErrorHandling(app);
  installQueryStringCheck(app);
  capConnections(app, config);

  // Reading is open to every origin, without credentials. An OPTIONS without the preflight headers is
  // answered like a preflight (strictPreflight off): otherwise the plugin answers a text/plain 400.
  await app.register(cors, { origin: '*', credentials: false, strictPreflight: false, exposedHeaders: ['Link', 'ETag', 'Content-Location', 'Retry-After', 'Location'] });

  // The public URLs live under the base IRI's path (https://example.org/lod/ serves /lod/sparql ...).
  // The Linked Data routes derive that prefix themselves, because they map paths to IRIs.
  const prefix = new URL(config.baseIri).pathname.replace(/\/$/, '');
  // Before the executor, so the query pool can be handed app.metrics (queue length, restarts, latency).
  const metrics = installMetrics(app, state, prefix);
  // STORE=sparql: /sparql and /api are answered by the external store (the workers only check queries); the other
  // read paths read the replica's copy of the store's graph, which follows the store's version.
  const storeMode = config.store === 'sparql';
  const embedded = createExecutor(config, state, poolEvents(metrics), !storeMode);
  const follower = storeMode ? followStore(config, state, app.log) : undefined;
  const executor = follower ? createStoreExecutor(config, embedded, follower.onMeta) : embedded;
  app.addHook('onClose', async () => follower?.close());
  app.addHook('onClose', async () => executor.close());
  const options: ReadPathOptions = { config, state, executor };
  app.get(`${prefix}/health`, async (request, reply) => health(request, reply, state, executor, follower));

  try {
    await app.register(sparqlRoutes, { ...options, prefix });
    await app.register(linkedDataRoutes, options);
    await app.register(apiRoutes, { ...options, prefix });
    await app.register(openDataRoutes, { ...options, prefix });
    await app.register(htmlRoutes, { ...options, prefix });
    await app.ready();
    // The service is started when it can answer a query: /health is then true from the first request.
    await executor.ready();
  } catch (error) {
    // A broken query file or changelog stops the start; the worker threads started above must not outlive it.
    await app.close();
    throw error;
  }
  return app;
}
