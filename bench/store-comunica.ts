// bench:sparql's single-store comparison: the same query sent to the store directly (as store mode does) and through Comunica with the store as its one SPARQL source (as a federated query is run).
import { QueryEngine } from '@comunica/query-sparql';
import { Parser } from 'n3';
import type { Config } from '../src/config.js';
import { prepareQuery } from '../src/sparql/query-check.js';
import { storeQuirks } from '../src/sparql/store-adapter.js';
import { callStore } from '../src/sparql/store-client.js';
import { runOverStore } from '../src/sparql/store-comunica.js';
import { storeSource } from '../src/sparql/store-federation.js';
import type { StoreMeta } from '../src/store/store-graphs.js';

export interface Way {
  /** Answers per second that came back whole (errors are not throughput). */
  rate: number;
  failed: number;
  /** What one answer held: rows or triples, to see that both ways answer alike. */
  size: number;
}

const RESULTS = 'application/sparql-results+json';

/** One answer, sent to the store as store mode sends a query without SERVICE, parsed as it parses it; returns its size. */
async function direct(config: Config, meta: StoreMeta, query: string, accept: string): Promise<number> {
  const table = accept === RESULTS;
  const { body } = await callStore(config, { kind: 'query', text: query, params: storeQuirks.datasetParams(undefined, meta), accept: table ? RESULTS : storeQuirks.graphAccept, timeoutMs: config.queryTimeoutMs });
  if (table) return (JSON.parse(body) as { results: { bindings: unknown[] } }).results.bindings.length;
  return new Parser({ format: 'application/n-triples' }).parse(body).length;
}

/** One answer through Comunica over the store, as a federated query runs in a worker (here on this thread; one query at a time per loop). */
async function viaComunica(engine: QueryEngine, config: Config, meta: StoreMeta, query: string): Promise<number> {
  const prepared = prepareQuery(query, { serviceAllowList: [], baseIri: config.baseIri });
  const value = await runOverStore(engine, prepared, storeSource(config, meta, config.queryTimeoutMs), { maxResultRows: config.maxResultRows, serviceAllowList: [] });
  if (value.type === 'bindings') return value.rows.length;
  if (value.type === 'quads') return new Parser({ format: 'application/n-quads' }).parse(value.nquads).length;
  return 1;
}

/** `loops` clients asking one after another for `seconds`; each query text made unique, as in the uncached mix. */
async function measure(seconds: number, loops: number, ask: (text: string) => Promise<number>, query: string): Promise<Way> {
  const until = performance.now() + seconds * 1000;
  let ok = 0;
  let failed = 0;
  let size = 0;
  let n = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: loops }, async () => {
      while (performance.now() < until) {
        try {
          size = await ask(`${query}\n# ${n++}`);
          ok++;
        } catch {
          failed++;
        }
      }
    }),
  );
  return { rate: ok / ((performance.now() - started) / 1000), failed, size };
}

/** Both ways for one query, `rounds` times each, alternating which goes first. */
export async function directAndComunica(config: Config, meta: StoreMeta, query: string, accept: string, options: { seconds: number; rounds: number; loops: number }) {
  const engine = new QueryEngine();
  const ways = { direct: [] as Way[], comunica: [] as Way[] };
  for (let round = 0; round < options.rounds; round++) {
    const order = round % 2 === 0 ? (['direct', 'comunica'] as const) : (['comunica', 'direct'] as const);
    for (const way of order) {
      const ask = way === 'direct' ? (text: string) => direct(config, meta, text, accept) : (text: string) => viaComunica(engine, config, meta, text);
      ways[way].push(await measure(options.seconds, options.loops, ask, query));
    }
  }
  const mean = (list: Way[]): Way => ({
    rate: list.reduce((sum, w) => sum + w.rate, 0) / list.length,
    failed: list.reduce((sum, w) => sum + w.failed, 0),
    size: list[list.length - 1]!.size,
  });
  return { direct: mean(ways.direct), comunica: mean(ways.comunica) };
}
