// Seeded generator of hostile and odd HTTP requests over every route family, for the fuzz test.
import type { CannedQuery } from '../../src/api/query-file.js';

/** One generated request, in the shape app.inject() and node:http both take. */
export interface FuzzRequest {
  family: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/**
 * mulberry32: a 32-bit seeded PRNG in five lines. Written inline because only a reproducible stream of
 * choices is needed, not property shrinking; the seed printed by the test replays a run exactly.
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FuzzWorld {
  /** The base IRI's path without its final slash ('' or '/lod'): every URL of ours starts with it. */
  prefix: string;
  /** Paths of real things, relative to the base path: `id/city/berlin`, `def/...`. */
  thingPaths: readonly string[];
  queries: readonly CannedQuery[];
  downloads: readonly string[];
}

const validQueries = [
  'ASK { ?s ?p ?o }',
  'SELECT * WHERE { ?s ?p ?o } LIMIT 3',
  'SELECT (COUNT(*) AS ?n) WHERE { ?s a ?t }',
  'CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 2',
  'DESCRIBE <http://localhost:3000/id/city/berlin>',
  'PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?l WHERE { ?s rdfs:label ?l FILTER(LANG(?l) = "de") } LIMIT 5',
  'SELECT ?s WHERE { ?s ?p ?o } ORDER BY DESC(?s) LIMIT 2 OFFSET 1',
];
const hostileQueries = [
  '#x', '# hi', 'PREFIX a: <http://x/>', 'BASE <http://x/>', '', ' ', 'SELECT', 'SELECT * WHERE {', '}}}}', 'ASK {}',
  'INSERT DATA { <a:b> <a:b> <a:b> }', 'DELETE WHERE { ?s ?p ?o }', 'LOAD <http://127.0.0.1:1/>', 'CLEAR ALL',
  'SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }', 'SELECT * WHERE { SERVICE ?x { ?s ?p ?o } }',
  'SELECT * FROM <http://127.0.0.1:1/x> WHERE { ?s ?p ?o } LIMIT 1', 'SELECT ?x WHERE { BIND(1/0 AS ?x) }',
  'SELECT * WHERE { ?s ?p "\\uD800" }', 'SELECT * WHERE { ?s <\u0000> ?o }', 'ASK { FILTER(REGEX("a", "(")) }',
  `ASK { FILTER(${Array(600).fill('1').join('+')} > 0) }`, `SELECT * WHERE ${'{'.repeat(200)} ?s ?p ?o ${'}'.repeat(200)}`,
  `ASK { FILTER(${'('.repeat(150)}1${')'.repeat(150)}) }`, 'SELECT * WHERE { ?s ?p ?o } LIMIT 99999999999999999999',
  'SELECT (GROUP_CONCAT(?o) AS ?g) WHERE { ?s ?p ?o } GROUP BY ?s HAVING (COUNT(?o) > 1) LIMIT 3',
];
const acceptValues = [
  '*/*', 'text/html', 'text/turtle', 'application/ld+json', 'application/rdf+xml', 'application/n-triples', 'application/sparql-results+json',
  'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values', 'application/json', 'image/png', 'text/*;q=0', '*/*;q=0',
  'application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted"', 'text/html;q=abc', ';;;', ',,,', 'a/b/c', 'text/turtle;q=2',
  `${'text/x, '.repeat(200)}text/turtle`, 'application/json;q=0.5, text/csv;q=0.5',
];
const formats = ['ttl', 'turtle', 'jsonld', 'json', 'rdf', 'nt', 'csv', 'tsv', 'xml', 'html', 'xyz', '', '%FF', 'text/turtle', '../etc'];
const suffixes = ['', '.ttl', '.jsonld', '.rdf', '.nt', '.html', '.trig', '.nq', '.xyz', '.', '/', '/index.ttl'];
const contentTypes = [
  'application/x-www-form-urlencoded', 'application/sparql-query', 'application/sparql-update', 'application/json', 'text/plain',
  'application/x-www-form-urlencoded; charset=latin1', 'application/sparql-query; charset=utf-16', 'multipart/form-data; boundary=x', '',
];
const oddStrings = ['', ' ', '%', '%FF', '%zz', '%C3%28', '%00', '..', '.', '//', '\u00e9', '\u{1F600}', 'a'.repeat(600), '__proto__', 'constructor', '-1', '1e309', 'NaN', '0x10', '<script>'];

/** The text with lone surrogates replaced: a mutation can cut a surrogate pair, which encodeURI refuses. */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function encode(text: string): string {
  return encodeURIComponent(wellFormed(text));
}

export class RequestGenerator {
  readonly #random: () => number;
  constructor(seed: number, private readonly world: FuzzWorld) {
    this.#random = prng(seed);
  }

  #int(n: number): number {
    return Math.floor(this.#random() * n);
  }
  #pick<T>(items: readonly T[]): T {
    return items[this.#int(items.length)]!;
  }
  #chance(p: number): boolean {
    return this.#random() < p;
  }

  /** Breaks a text the way a careless client or an attacker would: cut, duplicated, a byte swapped. */
  #mutate(text: string): string {
    if (text === '' || this.#chance(0.5)) return text;
    const at = this.#int(text.length);
    switch (this.#int(5)) {
      case 0: return text.slice(0, at);
      case 1: return text.slice(0, at) + this.#pick(['{', '}', '(', '"', '<', '#', '\\', '\n', '?', '%', '\u0000']) + text.slice(at);
      case 2: return text.slice(0, at) + text.slice(at + 1);
      case 3: return text + text.slice(at);
      default: return text.slice(0, at) + this.#pick(oddStrings) + text.slice(at);
    }
  }

  #sparqlText(): string {
    return this.#mutate(this.#chance(0.25) ? this.#pick(validQueries) : this.#pick(hostileQueries));
  }

  /** A query string: mostly well-formed pairs, sometimes raw junk, repeats or percent-escapes that are not UTF-8. */
  #queryString(pairs: Array<[string, string]>): string {
    const parts = pairs.map(([k, v]) => `${encode(k)}=${this.#chance(0.9) ? encode(v) : this.#pick(oddStrings)}`);
    if (this.#chance(0.1)) parts.push(this.#pick(oddStrings));
    if (this.#chance(0.05)) parts.push(...Array(this.#pick([10, 500, 1200])).fill('x=1'));
    return parts.length === 0 ? '' : `?${parts.join('&')}`;
  }

  #headers(): Record<string, string> {
    const headers: Record<string, string> = {};
    if (this.#chance(0.8)) headers.accept = this.#pick(acceptValues);
    if (this.#chance(0.3)) headers['accept-language'] = this.#pick(['de', 'en', 'fr', '*', 'de;q=0', 'xx-YY', ';;', 'en;q=abc']);
    if (this.#chance(0.1)) headers['if-none-match'] = this.#pick(['*', '"abc"', 'W/"x"', 'garbage', '""']);
    if (this.#chance(0.1)) headers['if-modified-since'] = this.#pick(['Tue, 01 Dec 2099 00:00:00 GMT', 'yesterday', '0']);
    if (this.#chance(0.05)) headers['accept-encoding'] = this.#pick(['gzip', 'br', 'identity;q=0', '*;q=0']);
    if (this.#chance(0.05)) headers.range = this.#pick(['bytes=0-10', 'bytes=abc', 'lines=1-2']);
    if (this.#chance(0.05)) headers.origin = 'http://evil.example';
    return headers;
  }

  #sparql(): FuzzRequest {
    const extra: Array<[string, string]> = [];
    if (this.#chance(0.2)) extra.push(['format', this.#pick(formats)]);
    if (this.#chance(0.1)) extra.push([this.#pick(['default-graph-uri', 'named-graph-uri']), this.#pick(['http://127.0.0.1:1/', 'urn:x', '%', ''])]);
    if (this.#chance(0.05)) extra.push(['update', 'CLEAR ALL']);
    if (this.#chance(0.05)) extra.push(['query', 'ASK {}']);
    const headers = this.#headers();
    const kind = this.#int(4);
    if (kind === 0) return { family: 'sparql-get', method: 'GET', url: `/sparql${this.#queryString([['query', this.#sparqlText()], ...extra])}`, headers };
    if (kind === 3 && this.#chance(0.3)) return { family: 'sparql-get', method: 'GET', url: `/sparql${this.#queryString(extra)}`, headers };
    const type = kind === 1 ? contentTypes[0]! : kind === 2 ? contentTypes[1]! : this.#pick(contentTypes);
    if (type !== '') headers['content-type'] = type;
    const text = type.startsWith(contentTypes[0]!) ? this.#queryString([['query', this.#sparqlText()], ...extra]).slice(1) : this.#sparqlText();
    let body = Buffer.from(text, 'utf8');
    // Bytes that are not UTF-8, or a body of the size limit.
    if (this.#chance(0.05)) body = Buffer.concat([body, Buffer.from([0xff, 0xfe, 0xc3])]);
    if (this.#chance(0.01)) body = Buffer.from(`${'a&'.repeat(65_000)}query=ASK%7B%7D`);
    return { family: kind === 1 ? 'sparql-post-form' : 'sparql-post-direct', method: 'POST', url: `/sparql${this.#chance(0.1) ? this.#queryString(extra) : ''}`, headers, body };
  }

  #api(): FuzzRequest {
    const query = this.#chance(0.9) ? this.#pick(this.world.queries) : undefined;
    const name = query?.name ?? this.#pick(['nothing', '..', 'cities.rq', '%FF', 'Cities']);
    const pairs: Array<[string, string]> = [];
    for (const parameter of query?.parameters ?? []) {
      if (!this.#chance(0.3)) continue;
      const example = Array.isArray(parameter.example) ? parameter.example : [parameter.example ?? ''];
      const value = this.#chance(0.6) ? String(this.#pick(example)) : this.#pick([...oddStrings, 'http://localhost:3000/id/city/berlin', 'berlin', '2020', '1800-13-45']);
      pairs.push([parameter.name, this.#mutate(value)]);
      if (parameter.repeatable && this.#chance(0.3)) pairs.push([parameter.name, String(this.#pick(example))]);
    }
    if (this.#chance(0.3)) pairs.push(['limit', this.#pick(['1', '10', '0', '-1', '100000', 'x', '1.5'])]);
    if (this.#chance(0.3)) pairs.push(['offset', this.#pick(['0', '5', '-3', '99999999999', 'y'])]);
    if (this.#chance(0.2)) pairs.push(['lang', this.#pick(['de', 'en', 'fr', ''])]);
    if (this.#chance(0.2)) pairs.push(['format', this.#pick(formats)]);
    if (this.#chance(0.1)) pairs.push([this.#pick(['unknown', 'q', '']), 'x']);
    return { family: 'api', method: 'GET', url: `/api/${name}${this.#queryString(pairs)}`, headers: this.#headers() };
  }

  #linkedData(): FuzzRequest {
    let path = this.#pick(this.world.thingPaths);
    if (this.#chance(0.5)) path = path.replace(/^id\//, 'doc/').replace(/^def\//, 'doc/def/') + this.#pick(suffixes);
    if (this.#chance(0.2)) path = path.replace(/[^/]+$/, '') + this.#pick(['', ...oddStrings]);
    const pairs: Array<[string, string]> = [];
    if (this.#chance(0.2)) pairs.push(['format', this.#pick(formats)]);
    if (this.#chance(0.2)) pairs.push(['lang', this.#pick(['de', 'en', 'xx'])]);
    if (this.#chance(0.1)) pairs.push(['page', this.#pick(['1', '2', '0', '-1', '999999', 'x'])]);
    return { family: 'linked-data', method: 'GET', url: `/${encodeURI(wellFormed(path)).replace(/%25/g, '%')}${this.#queryString(pairs)}`, headers: this.#headers() };
  }

  #openData(): FuzzRequest {
    const path = this.#pick(['/', '/dataset', '/.well-known/void', '/sitemap.xml', '/robots.txt', '/openapi.json', '/health', '/health?ready', '/metrics', '/context.jsonld', '/docs/', '/sparql/yasgui/yasgui.min.css', '/sparql/yasgui/../../package.json', `/download/${this.#pick([...this.world.downloads, 'x.ttl', '..%2Fpackage.json'])}`]);
    const pairs: Array<[string, string]> = [];
    if (this.#chance(0.3)) pairs.push(['format', this.#pick(formats)]);
    if (this.#chance(0.2)) pairs.push(['lang', this.#pick(['de', 'en', 'fr', '%'])]);
    const url = path.includes('?') ? path : `${path}${this.#queryString(pairs)}`;
    return { family: 'open-data', method: 'GET', url, headers: this.#headers() };
  }

  #randomPath(): FuzzRequest {
    const segments = Array.from({ length: 1 + this.#int(4) }, () => encode(this.#pick([...oddStrings, 'id', 'doc', 'api', 'sparql', 'def', 'x'])));
    const raw = this.#chance(0.2) ? this.#pick(['%', '%zz', '%FF', '..', '%2e%2e']) : '';
    return { family: 'random-path', method: 'GET', url: `/${segments.join('/')}${raw}${this.#queryString([])}`, headers: this.#headers() };
  }

  /** The next request: families in fixed shares, then sometimes an unusual method. */
  next(): FuzzRequest {
    const roll = this.#random();
    const request =
      roll < 0.3 ? this.#sparql() : roll < 0.5 ? this.#api() : roll < 0.7 ? this.#linkedData() : roll < 0.88 ? this.#openData() : this.#randomPath();
    if (this.#chance(0.05)) request.method = this.#pick(['HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);
    // A few requests miss the base path, as a misconfigured client's would.
    if (request.family !== 'random-path' || this.#chance(0.5)) request.url = `${this.world.prefix}${request.url}`;
    if (request.method === 'GET' || request.method === 'HEAD') delete request.body;
    return request;
  }
}
