// `npm run store:load`'s work: writes a validated graph into an external SPARQL store, staged first, then switched in by server-side updates.
import { randomUUID } from 'node:crypto';
import type { Config } from '../config.js';
import { callStore } from '../sparql/store-client.js';
import { storeQuirks } from '../sparql/store-adapter.js';
import type { LoadedGraph } from './load.js';
import { META_GRAPH, MERGED_GRAPH, metaTriples, readMeta } from './store-graphs.js';
import { insertBatches } from './store-batches.js';

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

/**
 * Replaces the store's graphs with `graph`. Phase 1 writes every source graph into a staging graph and checks its
 * triple count; any failure there (the store refusing data, a network error) stops the load with the served graphs
 * untouched. Phase 2 is a sequence of server-side operations only, one request each (MOVE, ADD, INSERT DATA of the
 * meta graph): no data travels and nothing is parsed. Phase 2 is short, not atomic. (Two observations on Virtuoso
 * 7.2 disagree on whether one request with several operations is one transaction: a failing operation once left the
 * earlier ones applied, and a switch of 1M triples in one request was rolled back whole at its log limit; sent one
 * request per operation, it is not one transaction either way.) Its first step drops the meta graph and its last
 * writes it, so replicas keep the copy they last read, and stay ready, rather than take up a half-switched graph.
 */
export async function loadIntoStore(config: Config, graph: LoadedGraph, changelog: string): Promise<StoreLoadReport> {
  const sources = [...graph.graphFiles.keys()].sort();
  const previous = await readMeta(config, LOAD_TIMEOUT_MS);
  const report: StoreLoadReport = { version: graph.version, graphs: [] };
  try {
    for (const [index, name] of sources.entries()) {
      // Sent in batches: a store caps the triples one update may carry (see storeQuirks.insertBatchTriples).
      const { batches, triples } = insertBatches(graph.store, name);
      await update(config, `DROP SILENT GRAPH <${staging(index)}>`);
      for (const batch of batches) {
        await update(config, storeQuirks.insertTriples(staging(index), batch.text)).catch((error: unknown) => {
          // Only a group of triples linked by blank nodes is sent above the batch size (it cannot be split).
          if (batch.triples <= storeQuirks.insertBatchTriples) throw error;
          throw new Error(`<${name}> has ${batch.triples} triples linked by blank nodes, which must go in one update, and the store refused it (${(error as Error).message}); split that structure or give its nodes IRIs.`);
        });
      }
      const stored = await countTriples(config, staging(index));
      if (stored !== triples) {
        throw new Error(`The store holds ${stored} of the ${triples} triples of <${name}> after loading; nothing was switched, the previous graphs are still served.`);
      }
      report.graphs.push({ graph: name, triples });
    }
  } catch (error) {
    // Whatever stopped the staging (a refusal, a count, the network), no staging graph is left behind in the store.
    for (const index of sources.keys()) await update(config, `DROP SILENT GRAPH <${staging(index)}>`).catch(() => undefined);
    throw error;
  }
  const dropped = (previous?.sources ?? []).filter((name) => !sources.includes(name));
  const triples = new Map(report.graphs.map(({ graph: name, triples: n }) => [name, n]));
  // The same graph loaded again keeps its load time: Last-Modified says when the content changed, and replicas that
  // never left this version agree with those that start now.
  const loadedAt = previous?.version === graph.version ? previous.loadedAt : new Date();
  const meta = metaTriples({ version: graph.version, loadId: randomUUID(), loadedAt, baseIri: graph.baseIri, changelog, sources, triples });
  const switchOver = [
    `DROP SILENT GRAPH <${META_GRAPH}>`,
    ...dropped.map((name) => `DROP SILENT GRAPH <${name}>`),
    ...sources.map((name, index) => `MOVE SILENT <${staging(index)}> TO <${name}>`),
    `DROP SILENT GRAPH <${MERGED_GRAPH}>`,
    // ADD, not INSERT ... WHERE: the same triples (blank nodes included, server-side), but Virtuoso 7.2 copied 4 x 50,000
    // triples by ADD in 0.6 s, while INSERT ... WHERE ran past its 120 s query limit (2 shared CPUs).
    ...sources.map((name) => `ADD SILENT <${name}> TO <${MERGED_GRAPH}>`),
    `INSERT DATA { GRAPH <${META_GRAPH}> {\n${meta}\n} }`,
  ];
  // One request per operation: Virtuoso runs a request as one transaction and aborts it past its log limit
  // (TransactionAfterImageLimit, 50 MB by default: "SR325 ... log after image size went above the limit"), which the
  // whole switch of 1M triples in one request passed. The order, and so what a replica may see meanwhile, is the same
  // as in one request; a single source graph far larger than 20,000 triples was not tried.
  for (const operation of switchOver) await update(config, operation);
  return report;
}
