// Renders one Linked Data document (resource, index, ontology) in one media type: HTML for people, RDF for machines.
import type { Quad } from '@rdfjs/types';
import type { Store } from 'n3';
import type { PageLanguage } from '../html/format.js';
import { html, rdfTypes, type MediaType } from '../rdf/media-types.js';
import { serializeNegotiated } from '../rdf/serialize.js';
import { withDefaultGraphCopy } from '../rdf/term-keys.js';
import { describe, describeIndex, describeOntology, orderForOutput, type Description } from './describe.js';
import { indexPage, ontologyPage, resourcePage, type FormatLink, type PageContext } from './html-pages.js';
import { documentJsonLd } from './json-ld.js';
import { formatUrl, pagePath, type DocumentTarget } from './paths.js';

/**
 * The formats every document offers, in order of preference: the first answers a missing Accept or `*\/*`
 * (Turtle: clients that do not say what they want are usually RDF tools; browsers always ask for HTML).
 * TriG and N-Quads carry each fact's named graph, i.e. its source.
 */
export const documentTypes: readonly MediaType[] = [rdfTypes.turtle, rdfTypes.jsonld, rdfTypes.ntriples, rdfTypes.rdfxml, rdfTypes.trig, rdfTypes.nquads, html];

/** Names of the download links, in the page language. */
const formatNames: Record<string, Record<PageLanguage, string>> = {
  [rdfTypes.turtle.type]: { en: 'Turtle', de: 'Turtle' },
  [rdfTypes.jsonld.type]: { en: 'JSON-LD', de: 'JSON-LD' },
  [rdfTypes.ntriples.type]: { en: 'N-Triples', de: 'N-Triples' },
  [rdfTypes.rdfxml.type]: { en: 'RDF/XML', de: 'RDF/XML' },
  [rdfTypes.trig.type]: { en: 'TriG (with sources)', de: 'TriG (mit Quellen)' },
  [rdfTypes.nquads.type]: { en: 'N-Quads (with sources)', de: 'N-Quads (mit Quellen)' },
  [html.type]: { en: 'HTML', de: 'HTML' },
};

/** What one document request asks for: the target, its members (an index), the page and the page language. */
export interface DocumentWhat {
  readonly target: DocumentTarget;
  readonly members: readonly string[];
  readonly page: number;
  /** The page language; only HTML has one. */
  readonly lang: PageLanguage | undefined;
}

/** One page of a resource's description; the page links it carries point at the format-neutral document URL. */
function describePage(store: Store, baseIri: string, target: DocumentTarget, page: number): Description {
  const docUrl = `${baseIri}${target.docPath}`;
  return describe(store, target.iri, page, (n) => (n === 1 ? docUrl : `${docUrl}?page=${n}`));
}

function htmlPage(what: DocumentWhat, description: Description | undefined, quads: Quad[], store: Store, baseIri: string): string {
  const { target, lang } = what;
  const formats: FormatLink[] = documentTypes
    .filter((t) => t !== html)
    .map((t) => ({ label: formatNames[t.type]?.[lang!] ?? t.name, type: t.type, url: formatUrl(baseIri, target.docPath, t.suffix) }));
  const ctx: PageContext = { store, baseIri, lang: lang!, selfPath: pagePath(baseIri, target.docPath), formats };
  if (target.kind === 'resource') return resourcePage(description!, ctx);
  if (target.kind === 'index') return indexPage(target.indexKind, what.members, ctx);
  return ontologyPage(target.iri, quads, ctx);
}

/** Renders a document: only here is a resource described, so a 304 never pays for it. */
export async function renderDocument(what: DocumentWhat, chosen: MediaType, store: Store, baseIri: string): Promise<string> {
  const { target } = what;
  const description = target.kind === 'resource' ? describePage(store, baseIri, target, what.page) : undefined;
  let quads: Quad[];
  if (description) quads = orderForOutput(description.quads, target.iri);
  else if (target.kind === 'index') quads = describeIndex(store, target.iri, target.indexKind, what.members);
  else quads = describeOntology(store, target.iri);
  if (chosen === html) return htmlPage(what, description, quads, store, baseIri);
  if (chosen === rdfTypes.jsonld) return JSON.stringify(await documentJsonLd(quads, baseIri, target.iri), null, 2);
  // Quad formats repeat every triple in the default graph: see withDefaultGraphCopy and the README ("Clients").
  return serializeNegotiated(chosen.dataset ? withDefaultGraphCopy(quads) : quads, chosen, baseIri, documentTypes);
}
