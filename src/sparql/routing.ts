// Decides which engine evaluates a checked query: Oxigraph (or the external store in store mode) for everything local, Comunica only where a query federates.
import type { EngineName } from './answers.js';
import type { PreparedQuery } from './query-check.js';

/**
 * Oxigraph (compiled to WASM) is a complete SPARQL 1.1 engine over the in-memory graph and measured 30-100x faster
 * than Comunica here, but its JavaScript build has no SERVICE support. Comunica was built for federation: it calls
 * the allow-listed endpoints and joins their answers with the local graph. So a query goes to Comunica exactly
 * when it names a SERVICE (query-check.ts has already refused any endpoint not on the allow-list), and to Oxigraph
 * otherwise. Oxigraph also avoids Comunica's known local defects (REDUCED comparing only a term's text, the
 * empty-source pruning patched in engine.ts), which then concern federated queries alone.
 */
export function chooseEngine(prepared: PreparedQuery, store: 'embedded' | 'sparql' = 'embedded'): EngineName {
  const federated = prepared.services !== undefined && prepared.services.length > 0;
  // Store mode (STORE=sparql): the external store holds the graph, so a local query goes to it directly; a SERVICE
  // query goes to Comunica, which federates the store (as a SPARQL source) with the endpoint (store-federation.ts).
  if (store === 'sparql') return federated ? 'comunica' : 'store';
  return federated ? 'comunica' : 'oxigraph';
}
