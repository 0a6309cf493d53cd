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
  /** When the load finished (xsd:dateTime as text): every replica's Last-Modified and the catalogue's dates. */
  loadedAt: 'urn:x-lod:loadedAt',
  /** The base IRI the loader resolved the files against; a replica with another BASE_IRI would serve foreign IRIs. */
  baseIri: 'urn:x-lod:baseIri',
  /** The text of data/CHANGELOG.md the loader read ("" when there was none): the release every replica describes. */
  changelog: 'urn:x-lod:changelog',
  /**
   * A fresh id per completed load: a replica takes up a load even when it repeats the same graph (answers cached
   * while the graphs were switching must go), and checks that the graphs it fetched all belong to one load.
   */
  loadId: 'urn:x-lod:loadId',
  /** On each source graph: how many triples the loader wrote, so a replica knows when the store cut its answer. */
  triples: 'urn:x-lod:triples',
} as const;

export interface StoreMeta extends StoreGraphs {
  version: string;
  loadId: string;
  loadedAt: Date;
  baseIri: string;
  changelog: string;
  /** Source graph -> its triple count. */
  triples: ReadonlyMap<string, number>;
}

interface Row {
  s: { value: string };
  p: { value: string };
  o: { value: string };
}

/**
 * Reads the meta graph; null when the store holds none (never loaded, or loaded by a loader that wrote less than a
 * replica needs). Throws the client's 503 when the store is down.
 */
export async function readMeta(config: Config, timeoutMs: number): Promise<StoreMeta | null> {
  const { body } = await callStore(config, {
    kind: 'query',
    text: `SELECT ?s ?p ?o WHERE { GRAPH <${META_GRAPH}> { ?s ?p ?o } }`,
    accept: 'application/sparql-results+json',
    timeoutMs,
  });
  const rows = (JSON.parse(body) as { results: { bindings: Row[] } }).results.bindings;
  const values = (p: string) => rows.filter((row) => row.s.value === META.dataset && row.p.value === p).map((row) => row.o.value);
  const [version] = values(META.version);
  const [merged] = values(META.merged);
  const [loadedAt] = values(META.loadedAt);
  const [baseIri] = values(META.baseIri);
  const [changelog] = values(META.changelog);
  const [loadId] = values(META.loadId);
  if (version === undefined || merged === undefined || loadedAt === undefined || baseIri === undefined || changelog === undefined || loadId === undefined) return null;
  const triples = new Map(rows.filter((row) => row.p.value === META.triples).map((row) => [row.s.value, Number(row.o.value)]));
  return { version, loadId, merged, loadedAt: new Date(loadedAt), baseIri, changelog, triples, sources: values(META.source).sort() };
}

/** The meta graph's content for a completed load, as the body of one INSERT DATA. */
export function metaTriples(meta: Omit<StoreMeta, 'merged'>): string {
  // JSON string escapes (\n, \", \\, \uXXXX) are all valid SPARQL string escapes.
  const text = (value: string) => JSON.stringify(value);
  const dataset = [
    `<${META.version}> ${text(meta.version)}`,
    `<${META.loadId}> ${text(meta.loadId)}`,
    `<${META.merged}> <${MERGED_GRAPH}>`,
    `<${META.loadedAt}> ${text(meta.loadedAt.toISOString())}`,
    `<${META.baseIri}> ${text(meta.baseIri)}`,
    `<${META.changelog}> ${text(meta.changelog)}`,
    ...meta.sources.map((name) => `<${META.source}> <${name}>`),
  ];
  const counts = [...meta.triples].map(([name, n]) => `<${name}> <${META.triples}> ${n} .`);
  return [`<${META.dataset}> ${dataset.join(' ;\n  ')} .`, ...counts].join('\n');
}
