// buildServer(config): loads and validates the graph, then registers every plugin and route in a fixed, readable order.
import Fastify, { type FastifyInstance } from 'fastify';
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
import { createExecutor } from './sparql/executor.js';
import type { ReadPathOptions } from './http/read-path.js';

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
    // Errors Fastify raises before routing (a malformed URL) get the same problem+json as every other error.
    frameworkErrors: (error, request, reply) => void sendProblem(request, reply, error),
  });
  app.decorate('graphState', state);
  app.decorate('config', config);
  installErrorHandling(app);

  // Reading is open to every origin, without credentials.
  await app.register(cors, { origin: '*', credentials: false, exposedHeaders: ['Link', 'ETag', 'Content-Location', 'Retry-After', 'Location'] });

  const executor = createExecutor(config, state);
  app.addHook('onClose', async () => executor.close());
  const options: ReadPathOptions = { config, state, executor };
  // The public URLs live under the base IRI's path (https://example.org/lod/ serves /lod/sparql ...).
  // The Linked Data routes derive that prefix themselves, because they map paths to IRIs.
  const prefix = new URL(config.baseIri).pathname.replace(/\/$/, '');
  app.get(`${prefix}/health`, async () => ({
    status: 'ok',
    version: state.current.version,
    quads: state.current.store.size,
    loadedAt: state.current.loadedAt.toISOString(),
  }));
  try {
    await app.register(sparqlRoutes, { ...options, prefix });
    await app.register(linkedDataRoutes, options);
    await app.register(apiRoutes, { ...options, prefix });
    await app.register(openDataRoutes, { ...options, prefix });
    await app.register(htmlRoutes, { ...options, prefix });
    await app.ready();
  } catch (error) {
    // A broken query file or changelog stops the start; the worker threads started above must not outlive it.
    await app.close();
    throw error;
  }
  return app;
}
