// `npm run store:load`: validates ontology/ and data/ with the SHACL gate, then replaces the external store's graphs with them (STORE=sparql).
import { loadConfig } from '../config.js';
import { loadValidGraph } from '../server.js';
import { loadIntoStore } from './store-load.js';
import path from 'node:path';
import { readChangelog, releaseFromText } from '../open-data/release.js';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.store !== 'sparql') throw new Error('store:load writes to an external store: set STORE=sparql and STORE_QUERY_URL (and STORE_UPDATE_URL if updates go elsewhere).');
  const started = Date.now();
  // The same gate as the service's start: a graph that fails SHACL never reaches the store.
  const graph = await loadValidGraph(config);
  // The changelog travels with the graph: replicas describe the release from the store, not from a data/ of their own.
  // Checked here as the service checks it at start: a malformed one would otherwise stop every replica, not the load.
  const changelog = await readChangelog(config.dataDir);
  releaseFromText(changelog, new Date(), path.join(config.dataDir, 'CHANGELOG.md'));
  const report = await loadIntoStore(config, graph, changelog);
  for (const { graph: name, triples } of report.graphs) console.log(`${String(triples).padStart(8)}  <${name}>`);
  console.log(`Loaded version ${report.version} into ${config.storeUpdateUrl} in ${Date.now() - started} ms.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
