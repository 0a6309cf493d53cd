// Store mode: a replica's read copy of the graph, fetched from the external store (not from data/), so every replica serves what the loader wrote.
import { DataFactory, Parser } from 'n3';
import type { Quad } from '@rdfjs/types';
import type { Config } from '../config.js';
import { callStore } from '../sparql/store-client.js';
import { storeQuirks } from '../sparql/store-adapter.js';
import { StoreNotLoadedError } from '../sparql/store-executor.js';
import { graphFromQuads, type LoadedGraph } from './load.js';
import { readMeta, type StoreMeta } from './store-graphs.js';

/** Fetching a big graph takes long: each source graph gets ten minutes, as the loader's requests do. */
const FETCH_TIMEOUT_MS = 600_000;

/**
 * One source graph as triples placed in it. Its blank nodes get a prefix of their own: a store may number blank
 * nodes per answer, and `_:b0` in two answers are two nodes (the loader writes each graph's blank nodes apart too).
 * The labels do not reach the replica's bytes: the copy is rebuilt from its canonical form.
 */
async function fetchGraph(config: Config, name: string, index: number, quads: Quad[]): Promise<number> {
  const { body } = await callStore(config, {
    kind: 'query',
    text: `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${name}> { ?s ?p ?o } }`,
    accept: storeQuirks.graphAccept,
    timeoutMs: FETCH_TIMEOUT_MS,
  });
  const graph = DataFactory.namedNode(name);
  let count = 0;
  for (const triple of new Parser({ format: 'application/n-triples', blankNodePrefix: `g${index}_` }).parse(body)) {
    quads.push(DataFactory.quad(triple.subject, triple.predicate, triple.object, graph));
    count++;
  }
  return count;
}

/**
 * The graph as the loader left it in the store: the source graphs named in the meta graph, each checked against the
 * triple count the loader wrote (a store that caps its answers, as Virtuoso's ResultSetMaxRows does, would otherwise
 * hand a replica part of the graph), with the loader's version, load time and changelog.
 */
/** A load was switched in while the copy was fetched: the copy is dropped and fetched again. */
export class LoadChangedError extends StoreNotLoadedError {
  override name = 'LoadChangedError';
}

async function assertSameLoad(config: Config, meta: StoreMeta): Promise<void> {
  const now = await readMeta(config, FETCH_TIMEOUT_MS);
  if (now?.loadId !== meta.loadId) throw new LoadChangedError(`the store switched to another load (${now?.version ?? 'a switch in progress'}) while this replica fetched version ${meta.version}`);
}

export async function readGraphFromStore(config: Config, meta: StoreMeta): Promise<LoadedGraph> {
  if (meta.baseIri !== config.baseIri) {
    throw new StoreNotLoadedError(`the store holds a graph loaded for BASE_IRI ${meta.baseIri}, but this replica serves ${config.baseIri}; load it with the same BASE_IRI`);
  }
  const quads: Quad[] = [];
  for (const [index, name] of meta.sources.entries()) {
    const count = await fetchGraph(config, name, index, quads);
    const expected = meta.triples.get(name);
    if (count !== expected) {
      await assertSameLoad(config, meta);
      throw new StoreNotLoadedError(`the store returned ${count} of the ${expected ?? '?'} triples of <${name}> (a result-size cap, such as Virtuoso's ResultSetMaxRows, set below the graph's size?)`);
    }
  }
  // The graphs are fetched one by one; a load switched in meanwhile would leave a copy of two loads under one version.
  await assertSameLoad(config, meta);
  return graphFromQuads(quads, {
    baseIri: meta.baseIri,
    // No files: the graph came from the store. Validation reports then name graphs, not files.
    graphFiles: new Map(meta.sources.map((name) => [name, []])),
    fileOf: () => undefined,
    version: meta.version,
    loadedAt: meta.loadedAt,
    changelog: meta.changelog,
    loadId: meta.loadId,
  });
}
