// One validated, frozen Config object built from the environment; nothing else reads process.env.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { availableParallelism } from 'node:os';

export interface Config {
  /** TCP port to listen on (PORT). */
  readonly port: number;
  /** Interface to bind (HOST). */
  readonly host: string;
  /** Base IRI that every relative IRI in ontology/ and data/ is resolved against (BASE_IRI). Ends with "/". */
  readonly baseIri: string;
  /** Folder with the TriG/Turtle data files (DATA_DIR). */
  readonly dataDir: string;
  /** Folder with the ontology and code lists (ONTOLOGY_DIR); null to load none. */
  readonly ontologyDir: string | null;
  /** Folder with SHACL shapes (SHAPES_DIR); null to skip validation (e.g. the W3C protocol test data). */
  readonly shapesDir: string | null;
  /** Folder with the canned queries (QUERIES_DIR). */
  readonly queriesDir: string;
  /** Query timeout in milliseconds (QUERY_TIMEOUT_MS). */
  readonly queryTimeoutMs: number;
  /** Maximum result rows of one SELECT (MAX_RESULT_ROWS). */
  readonly maxResultRows: number;
  /** Maximum request body size in bytes (MAX_BODY_BYTES). */
  readonly maxBodyBytes: number;
  /** Time a client has to send its whole request, headers and body; slower ones get 408 and are closed (REQUEST_TIMEOUT_MS). */
  readonly requestTimeoutMs: number;
  /** A connection silent this long is closed; longer than the query timeout, so a running query keeps its socket (CONNECTION_TIMEOUT_MS). */
  readonly connectionTimeoutMs: number;
  /** An idle keep-alive connection is closed after this (KEEP_ALIVE_TIMEOUT_MS). */
  readonly keepAliveTimeoutMs: number;
  /** Open connections at most; further ones are closed at once, so sockets cannot exhaust file descriptors (MAX_CONNECTIONS). */
  readonly maxConnections: number;
  /** Queries admitted at once, running or waiting for a worker; more get 503 with Retry-After (MAX_CONCURRENT_QUERIES). */
  readonly maxConcurrentQueries: number;
  /** Worker threads that execute any query (QUERY_WORKERS; default: the number of CPUs). */
  readonly queryWorkers: number;
  /** Further worker threads kept for the REST API's canned queries (API_QUERY_WORKERS). */
  readonly apiQueryWorkers: number;
  /** Longest wait for a free worker before 503 with Retry-After (QUERY_QUEUE_WAIT_MS). */
  readonly queueWaitMs: number;
  /** Largest response body of one query, in bytes (MAX_RESULT_BYTES); more is a 422. */
  readonly maxResultBytes: number;
  /** V8 heap limit of one query worker, in MB (QUERY_WORKER_MEMORY_MB). */
  readonly workerMemoryMb: number;
  /** Memory for cached SPARQL answers, in bytes (SPARQL_CACHE_BYTES); 0 turns the cache off. */
  readonly sparqlCacheBytes: number;
  /** SERVICE endpoints a query may call; empty means SERVICE is refused (SERVICE_ALLOW_LIST, comma-separated). */
  readonly serviceAllowList: readonly string[];
  /** Licence IRI of the dataset (DATASET_LICENSE). */
  readonly datasetLicense: string;
  /** E-mail address published as the dataset's contact point (DATASET_CONTACT_EMAIL); null publishes the home page only. */
  readonly datasetContactEmail: string | null;
  /** Where the graph is queried: "embedded" (in-process, the default) or "sparql" (an external SPARQL 1.1 store; STORE). */
  readonly store: 'embedded' | 'sparql';
  /** Store mode: the SPARQL 1.1 Protocol query endpoint (STORE_QUERY_URL); null when embedded. */
  readonly storeQueryUrl: string | null;
  /** Store mode: the SPARQL 1.1 Update endpoint that `npm run store:load` writes to (STORE_UPDATE_URL; default STORE_QUERY_URL). */
  readonly storeUpdateUrl: string | null;
  /** Store mode: credentials for both endpoints (STORE_USER, STORE_PASSWORD), sent by HTTP Basic or Digest as the store challenges; null sends none. */
  readonly storeCredentials: { readonly user: string; readonly password: string } | null;
  /** Log level for fastify's logger (LOG_LEVEL), "silent" to turn logging off. */
  readonly logLevel: string;
}

/** The base IRI when BASE_IRI is not set: the server on this machine. */
export const DEFAULT_BASE_IRI = 'http://localhost:3000/';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be an integer, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function absoluteIri(name: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an absolute IRI, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`${name} must be an http(s) IRI, got "${raw}"`);
  return raw;
}

/** Optional e-mail address: empty means none; anything else must look like local@domain. */
function emailAddress(name: string, raw: string | undefined): string | null {
  if (raw === undefined || raw.trim() === '') return null;
  if (!/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(raw.trim())) throw new ConfigError(`${name} must be an e-mail address, got "${raw}"`);
  return raw.trim();
}

function folder(env: Env, name: string, fallback: string): string {
  const raw = env[name];
  return path.resolve(raw === undefined || raw === '' ? path.join(projectRoot, fallback) : raw);
}

/** Optional folder: the value "none" turns it off. */
function optionalFolder(env: Env, name: string, fallback: string): string | null {
  return env[name] === 'none' ? null : folder(env, name, fallback);
}

/**
 * Connection limits. A client trickling its body is closed after REQUEST_TIMEOUT_MS; the cap on connections
 * stays below the usual limit of 1024 file descriptors, leaving room for workers, data files and logs.
 */
function connectionLimits(env: Env) {
  return {
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 15_000, 100, 600_000),
    connectionTimeoutMs: integer(env, 'CONNECTION_TIMEOUT_MS', 60_000, 200, 3_600_000),
    keepAliveTimeoutMs: integer(env, 'KEEP_ALIVE_TIMEOUT_MS', 5_000, 100, 600_000),
    maxConnections: integer(env, 'MAX_CONNECTIONS', 500, 1, 100_000),
  };
}

/** STORE and its endpoints: the URLs are required in store mode and refused in embedded mode, so a typo is never ignored. */
function storeSettings(env: Env): Pick<Config, 'store' | 'storeQueryUrl' | 'storeUpdateUrl' | 'storeCredentials'> {
  const store = env.STORE ?? 'embedded';
  if (store !== 'embedded' && store !== 'sparql') throw new ConfigError(`STORE must be "embedded" or "sparql", got "${store}"`);
  const named = ['STORE_QUERY_URL', 'STORE_UPDATE_URL', 'STORE_USER', 'STORE_PASSWORD'].filter((name) => (env[name] ?? '') !== '');
  if (store === 'embedded') {
    if (named.length > 0) throw new ConfigError(`${named.join(', ')} only apply with STORE=sparql (STORE is "embedded")`);
    return { store, storeQueryUrl: null, storeUpdateUrl: null, storeCredentials: null };
  }
  if (!env.STORE_QUERY_URL) throw new ConfigError('STORE=sparql needs STORE_QUERY_URL, the store\'s SPARQL 1.1 query endpoint');
  const queryUrl = absoluteIri('STORE_QUERY_URL', env.STORE_QUERY_URL);
  const updateUrl = env.STORE_UPDATE_URL ? absoluteIri('STORE_UPDATE_URL', env.STORE_UPDATE_URL) : queryUrl;
  const user = env.STORE_USER ?? '';
  const password = env.STORE_PASSWORD ?? '';
  if ((user === '') !== (password === '')) throw new ConfigError('STORE_USER and STORE_PASSWORD must be given together');
  if (/[:"]/.test(user)) throw new ConfigError('STORE_USER must not contain ":" or a double quote (HTTP Basic and Digest cannot carry them)');
  return { store, storeQueryUrl: queryUrl, storeUpdateUrl: updateUrl, storeCredentials: user === '' ? null : { user, password } };
}

/** Builds the configuration from environment variables (or any overrides), validating every value. */
export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const baseIri = absoluteIri('BASE_IRI', env.BASE_IRI ?? DEFAULT_BASE_IRI);
  if (!baseIri.endsWith('/')) throw new ConfigError(`BASE_IRI must end with "/", got "${baseIri}"`);
  const allowList = (env.SERVICE_ALLOW_LIST ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => absoluteIri('SERVICE_ALLOW_LIST', s));
  const config: Config = {
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: env.HOST ?? '127.0.0.1',
    baseIri,
    dataDir: folder(env, 'DATA_DIR', 'data'),
    ontologyDir: optionalFolder(env, 'ONTOLOGY_DIR', 'ontology'),
    shapesDir: optionalFolder(env, 'SHAPES_DIR', 'shapes'),
    queriesDir: folder(env, 'QUERIES_DIR', 'queries'),
    queryTimeoutMs: integer(env, 'QUERY_TIMEOUT_MS', 10_000, 100, 600_000),
    maxResultRows: integer(env, 'MAX_RESULT_ROWS', 10_000, 1, 10_000_000),
    // 128 KiB: sparqljs parses on the main thread at about 2.6 µs per byte, so a larger body would stall every route.
    maxBodyBytes: integer(env, 'MAX_BODY_BYTES', 131_072, 1024, 104_857_600),
    ...connectionLimits(env),
    maxConcurrentQueries: integer(env, 'MAX_CONCURRENT_QUERIES', 64, 1, 4096),
    queryWorkers: integer(env, 'QUERY_WORKERS', Math.min(64, availableParallelism()), 1, 64),
    apiQueryWorkers: integer(env, 'API_QUERY_WORKERS', 1, 0, 16),
    queueWaitMs: integer(env, 'QUERY_QUEUE_WAIT_MS', 2000, 0, 600_000),
    maxResultBytes: integer(env, 'MAX_RESULT_BYTES', 64 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    workerMemoryMb: integer(env, 'QUERY_WORKER_MEMORY_MB', 1024, 64, 65_536),
    sparqlCacheBytes: integer(env, 'SPARQL_CACHE_BYTES', 32 * 1024 * 1024, 0, 4 * 1024 * 1024 * 1024),
    serviceAllowList: Object.freeze(allowList),
    datasetLicense: absoluteIri('DATASET_LICENSE', env.DATASET_LICENSE ?? 'http://creativecommons.org/licenses/by/4.0/'),
    datasetContactEmail: emailAddress('DATASET_CONTACT_EMAIL', env.DATASET_CONTACT_EMAIL),
    ...storeSettings(env),
    logLevel: env.LOG_LEVEL ?? 'info',
    ...overrides,
  };
  if (config.connectionTimeoutMs <= config.queryTimeoutMs) {
    throw new ConfigError(`CONNECTION_TIMEOUT_MS (${config.connectionTimeoutMs}) must be longer than QUERY_TIMEOUT_MS (${config.queryTimeoutMs}): a socket silent while its query runs would be closed.`);
  }
  return Object.freeze(config);
}

export { projectRoot };
