// Server-rendered HTML for the pages that list things: the index of one kind, the ontology, and the 404 page.
import { DataFactory } from 'n3';
import type { Quad } from '@rdfjs/types';
import type { PageLanguage } from '../html/format.js';
import { renderPage } from '../html/layout.js';
import { html } from '../html/template.js';
import { kindLabels } from '../rdf/kinds.js';
import { ns, prefixes } from '../rdf/namespaces.js';
import { literalsOf } from '../store/literals.js';
import { pagePath } from './paths.js';
import { labelOf, pickLiteral } from './page-labels.js';
import { shortIri } from './vocabulary-labels.js';
import { RDF_TYPE, alternateLinks, downloads, languageSwitch, resourceLink, typeBadges, withLang, type PageContext } from './page-parts.js';

const { namedNode } = DataFactory;

const text = {
  en: {
    identifier: 'Identifier',
    classes: 'Kinds of things',
    properties: 'Properties',
    schemes: 'Lists',
    concepts: 'Terms',
    other: 'Other terms',
    notFound: 'Not found',
    notFoundText: 'Nothing is known about',
    home: 'Back to the start page',
    breadcrumbHome: 'Home',
    name: 'Name',
    type: 'Kind',
  },
  de: {
    identifier: 'Kennung',
    classes: 'Arten von Dingen',
    properties: 'Eigenschaften',
    schemes: 'Listen',
    concepts: 'Begriffe',
    other: 'Weitere Begriffe',
    notFound: 'Nicht gefunden',
    notFoundText: 'Über diese Adresse ist nichts bekannt:',
    home: 'Zur Startseite',
    breadcrumbHome: 'Start',
    name: 'Name',
    type: 'Art',
  },
} as const;

function truncate(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max - 1).trimEnd()}…`;
}

/** The page listing every member of one kind, sorted as the reader's language sorts. */
export function indexPage(kind: string, members: readonly string[], ctx: PageContext): string {
  const { store, lang } = ctx;
  const t = text[lang];
  const title = kindLabels[kind]?.[lang] ?? kind;
  const collator = new Intl.Collator(lang);
  const rows = members
    .map((m) => ({ iri: m, label: labelOf(store, m, lang, ctx.baseIri) }))
    .sort((a, b) => collator.compare(a.label, b.label))
    .map(({ iri }) => {
      const types = store
        .getObjects(namedNode(iri), ns.rdf('type'), null)
        .map((ty) => labelOf(store, ty.value, lang, ctx.baseIri))
        .filter((l, i, all) => all.indexOf(l) === i)
        .sort(collator.compare);
      const desc = pickLiteral(literalsOf(store, iri, ns.schema('description')), lang);
      return html`<tr><td>${resourceLink(iri, ctx)}${desc ? html`<div class="muted small">${truncate(desc.value, 180)}</div>` : ''}</td><td class="small">${types.join(', ')}</td></tr>\n`;
    });
  const body = html`<article><header class="resource">
<nav class="crumbs"><a href="${withLang(pagePath(ctx.baseIri, ''), ctx)}">${t.breadcrumbHome}</a></nav>
<h1>${title} <span class="count">${members.length}</span></h1>
<p class="identifier"><span class="muted">${t.identifier}:</span> <code>${`${ctx.baseIri}id/${kind}/`}</code> ${languageSwitch(ctx)}</p>
</header>
<table class="index"><thead><tr><th scope="col">${t.name}</th><th scope="col">${t.type}</th></tr></thead><tbody>${rows}</tbody></table>
${downloads(ctx)}</article>`;
  return renderPage({ lang, title, body, head: alternateLinks(ctx), baseIri: ctx.baseIri, selfUrl: ctx.selfPath });
}

/** The page of the whole ontology: its description, then its classes, properties, code lists and concepts. */
export function ontologyPage(ontologyIri: string, quads: Quad[], ctx: PageContext): string {
  const { store, lang } = ctx;
  const t = text[lang];
  const title = labelOf(store, ontologyIri, lang, ctx.baseIri);
  const typesOf = new Map<string, Set<string>>();
  for (const q of quads) {
    if (q.predicate.value === RDF_TYPE && q.subject.termType === 'NamedNode' && q.subject.value !== ontologyIri) {
      const set = typesOf.get(q.subject.value) ?? new Set<string>();
      set.add(q.object.value);
      typesOf.set(q.subject.value, set);
    }
  }
  const groups: Array<[string, (types: Set<string>) => boolean]> = [
    [t.classes, (s) => s.has(`${prefixes.owl}Class`) || s.has(`${prefixes.rdfs}Class`)],
    [t.properties, (s) => [...s].some((x) => x.endsWith('Property'))],
    [t.schemes, (s) => s.has(`${prefixes.skos}ConceptScheme`)],
    [t.concepts, (s) => s.has(`${prefixes.skos}Concept`)],
    [t.other, () => true],
  ];
  const collator = new Intl.Collator(lang);
  const placed = new Set<string>();
  const sections = groups.map(([heading, test]) => {
    const terms = [...typesOf].filter(([iri, types]) => !placed.has(iri) && test(types)).map(([iri]) => iri);
    terms.forEach((iri) => placed.add(iri));
    if (terms.length === 0) return '';
    const rows = terms
      .map((iri) => ({ iri, label: labelOf(store, iri, lang, ctx.baseIri) }))
      .sort((a, b) => collator.compare(a.label, b.label))
      .map(({ iri }) => {
        const comment = pickLiteral(literalsOf(store, iri, ns.rdfs('comment')), lang);
        // The ontology page is about the model: here the term's prefixed name is what a query writer needs.
        return html`<tr><td>${resourceLink(iri, ctx)}<div class="muted small"><code>${shortIri(iri, { cn: `${ctx.baseIri}def/` })}</code></div></td><td class="small">${comment ? comment.value : ''}</td></tr>\n`;
      });
    return html`<section><h2>${heading} <span class="count">${terms.length}</span></h2><table class="index">${rows}</table></section>\n`;
  });
  const comment = pickLiteral(literalsOf(store, ontologyIri, ns.rdfs('comment')), lang);
  const body = html`<article><header class="resource">
<nav class="crumbs"><a href="${withLang(pagePath(ctx.baseIri, ''), ctx)}">${t.breadcrumbHome}</a></nav>
${typeBadges([namedNode(`${prefixes.owl}Ontology`)], ctx)}
<h1>${title}</h1>
${comment ? html`<p class="lead">${comment.value}</p>` : ''}
<p class="identifier"><span class="muted">${t.identifier}:</span> <code>${ontologyIri}</code> ${languageSwitch(ctx)}</p>
</header>
${sections}
${downloads(ctx)}</article>`;
  return renderPage({ lang, title, body, head: alternateLinks(ctx), baseIri: ctx.baseIri, selfUrl: ctx.selfPath });
}

/** The 404 page for browsers. */
export function notFoundPage(url: string, lang: PageLanguage, baseIri: string): string {
  const t = text[lang];
  const body = html`<article class="not-found"><h1>${t.notFound}</h1><p>${t.notFoundText} <code>${url}</code></p><p><a href="${pagePath(baseIri, '')}">${t.home}</a></p></article>`;
  return renderPage({ lang, title: t.notFound, body, baseIri });
}
