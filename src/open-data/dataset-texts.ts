// The fixed texts about the dataset (title, description, keywords, themes), in German and English: shared by the catalogue, VoID and the pages.
import type { PageLanguage } from '../html/format.js';

export type Texts = Readonly<Record<PageLanguage, string>>;

/** Fixed texts about the dataset, in German and English. */
export const datasetText = {
  title: {
    de: 'Städtenetzwerke in der Flucht- und Migrationspolitik',
    en: 'City networks on refugee and migration policy',
  },
  description: {
    de: 'Ein Wissensgraph über europäische Städtenetzwerke in der Flucht- und Migrationspolitik (EUROCITIES, Bündnis Städte Sicherer Häfen, Internationale Allianz Sicherer Häfen, Cities4Refugees, Moving Cities) und die Arbeit Berlins darin: Netzwerke, Städte, Projekte, Mitgliedschaften, Veranstaltungen, Dokumente und Förderung. Von Hand aus fünf öffentlichen Webseiten erschlossen; jede Aussage steht im benannten Graphen ihrer Quelle.',
    en: "A knowledge graph of European city networks on refugee and migration policy (EUROCITIES, the alliance Städte Sicherer Häfen, the International Alliance of Safe Harbours, Cities4Refugees, Moving Cities) and Berlin's work in them: networks, cities, projects, memberships, events, documents and funding. Extracted by hand from five public web pages; every statement sits in the named graph of its source.",
  },
  catalogueTitle: {
    de: 'Katalog: Städtenetzwerke in der Flucht- und Migrationspolitik',
    en: 'Catalogue: city networks on refugee and migration policy',
  },
  catalogueDescription: {
    de: 'DCAT-AP-Katalog dieses Dienstes: der Datensatz, seine Downloads, der SPARQL-Endpunkt und die REST-Schnittstelle.',
    en: 'DCAT-AP catalogue of this service: the dataset, its downloads, the SPARQL endpoint and the REST API.',
  },
  publisher: {
    de: 'Projekt „Städtenetzwerke in der Flucht- und Migrationspolitik – Linked Open Data“',
    en: 'Project “City networks on refugee and migration policy – Linked Open Data”',
  },
  provenance: {
    de: 'Die Aussagen wurden von Hand aus fünf öffentlichen deutschsprachigen Webseiten (Senatsverwaltung Berlin, Berlin Governance Platform, Rosa-Luxemburg-Stiftung) erschlossen, ohne Ergänzungen; jede Ressource verweist mit prov:wasDerivedFrom auf ihre Quellen, und jede Aussage steht im benannten Graphen ihrer Quelle. Der Graph wird vor der Veröffentlichung mit SHACL geprüft.',
    en: 'The statements were extracted by hand from five public German-language web pages (Berlin Senate, Berlin Governance Platform, Rosa-Luxemburg-Stiftung), adding nothing; every resource points to its sources with prov:wasDerivedFrom and every statement sits in the named graph of its source. The graph is validated with SHACL before it is published.',
  },
  keywords: {
    de: ['Städtenetzwerke', 'Flucht', 'Migration', 'Integration', 'Partizipation', 'Berlin', 'EUROCITIES', 'Sichere Häfen', 'Linked Open Data'],
    en: ['city networks', 'refugees', 'migration', 'integration', 'participation', 'Berlin', 'EUROCITIES', 'safe harbours', 'Linked Open Data'],
  },
} as const;

/** EU data themes that fit the graph: society (migration, integration), government (city administrations), regions and cities. */
export const themes: ReadonlyArray<{ code: string; label: Texts }> = [
  { code: 'SOCI', label: { de: 'Bevölkerung und Gesellschaft', en: 'Population and society' } },
  { code: 'GOVE', label: { de: 'Regierung und öffentlicher Sektor', en: 'Government and public sector' } },
  { code: 'REGI', label: { de: 'Regionen und Städte', en: 'Regions and cities' } },
];
