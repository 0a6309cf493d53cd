// The SPARQL 1.1 Service Description of /sparql: endpoint URL, language, result formats, features and the default dataset with its named graphs.
import { DEFAULT_BASE_IRI } from '../config.js';
import { DataFactory } from 'n3';
import type { Quad } from '@rdfjs/types';
import type { Config } from '../config.js';
import type { LoadedGraph } from '../store/load.js';
import { ns } from '../rdf/namespaces.js';

const { namedNode, blankNode, quad } = DataFactory;
const RDF_TYPE = ns.rdf('type');
const FORMATS = 'http://www.w3.org/ns/formats/';
const sd = ns.sd;

/** The W3C format IRIs of every result format /sparql writes. */
const resultFormats = [
  'SPARQL_Results_JSON',
  'SPARQL_Results_XML',
  'SPARQL_Results_CSV',
  'SPARQL_Results_TSV',
  'Turtle',
  'N-Triples',
  'N-Quads',
  'TriG',
  'JSON-LD',
  'RDF_XML',
];

/**
 * The URL clients reach the endpoint at. A configured BASE_IRI decides it (behind a proxy the request's
 * Host is not the public one); with the default base, the request's own host and port are used, so a
 * service started on another port or address describes itself correctly.
 */
export function endpointUrl(config: Config, request: { protocol: string; host: string }): string {
  if (config.baseIri !== DEFAULT_BASE_IRI) return `${config.baseIri}sparql`;
  return `${request.protocol}://${request.host}/sparql`;
}

export function serviceDescription(config: Config, graph: LoadedGraph, endpoint: string): Quad[] {
  const service = namedNode(endpoint);
  const dataset = blankNode('dataset');
  const defaultGraph = blankNode('defaultGraph');
  const quads: Quad[] = [
    quad(service, RDF_TYPE, sd('Service')),
    quad(service, sd('endpoint'), service),
    quad(service, sd('supportedLanguage'), sd('SPARQL11Query')),
    // Without default-graph-uri / FROM, the default graph is the union of all named graphs.
    quad(service, sd('feature'), sd('UnionDefaultGraph')),
    quad(service, sd('defaultDataset'), dataset),
    quad(dataset, RDF_TYPE, sd('Dataset')),
    quad(dataset, sd('defaultGraph'), defaultGraph),
    quad(defaultGraph, RDF_TYPE, sd('Graph')),
  ];
  if (config.serviceAllowList.length > 0) quads.push(quad(service, sd('feature'), sd('BasicFederatedQuery')));
  for (const format of resultFormats) quads.push(quad(service, sd('resultFormat'), namedNode(`${FORMATS}${format}`)));
  const names = graph.store.getGraphs(null, null, null).filter((g) => g.termType === 'NamedNode').map((g) => g.value).sort();
  names.forEach((name, i) => {
    const named = blankNode(`graph${i}`);
    quads.push(quad(dataset, sd('namedGraph'), named), quad(named, RDF_TYPE, sd('NamedGraph')), quad(named, sd('name'), namedNode(name)));
  });
  return quads;
}
