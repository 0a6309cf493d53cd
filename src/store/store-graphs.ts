// The graph names store mode agrees on between `npm run store:load` and the replicas: the meta graph holding the version and the source graphs.
import type { Config } from '../config.js';
import { callStore } from '../sparql/store-client.js';
import type { StoreGraphs } from '../sparql/store-adapter.js';

/** Holds what the loader last completed: the graph version, the merged graph and the source graphs. */
export const META_GRAPH = 'urn:x-lod:meta';
export const MERGED_GRAPH = 'urn:x-lod:merged';
export const META = {
  dataset: 'urn:x-lod:dataset',
  version: 'urn:x-lod:version',
  merged: 'urn:x-lod:mergedGraph',
  source: 'urn:x-lod:sourceGraph',
} as const;

export interface StoreMeta extends StoreGraphs {
  version: string;
}

interface Row {
  p: { value: string };
  o: { value: string };
}

/** Reads the meta graph; null when the store holds none (never loaded). Throws the client's 503 when the store is down. */
export async function readMeta(config: Config, timeoutMs: number): Promise<StoreMeta | null> {
  const { body } = await callStore(config, {
    kind: 'query',
    text: `SELECT ?p ?o WHERE { GRAPH <${META_GRAPH}> { <${META.dataset}> ?p ?o } }`,
    accept: 'application/sparql-results+json',
    timeoutMs,
  });
  const rows = (JSON.parse(body) as { results: { bindings: Row[] } }).results.bindings;
  const values = (p: string) => rows.filter((row) => row.p.value === p).map((row) => row.o.value);
  const version = values(META.version)[0];
  const merged = values(META.merged)[0];
  if (version === undefined || merged === undefined) return null;
  return { version, merged, sources: values(META.source).sort() };
}
