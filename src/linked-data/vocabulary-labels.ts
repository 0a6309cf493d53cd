// Human labels (de/en) for the standard properties and classes the graph uses; the project's own terms are labelled in the ontology.
import { prefixes } from '../rdf/namespaces.js';

export interface TermLabel {
  de: string;
  en: string;
  /** How to read the property backwards, for incoming links ("members" for org:memberOf). */
  inverseDe?: string;
  inverseEn?: string;
}

const p = prefixes;

/** A small table rather than fetching the vocabularies: they are large, remote, and rarely labelled in German. */
export const propertyLabels: Record<string, TermLabel> = {
  [`${p.rdf}type`]: { de: 'Art', en: 'kind', inverseDe: 'Dinge dieser Art', inverseEn: 'things of this kind' },
  [`${p.rdfs}label`]: { de: 'Name', en: 'name' },
  [`${p.rdfs}comment`]: { de: 'Kommentar', en: 'comment' },
  [`${p.rdfs}seeAlso`]: { de: 'siehe auch', en: 'see also' },
  [`${p.rdfs}isDefinedBy`]: { de: 'definiert in', en: 'defined by', inverseDe: 'definiert', inverseEn: 'defines' },
  [`${p.rdfs}subClassOf`]: { de: 'Unterklasse von', en: 'subclass of', inverseDe: 'Unterklassen', inverseEn: 'subclasses' },
  [`${p.rdfs}subPropertyOf`]: { de: 'Untereigenschaft von', en: 'subproperty of', inverseDe: 'Untereigenschaften', inverseEn: 'subproperties' },
  [`${p.rdfs}domain`]: { de: 'Definitionsbereich', en: 'domain', inverseDe: 'Definitionsbereich von', inverseEn: 'domain of' },
  [`${p.rdfs}range`]: { de: 'Wertebereich', en: 'range', inverseDe: 'Wertebereich von', inverseEn: 'range of' },
  [`${p.owl}sameAs`]: { de: 'identisch mit', en: 'same as', inverseDe: 'identisch mit', inverseEn: 'same as' },
  [`${p.owl}versionInfo`]: { de: 'Version', en: 'version' },
  [`${p.skos}prefLabel`]: { de: 'Name', en: 'name' },
  [`${p.skos}altLabel`]: { de: 'auch genannt', en: 'also called' },
  [`${p.skos}note`]: { de: 'Anmerkung', en: 'note' },
  [`${p.skos}editorialNote`]: { de: 'wie die Quelle gelesen wurde', en: 'how the source was read' },
  [`${p.skos}scopeNote`]: { de: 'Anwendungshinweis', en: 'scope note' },
  [`${p.skos}notation`]: { de: 'Notation', en: 'notation' },
  [`${p.skos}definition`]: { de: 'Definition', en: 'definition' },
  [`${p.skos}inScheme`]: { de: 'in der Liste', en: 'in the list', inverseDe: 'Einträge', inverseEn: 'entries' },
  [`${p.skos}hasTopConcept`]: { de: 'Oberbegriff', en: 'top concept', inverseDe: 'Oberbegriff von', inverseEn: 'top concept of' },
  [`${p.skos}topConceptOf`]: { de: 'Oberbegriff von', en: 'top concept of', inverseDe: 'Oberbegriffe', inverseEn: 'top concepts' },
  [`${p.skos}broader`]: { de: 'Oberbegriff', en: 'broader', inverseDe: 'Unterbegriffe', inverseEn: 'narrower concepts' },
  [`${p.skos}narrower`]: { de: 'Unterbegriff', en: 'narrower', inverseDe: 'Oberbegriffe', inverseEn: 'broader concepts' },
  [`${p.org}memberOf`]: { de: 'Mitglied von', en: 'member of', inverseDe: 'Mitglieder', inverseEn: 'members' },
  [`${p.org}hasMember`]: { de: 'hat Mitglied', en: 'has member', inverseDe: 'Mitglied von', inverseEn: 'member of' },
  [`${p.org}member`]: { de: 'Mitglied', en: 'member', inverseDe: 'Mitgliedschaften und Rollen', inverseEn: 'memberships and roles' },
  [`${p.org}organization`]: { de: 'Mitglied in', en: 'member of', inverseDe: 'Mitgliedschaften', inverseEn: 'memberships' },
  [`${p.org}role`]: { de: 'Rolle', en: 'role', inverseDe: 'Mitgliedschaften in dieser Rolle', inverseEn: 'memberships in this role' },
  [`${p.org}memberDuring`]: { de: 'Zeitraum', en: 'when' },
  [`${p.org}subOrganizationOf`]: { de: 'Teil von', en: 'part of', inverseDe: 'Untergliederungen', inverseEn: 'sub-organisations' },
  [`${p.org}hasSubOrganization`]: { de: 'Untergliederung', en: 'sub-organisation', inverseDe: 'Teil von', inverseEn: 'part of' },
  [`${p.org}purpose`]: { de: 'Zweck', en: 'purpose', inverseDe: 'Zweck von', inverseEn: 'purpose of' },
  [`${p.prov}wasDerivedFrom`]: { de: 'Quelle', en: 'source', inverseDe: 'beschreibt', inverseEn: 'describes' },
  [`${p.prov}alternateOf`]: { de: 'anderer Stand von', en: 'another version of', inverseDe: 'anderer Stand von', inverseEn: 'another version of' },
  [`${p.prov}wasInfluencedBy`]: { de: 'beeinflusst von', en: 'influenced by', inverseDe: 'beeinflusste', inverseEn: 'influenced' },
  [`${p.schema}name`]: { de: 'Name', en: 'name' },
  [`${p.schema}alternateName`]: { de: 'auch genannt', en: 'also called' },
  [`${p.schema}description`]: { de: 'Beschreibung', en: 'description' },
  [`${p.schema}url`]: { de: 'Webadresse', en: 'web address' },
  [`${p.schema}startDate`]: { de: 'Beginn', en: 'start date' },
  [`${p.schema}endDate`]: { de: 'Ende', en: 'end date' },
  [`${p.schema}foundingDate`]: { de: 'Gründung', en: 'founded' },
  [`${p.schema}datePublished`]: { de: 'veröffentlicht', en: 'published' },
  [`${p.schema}location`]: { de: 'Ort', en: 'place', inverseDe: 'hier ansässig oder stattfindend', inverseEn: 'based or held here' },
  [`${p.schema}containedInPlace`]: { de: 'liegt in', en: 'contained in', inverseDe: 'enthält', inverseEn: 'contains' },
  [`${p.schema}funder`]: { de: 'gefördert von', en: 'funded by', inverseDe: 'fördert', inverseEn: 'funds' },
  [`${p.schema}fundedItem`]: { de: 'gefördert', en: 'funded item', inverseDe: 'Förderungen', inverseEn: 'grants' },
  [`${p.schema}organizer`]: { de: 'Veranstalter', en: 'organiser', inverseDe: 'veranstaltet', inverseEn: 'organised' },
  [`${p.schema}superEvent`]: { de: 'Teil von', en: 'part of', inverseDe: 'Veranstaltungen', inverseEn: 'events' },
  [`${p.schema}author`]: { de: 'Autor', en: 'author', inverseDe: 'verfasste', inverseEn: 'wrote' },
  [`${p.schema}about`]: { de: 'handelt von', en: 'about', inverseDe: 'Thema von', inverseEn: 'subject of' },
  [`${p.schema}inLanguage`]: { de: 'Sprache', en: 'language' },
  [`${p.schema}availableLanguage`]: { de: 'verfügbare Sprachen', en: 'available languages' },
  [`${p.schema}encodingFormat`]: { de: 'Format', en: 'format' },
  [`${p.schema}contentSize`]: { de: 'Größe', en: 'size' },
  [`${p.schema}value`]: { de: 'Wert', en: 'value' },
  [`${p.schema}minValue`]: { de: 'mindestens', en: 'at least' },
  [`${p.schema}maxValue`]: { de: 'höchstens', en: 'at most' },
  [`${p.schema}unitText`]: { de: 'Einheit', en: 'unit' },
  [`${p.dct}title`]: { de: 'Titel', en: 'title' },
  [`${p.dct}publisher`]: { de: 'Herausgeber', en: 'publisher', inverseDe: 'gab heraus', inverseEn: 'published' },
  [`${p.dct}language`]: { de: 'Sprache', en: 'language' },
  [`${p.dct}subject`]: { de: 'Thema', en: 'subject', inverseDe: 'Thema von', inverseEn: 'subject of' },
  [`${p.dct}relation`]: { de: 'verwandt mit', en: 'related to', inverseDe: 'verwandt mit', inverseEn: 'related to' },
  [`${p.dcat}startDate`]: { de: 'Beginn', en: 'start' },
  [`${p.dcat}endDate`]: { de: 'Ende', en: 'end' },
  [`${p.schema}areaServed`]: { de: 'tätig in', en: 'active in', inverseDe: 'hier tätig', inverseEn: 'active here' },
  [`${p.schema}contributor`]: { de: 'Mitwirkende', en: 'contributor', inverseDe: 'wirkte mit an', inverseEn: 'contributed to' },
  [`${p.schema}performer`]: { de: 'mit Beiträgen von', en: 'with contributions from', inverseDe: 'wirkte mit bei', inverseEn: 'took part in' },
  [`${p.schema}attendee`]: { de: 'Teilnehmende', en: 'attendee', inverseDe: 'nahm teil an', inverseEn: 'attended' },
  [`${p.schema}position`]: { de: 'Position', en: 'position' },
  [`${p.schema}keywords`]: { de: 'Schlagwörter', en: 'keywords' },
  [`${p.schema}slogan`]: { de: 'Motto', en: 'slogan' },
  [`${p.schema}genre`]: { de: 'Gattung', en: 'genre' },
  [`${p.schema}creativeWorkStatus`]: { de: 'Status', en: 'status' },
  [`${p.schema}alternativeHeadline`]: { de: 'Untertitel', en: 'subtitle' },
  [`${p.foaf}name`]: { de: 'Name', en: 'name' },
  [`${p.dct}references`]: { de: 'verweist auf', en: 'references', inverseDe: 'erwähnt in', inverseEn: 'referenced by' },
  [`${p.dct}isPartOf`]: { de: 'Teil von', en: 'part of', inverseDe: 'Teile', inverseEn: 'parts' },
  [`${p.dct}identifier`]: { de: 'Kennung', en: 'identifier' },
  [`${p.dct}type`]: { de: 'Art', en: 'kind', inverseDe: 'Art von', inverseEn: 'kind of' },
  [`${p.dct}audience`]: { de: 'Zielgruppe', en: 'audience', inverseDe: 'Zielgruppe von', inverseEn: 'audience of' },
  [`${p.dct}contributor`]: { de: 'Mitwirkende', en: 'contributor', inverseDe: 'wirkte mit an', inverseEn: 'contributed to' },
  [`${p.foaf}primaryTopic`]: { de: 'Hauptthema', en: 'primary topic' },
};

/**
 * How to read the project's own properties backwards, keyed by local name under `{base}def/`. Their
 * forward labels are in the ontology; an inverse reading ("events of this kind") is a page phrase, not a fact.
 */
export const projectInverseLabels: Record<string, { de: string; en: string }> = {
  eventKind: { de: 'Veranstaltungen dieser Art', en: 'events of this kind' },
  fundingScheme: { de: 'Förderungen aus diesem Programm', en: 'grants from this scheme' },
  hasDemand: { de: 'gefordert in', en: 'demanded in' },
  addressedTo: { de: 'richtet sich hierher', en: 'addressed here' },
  focusTopic: { de: 'Schwerpunkt von', en: 'focus topic of' },
  policyArea: { de: 'Politikbereich von', en: 'policy area of' },
  policyContext: { de: 'politischer Kontext von', en: 'policy context of' },
  targetGroup: { de: 'Zielgruppe von', en: 'target group of' },
  participantKind: { de: 'Beteiligte bei', en: 'participants in' },
  supports: { de: 'gestärkt durch', en: 'supported by' },
  inContextOf: { de: 'Veranstaltungen und Arbeit in diesem Rahmen', en: 'Events and work connected to it' },
  contactPerson: { de: 'Ansprechperson für', en: 'contact person for' },
  originatedIn: { de: 'Ursprung von', en: 'origin of' },
  reportedCount: { de: 'Zahlen über', en: 'figures about' },
  reportedMemberCount: { de: 'Mitgliederzahl von', en: 'number of members of' },
  actingUnit: { de: 'handelt für', en: 'acts for' },
  leadKind: { de: 'Federführung bei', en: 'leads' },
  toBeAgreedBy: { de: 'abzustimmen', en: 'still to agree on' },
  snapshot: { de: 'Stand von', en: 'state of' },
  asOf: { de: 'Zeit des Stands', en: 'time of snapshot' },
};

/**
 * Page labels for the project's own properties where the ontology's label is a modeller's phrase
 * ("reported member count"): keyed by local name under `{base}def/`, they win over the ontology on pages.
 */
export const projectLabels: Record<string, TermLabel> = {
  reportedCount: { de: 'in Zahlen', en: 'in figures' },
  reportedMemberCount: { de: 'Mitglieder', en: 'members' },
  inContextOf: { de: 'im Rahmen von', en: 'connected to' },
};

export const classLabels: Record<string, TermLabel> = {
  [`${p.schema}City`]: { de: 'Stadt', en: 'City' },
  [`${p.schema}Country`]: { de: 'Land', en: 'Country' },
  [`${p.schema}Project`]: { de: 'Projekt', en: 'Project' },
  [`${p.schema}Event`]: { de: 'Veranstaltung', en: 'Event' },
  [`${p.schema}EventSeries`]: { de: 'Veranstaltungsreihe', en: 'Event series' },
  [`${p.schema}DigitalDocument`]: { de: 'Digitales Dokument', en: 'Digital document' },
  [`${p.schema}CreativeWork`]: { de: 'Werk', en: 'Creative work' },
  [`${p.schema}MonetaryGrant`]: { de: 'Förderung', en: 'Grant' },
  [`${p.schema}FundingScheme`]: { de: 'Förderprogramm', en: 'Funding scheme' },
  [`${p.schema}NGO`]: { de: 'Nichtregierungsorganisation', en: 'NGO' },
  [`${p.schema}GovernmentOrganization`]: { de: 'Behörde', en: 'Government organisation' },
  [`${p.schema}Organization`]: { de: 'Organisation', en: 'Organisation' },
  [`${p.schema}QuantitativeValue`]: { de: 'Anzahl', en: 'Quantity' },
  [`${p.schema}VirtualLocation`]: { de: 'Online', en: 'Online' },
  [`${p.schema}Place`]: { de: 'Ort', en: 'Place' },
  [`${p.schema}Person`]: { de: 'Person', en: 'Person' },
  [`${p.org}Organization`]: { de: 'Organisation', en: 'Organisation' },
  [`${p.org}FormalOrganization`]: { de: 'Formale Organisation', en: 'Formal organisation' },
  [`${p.org}OrganizationalUnit`]: { de: 'Organisationseinheit', en: 'Organisational unit' },
  [`${p.org}OrganizationalCollaboration`]: { de: 'Kooperation', en: 'Collaboration' },
  [`${p.org}Membership`]: { de: 'Mitgliedschaft', en: 'Membership' },
  [`${p.org}Role`]: { de: 'Rolle', en: 'Role' },
  [`${p.foaf}Document`]: { de: 'Dokument', en: 'Document' },
  [`${p.foaf}Person`]: { de: 'Person', en: 'Person' },
  [`${p.foaf}Agent`]: { de: 'Akteur', en: 'Agent' },
  [`${p.prov}Entity`]: { de: 'Quelle', en: 'Source' },
  [`${p.skos}Concept`]: { de: 'Begriff', en: 'Term' },
  [`${p.skos}ConceptScheme`]: { de: 'Liste', en: 'List' },
  [`${p.time}Interval`]: { de: 'Zeitraum', en: 'Period' },
  [`${p.owl}Ontology`]: { de: 'Ontologie', en: 'Ontology' },
  [`${p.owl}Class`]: { de: 'Klasse', en: 'Class' },
  [`${p.rdfs}Class`]: { de: 'Klasse', en: 'Class' },
  [`${p.owl}ObjectProperty`]: { de: 'Objekteigenschaft', en: 'Object property' },
  [`${p.owl}DatatypeProperty`]: { de: 'Datentypeigenschaft', en: 'Datatype property' },
  [`${p.rdf}Property`]: { de: 'Eigenschaft', en: 'Property' },
  'http://www.w3.org/ns/hydra/core#Collection': { de: 'Sammlung', en: 'Collection' },
};

/** Writes an IRI as a prefixed name when a known prefix fits (`schema:City`), else in full. */
export function shortIri(iri: string, extra: Record<string, string> = {}): string {
  let best: [string, string] | undefined;
  for (const [name, ns] of Object.entries({ ...prefixes, ...extra })) {
    if (iri.startsWith(ns) && iri.length > ns.length && (!best || ns.length > best[1].length)) best = [name, ns];
  }
  return best ? `${best[0]}:${iri.slice(best[1].length)}` : iri;
}
