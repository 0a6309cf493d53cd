// buildServer(config): loads and validates the graph, then registers every plugin and route in a fixed, readable order.
import Fastify, { type FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import type { Config } from './config.js';
import { installErrorHandling } from './errors.js';
import { loadGraph, type LoadedGraph } from './store/load.js';
import { GraphState } from './store/graph-state.js';
import { assertValid } from './validate/shacl.js';
import { sparqlRoutes } from './sparql/routes.js';
import { linkedDataRoutes } from './linked-data/routes.js';
import { apiRoutes } from './api/routes.js';
import { openDataRoutes } from './open-data/routes.js';
import { createExecutor, type QueryExecutor } from './sparql/executor.js';

/** What every read path is given: the configuration, the graph being served and the one query executor. */
export interface ReadPathOptions {
  config: Config;
  state: GraphState;
  /** Shared by /sparql and /api, so both count against one concurrency limit and one pool of worker threads. */
  executor: QueryExecutor;
}

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

/** Builds the app (no listening): tests call `app.inject()`, and only main.ts listens. */
export async function buildServer(config: Config, graph?: LoadedGraph): Promise<FastifyInstance> {
  const state = new GraphState(graph ?? (await loadValidGraph(config)));
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: config.maxBodyBytes,
    // Reject absurd URLs before routing rather than passing them to handlers.
    routerOptions: { maxParamLength: 500 },
    // The base IRI decides the public URLs; trusting X-Forwarded-* is the proxy's job, off by default.
    trustProxy: false,
  });
  app.decorate('graphState', state);
  app.decorate('config', config);
  installErrorHandling(app);

  // Reading is open to every origin, without credentials.
  await app.register(cors, { origin: '*', credentials: false, exposedHeaders: ['Link', 'ETag', 'Content-Location', 'Retry-After', 'Location'] });

  app.get('/health', async () => ({
    status: 'ok',
    version: state.current.version,
    quads: state.current.store.size,
    loadedAt: state.current.loadedAt.toISOString(),
  }));

  const executor = createExecutor(config, state);
  app.addHook('onClose', async () => executor.close());
  const options: ReadPathOptions = { config, state, executor };
  await app.register(sparqlRoutes, options);
  await app.register(linkedDataRoutes, options);
  await app.register(apiRoutes, options);
  await app.register(openDataRoutes, options);
  return app;
}
