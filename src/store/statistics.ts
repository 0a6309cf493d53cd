// Statistics of the loaded graph (VoID, catalogue, home page, sitemap, validation report, README), all computed from the store.
import type { Literal } from '@rdfjs/types';
import type { LoadedGraph } from './load.js';
import { termKey, tripleKey } from '../rdf/term-keys.js';
import { prefixes } from '../rdf/namespaces.js';
import { groupByKind } from './entities.js';

const RDF_TYPE = `${prefixes.rdf}type`;
const OWL_SAME_AS = `${prefixes.owl}sameAs`;
const DATE_TYPES = new Set([`${prefixes.xsd}date`, `${prefixes.xsd}gYearMonth`, `${prefixes.xsd}gYear`]);

/** A date literal of the data with the interval it stands for, so that "2024-12" counts as ending on 31 December. */
interface DateValue {
  readonly literal: Literal;
  /** First and last day the value covers (ISO dates). */
  readonly from: string;
  readonly to: string;
}

/**
 * VoID counts. They are over the union of all named graphs as a set of DISTINCT TRIPLES — the graph that
 * `/sparql` queries as its default graph — so `void:triples` equals `SELECT (COUNT(*) AS ?n) { ?s ?p ?o }`.
 * A triple stated in two source graphs counts once.
 */
export interface GraphStatistics {
  readonly triples: number;
  /** Quads in the store (the N-Quads and TriG dumps have this many lines/statements). */
  readonly quads: number;
  /** Distinct IRIs under the URI space `{base}id/` that are the subject of a triple. */
  readonly entities: number;
  readonly distinctSubjects: number;
  readonly distinctObjects: number;
  /** rdf:type object -> number of distinct subjects of that type, sorted by class IRI. */
  readonly classes: ReadonlyMap<string, number>;
  /** predicate -> number of distinct triples, sorted by property IRI. */
  readonly properties: ReadonlyMap<string, number>;
  /** Distinct `owl:sameAs` triples whose object is a Wikidata entity. */
  readonly wikidataLinks: number;
  /** Namespaces (from the known prefixes) of the classes and properties used, sorted. */
  readonly vocabularies: readonly string[];
  /** Named graphs -> distinct triples in each. */
  readonly graphs: ReadonlyMap<string, number>;
  /** Entities of `{base}id/{kind}/{slug}` form, per kind, each list sorted. */
  readonly entitiesByKind: ReadonlyMap<string, readonly string[]>;
  /** Earliest and latest xsd:date / xsd:gYearMonth / xsd:gYear value outside the ontology graph. */
  readonly temporal: { readonly start: DateValue; readonly end: DateValue } | undefined;
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The days a date literal covers, or undefined when it is not a well-formed xsd:date / gYearMonth / gYear. */
export function dateValue(literal: Literal): DateValue | undefined {
  if (!DATE_TYPES.has(literal.datatype.value)) return undefined;
  const text = literal.value;
  // Timezones are allowed by XSD; they do not change which day is meant at this precision.
  const match = /^(-?\d{4,})(?:-(\d{2}))?(?:-(\d{2}))?(Z|[+-]\d{2}:\d{2})?$/.exec(text);
  if (!match) return undefined;
  const [, yearText, monthText, dayText] = match;
  const year = Number(yearText);
  const pad = (n: number) => String(n).padStart(2, '0');
  const y = yearText!;
  const kind = literal.datatype.value.slice(prefixes.xsd.length);
  if (kind === 'gYear' && monthText === undefined) return { literal, from: `${y}-01-01`, to: `${y}-12-31` };
  if (kind === 'gYearMonth' && monthText !== undefined && dayText === undefined) {
    const month = Number(monthText);
    if (month < 1 || month > 12) return undefined;
    return { literal, from: `${y}-${monthText}-01`, to: `${y}-${monthText}-${pad(lastDayOfMonth(year, month))}` };
  }
  if (kind === 'date' && monthText !== undefined && dayText !== undefined) {
    const month = Number(monthText);
    const day = Number(dayText);
    if (month < 1 || month > 12 || day < 1 || day > lastDayOfMonth(year, month)) return undefined;
    return { literal, from: `${y}-${monthText}-${dayText}`, to: `${y}-${monthText}-${dayText}` };
  }
  return undefined;
}

/** Namespace of an IRI among the known prefixes (longest match), or the IRI cut after its last '#' or '/'. */
function namespaceOf(iri: string, projectNamespaces: readonly string[]): string {
  const known = [...Object.values(prefixes), ...projectNamespaces].filter((ns) => iri.startsWith(ns)).sort((a, b) => b.length - a.length);
  if (known[0]) return known[0];
  const cut = Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/'));
  return iri.slice(0, cut + 1);
}

function sortedMap(map: Map<string, number>): Map<string, number> {
  return new Map([...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Computes every number VoID and the catalogue publish, in one pass over the store. */
export function computeStatistics(graph: LoadedGraph): GraphStatistics {
  const { baseIri } = graph;
  const uriSpace = `${baseIri}id/`;
  const ontologyGraph = `${baseIri}def/`;
  const seen = new Set<string>();
  const subjects = new Set<string>();
  const objects = new Set<string>();
  const entities = new Set<string>();
  const classMembers = new Map<string, Set<string>>();
  const properties = new Map<string, number>();
  const graphs = new Map<string, Set<string>>();
  const vocabularies = new Set<string>();
  const projectNamespaces = [`${baseIri}def/`];
  let wikidataLinks = 0;
  let quads = 0;
  let start: DateValue | undefined;
  let end: DateValue | undefined;

  for (const quad of graph.store.getQuads(null, null, null, null)) {
    quads++;
    const key = tripleKey(quad);
    const inGraph = graphs.get(quad.graph.value) ?? new Set<string>();
    inGraph.add(key);
    graphs.set(quad.graph.value, inGraph);
    if (quad.object.termType === 'Literal' && quad.graph.value !== ontologyGraph) {
      const value = dateValue(quad.object);
      if (value && (!start || value.from < start.from)) start = value;
      if (value && (!end || value.to > end.to)) end = value;
    }
    if (seen.has(key)) continue;
    seen.add(key);
    const subject = termKey(quad.subject);
    subjects.add(subject);
    objects.add(termKey(quad.object));
    if (quad.subject.termType === 'NamedNode' && quad.subject.value.startsWith(uriSpace)) entities.add(quad.subject.value);
    properties.set(quad.predicate.value, (properties.get(quad.predicate.value) ?? 0) + 1);
    vocabularies.add(namespaceOf(quad.predicate.value, projectNamespaces));
    if (quad.predicate.value === RDF_TYPE && quad.object.termType === 'NamedNode') {
      const members = classMembers.get(quad.object.value) ?? new Set<string>();
      members.add(subject);
      classMembers.set(quad.object.value, members);
      vocabularies.add(namespaceOf(quad.object.value, projectNamespaces));
    }
    if (quad.predicate.value === OWL_SAME_AS && quad.object.termType === 'NamedNode' && quad.object.value.startsWith(prefixes.wd)) wikidataLinks++;
  }

  return {
    triples: seen.size,
    quads,
    entities: entities.size,
    distinctSubjects: subjects.size,
    distinctObjects: objects.size,
    classes: sortedMap(new Map([...classMembers].map(([iri, members]) => [iri, members.size]))),
    properties: sortedMap(properties),
    wikidataLinks,
    vocabularies: [...vocabularies].sort(),
    graphs: sortedMap(new Map([...graphs].map(([iri, keys]) => [iri, keys.size]))),
    entitiesByKind: groupByKind(entities, baseIri),
    temporal: start && end ? { start, end } : undefined,
  };
}
