// Store mode, inside a query worker: Comunica evaluates a query that calls allow-listed SERVICE endpoints, with the store's SPARQL endpoint as the source of its local part.
import type { QueryEngine } from '@comunica/query-sparql';
import { errors, HttpError } from '../errors.js';
import { evaluate, guardedFetch } from './engine.js';
import type { PreparedQuery } from './query-check.js';
import type { ValueResult } from './answers.js';
import { storeQuirks } from './store-adapter.js';
import { StoreAuth } from './store-auth.js';
import { postForm, storeRefusal } from './store-client.js';
import type { StoreSource } from './store-federation.js';

export interface FederationLimits {
  maxResultRows: number;
  serviceAllowList: readonly string[];
}

/** One StoreAuth per store and user in this thread: the Digest challenge it remembers is shared by the thread's requests. */
const auths = new Map<string, StoreAuth>();
function authFor(source: StoreSource): StoreAuth {
  const key = `${source.url}\n${source.credentials?.user ?? ''}`;
  let auth = auths.get(key);
  if (!auth) auths.set(key, (auth = new StoreAuth(source.credentials)));
  return auth;
}

const endpointOf = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
};

/** The query text of a request as Comunica's SPARQL client (fetch-sparql-endpoint) writes it: GET ?query=, a form POST, or a direct POST. */
function queryOf(url: string, init: RequestInit | undefined): string | null {
  const fromUrl = new URL(url).searchParams.get('query');
  if (fromUrl !== null) return fromUrl;
  const body = init?.body;
  if (body instanceof URLSearchParams) return body.get('query');
  if (typeof body !== 'string') return null;
  return /sparql-query/.test(new Headers(init?.headers).get('content-type') ?? '') ? body : new URLSearchParams(body).get('query');
}

/**
 * The fetch Comunica uses for this query. Requests to the store are rewritten into the service's own request
 * (storeQuirks.datasetParams, as for a query sent to the store directly): Comunica's SPARQL source has no setting
 * for default-graph-uri / named-graph-uri (fetch-sparql-endpoint's additionalUrlParams would keep only one value per
 * name, and Comunica does not expose it), and without them Virtuoso's default graph would hold its system graphs.
 * The rewrite also adds the store's timeout parameter and the credentials: Comunica speaks only HTTP Basic, while
 * Virtuoso's /sparql-auth asks for Digest, which StoreAuth answers as for every other request to the store.
 * Every other request goes through the allow-list guard. A store failure is kept in `failed`, because Comunica
 * may wrap the error it sees; the caller rethrows the kept one, so the client gets the same problem as without SERVICE.
 */
function storeFetch(source: StoreSource, prepared: PreparedQuery, allowList: readonly string[], failed: { error?: HttpError }): typeof fetch {
  const guarded = guardedFetch(allowList);
  const auth = authFor(source);
  const deadline = Date.now() + source.timeoutMs;
  const store = endpointOf(source.url);
  const params = storeQuirks.datasetParams(prepared.dataset, source.graphs);
  const toStore = async (url: string, init: RequestInit | undefined): Promise<Response> => {
    const query = queryOf(url, init);
    // Comunica asks for the service description only with several sources; without a query there is nothing to rewrite.
    if (query === null) throw new Error(`Comunica sent the store a request without a query (${init?.method ?? 'GET'} ${url}).`);
    const form = new URLSearchParams([['query', query], ...params, ...storeQuirks.timeoutParams(Math.max(1, deadline - Date.now()))]);
    const accept = new Headers(init?.headers).get('accept') ?? 'application/sparql-results+json';
    const response = await postForm(source.url, form, accept, auth);
    if (!response.ok) throw storeRefusal(source.url, response.status, await response.text())!;
    storeQuirks.checkComplete(response.headers, source.timeoutMs);
    return response;
  };
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (endpointOf(url) !== store) return guarded(input, init);
    try {
      return await toStore(url, init);
    } catch (error) {
      failed.error ??= error instanceof HttpError ? error : errors.storeUnavailable(String(error));
      throw failed.error;
    }
  };
}

/**
 * Evaluates a checked query with Comunica: the store (type 'sparql') is its one source, so the local part keeps the
 * service's dataset (the merged graph as the default graph, the source graphs as the named graphs), and Comunica
 * calls the allow-listed SERVICE endpoints itself and joins their answers (engine.ts keeps it from handing a
 * SERVICE query to the store whole). Runs in a query worker, as embedded mode's federation does.
 */
export async function runOverStore(engine: QueryEngine, prepared: PreparedQuery, source: StoreSource, limits: FederationLimits): Promise<ValueResult> {
  const failed: { error?: HttpError } = {};
  const context = { sources: [{ type: 'sparql', value: source.url }] as [unknown], unionDefaultGraph: false, fetch: storeFetch(source, prepared, limits.serviceAllowList, failed) };
  try {
    return await evaluate(engine, prepared, context, limits.maxResultRows);
  } catch (error) {
    throw failed.error ?? error;
  }
}
