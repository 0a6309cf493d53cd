// Entry point: reads the environment, builds the server, listens, reloads the graph on SIGHUP and shuts down gracefully on SIGTERM/SIGINT.
import { loadConfig, ConfigError } from './config.js';
import { buildServer, servedGraph } from './server.js';
import { DataLoadError } from './store/load.js';
import { ValidationFailedError } from './validate/shacl.js';
import { QueryFileError } from './api/query-file.js';
import { ReleaseError } from './open-data/release.js';
import { StoreNotLoadedError } from './sparql/store-executor.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await buildServer(config);
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal} received, closing`);
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  // Reload: the new graph is loaded and validated first; on any problem the old graph stays in service. In store
  // mode the replica follows the store by itself; SIGHUP then fetches the store's graph again.
  let reloading = false;
  process.on('SIGHUP', () => {
    if (reloading || closing) return;
    reloading = true;
    servedGraph(config)
      .then((graph) => app.graphState.replace(graph).then(() => app.log.info(`graph reloaded, version ${graph.version}`)))
      .catch((error: unknown) => app.log.error(`reload refused, still serving the previous graph: ${(error as Error).message}`))
      .finally(() => {
        reloading = false;
      });
  });
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
}

main().catch((error: unknown) => {
  // Data, shape and configuration problems are the operator's to fix: print them plainly and serve nothing.
  const operatorErrors = [ValidationFailedError, DataLoadError, ConfigError, QueryFileError, ReleaseError, StoreNotLoadedError];
  if (operatorErrors.some((kind) => error instanceof kind)) {
    console.error((error as Error).message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
