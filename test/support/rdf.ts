// RDF helpers for tests: parsing RDF/XML answers into quads (to compare them as graphs), and every document path of a graph.
import type { Quad } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import type { LoadedGraph } from '../../src/store/load.js';
import { entitiesByKind } from '../../src/store/entities.js';
import { docPathOf } from '../../src/linked-data/paths.js';

export function parseRdfXml(text: string): Promise<Quad[]> {
  return new Promise((resolve, reject) => {
    const quads: Quad[] = [];
    const parser = new RdfXmlParser();
    parser.on('data', (q: Quad) => quads.push(q)).on('error', reject).on('end', () => resolve(quads));
    parser.end(text);
  });
}

/** Every document path (`doc/...`, no leading slash) of a graph: each of our IRIs that is a subject or object, and each kind index. */
export function documentPaths(graph: LoadedGraph): string[] {
  const paths = new Set<string>();
  for (const term of [...graph.store.getSubjects(null, null, null), ...graph.store.getObjects(null, null, null)]) {
    const doc = term.termType === 'NamedNode' ? docPathOf(term.value, graph.baseIri) : undefined;
    if (doc) paths.add(doc);
  }
  for (const kind of entitiesByKind(graph.store, graph.baseIri).keys()) paths.add(`doc/${kind}/`);
  return [...paths].sort();
}
