// Server-rendered HTML for one resource: header, its ties in small, relations, facts, timeline, links here, sources and downloads.
import type { Literal, Term } from '@rdfjs/types';
import { jsonForScript, renderPage } from '../html/layout.js';
import { html, raw, type Html } from '../html/template.js';
import { prefixes } from '../rdf/namespaces.js';
import { kindLabels } from '../rdf/kinds.js';
import type { Description } from './describe.js';
import { pagePath } from './paths.js';
import { schemaOrgJsonLd } from './schema-org.js';
import { footnoteReason } from './inferred-marks.js';
import { labelOf, pickLiteral, propertyLabel } from './page-labels.js';
import {
  RDF_TYPE,
  alternateLinks,
  downloads,
  groupByPredicate,
  languageSwitch,
  literalHtml,
  propertyTable,
  resourceLink,
  typeBadges,
  withLang,
  type PageContext,
  type Value,
} from './page-parts.js';
import { timelineHtml, timelineOf } from '../html/timeline.js';
import { neighbourhood } from '../html/network-graph.js';
import { graphSvg } from '../html/network-svg.js';

export { labelOf } from './page-labels.js';
export type { FormatLink, PageContext } from './page-parts.js';
export { indexPage, notFoundPage, ontologyPage } from './index-pages.js';

const DERIVED_FROM = `${prefixes.prov}wasDerivedFrom`;

export const pageText = {
  en: {
    facts: 'Facts',
    relations: 'Relations',
    incoming: 'Linked from',
    incomingIntro: 'Other resources that point to this one.',
    sources: 'Sources',
    sourcesIntro: 'The documents these facts are taken from; the numbers next to each value point here.',
    identifier: 'Identifier',
    page: 'Page',
    of: 'of',
    previous: 'Previous',
    next: 'Next',
    breadcrumbHome: 'Home',
    ontology: 'Ontology',
    ties: 'Ties at a glance',
    tiesOf: (name: string) => `${name} and its ties`,
    timeline: 'Timeline',
  },
  de: {
    facts: 'Angaben',
    relations: 'Beziehungen',
    incoming: 'Verweise hierauf',
    incomingIntro: 'Andere Ressourcen, die auf diese verweisen.',
    sources: 'Quellen',
    sourcesIntro: 'Die Dokumente, aus denen diese Angaben stammen; die Ziffern an jedem Wert verweisen hierher.',
    identifier: 'Kennung',
    page: 'Seite',
    of: 'von',
    previous: 'Zurück',
    next: 'Weiter',
    breadcrumbHome: 'Start',
    ontology: 'Ontologie',
    ties: 'Verbindungen auf einen Blick',
    tiesOf: (name: string) => `${name} und seine Verbindungen`,
    timeline: 'Zeitleiste',
  },
} as const;

/** Properties shown in the page header rather than in the tables. */
const headerProperties = new Set([`${prefixes.rdfs}label`, `${prefixes.skos}prefLabel`, `${prefixes.schema}description`, RDF_TYPE]);
/** Properties that only order or file things (a list position, a source's file name): no reader needs them. */
const hiddenProperties = new Set([`${prefixes.schema}position`, DERIVED_FROM]);
const hiddenOwnProperties = new Set(['fileName']);

/** Order of the facts table: names first, then descriptions and dates, then everything else, notes last. */
const factOrder = [
  `${prefixes.schema}name`,
  `${prefixes.skos}altLabel`,
  `${prefixes.schema}alternateName`,
  `${prefixes.dct}title`,
  `${prefixes.rdfs}comment`,
  `${prefixes.skos}definition`,
  `${prefixes.schema}foundingDate`,
  `${prefixes.schema}datePublished`,
  `${prefixes.schema}startDate`,
  `${prefixes.schema}endDate`,
];
const lastFacts = [`${prefixes.skos}note`, `${prefixes.skos}editorialNote`];

function orderFacts(entries: Array<[string, Value[]]>): Array<[string, Value[]]> {
  const rank = (p: string) => {
    const i = factOrder.indexOf(p);
    if (i >= 0) return i;
    return lastFacts.includes(p) ? 1000 + lastFacts.indexOf(p) : 500;
  };
  return entries.sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

function breadcrumbs(ctx: PageContext, iri: string): Html {
  const t = pageText[ctx.lang];
  const home = html`<a href="${withLang(pagePath(ctx.baseIri, ''), ctx)}">${t.breadcrumbHome}</a>`;
  const rest = iri.slice(ctx.baseIri.length);
  const kind = /^id\/([^/]+)\//.exec(rest)?.[1];
  const sep = raw(' <span aria-hidden="true">›</span> ');
  let middle: Html | '' = '';
  if (kind) middle = html`${sep}<a href="${withLang(pagePath(ctx.baseIri, `doc/${kind}/`), ctx)}">${kindLabels[kind]?.[ctx.lang] ?? kind}</a>`;
  else if (rest.startsWith('def/')) middle = html`${sep}<a href="${withLang(pagePath(ctx.baseIri, 'doc/def/'), ctx)}">${t.ontology}</a>`;
  return html`<nav class="crumbs" aria-label="${ctx.lang === 'de' ? 'Pfad' : 'Breadcrumb'}">${home}${middle}</nav>`;
}

function pager(description: Description, ctx: PageContext): Html | '' {
  if (description.pageCount <= 1) return '';
  const t = pageText[ctx.lang];
  const link = (page: number, label: string, rel: string) => html`<a rel="${rel}" href="${`${ctx.selfPath}?page=${page}${ctx.lang === 'de' ? '&lang=de' : ''}`}">${label}</a>`;
  return html`<nav class="pager" aria-label="${t.page}">${description.page > 1 ? link(description.page - 1, `← ${t.previous}`, 'prev') : ''} <span>${t.page} ${description.page} ${t.of} ${description.pageCount}</span> ${
    description.page < description.pageCount ? link(description.page + 1, `${t.next} →`, 'next') : ''
  }</nav>`;
}

/** Splits a resource's own statements into links (relations) and literal facts, leaving out the header and hidden ones. */
function splitStatements(groups: Map<string, Value[]>, ctx: PageContext): { relations: Array<[string, Value[]]>; facts: Array<[string, Value[]]> } {
  const facts: Array<[string, Value[]]> = [];
  const relations: Array<[string, Value[]]> = [];
  const own = `${ctx.baseIri}def/`;
  for (const [p, values] of groups) {
    if (headerProperties.has(p) || hiddenProperties.has(p) || (p.startsWith(own) && hiddenOwnProperties.has(p.slice(own.length)))) continue;
    const linked = values.filter((v) => v.term.termType === 'NamedNode');
    const literal = values.filter((v) => v.term.termType !== 'NamedNode');
    if (linked.length > 0) relations.push([p, linked]);
    if (literal.length > 0) facts.push([p, literal]);
  }
  const collator = new Intl.Collator(ctx.lang);
  relations.sort(([a], [b]) => collator.compare(propertyLabel(ctx.store, a, ctx.lang, ctx.baseIri), propertyLabel(ctx.store, b, ctx.lang, ctx.baseIri)));
  return { relations, facts: orderFacts(facts) };
}

function resourceHeader(description: Description, groups: Map<string, Value[]>, title: string, ctx: PageContext): Html {
  const { lang } = ctx;
  const iri = description.subject;
  const types = (groups.get(RDF_TYPE) ?? []).map((v) => v.term);
  const literals = (p: string) => (groups.get(p) ?? []).map((v) => v.term).filter((x): x is Literal => x.termType === 'Literal');
  const lead = pickLiteral(literals(`${prefixes.schema}description`), lang);
  const otherLabels = literals(`${prefixes.rdfs}label`).filter((x) => x.value !== title);
  return html`<header class="resource">
${breadcrumbs(ctx, iri)}
${types.length > 0 ? typeBadges(types as Term[], ctx) : ''}
<h1>${title}</h1>
${otherLabels.length > 0 ? html`<p class="aka">${otherLabels.map((l, i) => html`${i > 0 ? ' · ' : ''}${literalHtml(l, ctx)}`)}</p>` : ''}
${lead ? (lead.language && lead.language !== lang ? html`<p class="lead" lang="${lead.language}">${lead.value}</p>` : html`<p class="lead">${lead.value}</p>`) : ''}
<p class="identifier"><span class="muted">${pageText[lang].identifier}:</span> <a href="${iri}"><code>${iri}</code></a> ${languageSwitch(ctx, description.page > 1 ? `&page=${description.page}` : '')}</p>
</header>`;
}

/** The page of one resource. */
export function resourcePage(description: Description, ctx: PageContext): string {
  const { store, lang } = ctx;
  const t = pageText[lang];
  const iri = description.subject;
  const sources = description.sources;
  const own = description.outgoing.filter((q) => q.subject.value === iri);
  const groups = groupByPredicate(own, (q) => q.object);
  const title = labelOf(store, iri, lang, ctx.baseIri);
  const { relations, facts } = splitStatements(groups, ctx);
  const collator = new Intl.Collator(lang);
  const incoming = [...groupByPredicate(description.incoming, (q) => q.subject)].sort(([a], [b]) =>
    collator.compare(propertyLabel(store, a, lang, ctx.baseIri, true), propertyLabel(store, b, lang, ctx.baseIri, true)),
  );
  const around = neighbourhood(store, ctx.baseIri, lang, iri);
  const sections: Array<Html | undefined | ''> = [
    resourceHeader(description, groups, title, ctx),
    around && html`<section aria-labelledby="neighbourhood"><h2 id="neighbourhood">${t.ties}</h2><figure class="neighbourhood">${graphSvg(around, { lang, title: t.tiesOf(title), focus: iri, radialLabels: true })}</figure></section>`,
    relations.length > 0 && html`<section aria-labelledby="relations"><h2 id="relations">${t.relations}</h2>${propertyTable(relations, ctx, sources)}</section>`,
    facts.length > 0 && html`<section aria-labelledby="facts"><h2 id="facts">${t.facts}</h2>${propertyTable(facts, ctx, sources)}</section>`,
    timelineHtml(timelineOf(store, iri), store, lang, ctx.baseIri, t.timeline),
    incoming.length > 0 &&
      html`<section aria-labelledby="incoming"><h2 id="incoming">${t.incoming} <span class="count">${description.incomingTotal}</span></h2><p class="muted">${t.incomingIntro}</p>${propertyTable(incoming, ctx, sources, true)}${pager(description, ctx)}</section>`,
    sources.length > 0 &&
      html`<section aria-labelledby="sources"><h2 id="sources">${t.sources}</h2><p class="muted">${t.sourcesIntro}</p><ol class="sources">${sources.map((g, i) => html`<li id="source-${i + 1}">${resourceLink(g, ctx)}${footnoteReason(ctx.store, g, ctx.baseIri, lang)}</li>`)}</ol></section>`,
    downloads(ctx),
  ].map((s) => s || undefined);
  const body = html`<article>${sections.filter((s): s is Html => s !== undefined).map((s) => html`${s}\n`)}</article>`;
  const schema = schemaOrgJsonLd(store, iri, own, lang, ctx.baseIri);
  const head = html`${alternateLinks(ctx)}<script type="application/ld+json">${raw(jsonForScript(schema))}</script>`;
  const selfUrl = description.page > 1 ? `${ctx.selfPath}?page=${description.page}` : ctx.selfPath;
  return renderPage({ lang, title, body, head, baseIri: ctx.baseIri, selfUrl });
}
