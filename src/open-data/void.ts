// The VoID description ({base}.well-known/void): counts, partitions, access points and the Wikidata linkset, all from GraphStatistics.
import { DataFactory, Store } from 'n3';
import type { NamedNode, Quad_Object, Quad_Subject } from '@rdfjs/types';
import { ns, prefixes } from '../rdf/namespaces.js';
import type { Dump } from './dumps.js';
import type { Release } from './release.js';
import type { GraphStatistics } from '../store/statistics.js';
import { catalogueIris } from './catalogue.js';
import { datasetText } from './dataset-texts.js';

const { namedNode, literal, blankNode } = DataFactory;

/** How many resources to name as void:exampleResource: those with the most triples, so they show the graph at its richest. */
const EXAMPLES = 3;

interface VoidInput {
  readonly baseIri: string;
  readonly release: Release;
  readonly statistics: GraphStatistics;
  readonly dumps: readonly Dump[];
  /** Example resources, chosen by the caller from the store. */
  readonly examples: readonly string[];
}

/** Picks the example resources: IRIs under `{base}id/` with the most triples as subject (ties by IRI). */
export function exampleResources(statistics: GraphStatistics, countFor: (iri: string) => number): string[] {
  return [...statistics.entitiesByKind.values()]
    .flat()
    .map((iri) => ({ iri, n: countFor(iri) }))
    .sort((a, b) => b.n - a.n || (a.iri < b.iri ? -1 : 1))
    .slice(0, EXAMPLES)
    .map((e) => e.iri);
}

/** Builds the VoID description as triples. The dataset is the catalogue's dcat:Dataset, typed void:Dataset too. */
export function buildVoid(input: VoidInput): Store {
  const { baseIri, release, statistics, dumps, examples } = input;
  const iri = catalogueIris(baseIri);
  const store = new Store();
  const add = (s: string | Quad_Subject, p: NamedNode, o: Quad_Object | string) =>
    store.addQuad(typeof s === 'string' ? namedNode(s) : s, p, typeof o === 'string' ? namedNode(o) : o);
  const count = (n: number) => literal(String(n), ns.xsd('integer'));
  const a = ns.rdf('type');

  add(iri.void, a, ns.void('DatasetDescription'));
  add(iri.void, ns.dct('title'), literal(`VoID: ${datasetText.title.en}`, 'en'));
  add(iri.void, ns.dct('title'), literal(`VoID: ${datasetText.title.de}`, 'de'));
  add(iri.void, ns.foaf('primaryTopic'), iri.dataset);

  const d = iri.dataset;
  add(d, a, ns.void('Dataset'));
  add(d, ns.dct('title'), literal(datasetText.title.en, 'en'));
  add(d, ns.dct('title'), literal(datasetText.title.de, 'de'));
  add(d, ns.dct('modified'), literal(release.date, ns.xsd('date')));
  add(d, ns.void('triples'), count(statistics.triples));
  add(d, ns.void('entities'), count(statistics.entities));
  add(d, ns.void('distinctSubjects'), count(statistics.distinctSubjects));
  add(d, ns.void('distinctObjects'), count(statistics.distinctObjects));
  add(d, ns.void('classes'), count(statistics.classes.size));
  add(d, ns.void('properties'), count(statistics.properties.size));
  add(d, ns.void('sparqlEndpoint'), iri.sparqlEndpoint);
  for (const dump of dumps) add(d, ns.void('dataDump'), iri.download(dump.fileName));
  add(d, ns.void('uriSpace'), literal(`${baseIri}id/`));
  add(d, ns.void('uriRegexPattern'), literal(`^${baseIri.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}id/[a-z0-9-]+/`));
  for (const example of examples) add(d, ns.void('exampleResource'), example);
  for (const vocabulary of statistics.vocabularies) add(d, ns.void('vocabulary'), vocabulary);
  add(d, ns.void('feature'), 'http://www.w3.org/ns/formats/N-Quads');
  add(d, ns.void('feature'), 'http://www.w3.org/ns/formats/TriG');
  add(d, ns.void('feature'), 'http://www.w3.org/ns/formats/Turtle');
  add(d, ns.void('feature'), 'http://www.w3.org/ns/formats/JSON-LD');

  // Partitions use blank nodes: they are parts of this description, not things anyone links to. (Their labels are
  // N3's process-wide counter; serializeQuads writes them as b0, b1, ... so every replica writes the same bytes.)
  for (const [classIri, entities] of statistics.classes) {
    const partition = blankNode();
    add(d, ns.void('classPartition'), partition);
    add(partition, ns.void('class'), classIri);
    add(partition, ns.void('entities'), count(entities));
  }
  for (const [propertyIri, triples] of statistics.properties) {
    const partition = blankNode();
    add(d, ns.void('propertyPartition'), partition);
    add(partition, ns.void('property'), propertyIri);
    add(partition, ns.void('triples'), count(triples));
  }

  // One subset per named graph (one per source, plus the ontology), so a user sees where the triples live.
  for (const [graphIri, triples] of statistics.graphs) {
    const subset = blankNode();
    add(d, ns.void('subset'), subset);
    add(subset, a, ns.void('Dataset'));
    add(subset, ns.sd('name'), graphIri);
    add(subset, ns.void('triples'), count(triples));
  }

  // The links to Wikidata.
  const wikidata = `${iri.document}#wikidata`;
  add(wikidata, a, ns.void('Dataset'));
  add(wikidata, ns.dct('title'), literal('Wikidata', 'en'));
  add(wikidata, ns.foaf('homepage'), 'https://www.wikidata.org/');
  add(wikidata, ns.void('uriSpace'), literal(prefixes.wd));
  add(wikidata, ns.void('sparqlEndpoint'), 'https://query.wikidata.org/sparql');
  const linkset = `${iri.document}#wikidata-links`;
  add(d, ns.void('subset'), linkset);
  add(linkset, a, ns.void('Linkset'));
  add(linkset, ns.dct('title'), literal('owl:sameAs links to Wikidata', 'en'));
  add(linkset, ns.dct('title'), literal('owl:sameAs-Verknüpfungen zu Wikidata', 'de'));
  add(linkset, ns.void('linkPredicate'), ns.owl('sameAs'));
  add(linkset, ns.void('subjectsTarget'), d);
  add(linkset, ns.void('objectsTarget'), wikidata);
  add(linkset, ns.void('triples'), count(statistics.wikidataLinks));
  return store;
}
