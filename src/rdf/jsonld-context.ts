// The project's one published JSON-LD context ({base}context.jsonld): short keys, language maps for labels.
import { prefixes } from './namespaces.js';

/** Terms whose values are language-tagged text: compacted as language maps (`"label": {"de": "…", "en": "…"}`). */
const languageMaps: Record<string, string> = {
  label: 'rdfs:label',
  comment: 'rdfs:comment',
  prefLabel: 'skos:prefLabel',
  altLabel: 'skos:altLabel',
  definition: 'skos:definition',
  note: 'skos:note',
  name: 'schema:name',
  alternateName: 'schema:alternateName',
  description: 'schema:description',
  title: 'dct:title',
  unitText: 'schema:unitText',
};

/** Terms whose values are IRIs or blank nodes (`"memberOf": "http://…"`). */
const links: Record<string, string> = {
  memberOf: 'org:memberOf',
  hasMember: 'org:hasMember',
  member: 'org:member',
  organization: 'org:organization',
  role: 'org:role',
  memberDuring: 'org:memberDuring',
  subOrganizationOf: 'org:subOrganizationOf',
  hasSubOrganization: 'org:hasSubOrganization',
  purpose: 'org:purpose',
  wasDerivedFrom: 'prov:wasDerivedFrom',
  location: 'schema:location',
  containedInPlace: 'schema:containedInPlace',
  funder: 'schema:funder',
  fundedItem: 'schema:fundedItem',
  organizer: 'schema:organizer',
  superEvent: 'schema:superEvent',
  author: 'schema:author',
  about: 'schema:about',
  sameAs: 'owl:sameAs',
  publisher: 'dct:publisher',
  subject: 'dct:subject',
  inScheme: 'skos:inScheme',
  hasTopConcept: 'skos:hasTopConcept',
  topConceptOf: 'skos:topConceptOf',
  broader: 'skos:broader',
  narrower: 'skos:narrower',
  isDefinedBy: 'rdfs:isDefinedBy',
  subClassOf: 'rdfs:subClassOf',
  subPropertyOf: 'rdfs:subPropertyOf',
  domain: 'rdfs:domain',
  range: 'rdfs:range',
  seeAlso: 'rdfs:seeAlso',
  primaryTopic: 'foaf:primaryTopic',
  members: 'hydra:member',
  next: 'hydra:next',
  previous: 'hydra:previous',
  first: 'hydra:first',
  last: 'hydra:last',
  reportedCount: 'cn:reportedCount',
  reportedMemberCount: 'cn:reportedMemberCount',
  eventKind: 'cn:eventKind',
  fundingScheme: 'cn:fundingScheme',
  cooperationAim: 'cn:cooperationAim',
  demand: 'cn:demand',
  addressedTo: 'cn:addressedTo',
  focusTopic: 'cn:focusTopic',
  policyArea: 'cn:policyArea',
  policyContext: 'cn:policyContext',
  targetGroup: 'cn:targetGroup',
  participantKind: 'cn:participantKind',
  supports: 'cn:supports',
  inContextOf: 'cn:inContextOf',
  contactPerson: 'cn:contactPerson',
  originatedIn: 'cn:originatedIn',
};

/**
 * Terms with a datatype. A typed term only matches values of exactly that datatype, so a
 * `"2023-11"^^xsd:gYearMonth` start date is written with the full `schema:startDate` key and an explicit
 * `@type`: compaction never drops a datatype.
 */
const typed: Record<string, [string, string]> = {
  startDate: ['schema:startDate', 'xsd:date'],
  endDate: ['schema:endDate', 'xsd:date'],
  foundingDate: ['schema:foundingDate', 'xsd:date'],
  datePublished: ['schema:datePublished', 'xsd:date'],
  totalItems: ['hydra:totalItems', 'xsd:integer'],
};

/** Plain-string terms (xsd:string values without a language). */
const strings: Record<string, string> = {
  inLanguage: 'schema:inLanguage',
  availableLanguage: 'schema:availableLanguage',
  language: 'dct:language',
  encodingFormat: 'schema:encodingFormat',
  contentSize: 'schema:contentSize',
  fileName: 'cn:fileName',
  versionInfo: 'owl:versionInfo',
};

/** Terms for numbers and booleans written as JSON natives (see linked-data/json-ld.ts for which values become natives). */
const natives: Record<string, string> = {
  value: 'schema:value',
  minValue: 'schema:minValue',
  maxValue: 'schema:maxValue',
  approximate: 'cn:approximate',
  exclusiveBound: 'cn:exclusiveBound',
};

/**
 * Builds the context for a base IRI. Every term maps to exactly one IRI, and every term that fixes a
 * container or a type only matches values of that shape; anything else falls back to a compact IRI
 * (`schema:startDate`) with explicit `@type`/`@language`. So ANY graph compacts and expands back to
 * itself (tested by isomorphism for every resource), which lets the SPARQL endpoint use it for CONSTRUCT.
 * `@base` is deliberately absent: JSON-LD 1.1 ignores it in a remote context, so our IRIs are written in full.
 */
export function jsonLdContext(baseIri: string): Record<string, unknown> {
  const context: Record<string, unknown> = {
    '@version': 1.1,
    ...prefixes,
    hydra: 'http://www.w3.org/ns/hydra/core#',
    cn: `${baseIri}def/`,
    id: '@id',
    type: '@type',
  };
  for (const [term, iri] of Object.entries(languageMaps)) context[term] = { '@id': iri, '@container': '@language' };
  for (const [term, iri] of Object.entries(links)) context[term] = { '@id': iri, '@type': '@id' };
  for (const [term, [iri, datatype]] of Object.entries(typed)) context[term] = { '@id': iri, '@type': datatype };
  for (const [term, iri] of Object.entries(strings)) context[term] = { '@id': iri };
  for (const [term, iri] of Object.entries(natives)) context[term] = { '@id': iri };
  return context;
}
