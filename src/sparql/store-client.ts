// Talks the SPARQL 1.1 Protocol and Update over HTTP to an external store: credentials, the timeout that aborts the request, and errors mapped to problem codes.
import type { Config } from '../config.js';
import { errors, HttpError } from '../errors.js';
import { storeQuirks } from './store-adapter.js';
import { StoreAuth } from './store-auth.js';

export interface StoreCall {
  /** A query (form-encoded `query=`) or an update (form-encoded `update=`). */
  kind: 'query' | 'update';
  text: string;
  /** Further protocol parameters (default-graph-uri, named-graph-uri, ...), repeated as given. */
  params?: ReadonlyArray<readonly [string, string]>;
  accept: string;
  timeoutMs: number;
  /** A client's query: the store's answer is read only up to this many bytes (then 422), never whole into memory. */
  maxBytes?: number;
}

/**
 * POSTs a protocol form to the store with the credentials, answering one challenge (a first request, or a nonce gone
 * stale; Basic or Digest, whichever the store asks for). A store that cannot be reached is the 503; a timeout, when
 * the caller gives one, the timeout's 503. Used by every request to the store, Comunica's (store-comunica.ts) too.
 */
export async function postForm(url: string, form: URLSearchParams, accept: string, auth: StoreAuth, timeout?: { signal: AbortSignal; ms: number }): Promise<Response> {
  const send = () =>
    fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: accept, ...auth.header('POST', url) },
      body: form,
      ...(timeout ? { signal: timeout.signal } : {}),
    });
  try {
    const response = await send();
    if (response.status !== 401 || !auth.challenged(response.headers.get('www-authenticate'))) return response;
    await response.body?.cancel();
    return await send();
  } catch (error) {
    if (timeout && (error as Error).name === 'TimeoutError') throw errors.queryTimeout(timeout.ms);
    throw errors.storeUnavailable(`${url} cannot be reached (${networkReason(error)}).`);
  }
}

/** The body as text, refused past `maxBytes` while it arrives (the rest is not read). */
async function readBody(response: Response, maxBytes: number | undefined): Promise<string> {
  if (maxBytes === undefined || !response.body) return response.text();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      await response.body.cancel().catch(() => undefined);
      throw errors.tooManyBytes(maxBytes);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** One StoreAuth per credentials: the challenge it remembers is shared by every request of the process. */
const auths = new WeakMap<object, StoreAuth>();
function authFor(config: Config): StoreAuth {
  const key = config.storeCredentials ?? config;
  let auth = auths.get(key);
  if (!auth) auths.set(key, (auth = new StoreAuth(config.storeCredentials)));
  return auth;
}

/** Why fetch failed, in words an operator can act on (undici hides the socket error in `cause`). */
export function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

/**
 * Sends one request to the store and returns its body. The request is aborted at the timeout, so the store's
 * connection closes and (for stores that notice, as Virtuoso does) its work stops too. A store that cannot be
 * reached or answers 5xx is a 503 with Retry-After; a 4xx means the store refused this query (a 400).
 */
export async function callStore(config: Config, call: StoreCall): Promise<{ body: string; contentType: string }> {
  const url = call.kind === 'query' ? config.storeQueryUrl : config.storeUpdateUrl;
  if (!url) throw new Error('callStore needs STORE=sparql');
  const form = new URLSearchParams();
  form.append(call.kind, call.text);
  for (const [name, value] of call.params ?? []) form.append(name, value);
  for (const [name, value] of storeQuirks.timeoutParams(call.timeoutMs)) form.append(name, value);
  // The signal also covers reading the body below.
  const timeout = { signal: AbortSignal.timeout(call.timeoutMs), ms: call.timeoutMs };
  const response = await postForm(url, form, call.accept, authFor(config), timeout);
  let body: string;
  try {
    body = await readBody(response, call.maxBytes);
  } catch (error) {
    if (error instanceof HttpError) throw error;
    if ((error as Error).name === 'TimeoutError') throw errors.queryTimeout(call.timeoutMs);
    throw errors.storeUnavailable(`the answer from ${url} broke off (${networkReason(error)}).`);
  }
  const refused = storeRefusal(url, response.status, body);
  if (refused) throw refused;
  storeQuirks.checkComplete(response.headers, call.timeoutMs);
  return { body, contentType: response.headers.get('content-type') ?? '' };
}

/** The problem a store's non-2xx answer stands for (undefined for a 2xx); shared with Comunica's requests to the store (store-comunica.ts). */
export function storeRefusal(url: string, status: number, body: string): HttpError | undefined {
  if (storeQuirks.isQueryError(status, body)) return errors.queryEvaluation(`The store refused the query: ${body.slice(0, 500)}`);
  if (status >= 500 || status === 401 || status === 403) {
    // Authentication failures are the operator's to fix, not the client's: a 503, with the store's words in the log.
    return errors.storeUnavailable(`${url} answered ${status}: ${body.slice(0, 300)}`);
  }
  if (status < 200 || status >= 300) return errors.queryEvaluation(`The store refused the query: ${body.slice(0, 500)}`);
  return undefined;
}
