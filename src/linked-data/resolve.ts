// What a path under the base IRI names, decided from the graph alone (no server): a redirect, a document, or nothing.
import { DataFactory, type Store } from 'n3';
import type { MediaType } from '../rdf/media-types.js';
import { isKnown } from './describe.js';
import { documentRequest, thingPath, type DocumentRequest } from './paths.js';

/** The parts of the served graph resolution reads. */
export interface ResolveGraph {
  readonly store: Store;
  /** The members of each kind (`city` -> its IRIs), as entitiesByKind lists them. */
  readonly kinds: ReadonlyMap<string, readonly string[]>;
}

export type Resolved =
  /** 301 for the slash-less index (a typo), 303 from a thing to its document; `location` is relative to the base IRI. */
  | { readonly kind: 'redirect'; readonly status: 301 | 303; readonly location: string }
  /** A document that exists; `members` for an index. */
  | { readonly kind: 'document'; readonly request: DocumentRequest; readonly members: readonly string[] }
  | { readonly kind: 'missing' };

const missing: Resolved = { kind: 'missing' };

/** Whether some quad sits in the named graph (the ontology `{base}def/` is one). */
function graphExists(store: Store, iri: string): boolean {
  return store.countQuads(null, null, null, DataFactory.namedNode(iri)) > 0;
}

/** `{base}id/...` and `{base}def/...`: whether the IRI names something we describe. */
function thingExists(rest: string, baseIri: string, graph: ResolveGraph): boolean {
  if (rest === 'def/') return graphExists(graph.store, baseIri + rest);
  if (rest.endsWith('/')) return graph.kinds.has(rest.slice(3, -1));
  return isKnown(graph.store, baseIri + rest);
}

/** A `{base}doc/...` path: the document it names when that document has something to say. */
function resolveDocument(rest: string, baseIri: string, graph: ResolveGraph, offered: readonly MediaType[]): Resolved {
  const request = documentRequest(rest, baseIri, offered);
  if (request === null) return missing;
  const { target } = request;
  if (target.kind === 'resource') return isKnown(graph.store, target.iri) ? { kind: 'document', request, members: [] } : missing;
  if (target.kind === 'ontology') return graphExists(graph.store, target.iri) ? { kind: 'document', request, members: [] } : missing;
  const members = graph.kinds.get(target.indexKind);
  return members ? { kind: 'document', request, members } : missing;
}

/**
 * Resolves the part of a request path after the base path (null when relativePath found it unsafe). `offered`
 * lists the format suffixes a document URL may carry.
 */
export function resolve(rest: string | null, baseIri: string, graph: ResolveGraph, offered: readonly MediaType[]): Resolved {
  if (rest === null) return missing;
  // The index IRI is `{base}id/{kind}/`; `id/{kind}` and `doc/{kind}` without the slash are typos for it.
  const slashless = /^(id|doc)\/([^/]+)$/.exec(rest);
  if (slashless && slashless[2] !== 'def' && graph.kinds.has(slashless[2]!)) return { kind: 'redirect', status: 301, location: `${rest}/` };
  if (rest.startsWith('doc/')) return resolveDocument(rest, baseIri, graph, offered);
  const thing = thingPath(rest);
  if (thing === null || !thingExists(rest, baseIri, graph)) return missing;
  return { kind: 'redirect', status: 303, location: thing.docPath };
}
