// Maps request URLs under the base IRI to what they name: a thing (303), a document with an optional format suffix, an index, the ontology.
import type { MediaType } from '../rdf/media-types.js';
import { pathSegment as segment } from '../store/entities.js';

/** What a `{base}doc/...` URL is the document of. */
export type DocumentTarget =
  /** One resource: `{base}id/{kind}/{slug}` or an ontology term / concept `{base}def/...`. */
  | { kind: 'resource'; iri: string; docPath: string }
  /** The members of one kind: `{base}id/{kind}/`. */
  | { kind: 'index'; iri: string; docPath: string; indexKind: string }
  /** The whole ontology, the named graph `{base}def/`. */
  | { kind: 'ontology'; iri: string; docPath: string };

/** A document request: the target plus the format a suffix (`.ttl`, `.html` ...) picked, if any. */
export interface DocumentRequest {
  target: DocumentTarget;
  suffix: string | undefined;
}

/** The path prefix the routes live under: the base IRI's pathname (`/` or e.g. `/lod/`). */
export function basePath(baseIri: string): string {
  return new URL(baseIri).pathname;
}

/** The part of the raw request URL after the base path, without the query; null when it is not safe to interpret. */
export function relativePath(rawUrl: string, prefix: string): string | null {
  const path = rawUrl.split('?', 1)[0]!;
  if (!path.startsWith(prefix)) return null;
  const rest = path.slice(prefix.length);
  const parts = rest.split('/');
  // A trailing slash leaves one empty last part (indexes); every other part must be a proper segment: no `%`
  // escapes, no `..`, nothing dot-leading, so anything not ours answers 404 before it could be mistaken for anything.
  const inner = parts[parts.length - 1] === '' ? parts.slice(0, -1) : parts;
  if (!inner.every((p) => segment.test(p))) return null;
  return rest;
}

/** For `id/...` and `def/...` paths: the IRI named and the document path it redirects to, or null. */
export function thingPath(rest: string): { docPath: string } | null {
  if (/^id\/[^/]+\/([^/]+)?$/.test(rest)) return { docPath: `doc/${rest.slice(3)}` };
  if (rest === 'def/' || /^def\/[^/]+(\/[^/]+)*$/.test(rest)) return { docPath: `doc/${rest}` };
  return null;
}

/** Splits `doc/...` paths into the target and an optional format suffix among the offered ones. */
export function documentRequest(rest: string, baseIri: string, offered: readonly MediaType[]): DocumentRequest | null {
  if (!rest.startsWith('doc/')) return null;
  let path = rest.slice(4);
  let suffix: string | undefined;
  const dot = /\.([a-z]+)$/.exec(path);
  if (dot && offered.some((t) => t.suffix === dot[1])) {
    suffix = dot[1];
    path = path.slice(0, -dot[0].length);
    // `doc/city/index.ttl` is the suffix form of the index `doc/city/`.
    if (path.endsWith('/index')) path = path.slice(0, -'index'.length);
    else if (path.endsWith('/')) return null;
  }
  if (path === 'def/') return { target: { kind: 'ontology', iri: `${baseIri}def/`, docPath: 'doc/def/' }, suffix };
  if (/^def\/[^/]+(\/[^/]+)*$/.test(path)) return { target: { kind: 'resource', iri: `${baseIri}${path}`, docPath: `doc/${path}` }, suffix };
  const index = /^([^/]+)\/$/.exec(path);
  if (index && index[1] !== 'def') {
    return { target: { kind: 'index', iri: `${baseIri}id/${path}`, docPath: `doc/${path}`, indexKind: index[1]! }, suffix };
  }
  if (/^[^/]+\/[^/]+$/.test(path) && !path.startsWith('def/')) {
    return { target: { kind: 'resource', iri: `${baseIri}id/${path}`, docPath: `doc/${path}` }, suffix };
  }
  return null;
}

/** The URL of one format of a document: `{base}doc/city/berlin.ttl`, `{base}doc/city/index.ttl`. */
export function formatUrl(baseIri: string, docPath: string, suffix: string): string {
  return docPath.endsWith('/') ? `${baseIri}${docPath}index.${suffix}` : `${baseIri}${docPath}.${suffix}`;
}

/** A page's path for links inside HTML: root-relative, so pages work on whatever host and port serve them. */
export function pagePath(baseIri: string, docPath: string): string {
  return basePath(baseIri) + docPath;
}

/** The document path of one of our IRIs (`{base}id/x/y` -> `doc/x/y`), or undefined for foreign IRIs. */
export function docPathOf(iri: string, baseIri: string): string | undefined {
  if (!iri.startsWith(baseIri)) return undefined;
  const rest = iri.slice(baseIri.length);
  if (rest.startsWith('id/') && /^id\/[^/]+\/[^/]*$/.test(rest)) return `doc/${rest.slice(3)}`;
  if (rest.startsWith('def/')) return `doc/${rest}`;
  return undefined;
}
