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
  editorialNote: 'skos:editorialNote',
  scopeNote: 'skos:scopeNote',
  keywords: 'schema:keywords',
  alternativeHeadline: 'schema:alternativeHeadline',
  slogan: 'schema:slogan',
  genre: 'schema:genre',
  creativeWorkStatus: 'schema:creativeWorkStatus',
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
  areaServed: 'schema:areaServed',
  attendee: 'schema:attendee',
  contributor: 'schema:contributor',
  performer: 'schema:performer',
  isPartOf: 'dct:isPartOf',
  references: 'dct:references',
  relation: 'dct:relation',
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
  hasDemand: 'cn:hasDemand',
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
  actingUnit: 'cn:actingUnit',
  leadKind: 'cn:leadKind',
  snapshot: 'cn:snapshot',
  asOf: 'cn:asOf',
  toBeAgreedBy: 'cn:toBeAgreedBy',
  alternateOf: 'prov:alternateOf',
};

/**
 * Dates, deliberately without a type: the data gives each date as precisely as its source
 * (xsd:date, xsd:gYearMonth, xsd:gYear). A term typed xsd:date would only match full dates and every
 * month- or year-precise value would fall back to the long key `schema:startDate`, so one property
 * would appear under two keys. Untyped, the key is always the same and each value carries its own
 * datatype: `"startDate": {"type": "xsd:gYearMonth", "@value": "2023-11"}`.
 */
const dates: Record<string, string> = {
  startDate: 'schema:startDate',
  endDate: 'schema:endDate',
  foundingDate: 'schema:foundingDate',
  datePublished: 'schema:datePublished',
  ideaDate: 'cn:ideaDate',
  activityStart: 'cn:activityStart',
  plannedCompletion: 'cn:plannedCompletion',
  // The start and end of an org:memberDuring interval (dcat:startDate/endDate); `startDate` is schema.org's.
  periodStart: 'dcat:startDate',
  periodEnd: 'dcat:endDate',
};

/** Plain-string terms (xsd:string values without a language). */
const strings: Record<string, string> = {
  inLanguage: 'schema:inLanguage',
  availableLanguage: 'schema:availableLanguage',
  language: 'dct:language',
  encodingFormat: 'schema:encodingFormat',
  contentSize: 'schema:contentSize',
  unitCode: 'schema:unitCode',
  fileName: 'cn:fileName',
  notation: 'skos:notation',
  url: 'schema:url',
  versionInfo: 'owl:versionInfo',
};

/** Terms for numbers and booleans written as JSON natives (see linked-data/json-ld.ts for which values become natives). */
const natives: Record<string, string> = {
  value: 'schema:value',
  minValue: 'schema:minValue',
  maxValue: 'schema:maxValue',
  approximate: 'cn:approximate',
  exclusiveBound: 'cn:exclusiveBound',
  position: 'schema:position',
  totalItems: 'hydra:totalItems',
};

/**
 * Builds the context for a base IRI. Every term maps to exactly one IRI, and every term that fixes a
 * container or a type only matches values of that shape; anything else falls back to a compact IRI
 * (`ex:weird`) with explicit `@type`/`@language`. So ANY graph compacts and expands back to
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
  for (const [term, iri] of Object.entries(dates)) context[term] = { '@id': iri };
  for (const [term, iri] of Object.entries(strings)) context[term] = { '@id': iri };
  for (const [term, iri] of Object.entries(natives)) context[term] = { '@id': iri };
  return context;
}
