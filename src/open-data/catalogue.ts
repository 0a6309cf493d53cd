// The DCAT-AP 3.0.0 catalogue ({base}dataset): one dcat:Catalog, one dcat:Dataset, a distribution per dump, the two data services.
import { euLicenceOf, licenceName, licenceTitle } from '../rdf/licences.js';
import { DataFactory, Store } from 'n3';
import type { NamedNode, Quad_Object, Quad_Subject } from '@rdfjs/types';
import type { Config } from '../config.js';
import type { LoadedGraph } from '../store/load.js';
import { ns } from '../rdf/namespaces.js';
import type { PageLanguage } from '../html/format.js';
import { literalsOf } from '../store/literals.js';
import type { Dump } from './dumps.js';
import type { Release } from './release.js';
import type { GraphStatistics } from '../store/statistics.js';
import { datasetText, themes, type Texts } from './dataset-texts.js';

const { namedNode, literal } = DataFactory;

const authority = 'http://publications.europa.eu/resource/authority/';
const iana = 'https://www.iana.org/assignments/media-types/';

/** ADMS licence types of the licences above (DCAT-AP recommends dct:type on a licence). */
const licenceTypes: Record<string, ReadonlyArray<{ code: string; label: Texts }>> = {
  'CC BY 4.0': [{ code: 'Attribution', label: { de: 'Namensnennung', en: 'Attribution' } }],
  'CC BY-SA 4.0': [
    { code: 'Attribution', label: { de: 'Namensnennung', en: 'Attribution' } },
    { code: 'ShareAlike', label: { de: 'Weitergabe unter gleichen Bedingungen', en: 'Share alike' } },
  ],
  'CC0 1.0': [{ code: 'PublicDomain', label: { de: 'Gemeinfreiheit', en: 'Public domain' } }],
  'Datenlizenz Deutschland – Namensnennung – Version 2.0': [{ code: 'Attribution', label: { de: 'Namensnennung', en: 'Attribution' } }],
};

/** A source page of the graph, as the catalogue credits it. */
export interface SourceInfo {
  readonly iri: string;
  readonly title: string;
  readonly publisher: string | undefined;
}

/** The IRIs the catalogue uses; hash IRIs inside the catalogue document, so each resolves to it. */
export function catalogueIris(baseIri: string) {
  const doc = `${baseIri}dataset`;
  return {
    document: doc,
    catalog: `${doc}#catalog`,
    dataset: `${doc}#dataset`,
    publisher: `${doc}#publisher`,
    contact: `${doc}#contact`,
    temporal: `${doc}#temporal`,
    provenance: `${doc}#provenance`,
    attribution: `${doc}#attribution`,
    sparqlService: `${doc}#sparql`,
    apiService: `${doc}#api`,
    distribution: (id: string) => `${doc}#dist-${id}`,
    checksum: (id: string) => `${doc}#dist-${id}-checksum`,
    download: (fileName: string) => `${baseIri}download/${fileName}`,
    sparqlEndpoint: `${baseIri}sparql`,
    apiEndpoint: `${baseIri}api/`,
    openApi: `${baseIri}openapi.json`,
    void: `${baseIri}.well-known/void`,
    home: baseIri,
  };
}

/** The source pages in the graph (`{base}id/source/...` typed foaf:Document), with their titles and publishers' labels. */
export function sourcesOf(graph: LoadedGraph, lang: PageLanguage = 'de'): SourceInfo[] {
  const { store, baseIri } = graph;
  const labelOf = (iri: string): string | undefined => {
    const labels = literalsOf(store, iri, ns.rdfs('label'));
    const preferred = labels.find((l) => l.language === lang) ?? labels[0];
    return preferred?.value;
  };
  return store
    .getSubjects(ns.rdf('type'), ns.foaf('Document'), null)
    .filter((s) => s.termType === 'NamedNode' && s.value.startsWith(`${baseIri}id/source/`))
    .map((s) => s.value)
    .filter((iri, index, all) => all.indexOf(iri) === index)
    .sort()
    .map((iri) => {
      const titles = store.getObjects(namedNode(iri), ns.dct('title'), null);
      const title = titles.find((t) => (t as { language?: string }).language === lang)?.value ?? titles[0]?.value ?? labelOf(iri) ?? iri;
      const publisher = store.getObjects(namedNode(iri), ns.dct('publisher'), null)[0];
      return { iri, title, publisher: publisher ? (labelOf(publisher.value) ?? publisher.value) : undefined };
    });
}

/** The credit line required by the licence: the licence and every source with its publisher. */
function attributionText(config: Config, sources: readonly SourceInfo[], lang: PageLanguage): string {
  return `${lang === 'de' ? 'Lizenz' : 'Licence'}: ${licenceName(config.datasetLicense)}. ${creditText(sources, lang)}`;
}

/** The credit sentence alone (the attribution without the licence), for pages that show the licence as a link. */
export function creditText(sources: readonly SourceInfo[], lang: PageLanguage): string {
  const list = sources.map((s) => (s.publisher ? `${s.title} (${s.publisher})` : s.title)).join('; ');
  return lang === 'de'
    ? `Bitte nennen Sie bei der Weiterverwendung diesen Datensatz und seine Quellen: ${list}.`
    : `When reusing the data, credit this dataset and its sources: ${list}.`;
}

/** The ready-to-copy citation naming the version, in both languages. */
export function citationText(baseIri: string, release: Release, lang: PageLanguage): string {
  const year = release.date.slice(0, 4);
  const { document } = catalogueIris(baseIri);
  return lang === 'de'
    ? `${datasetText.publisher.de} (${year}). ${datasetText.title.de} [Datensatz], Version ${release.version} vom ${release.date}. ${document}`
    : `${datasetText.publisher.en} (${year}). ${datasetText.title.en} [Data set], version ${release.version} of ${release.date}. ${document}`;
}

interface CatalogueInput {
  readonly config: Config;
  readonly graph: LoadedGraph;
  readonly release: Release;
  readonly statistics: GraphStatistics;
  readonly dumps: readonly Dump[];
}

// EU authority concepts the catalogue points to; the same for every build, so fixed here.
/** The dumps are rebuilt from every release and stay at the same URLs: "available" in the EU's planned-availability list. */
const available = `${authority}planned-availability/AVAILABLE`;
const publicAccess = `${authority}access-right/PUBLIC`;
const irregular = `${authority}frequency/IRREG`;
const themeScheme = `${authority}data-theme`;
const europe = `${authority}continent/EUROPE`;
const languages = [
  { iri: `${authority}language/DEU`, label: { de: 'Deutsch', en: 'German' } },
  { iri: `${authority}language/ENG`, label: { de: 'Englisch', en: 'English' } },
] as const;

const a = ns.rdf('type');

/** Shorthands for writing the catalogue: strings stand for IRIs, texts come in German and English. */
interface CatalogueWriter {
  add(s: string | Quad_Subject, p: NamedNode, o: Quad_Object | string): void;
  texts(s: string, p: NamedNode, t: Texts): void;
  /** A SKOS concept of a controlled vocabulary, labelled and typed where DCAT-AP expects a class. */
  concept(value: string, scheme: string, label: Texts, type?: NamedNode): void;
}

function catalogueWriter(store: Store): CatalogueWriter {
  const add = (s: string | Quad_Subject, p: NamedNode, o: Quad_Object | string) => {
    store.addQuad(typeof s === 'string' ? namedNode(s) : s, p, typeof o === 'string' ? namedNode(o) : o);
  };
  const texts = (s: string, p: NamedNode, t: Texts) => {
    add(s, p, literal(t.de, 'de'));
    add(s, p, literal(t.en, 'en'));
  };
  const concept = (value: string, scheme: string, label: Texts, type?: NamedNode) => {
    add(value, a, ns.skos('Concept'));
    if (type) add(value, a, type);
    texts(value, ns.skos('prefLabel'), label);
    add(value, ns.skos('inScheme'), scheme);
  };
  return { add, texts, concept };
}

const date = (value: string) => literal(value, ns.xsd('date'));

type CatalogueIris = ReturnType<typeof catalogueIris>;

/** The publisher: the project itself, the only agent we can honestly name. Contact: its home page. */
function addPublisherAndContact({ add, texts }: CatalogueWriter, iri: CatalogueIris, config: Config): void {
  add(iri.publisher, a, ns.foaf('Agent'));
  add(iri.publisher, a, ns.foaf('Organization'));
  texts(iri.publisher, ns.foaf('name'), datasetText.publisher);
  add(iri.publisher, ns.foaf('homepage'), iri.home);
  add(iri.contact, a, ns.vcard('Kind'));
  add(iri.contact, a, ns.vcard('Organization'));
  add(iri.contact, ns.vcard('fn'), literal(datasetText.publisher.en, 'en'));
  add(iri.contact, ns.vcard('hasURL'), iri.home);
  if (config.datasetContactEmail) add(iri.contact, ns.vcard('hasEmail'), `mailto:${config.datasetContactEmail}`);
  add(iri.home, a, ns.foaf('Document'));
}

/** Licence, credit, access rights, update frequency and provenance: what a re-user must know before using the data. */
function addLicenceAndRights({ add, texts, concept }: CatalogueWriter, iri: CatalogueIris, config: Config, graph: LoadedGraph): void {
  // ckanext-dcat finds the licence in CKAN's register by IRI, then by dct:title (rdfs:label alone is "not specified").
  const eu = euLicenceOf(config.datasetLicense);
  for (const licence of eu ? [config.datasetLicense, eu] : [config.datasetLicense]) {
    add(licence, a, ns.dct('LicenseDocument'));
    add(licence, ns.dct('title'), literal(licenceTitle(config.datasetLicense)));
    add(licence, ns.rdfs('label'), literal(licenceName(config.datasetLicense)));
    for (const type of licenceTypes[licenceName(config.datasetLicense)] ?? []) {
      const typeIri = `http://purl.org/adms/licencetype/${type.code}`;
      concept(typeIri, 'http://purl.org/adms/licencetype/1.0', type.label);
      add(licence, ns.dct('type'), typeIri);
    }
  }
  if (eu) add(config.datasetLicense, ns.skos('exactMatch'), eu);
  concept(available, `${authority}planned-availability`, { de: 'verfügbar', en: 'available' });
  add(iri.attribution, a, ns.dct('RightsStatement'));
  texts(iri.attribution, ns.rdfs('label'), { de: attributionText(config, sourcesOf(graph, 'de'), 'de'), en: attributionText(config, sourcesOf(graph, 'en'), 'en') });
  concept(publicAccess, `${authority}access-right`, { de: 'öffentlich', en: 'public' }, ns.dct('RightsStatement'));
  concept(irregular, `${authority}frequency`, { de: 'unregelmäßig', en: 'irregular' }, ns.dct('Frequency'));
  add(iri.provenance, a, ns.dct('ProvenanceStatement'));
  texts(iri.provenance, ns.rdfs('label'), datasetText.provenance);
}

/** Themes, place and languages, described here because harvesters show their labels without fetching the EU vocabularies. */
function addVocabularies({ add, texts, concept }: CatalogueWriter): void {
  add(themeScheme, a, ns.skos('ConceptScheme'));
  texts(themeScheme, ns.dct('title'), { de: 'Datenthemen', en: 'Data theme' });
  for (const theme of themes) concept(`${themeScheme}/${theme.code}`, themeScheme, theme.label);
  concept(europe, `${authority}continent`, { de: 'Europa', en: 'Europe' }, ns.dct('Location'));
  for (const language of languages) concept(language.iri, `${authority}language`, language.label, ns.dct('LinguisticSystem'));
}

function addCatalog({ add, texts }: CatalogueWriter, iri: CatalogueIris, config: Config, release: Release): void {
  add(iri.catalog, a, ns.dcat('Catalog'));
  texts(iri.catalog, ns.dct('title'), datasetText.catalogueTitle);
  texts(iri.catalog, ns.dct('description'), datasetText.catalogueDescription);
  add(iri.catalog, ns.dct('publisher'), iri.publisher);
  add(iri.catalog, ns.foaf('homepage'), iri.home);
  add(iri.catalog, ns.dct('license'), config.datasetLicense);
  add(iri.catalog, ns.dct('issued'), date(release.firstDate));
  add(iri.catalog, ns.dct('modified'), date(release.date));
  add(iri.catalog, ns.dcat('themeTaxonomy'), themeScheme);
  add(iri.catalog, ns.dct('spatial'), europe);
  for (const language of languages) add(iri.catalog, ns.dct('language'), language.iri);
  add(iri.catalog, ns.dcat('dataset'), iri.dataset);
  add(iri.catalog, ns.dcat('service'), iri.sparqlService);
  add(iri.catalog, ns.dcat('service'), iri.apiService);
}

/** What the dataset and each data service state alike: who publishes it, whom to ask, on what terms, about what. */
function addPublicationTerms({ add }: Pick<CatalogueWriter, 'add'>, subject: string, iri: CatalogueIris, config: Config): void {
  add(subject, ns.dct('publisher'), iri.publisher);
  add(subject, ns.dcat('contactPoint'), iri.contact);
  add(subject, ns.dct('license'), config.datasetLicense);
  add(subject, ns.dct('accessRights'), publicAccess);
  for (const theme of themes) add(subject, ns.dcat('theme'), `${themeScheme}/${theme.code}`);
  for (const keyword of keywordLiterals()) add(subject, ns.dcat('keyword'), keyword);
}

/**
 * The keywords in each language; one that reads the same in both (Berlin, EUROCITIES) is written once without a
 * language tag, since a harvester that reads all keywords as one tag list (ckanext-dcat) would get it twice.
 */
function keywordLiterals() {
  const { de, en } = datasetText.keywords;
  const shared = new Set<string>(de.filter((k) => (en as readonly string[]).includes(k)));
  const tagged = (['de', 'en'] as const).flatMap((lang) => datasetText.keywords[lang].filter((k) => !shared.has(k)).map((k) => literal(k, lang)));
  return [...tagged, ...[...shared].map((k) => literal(k))];
}

function addDataset({ add, texts }: CatalogueWriter, iri: CatalogueIris, input: CatalogueInput): void {
  const { config, graph, release, statistics } = input;
  add(iri.dataset, a, ns.dcat('Dataset'));
  texts(iri.dataset, ns.dct('title'), datasetText.title);
  texts(iri.dataset, ns.dct('description'), datasetText.description);
  addPublicationTerms({ add }, iri.dataset, iri, config);
  add(iri.dataset, ns.dct('accrualPeriodicity'), irregular);
  add(iri.dataset, ns.dct('provenance'), iri.provenance);
  add(iri.dataset, ns.dct('spatial'), europe);
  for (const language of languages) add(iri.dataset, ns.dct('language'), language.iri);
  if (statistics.temporal) {
    add(iri.dataset, ns.dct('temporal'), iri.temporal);
    add(iri.temporal, a, ns.dct('PeriodOfTime'));
    add(iri.temporal, ns.dcat('startDate'), statistics.temporal.start.literal);
    add(iri.temporal, ns.dcat('endDate'), statistics.temporal.end.literal);
  }
  add(iri.dataset, ns.dct('issued'), date(release.firstDate));
  add(iri.dataset, ns.dct('modified'), date(release.date));
  // DCAT-AP 3 names the version dcat:version; DCAT-AP 2 and ckanext-dcat read owl:versionInfo.
  add(iri.dataset, ns.dcat('version'), literal(release.version));
  add(iri.dataset, ns.owl('versionInfo'), literal(release.version));
  add(iri.dataset, ns.dct('identifier'), literal(iri.dataset));
  // The licence as the EU Vocabularies name it, which DCAT-AP recommends; the distributions (at most one
  // licence each) keep the Creative Commons IRI that CKAN's licence register maps.
  const eu = euLicenceOf(config.datasetLicense);
  if (eu) add(iri.dataset, ns.dct('license'), eu);
  if (release.notes) add(iri.dataset, namedNode('http://www.w3.org/ns/adms#versionNotes'), literal(release.notes, 'en'));
  for (const lang of ['de', 'en'] as const) {
    add(iri.dataset, ns.dct('bibliographicCitation'), literal(citationText(config.baseIri, release, lang), lang));
  }
  add(iri.dataset, ns.dcat('landingPage'), iri.home);
  // DCAT-AP 3.0.0 ranges dct:source to dcat:Dataset; the sources are web pages, and typing them as datasets
  // would make harvesters (ckanext-dcat reads every dcat:Dataset) list five bogus datasets. PROV says it exactly.
  for (const source of sourcesOf(graph)) add(iri.dataset, ns.prov('wasDerivedFrom'), source.iri);
  add(iri.dataset, ns.rdfs('seeAlso'), iri.void);
}

/** One distribution per dump: bytes, checksum and media type of exactly the file served, so a harvester can verify it. */
function addDistributions({ add, texts }: CatalogueWriter, iri: CatalogueIris, config: Config, release: Release, dumps: readonly Dump[]): void {
  for (const dump of dumps) {
    const d = iri.distribution(dump.id);
    add(iri.dataset, ns.dcat('distribution'), d);
    add(d, a, ns.dcat('Distribution'));
    add(d, ns.dct('identifier'), literal(d));
    texts(d, ns.dct('title'), dump.title);
    texts(d, ns.dct('description'), dump.description);
    const url = iri.download(dump.fileName);
    add(url, a, ns.rdfs('Resource'));
    add(d, ns.dcat('downloadURL'), url);
    add(d, ns.dcat('accessURL'), url);
    add(`${iana}${dump.mediaType}`, a, ns.dct('MediaType'));
    add(d, ns.dcat('mediaType'), `${iana}${dump.mediaType}`);
    if (dump.compressFormat) {
      add(`${iana}${dump.compressFormat}`, a, ns.dct('MediaType'));
      add(d, ns.dcat('compressFormat'), `${iana}${dump.compressFormat}`);
    }
    const fileType = `${authority}file-type/${dump.fileType}`;
    add(fileType, a, ns.dct('MediaTypeOrExtent'));
    add(fileType, ns.skos('inScheme'), `${authority}file-type`);
    add(d, ns.dct('format'), fileType);
    add(d, ns.dcat('byteSize'), literal(String(dump.bytes.length), ns.xsd('nonNegativeInteger')));
    const checksum = iri.checksum(dump.id);
    add(d, ns.spdx('checksum'), checksum);
    add(checksum, a, ns.spdx('Checksum'));
    add(checksum, ns.spdx('algorithm'), ns.spdx('checksumAlgorithm_sha256'));
    add(checksum, ns.spdx('checksumValue'), literal(dump.sha256, ns.xsd('hexBinary')));
    add(d, ns.dct('license'), config.datasetLicense);
    add(d, ns.dct('rights'), iri.attribution);
    add(d, ns.dct('issued'), date(release.date));
    add(d, ns.dct('modified'), date(release.date));
    for (const language of languages) add(d, ns.dct('language'), language.iri);
    add(d, namedNode('http://data.europa.eu/r5r/availability'), available);
  }
  add(ns.spdx('checksumAlgorithm_sha256'), a, ns.spdx('ChecksumAlgorithm'));
}

/** The two data services over the same dataset: the SPARQL endpoint and the REST API. */
function addDataServices({ add, texts }: CatalogueWriter, iri: CatalogueIris, config: Config): void {
  const services = [
    {
      iri: iri.sparqlService,
      endpoint: iri.sparqlEndpoint,
      description: iri.sparqlEndpoint,
      standard: 'https://www.w3.org/TR/sparql11-protocol/',
      title: { de: 'SPARQL-1.1-Endpunkt', en: 'SPARQL 1.1 endpoint' },
      text: {
        de: 'SPARQL-1.1-Abfragen über den ganzen Graphen; der Standardgraph ist die Vereinigung aller benannten Graphen. Die Dienstbeschreibung (SPARQL Service Description) liefert der Endpunkt selbst.',
        en: 'SPARQL 1.1 queries over the whole graph; the default graph is the union of all named graphs. The endpoint itself answers with its SPARQL service description.',
      },
    },
    {
      iri: iri.apiService,
      endpoint: iri.apiEndpoint,
      description: iri.openApi,
      standard: undefined,
      title: { de: 'REST-Schnittstelle', en: 'REST API' },
      text: {
        de: 'JSON-Schnittstelle für häufige Fragen (Netzwerke, Städte, Projekte, Mitgliedschaften), beschrieben als OpenAPI-Dokument.',
        en: 'JSON API for common questions (networks, cities, projects, memberships), described by an OpenAPI document.',
      },
    },
  ];
  for (const service of services) {
    add(service.iri, a, ns.dcat('DataService'));
    texts(service.iri, ns.dct('title'), service.title);
    texts(service.iri, ns.dct('description'), service.text);
    add(service.endpoint, a, ns.rdfs('Resource'));
    add(service.description, a, ns.rdfs('Resource'));
    add(service.iri, ns.dcat('endpointURL'), service.endpoint);
    add(service.iri, ns.dcat('endpointDescription'), service.description);
    add(service.iri, ns.dcat('servesDataset'), iri.dataset);
    addPublicationTerms({ add }, service.iri, iri, config);
    if (service.standard) {
      add(service.standard, a, ns.dct('Standard'));
      add(service.iri, ns.dct('conformsTo'), service.standard);
    }
  }
}

/** Builds the catalogue as triples (default graph). Every value with an sh:class constraint in DCAT-AP is typed here. */
export function buildCatalogue(input: CatalogueInput): Store {
  const { config, graph, release, dumps } = input;
  const iri = catalogueIris(config.baseIri);
  const store = new Store();
  const writer = catalogueWriter(store);
  addPublisherAndContact(writer, iri, config);
  addLicenceAndRights(writer, iri, config, graph);
  addVocabularies(writer);
  addCatalog(writer, iri, config, release);
  addDataset(writer, iri, input);
  addDistributions(writer, iri, config, release, dumps);
  addDataServices(writer, iri, config);
  return store;
}
