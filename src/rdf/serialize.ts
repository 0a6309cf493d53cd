// Serializers for quads: Turtle, N-Triples, TriG, N-Quads (N3.js Writer) and compacted JSON-LD (jsonld.js).
import jsonld from 'jsonld';
import { Writer } from 'n3';
import type { Quad } from '@rdfjs/types';
import { allPrefixes } from './namespaces.js';
import { jsonLdContext } from './jsonld-context.js';
import { rdfTypes } from './media-types.js';
import { writeRdfXml } from './rdfxml.js';
import { toTriples } from './term-keys.js';

/** The prefixes whose namespace some IRI in the quads starts with, so documents declare only what they use. */
export function usedPrefixes(quads: readonly Quad[], prefixes: Record<string, string>): Record<string, string> {
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

/** Writes quads with N3.js in one of its formats (Turtle, N-Triples, TriG, N-Quads). */
export function writeN3(quads: Iterable<Quad>, mediaType: string, baseIri: string): Promise<string> {
  const dataset = mediaType === rdfTypes.trig.type || mediaType === rdfTypes.nquads.type;
  const usesPrefixes = mediaType === rdfTypes.turtle.type || mediaType === rdfTypes.trig.type;
  const list = dataset ? [...quads] : toTriples(quads);
  const writer = new Writer({ format: mediaType, prefixes: usesPrefixes ? usedPrefixes(list, allPrefixes(baseIri)) : {} });
  writer.addQuads(list);
  return new Promise((resolve, reject) => writer.end((error, result: string) => (error ? reject(error) : resolve(result))));
}

/** Turns quads into JSON-LD compacted with the project's context (graphs dropped). */
export async function toJsonLd(quads: Iterable<Quad>, baseIri: string): Promise<Record<string, unknown>> {
  const nquads = await writeN3(toTriples(quads), rdfTypes.nquads.type, baseIri);
  const expanded = await jsonld.fromRDF(nquads, { format: 'application/n-quads', useNativeTypes: false });
  const context = jsonLdContext(baseIri);
  return (await jsonld.compact(expanded, context as jsonld.ContextDefinition)) as Record<string, unknown>;
}

/** Serializes quads to the given RDF media type (RDF/XML may throw RdfXmlError for graphs XML cannot name). */
export async function serializeQuads(quads: Iterable<Quad>, mediaType: string, baseIri: string): Promise<string> {
  if (mediaType === rdfTypes.jsonld.type) return JSON.stringify(await toJsonLd(quads, baseIri), null, 2);
  if (mediaType === rdfTypes.rdfxml.type) return writeRdfXml(quads, allPrefixes(baseIri));
  return writeN3(quads, mediaType, baseIri);
}
