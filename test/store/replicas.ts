// The read-path suites' buildServer in store mode: the graph goes into the shared Virtuoso through the real loader, and two store-mode replicas answer behind a round-robin facade.
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../src/config.js';
import type { LoadedGraph } from '../../src/store/load.js';
import { loadIntoStore } from '../../src/store/store-load.js';
import { readChangelog, releaseFromText } from '../../src/open-data/release.js';
import { readMeta } from '../../src/store/store-graphs.js';
import type * as server from '../../src/server.js';

type Server = typeof server;

/** Store settings for `npm run store:load`: Virtuoso takes updates only on /sparql-auth, as its administrator (HTTP Digest). */
function loaderConfig(config: Config, endpoint: string): Config {
  const auth = `${endpoint}-auth`;
  return { ...config, store: 'sparql', storeQueryUrl: auth, storeUpdateUrl: auth, storeCredentials: { user: 'dba', password: 'dba' } };
}

/** A replica's settings: the test's own, plus STORE=sparql on the anonymous endpoint, as a deployment would give every replica. */
function replicaConfig(config: Config, endpoint: string): Config {
  return { ...config, store: 'sparql', storeQueryUrl: endpoint, storeUpdateUrl: endpoint, storeCredentials: null };
}

/**
 * Two replicas seen as one app, a load balancer in miniature: inject() alternates between them, so consecutive
 * requests of a test (a page and its ETag revalidation, a catalogue and its dump) reach different replicas;
 * close() closes both. Everything else (listen, server, graphState, config) is replica A's.
 */
function balanced(a: FastifyInstance, b: FastifyInstance, closed: () => void): FastifyInstance {
  let turn = 0;
  const inject = (...args: Parameters<FastifyInstance['inject']>) => {
    const replica = turn++ % 2 === 0 ? a : b;
    return (replica.inject as (...x: unknown[]) => unknown)(...args);
  };
  const close = async () => {
    await Promise.all([a.close(), b.close()]);
    closed();
  };
  return new Proxy(a, {
    get(target, property) {
      if (property === 'inject') return inject;
      if (property === 'close') return close;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...x: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * One Virtuoso serves every file, one file at a time; within a file a test may build apps on several graphs. The
 * store holds one graph, so a second graph may be loaded only when no app on the first is open (else that app's
 * answers would silently come from the wrong graph): that is an error naming both.
 */
let loaded: { key: string; open: number } | undefined;
let loading = Promise.resolve();

/** What identifies a load: the graph's version (a hash of its files and base IRI) and the changelog sent with it. */
const keyOf = (version: string, baseIri: string, changelog: string) => JSON.stringify([version, baseIri, changelog]);

async function intoStore(config: Config, endpoint: string, graph: LoadedGraph): Promise<void> {
  // The changelog travels with the graph, checked as `npm run store:load` checks it.
  const changelog = await readChangelog(config.dataDir);
  releaseFromText(changelog, new Date(), path.join(config.dataDir, 'CHANGELOG.md'));
  const key = keyOf(graph.version, graph.baseIri, changelog);
  if (loaded?.key === key) {
    loaded.open++;
    return;
  }
  if (loaded && loaded.open > 0) throw new Error(`store mode: an app on another graph is still open; the shared Virtuoso holds one graph at a time (building ${config.dataDir})`);
  loaded = undefined;
  // An earlier file may have loaded this very graph: loading it again would only cost time.
  const meta = await readMeta(loaderConfig(config, endpoint), 10_000);
  if (!meta || keyOf(meta.version, meta.baseIri, meta.changelog) !== key) await loadIntoStore(loaderConfig(config, endpoint), graph, changelog);
  loaded = { key, open: 1 };
}

let calls = 0;
/** How often this file called buildServer: the setup checks it is not 0, so a swap that stopped applying cannot pass silently as embedded mode. */
export const storeModeCalls = () => calls;

/** buildServer(config, graph?) in store mode: gate and load the graph as `npm run store:load` does, then start two replicas. */
export function storeModeBuildServer(real: Server, endpoint: () => string): Server['buildServer'] {
  return async (config, graph) => {
    calls++;
    const source = graph ?? (await real.loadValidGraph(config));
    const load = loading.then(() => intoStore(config, endpoint(), source));
    loading = load.catch(() => undefined);
    await load;
    const entry = loaded!;
    let released = false;
    const release = () => {
      if (!released) entry.open--;
      released = true;
    };
    try {
      const replica = replicaConfig(config, endpoint());
      // Started side by side, as a deployment starts its replicas; one that fails does not leave the other running.
      const started = await Promise.allSettled([real.buildServer(replica), real.buildServer(replica)]);
      const failed = started.find((result) => result.status === 'rejected');
      if (failed) {
        for (const result of started) if (result.status === 'fulfilled') await result.value.close();
        throw failed.reason;
      }
      const [a, b] = started.map((result) => (result as PromiseFulfilledResult<FastifyInstance>).value) as [FastifyInstance, FastifyInstance];
      return balanced(a, b, release);
    } catch (error) {
      release();
      throw error;
    }
  };
}
