// Serializers for quads: Turtle, N-Triples, TriG, N-Quads (N3.js Writer), RDF/XML and compacted JSON-LD (jsonld.js).
import jsonld from 'jsonld';
import { DataFactory, Writer } from 'n3';
import type { BlankNode, Quad, Term } from '@rdfjs/types';
import { errors } from '../errors.js';
import { allPrefixes } from './namespaces.js';
import { jsonLdContext } from './jsonld-context.js';
import { rdfTypes, type MediaType } from './media-types.js';
import { RdfXmlError, writeRdfXml } from './rdfxml.js';
import { toTriples } from './term-keys.js';

type JsonObject = Record<string, unknown>;

/** The prefixes whose namespace some IRI in the quads starts with, so documents declare only what they use. */
function usedPrefixes(quads: readonly Quad[], prefixes: Record<string, string>): Record<string, string> {
  const iris = new Set<string>();
  for (const q of quads) {
    for (const term of [q.subject, q.predicate, q.object, q.graph]) {
      if (term.termType === 'NamedNode') iris.add(term.value);
      else if (term.termType === 'Literal') iris.add(term.datatype.value);
    }
  }
  const namespaces = Object.entries(prefixes);
  const used: Record<string, string> = {};
  for (const iri of iris) {
    for (const [name, namespace] of namespaces) if (iri.startsWith(namespace) && iri.length > namespace.length) used[name] = namespace;
  }
  return used;
}

/** Writes quads as given (order, graphs, prefixes) with N3.js; the dumps need exactly that for byte-stable files. */
export function writeQuads(quads: Iterable<Quad>, format: string, prefixes: Record<string, string>): Promise<string> {
  const writer = new Writer({ format, prefixes });
  writer.addQuads([...quads]);
  return new Promise((resolve, reject) => writer.end((error, result: string) => (error ? reject(error) : resolve(result))));
}

/** Writes quads with N3.js in one of its formats (Turtle, N-Triples, TriG, N-Quads); triple formats drop graphs and repeats. */
export function writeN3(quads: Iterable<Quad>, mediaType: string, baseIri: string): Promise<string> {
  const dataset = mediaType === rdfTypes.trig.type || mediaType === rdfTypes.nquads.type;
  const usesPrefixes = mediaType === rdfTypes.turtle.type || mediaType === rdfTypes.trig.type;
  const list = dataset ? [...quads] : toTriples(quads);
  return writeQuads(list, mediaType, usesPrefixes ? usedPrefixes(list, allPrefixes(baseIri)) : {});
}

/** Expanded JSON-LD of N-Quads text; literals keep their lexical form (no native numbers), so nothing is rounded. */
export async function expandNQuads(nquads: string): Promise<JsonObject[]> {
  return (await jsonld.fromRDF(nquads, { format: 'application/n-quads', useNativeTypes: false })) as JsonObject[];
}

/** Expanded JSON-LD of the triples of `quads` (graphs dropped). */
export async function expandTriples(quads: Iterable<Quad>, baseIri: string): Promise<JsonObject[]> {
  return expandNQuads(await writeN3(toTriples(quads), rdfTypes.nquads.type, baseIri));
}

/** Compacts JSON-LD with the project's context (embedded). */
export async function compactJsonLd(input: unknown, baseIri: string, options: jsonld.Options.Compact = {}): Promise<JsonObject> {
  return (await jsonld.compact(input as jsonld.JsonLdDocument, jsonLdContext(baseIri) as jsonld.ContextDefinition, options)) as JsonObject;
}

/** Turns quads into JSON-LD compacted with the project's context (graphs dropped). */
async function toJsonLd(quads: Iterable<Quad>, baseIri: string): Promise<JsonObject> {
  return compactJsonLd(await expandTriples(quads, baseIri), baseIri);
}

/**
 * The quads with their blank nodes labelled b0, b1, ... in order of first appearance. The labels a process holds
 * (N3.js numbers every blank node it ever made, in that process) depend on what it did before: two replicas, or
 * one process before and after other work, would write the same document in different bytes under one ETag.
 */
export function stableBlankNodes(quads: Iterable<Quad>): Quad[] {
  const labels = new Map<string, BlankNode>();
  const relabel = <T extends Term>(term: T): T => {
    if (term.termType !== 'BlankNode') return term;
    let label = labels.get(term.value);
    if (!label) labels.set(term.value, (label = DataFactory.blankNode(`b${labels.size}`)));
    return label as unknown as T;
  };
  const out: Quad[] = [];
  for (const q of quads) {
    const mentions = q.subject.termType === 'BlankNode' || q.object.termType === 'BlankNode' || q.graph.termType === 'BlankNode';
    out.push(mentions ? DataFactory.quad(relabel(q.subject), q.predicate, relabel(q.object), relabel(q.graph)) : q);
  }
  return out;
}

/** Serializes quads to the given RDF media type (RDF/XML may throw RdfXmlError for graphs XML cannot name); blank nodes get stable labels. */
export async function serializeQuads(input: Iterable<Quad>, mediaType: string, baseIri: string): Promise<string> {
  const quads = stableBlankNodes(input);
  if (mediaType === rdfTypes.jsonld.type) return JSON.stringify(await toJsonLd(quads, baseIri), null, 2);
  if (mediaType === rdfTypes.rdfxml.type) return writeRdfXml(quads, allPrefixes(baseIri));
  return writeN3(quads, mediaType, baseIri);
}

/**
 * serializeQuads for a negotiated answer: a graph the chosen format cannot carry (RDF/XML without an XML
 * name for a predicate) is the client's 406, naming the other formats on offer, not a server error.
 */
export async function serializeNegotiated(quads: Iterable<Quad>, chosen: MediaType, baseIri: string, offered: readonly MediaType[]): Promise<string> {
  try {
    return await serializeQuads(quads, chosen.type, baseIri);
  } catch (error) {
    if (!(error instanceof RdfXmlError)) throw error;
    throw errors.notRepresentable(error.message, offered.filter((t) => t !== chosen).map((t) => t.type));
  }
}
