// The one list of media types every route offers, with the format= short names and file suffixes that pick them.
export interface MediaType {
  /** The media type without parameters: what Accept and `?format=` name. */
  readonly type: string;
  /**
   * The Content-Type header every route sends for this type. One rule: every type here is text, so every one says
   * charset=utf-8 (JSON and JSON-LD need no charset by their RFCs, but saying it costs nothing and keeps one rule).
   */
  readonly contentType: string;
  /** Short name for `?format=` and the file suffix used for `.ext` URLs and dumps. */
  readonly name: string;
  readonly suffix: string;
  /** Whether the format carries named graphs (TriG, N-Quads). */
  readonly dataset?: boolean;
}

export const rdfTypes = {
  turtle: { type: 'text/turtle', contentType: 'text/turtle; charset=utf-8', name: 'turtle', suffix: 'ttl' },
  ntriples: { type: 'application/n-triples', contentType: 'application/n-triples; charset=utf-8', name: 'ntriples', suffix: 'nt' },
  jsonld: { type: 'application/ld+json', contentType: 'application/ld+json; charset=utf-8', name: 'jsonld', suffix: 'jsonld' },
  rdfxml: { type: 'application/rdf+xml', contentType: 'application/rdf+xml; charset=utf-8', name: 'rdfxml', suffix: 'rdf' },
  trig: { type: 'application/trig', contentType: 'application/trig; charset=utf-8', name: 'trig', suffix: 'trig', dataset: true },
  nquads: { type: 'application/n-quads', contentType: 'application/n-quads; charset=utf-8', name: 'nquads', suffix: 'nq', dataset: true },
} as const satisfies Record<string, MediaType>;

export const resultTypes = {
  json: { type: 'application/sparql-results+json', contentType: 'application/sparql-results+json; charset=utf-8', name: 'json', suffix: 'srj' },
  xml: { type: 'application/sparql-results+xml', contentType: 'application/sparql-results+xml; charset=utf-8', name: 'xml', suffix: 'srx' },
  csv: { type: 'text/csv', contentType: 'text/csv; charset=utf-8; header=present', name: 'csv', suffix: 'csv' },
  tsv: { type: 'text/tab-separated-values', contentType: 'text/tab-separated-values; charset=utf-8', name: 'tsv', suffix: 'tsv' },
} as const satisfies Record<string, MediaType>;

export const html: MediaType = { type: 'text/html', contentType: 'text/html; charset=utf-8', name: 'html', suffix: 'html' };
export const json: MediaType = { type: 'application/json', contentType: 'application/json; charset=utf-8', name: 'json', suffix: 'json' };
/** Fixed types of single files (sitemap.xml, robots.txt, query files): never negotiated, so not format names. */
export const xml: MediaType = { type: 'application/xml', contentType: 'application/xml; charset=utf-8', name: 'xml', suffix: 'xml' };
export const text: MediaType = { type: 'text/plain', contentType: 'text/plain; charset=utf-8', name: 'text', suffix: 'txt' };

/**
 * Names clients send in `?format=` besides each type's own name, suffix and media type, with the types each may
 * mean in order: the first one the route offers wins. So `xml` is SPARQL XML results for SELECT/ASK and RDF/XML
 * for a graph, `json` is SPARQL JSON results or JSON-LD, `n3` and `text` are Turtle (as in Fuseki's short names;
 * Turtle is a subset of N3), and `text/plain` is N-Triples (its historical media type). A Map, not an object: a
 * client's `format=__proto__` or `constructor` must not find Object.prototype's members.
 */
const aliases: ReadonlyMap<string, readonly string[]> = new Map(Object.entries({
  xml: ['application/sparql-results+xml', 'application/rdf+xml'],
  json: ['application/sparql-results+json', 'application/json', 'application/ld+json'],
  'application/json': ['application/json', 'application/sparql-results+json', 'application/ld+json'],
  sparql: ['application/sparql-results+xml'],
  srj: ['application/sparql-results+json'],
  srx: ['application/sparql-results+xml'],
  ttl: ['text/turtle'],
  text: ['text/turtle'],
  n3: ['text/turtle'],
  'text/n3': ['text/turtle'],
  'application/x-turtle': ['text/turtle'],
  'application/turtle': ['text/turtle'],
  nt: ['application/n-triples'],
  'n-triples': ['application/n-triples'],
  'text/plain': ['application/n-triples'],
  'json-ld': ['application/ld+json'],
  'application/x-json+ld': ['application/ld+json'],
  rdf: ['application/rdf+xml'],
  'rdf+xml': ['application/rdf+xml'],
  'application/xml': ['application/rdf+xml', 'application/sparql-results+xml'],
  nq: ['application/n-quads'],
  'n-quads': ['application/n-quads'],
}));

const allTypes: readonly MediaType[] = [...Object.values(rdfTypes), ...Object.values(resultTypes), html, json];

/** Resolves a `?format=` value among the offered types: by short name, suffix, alias or media type. */
export function typeForFormat(format: string, offered: readonly MediaType[]): MediaType | undefined {
  const wanted = format.trim().toLowerCase();
  const own = offered.find((t) => t.name === wanted || t.suffix === wanted || t.type === wanted);
  if (own) return own;
  for (const type of aliases.get(wanted) ?? []) {
    const match = offered.find((t) => t.type === type);
    if (match) return match;
  }
  return undefined;
}

/**
 * Whether a `?format=` value names a format at all, offered here or not: a known short name, suffix or alias, or
 * anything shaped like a media type. A value that is none of these is a typo and is refused.
 */
export function isFormatName(format: string): boolean {
  const wanted = format.trim().toLowerCase();
  return typeForFormat(wanted, allTypes) !== undefined || aliases.has(wanted) || /^[a-z0-9][\w.+-]*\/[a-z0-9][\w.+-]*$/.test(wanted);
}
