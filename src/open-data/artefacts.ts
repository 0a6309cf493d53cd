// Everything the open-data path serves, built once per loaded graph (and again when the graph is replaced).
import type { Quad } from '@rdfjs/types';
import type { Config } from '../config.js';
import type { LoadedGraph } from '../store/load.js';
import { serializeQuads } from '../rdf/serialize.js';
import type { PageLanguage } from '../html/format.js';
import { buildCatalogue, sourcesOf, type SourceInfo } from './catalogue.js';
import { buildDumpsInWorker, type Dump } from './dumps.js';
import { loadRelease, type Release } from './release.js';
import { robotsTxt, sitemapXml } from './sitemap.js';
import { computeStatistics, type GraphStatistics } from '../store/statistics.js';
import { buildVoid, exampleResources } from './void.js';
import { DataFactory } from 'n3';

export interface Artefacts {
  readonly graph: LoadedGraph;
  readonly release: Release;
  readonly statistics: GraphStatistics;
  readonly dumps: readonly Dump[];
  readonly catalogue: readonly Quad[];
  readonly void: readonly Quad[];
  readonly sources: Readonly<Record<PageLanguage, readonly SourceInfo[]>>;
  readonly sitemap: string;
  readonly robots: string;
  /** Serializes the catalogue or VoID once per media type. */
  serialized(document: 'catalogue' | 'void', mediaType: string): Promise<string>;
}

/** Builds every artefact for one graph. Pure apart from reading the changelog (next to the data, or in store mode from the graph's copy). */
export async function buildArtefacts(config: Config, graph: LoadedGraph): Promise<Artefacts> {
  const release = await loadRelease(config.dataDir, graph);
  const statistics = computeStatistics(graph);
  const dumps = await buildDumpsInWorker(graph);
  const catalogue = buildCatalogue({ config, graph, release, statistics, dumps }).getQuads(null, null, null, null);
  const examples = exampleResources(statistics, (iri) => graph.store.countQuads(DataFactory.namedNode(iri), null, null, null));
  const voidQuads = buildVoid({ baseIri: config.baseIri, release, statistics, dumps, examples }).getQuads(null, null, null, null);
  const cache = new Map<string, Promise<string>>();
  return {
    graph,
    release,
    statistics,
    dumps,
    catalogue,
    void: voidQuads,
    sources: { de: sourcesOf(graph, 'de'), en: sourcesOf(graph, 'en') },
    sitemap: sitemapXml(config.baseIri, statistics, release.date, ontologyTerms(graph)),
    robots: robotsTxt(config.baseIri),
    serialized(document, mediaType) {
      const key = `${document} ${mediaType}`;
      let text = cache.get(key);
      if (!text) {
        const quads = document === 'catalogue' ? catalogue : voidQuads;
        text = serializeQuads(quads, mediaType, config.baseIri);
        cache.set(key, text);
      }
      return text;
    },
  };
}

/** The named terms of the ontology graph `{base}def/` (classes, properties, code lists, concepts), each with its own page. */
function ontologyTerms(graph: LoadedGraph): string[] {
  const ontology = DataFactory.namedNode(`${graph.baseIri}def/`);
  return graph.store
    .getSubjects(null, null, ontology)
    .filter((s) => s.termType === 'NamedNode' && s.value.startsWith(`${graph.baseIri}def/`) && s.value !== ontology.value)
    .map((s) => s.value);
}
