// The vocabularies the graph uses, as IRI prefixes and N3 term factories shared by every read path.
import { DataFactory } from 'n3';
import type { NamedNode } from '@rdfjs/types';

export const prefixes = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  owl: 'http://www.w3.org/2002/07/owl#',
  org: 'http://www.w3.org/ns/org#',
  schema: 'http://schema.org/',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  prov: 'http://www.w3.org/ns/prov#',
  dcat: 'http://www.w3.org/ns/dcat#',
  time: 'http://www.w3.org/2006/time#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  void: 'http://rdfs.org/ns/void#',
  sh: 'http://www.w3.org/ns/shacl#',
  sd: 'http://www.w3.org/ns/sparql-service-description#',
  spdx: 'http://spdx.org/rdf/terms#',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  wd: 'http://www.wikidata.org/entity/',
} as const;

type PrefixName = keyof typeof prefixes;

/** Returns a function that mints named nodes in one namespace: `ns.org('memberOf')`. */
function namespace(iri: string): (local: string) => NamedNode {
  return (local) => DataFactory.namedNode(iri + local);
}

export const ns = Object.fromEntries(Object.entries(prefixes).map(([name, iri]) => [name, namespace(iri)])) as {
  [K in PrefixName]: (local: string) => NamedNode;
};

/** The project's own namespaces, which depend on the configured base IRI. */
function projectPrefixes(baseIri: string): Record<string, string> {
  return {
    cn: `${baseIri}def/`,
    id: `${baseIri}id/`,
  };
}

/** All prefixes for serializers: standard vocabularies plus the project's own. */
export function allPrefixes(baseIri: string): Record<string, string> {
  return { ...prefixes, ...projectPrefixes(baseIri) };
}

/** Shortens an IRI with the known prefixes (the project's own relative to the base), for reading. */
export function compactIri(iri: string, baseIri: string): string {
  let best: [string, string] | undefined;
  for (const [prefix, ns] of Object.entries(allPrefixes(baseIri))) {
    if (iri.startsWith(ns) && (!best || ns.length > best[1].length)) best = [prefix, ns];
  }
  if (!best) return iri;
  const local = iri.slice(best[1].length);
  return /^[A-Za-z0-9_-]*$/.test(local) ? `${best[0]}:${local}` : iri;
}
