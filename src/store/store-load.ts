// `npm run store:load`'s work: writes a validated graph into an external SPARQL store, staged first, then switched in by one server-side update.
import { DataFactory, Writer } from 'n3';
import type { Config } from '../config.js';
import { callStore } from '../sparql/store-client.js';
import { storeQuirks } from '../sparql/store-adapter.js';
import type { LoadedGraph } from './load.js';
import { META_GRAPH, MERGED_GRAPH, metaTriples, readMeta } from './store-graphs.js';

/** Loading may take long on a big graph: each request gets ten minutes rather than the query timeout. */
const LOAD_TIMEOUT_MS = 600_000;

export interface StoreLoadReport {
  version: string;
  graphs: Array<{ graph: string; triples: number }>;
}

const staging = (index: number) => `urn:x-lod:staging:${index}`;

function update(config: Config, text: string) {
  return callStore(config, { kind: 'update', text, accept: '*/*', timeoutMs: LOAD_TIMEOUT_MS });
}

async function countTriples(config: Config, graph: string): Promise<number> {
  const { body } = await callStore(config, {
    kind: 'query',
    text: `SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${graph}> { ?s ?p ?o } }`,
    accept: 'application/sparql-results+json',
    timeoutMs: LOAD_TIMEOUT_MS,
  });
  const rows = (JSON.parse(body) as { results: { bindings: Array<{ n: { value: string } }> } }).results.bindings;
  return Number(rows[0]?.n.value ?? 0);
}

/** One named graph's triples as N-Triples text (its graph dropped), one INSERT DATA body. */
function ntriplesOf(graph: LoadedGraph, name: string): { text: string; triples: number } {
  const writer = new Writer({ format: 'N-Triples' });
  let triples = 0;
  for (const quad of graph.store.match(null, null, null, DataFactory.namedNode(name))) {
    writer.addQuad(quad.subject, quad.predicate, quad.object);
    triples++;
  }
  let text = '';
  writer.end((_error, result: string) => (text = result));
  return { text, triples };
}

/**
 * Replaces the store's graphs with `graph`. Phase 1 writes every source graph into a staging graph and checks its
 * triple count; any failure there (the store refusing data, a network error) stops the load with the served graphs
 * untouched. Phase 2 is one update of server-side operations only (MOVE, INSERT ... WHERE, INSERT DATA of the meta
 * graph): no data travels and nothing is parsed. Virtuoso does NOT run one update request as one transaction (a
 * failing operation leaves the earlier ones applied, tried on 7.2.x), so phase 2 is short, not atomic; its first
 * step drops the meta graph, so replicas keep the graph list they last read rather than a half-switched one.
 */
export async function loadIntoStore(config: Config, graph: LoadedGraph, changelog: string): Promise<StoreLoadReport> {
  const sources = [...graph.graphFiles.keys()].sort();
  const previous = await readMeta(config, LOAD_TIMEOUT_MS);
  const report: StoreLoadReport = { version: graph.version, graphs: [] };
  for (const [index, name] of sources.entries()) {
    const { text, triples } = ntriplesOf(graph, name);
    await update(config, `DROP SILENT GRAPH <${staging(index)}>`);
    await update(config, storeQuirks.insertTriples(staging(index), text));
    const stored = await countTriples(config, staging(index));
    if (stored !== triples) {
      await update(config, sources.map((_, i) => `DROP SILENT GRAPH <${staging(i)}>`).join(';\n'));
      throw new Error(`The store holds ${stored} of the ${triples} triples of <${name}> after loading; nothing was switched, the previous graphs are still served.`);
    }
    report.graphs.push({ graph: name, triples });
  }
  const dropped = (previous?.sources ?? []).filter((name) => !sources.includes(name));
  const triples = new Map(report.graphs.map(({ graph: name, triples: n }) => [name, n]));
  // The same graph loaded again keeps its load time: Last-Modified says when the content changed, and replicas that
  // never left this version agree with those that start now.
  const loadedAt = previous?.version === graph.version ? previous.loadedAt : new Date();
  const meta = metaTriples({ version: graph.version, loadedAt, baseIri: graph.baseIri, changelog, sources, triples });
  const switchOver = [
    `DROP SILENT GRAPH <${META_GRAPH}>`,
    ...dropped.map((name) => `DROP SILENT GRAPH <${name}>`),
    ...sources.map((name, index) => `MOVE SILENT <${staging(index)}> TO <${name}>`),
    `DROP SILENT GRAPH <${MERGED_GRAPH}>`,
    ...sources.map((name) => `INSERT { GRAPH <${MERGED_GRAPH}> { ?s ?p ?o } } WHERE { GRAPH <${name}> { ?s ?p ?o } }`),
    `INSERT DATA { GRAPH <${META_GRAPH}> {\n${meta}\n} }`,
  ];
  await update(config, switchOver.join(';\n'));
  return report;
}
