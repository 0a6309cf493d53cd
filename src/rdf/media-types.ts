// The one list of media types every route offers, with the format= short names and file suffixes that pick them.
export interface MediaType {
  /** The media type as sent in Content-Type. */
  readonly type: string;
  /** Short name for `?format=` and the file suffix used for `.ext` URLs and dumps. */
  readonly name: string;
  readonly suffix: string;
  /** Whether the format carries named graphs (TriG, N-Quads). */
  readonly dataset?: boolean;
}

export const rdfTypes = {
  turtle: { type: 'text/turtle', name: 'turtle', suffix: 'ttl' },
  ntriples: { type: 'application/n-triples', name: 'ntriples', suffix: 'nt' },
  jsonld: { type: 'application/ld+json', name: 'jsonld', suffix: 'jsonld' },
  rdfxml: { type: 'application/rdf+xml', name: 'rdfxml', suffix: 'rdf' },
  trig: { type: 'application/trig', name: 'trig', suffix: 'trig', dataset: true },
  nquads: { type: 'application/n-quads', name: 'nquads', suffix: 'nq', dataset: true },
} as const satisfies Record<string, MediaType>;

export const resultTypes = {
  json: { type: 'application/sparql-results+json', name: 'json', suffix: 'srj' },
  xml: { type: 'application/sparql-results+xml', name: 'xml', suffix: 'srx' },
  csv: { type: 'text/csv', name: 'csv', suffix: 'csv' },
  tsv: { type: 'text/tab-separated-values', name: 'tsv', suffix: 'tsv' },
} as const satisfies Record<string, MediaType>;

export const html: MediaType = { type: 'text/html', name: 'html', suffix: 'html' };
export const json: MediaType = { type: 'application/json', name: 'json', suffix: 'json' };

/** Aliases accepted in `?format=` besides each type's own name and the media type itself. */
const aliases: Record<string, string> = {
  ttl: 'text/turtle',
  nt: 'application/n-triples',
  'n-triples': 'application/n-triples',
  'json-ld': 'application/ld+json',
  rdf: 'application/rdf+xml',
  xml: 'application/sparql-results+xml',
  nq: 'application/n-quads',
  'n-quads': 'application/n-quads',
  srj: 'application/sparql-results+json',
  srx: 'application/sparql-results+xml',
};

/** Resolves a `?format=` value among the offered types: by short name, suffix, alias or media type. */
export function typeForFormat(format: string, offered: readonly MediaType[]): MediaType | undefined {
  const wanted = format.trim().toLowerCase();
  return (
    offered.find((t) => t.name === wanted || t.suffix === wanted || t.type === wanted) ??
    offered.find((t) => t.type === aliases[wanted])
  );
}
