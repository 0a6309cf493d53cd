// Queries per second for a few representative queries on the project's graph: worker pool vs in-process executor, side by side in one run.
import { loadConfig } from '../src/config.js';
import { loadValidGraph } from '../src/server.js';
import { GraphState } from '../src/store/graph-state.js';
import { createExecutor, type QueryExecutor } from '../src/sparql/executor.js';

const queries: Record<string, string> = {
  'ASK one triple': 'ASK { ?s ?p ?o }',
  'SELECT cities + labels': 'SELECT ?c ?l WHERE { ?c a <http://schema.org/City> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l } LIMIT 100',
  'COUNT per graph': 'SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g',
  'CONSTRUCT 500 triples': 'CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 500',
  'NOT EXISTS alt path': 'SELECT ?x WHERE { ?x a <http://schema.org/City> FILTER NOT EXISTS { ?x <http://example.org/a>|<http://example.org/b> ?y } }',
};

async function rate(executor: QueryExecutor, query: string, seconds: number, parallel: number): Promise<number> {
  await executor.execute({ query });
  let done = 0;
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (Date.now() < end) {
        await executor.execute({ query });
        done++;
      }
    }),
  );
  return done / seconds;
}

const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' }, { maxConcurrentQueries: 64 });
const state = new GraphState(await loadValidGraph(config));
const pool = createExecutor(config, state);
const inProcess = createExecutor(config, state, { inProcess: true });
const seconds = Number(process.env.BENCH_SECONDS ?? 2);
console.log(`graph: ${state.current.store.size} quads; ${config.queryWorkers} workers; ${seconds}s per cell; 4 clients in parallel`);
console.log(['query'.padEnd(34), 'in-process q/s', 'worker pool q/s', 'pool/in-process'].join('  '));
for (const [name, query] of Object.entries(queries)) {
  const a = await rate(inProcess, query, seconds, 4);
  const b = await rate(pool, query, seconds, 4);
  console.log([name.padEnd(34), a.toFixed(0).padStart(14), b.toFixed(0).padStart(15), (b / a).toFixed(2).padStart(15)].join('  '));
}
await pool.close();
await inProcess.close();
