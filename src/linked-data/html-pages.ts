// Server-rendered HTML for resource pages, kind indexes, the ontology and 404s: readable tables, labels in the reader's language.
import { DataFactory, type Store } from 'n3';
import type { Literal, Quad, Term } from '@rdfjs/types';
import { escapeHtml, jsonForScript, renderPage } from '../html/layout.js';
import { humanValue, isTemporal, type PageLanguage } from '../html/format.js';
import { allPrefixes, ns, prefixes } from '../rdf/namespaces.js';
import { literalsOf } from '../store/literals.js';
import type { Description } from './describe.js';
import { kindLabels } from '../rdf/kinds.js';
import { docPathOf, pagePath } from './paths.js';
import { schemaOrgJsonLd } from './schema-org.js';
import { classLabels, projectInverseLabels, projectLabels, propertyLabels, shortIri, type TermLabel } from './vocabulary-labels.js';
import { plainValueHtml } from './plain-values.js';
import { timelineHtml, timelineOf } from '../html/timeline.js';
import { neighbourhood } from '../html/network-graph.js';
import { graphSvg } from '../html/network-svg.js';

const { namedNode } = DataFactory;
const RDF_TYPE = `${prefixes.rdf}type`;
const DERIVED_FROM = `${prefixes.prov}wasDerivedFrom`;

/** One download link: a format's name and its URL. */
export interface FormatLink {
  label: string;
  type: string;
  url: string;
}

/** Everything a page needs besides the description itself. */
export interface PageContext {
  store: Store;
  baseIri: string;
  lang: PageLanguage;
  /** Root-relative path of this document (`/doc/city/berlin`), for language and paging links. */
  selfPath: string;
  formats: FormatLink[];
}

const text = {
  en: {
    facts: 'Facts',
    relations: 'Relations',
    incoming: 'Linked from',
    incomingIntro: 'Other resources that point to this one.',
    sources: 'Sources',
    sourcesIntro: 'The documents these facts are taken from; the numbers next to each value point here.',
    download: 'Download this description',
    identifier: 'Identifier',
    page: 'Page',
    of: 'of',
    previous: 'Previous',
    next: 'Next',
    otherLanguage: 'Deutsch',
    members: 'members',
    classes: 'Classes',
    properties: 'Properties',
    schemes: 'Code lists',
    concepts: 'Concepts',
    other: 'Other terms',
    notFound: 'Not found',
    notFoundText: 'Nothing is known about',
    home: 'Back to the start page',
    breadcrumbHome: 'Home',
    ontology: 'Ontology',
    name: 'Name',
    type: 'Type',
    yes: 'yes',
  },
  de: {
    facts: 'Angaben',
    relations: 'Beziehungen',
    incoming: 'Verweise hierauf',
    incomingIntro: 'Andere Ressourcen, die auf diese verweisen.',
    sources: 'Quellen',
    sourcesIntro: 'Die Dokumente, aus denen diese Angaben stammen; die Ziffern an jedem Wert verweisen hierher.',
    download: 'Diese Beschreibung herunterladen',
    identifier: 'Kennung',
    page: 'Seite',
    of: 'von',
    previous: 'Zurück',
    next: 'Weiter',
    otherLanguage: 'English',
    members: 'Einträge',
    classes: 'Klassen',
    properties: 'Eigenschaften',
    schemes: 'Codelisten',
    concepts: 'Begriffe',
    other: 'Weitere Begriffe',
    notFound: 'Nicht gefunden',
    notFoundText: 'Über diese Adresse ist nichts bekannt:',
    home: 'Zur Startseite',
    breadcrumbHome: 'Start',
    ontology: 'Ontologie',
    name: 'Name',
    type: 'Typ',
    yes: 'ja',
  },
} as const;

/** Properties shown in the page header rather than in the tables. */
const headerProperties = new Set([`${prefixes.rdfs}label`, `${prefixes.skos}prefLabel`, `${prefixes.schema}description`, RDF_TYPE]);
/** Properties that only order or file things (a list position, a source's file name): no reader needs them. */
const hiddenProperties = new Set([`${prefixes.schema}position`]);
const hiddenOwnProperties = new Set(['fileName']);

/**
 * Notes written for data modellers name terms ("hence org:memberOf", "(schema:attendee)"). The page leaves
 * bracketed term names out and says the others in words, by the term's label ("hence “member of”").
 */
export function termsInWords(text: string, ctx: Pick<PageContext, 'store' | 'lang' | 'baseIri'>): string {
  const known = allPrefixes(ctx.baseIri);
  const term = /(?<![\w/])([a-z][a-zA-Z]*):([A-Za-z][\w-]*[A-Za-z0-9])/g;
  const withoutBrackets = text.replace(/\s*\((?:[a-z][a-zA-Z]*:[A-Za-z][\w-]*)(?:(?:,\s*|\s+(?:and|und|or|oder)\s+)[a-z][a-zA-Z]*:[A-Za-z][\w-]*)*\)/g, (match) => {
    const names = [...match.matchAll(term)];
    return names.every((n) => known[n[1] as keyof typeof known] !== undefined) ? '' : match;
  });
  return withoutBrackets.replace(term, (match, prefix: string, local: string) => {
    const ns = known[prefix as keyof typeof known];
    if (ns === undefined) return match;
    const iri = `${ns}${local}`;
    const label = propertyLabels[iri]?.[ctx.lang] ?? classLabels[iri]?.[ctx.lang] ?? labelOf(ctx.store, iri, ctx.lang, ctx.baseIri);
    const words = label.includes(':') ? local.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() : label;
    return ctx.lang === 'de' ? `„${words}“` : `“${words}”`;
  });
}
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

/** Picks the literal in the page language, then the other language, then one without a language. */
function pickLiteral(literals: Literal[], lang: PageLanguage): Literal | undefined {
  return literals.find((l) => l.language === lang) ?? literals.find((l) => l.language !== '') ?? literals[0];
}

/** The label of any IRI: from the graph (rdfs:label, skos:prefLabel) in the page language, a built-in table, or its short form. */
export function labelOf(store: Store, iri: string, lang: PageLanguage, baseIri: string): string {
  for (const p of [ns.rdfs('label'), ns.skos('prefLabel'), ns.schema('name'), ns.dct('title')]) {
    const literals = literalsOf(store, iri, p);
    const chosen = pickLiteral(literals, lang);
    if (chosen) return chosen.value;
  }
  const known: TermLabel | undefined = propertyLabels[iri] ?? classLabels[iri];
  if (known) return known[lang];
  return shortIri(iri, { cn: `${baseIri}def/` });
}

function propertyLabel(store: Store, iri: string, lang: PageLanguage, baseIri: string, inverse = false): string {
  const ownLocal = iri.startsWith(`${baseIri}def/`) ? iri.slice(`${baseIri}def/`.length) : undefined;
  const known = propertyLabels[iri] ?? (ownLocal === undefined ? undefined : projectLabels[ownLocal]);
  if (inverse) {
    const ownTerm = iri.startsWith(`${baseIri}def/`) ? projectInverseLabels[iri.slice(`${baseIri}def/`.length)] : undefined;
    const reversed = known?.[lang === 'de' ? 'inverseDe' : 'inverseEn'] ?? ownTerm?.[lang];
    if (reversed) return reversed;
    return lang === 'de' ? `ist „${labelOf(store, iri, lang, baseIri)}“ von` : `is “${labelOf(store, iri, lang, baseIri)}” of`;
  }
  return known ? known[lang] : labelOf(store, iri, lang, baseIri);
}

/** A link to one of our resources (root-relative doc page) or to a foreign IRI. */
function resourceLink(store: Store, iri: string, ctx: PageContext): string {
  const docPath = docPathOf(iri, ctx.baseIri);
  const label = labelOf(store, iri, ctx.lang, ctx.baseIri);
  if (docPath) return `<a href="${escapeHtml(withLang(pagePath(ctx.baseIri, docPath), ctx))}">${escapeHtml(label)}</a>`;
  const shown = iri.startsWith(prefixes.wd) ? `Wikidata ${iri.slice(prefixes.wd.length)}` : label;
  if (/^https?:\/\//.test(iri)) return `<a class="external" href="${escapeHtml(iri)}" rel="noopener">${escapeHtml(shown)}</a>`;
  return `<span class="iri">${escapeHtml(label)}</span>`;
}

/** Keeps an explicitly chosen language across links, so a reader who picked German stays in German. */
function withLang(path: string, ctx: PageContext): string {
  return ctx.lang === 'de' ? `${path}?lang=de` : path;
}

function literalHtml(literal: Literal, ctx: PageContext): string {
  const datatype = literal.datatype.value;
  const human = literal.language === '' ? humanValue(literal.value, datatype, ctx.lang) : undefined;
  if (human !== undefined && isTemporal(datatype)) return `<time datetime="${escapeHtml(literal.value)}">${escapeHtml(human)}</time>`;
  if (human !== undefined) return `<data value="${escapeHtml(literal.value)}">${escapeHtml(human)}</data>`;
  if (literal.language !== '') {
    const tag = literal.language === ctx.lang ? '' : ` <span class="lang">${escapeHtml(literal.language)}</span>`;
    return `<span lang="${escapeHtml(literal.language)}">${escapeHtml(termsInWords(literal.value, ctx))}</span>${tag}`;
  }
  const known = datatype === `${prefixes.xsd}string` || datatype === `${prefixes.rdf}langString`;
  return `${escapeHtml(literal.value)}${known ? '' : ` <span class="datatype">${escapeHtml(shortIri(datatype))}</span>`}`;
}

/** Numbers of the sources a value sits in, as footnote links. */
function sourceMarks(graphs: string[], ctx: PageContext, sources: string[]): string {
  const marks = graphs
    .map((g) => sources.indexOf(g))
    .filter((i) => i >= 0)
    .sort((a, b) => a - b)
    .map((i) => `<a href="#source-${i + 1}" title="${escapeHtml(labelOf(ctx.store, sources[i]!, ctx.lang, ctx.baseIri))}">${i + 1}</a>`);
  return marks.length > 0 ? `<sup class="src">${marks.join(',')}</sup>` : '';
}

interface Value {
  term: Term;
  graphs: string[];
}

/** Groups quads of one subject by predicate and merges the same object stated in several graphs. */
function groupByPredicate(quads: Quad[], pick: (q: Quad) => Term): Map<string, Value[]> {
  const groups = new Map<string, Value[]>();
  for (const q of quads) {
    const values = groups.get(q.predicate.value) ?? [];
    const term = pick(q);
    const existing = values.find((v) => v.term.equals(term));
    if (existing) {
      if (!existing.graphs.includes(q.graph.value)) existing.graphs.push(q.graph.value);
    } else values.push({ term, graphs: [q.graph.value] });
    groups.set(q.predicate.value, values);
  }
  return groups;
}

function sortValues(values: Value[], ctx: PageContext): Value[] {
  const key = (v: Value): string => {
    if (v.term.termType === 'Literal') return `${v.term.language === ctx.lang ? 0 : v.term.language === '' ? 1 : 2}${v.term.value}`;
    return `3${labelOf(ctx.store, v.term.value, ctx.lang, ctx.baseIri).toLocaleLowerCase(ctx.lang)}`;
  };
  return [...values].sort((a, b) => key(a).localeCompare(key(b), ctx.lang));
}

/** A blank node's own properties as a small nested table (intervals, counts, online locations). */
function blankNodeHtml(store: Store, node: Term, ctx: PageContext, sources: string[], depth: number): string {
  // Counts, periods and online places read as words; only unknown shapes fall back to a small table.
  const plain = plainValueHtml(store, node, ctx.lang);
  if (plain) return String(plain);
  const quads = store.getQuads(node as never, null, null, null);
  if (depth > 3 || quads.length === 0) return '<span class="muted">–</span>';
  const rows = [...groupByPredicate(quads, (q) => q.object)]
    // The type of an interval or a count is plain from its properties; leave it out of the small table.
    .filter(([p]) => p !== RDF_TYPE)
    .map(([p, values]) => {
      const cells = sortValues(inReaderLanguage(p, values, ctx.lang), ctx)
        .map((v) => valueHtml(store, v, ctx, sources, depth + 1))
        .join(', ');
      return `<tr><th scope="row">${escapeHtml(propertyLabel(store, p, ctx.lang, ctx.baseIri))}</th><td>${cells}</td></tr>`;
    })
    .join('');
  return `<table class="nested">${rows}</table>`;
}

function valueHtml(store: Store, value: Value, ctx: PageContext, sources: string[], depth = 0): string {
  const t = value.term;
  let inner: string;
  if (t.termType === 'Literal') inner = literalHtml(t, ctx);
  else if (t.termType === 'BlankNode') inner = blankNodeHtml(store, t, ctx, sources, depth);
  else inner = resourceLink(store, t.value, ctx);
  return `${inner}${depth === 0 ? sourceMarks(value.graphs, ctx, sources) : ''}`;
}

/** Names are worth seeing in both languages; for other text the reader's language is enough when it is there. */
const bilingualProperties = new Set([`${prefixes.rdfs}label`, `${prefixes.skos}prefLabel`, `${prefixes.skos}altLabel`, `${prefixes.schema}name`]);

function inReaderLanguage(p: string, values: Value[], lang: PageLanguage): Value[] {
  if (bilingualProperties.has(p)) {
    // The same name in both languages is shown once.
    const shown = new Set(values.filter((v) => v.term.termType === 'Literal' && v.term.language === lang).map((v) => v.term.value));
    return values.filter((v) => v.term.termType !== 'Literal' || v.term.language === lang || !shown.has(v.term.value));
  }
  const tagged = (v: Value) => v.term.termType === 'Literal' && v.term.language !== '';
  if (!values.some((v) => tagged(v) && (v.term as Literal).language === lang)) return values;
  return values.filter((v) => !tagged(v) || (v.term as Literal).language === lang);
}

/** "Events held here" when every thing that names this place as its location is an event; otherwise the general phrase. */
function incomingLabel(p: string, values: Value[], ctx: PageContext): string | undefined {
  if (p !== `${prefixes.schema}location`) return undefined;
  const allEvents = values.every((v) => ctx.store.countQuads(v.term as never, ns.rdf('type'), ns.schema('Event'), null) > 0);
  if (allEvents) return ctx.lang === 'de' ? 'Veranstaltungen hier' : 'Events held here';
  return undefined;
}

function propertyTable(rows: Array<[string, Value[]]>, ctx: PageContext, sources: string[], inverse = false): string {
  const body = rows
    .map(([p, values]) => {
      const items = sortValues(inReaderLanguage(p, values, ctx.lang), ctx).map((v) => `<li>${valueHtml(ctx.store, v, ctx, sources)}</li>`);
      const label = (inverse ? incomingLabel(p, values, ctx) : undefined) ?? propertyLabel(ctx.store, p, ctx.lang, ctx.baseIri, inverse);
      return `<tr><th scope="row"><span class="prop" title="${escapeHtml(shortIri(p, { cn: `${ctx.baseIri}def/` }))}">${escapeHtml(label)}</span></th><td><ul class="values">${items.join('')}</ul></td></tr>`;
    })
    .join('\n');
  return `<table class="props">${body}</table>`;
}

function orderFacts(entries: Array<[string, Value[]]>): Array<[string, Value[]]> {
  const rank = (p: string) => {
    const i = factOrder.indexOf(p);
    if (i >= 0) return i;
    return lastFacts.includes(p) ? 1000 + lastFacts.indexOf(p) : 500;
  };
  return entries.sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

function typeBadges(store: Store, types: Term[], ctx: PageContext): string {
  const badges = types.map((t) => {
    const label = labelOf(store, t.value, ctx.lang, ctx.baseIri);
    const docPath = docPathOf(t.value, ctx.baseIri);
    const title = escapeHtml(shortIri(t.value, { cn: `${ctx.baseIri}def/` }));
    return docPath
      ? `<li><a href="${escapeHtml(withLang(pagePath(ctx.baseIri, docPath), ctx))}" title="${title}">${escapeHtml(label)}</a></li>`
      : `<li title="${title}">${escapeHtml(label)}</li>`;
  });
  return `<ul class="types" aria-label="${ctx.lang === 'de' ? 'Typen' : 'Types'}">${badges.join('')}</ul>`;
}

function languageSwitch(ctx: PageContext, extraQuery = ''): string {
  const other = ctx.lang === 'de' ? 'en' : 'de';
  const href = `${ctx.selfPath}?lang=${other}${extraQuery}`;
  return `<a class="lang-switch" href="${escapeHtml(href)}" hreflang="${other}" lang="${other}">${text[ctx.lang].otherLanguage}</a>`;
}

function downloads(ctx: PageContext): string {
  const items = ctx.formats.map((f) => `<li><a href="${escapeHtml(f.url)}" type="${escapeHtml(f.type)}">${escapeHtml(f.label)}</a></li>`);
  return `<section class="downloads" aria-labelledby="downloads"><h2 id="downloads">${text[ctx.lang].download}</h2><ul class="formats">${items.join('')}</ul></section>`;
}

function alternateLinks(ctx: PageContext): string {
  return ctx.formats.map((f) => `<link rel="alternate" type="${escapeHtml(f.type)}" href="${escapeHtml(f.url)}">`).join('\n');
}

function breadcrumbs(ctx: PageContext, iri: string): string {
  const t = text[ctx.lang];
  const base = `<a href="${escapeHtml(withLang(pagePath(ctx.baseIri, ''), ctx))}">${t.breadcrumbHome}</a>`;
  const rest = iri.slice(ctx.baseIri.length);
  let middle = '';
  const kind = /^id\/([^/]+)\//.exec(rest)?.[1];
  if (kind) {
    const label = kindLabels[kind]?.[ctx.lang] ?? kind;
    middle = ` <span aria-hidden="true">›</span> <a href="${escapeHtml(withLang(pagePath(ctx.baseIri, `doc/${kind}/`), ctx))}">${escapeHtml(label)}</a>`;
  } else if (rest.startsWith('def/')) {
    middle = ` <span aria-hidden="true">›</span> <a href="${escapeHtml(withLang(pagePath(ctx.baseIri, 'doc/def/'), ctx))}">${t.ontology}</a>`;
  }
  return `<nav class="crumbs" aria-label="${ctx.lang === 'de' ? 'Pfad' : 'Breadcrumb'}">${base}${middle}</nav>`;
}

function pager(description: Description, ctx: PageContext): string {
  if (description.pageCount <= 1) return '';
  const t = text[ctx.lang];
  const link = (page: number, label: string, rel: string) =>
    `<a rel="${rel}" href="${escapeHtml(`${ctx.selfPath}?page=${page}${ctx.lang === 'de' ? '&lang=de' : ''}`)}">${label}</a>`;
  const parts = [
    description.page > 1 ? link(description.page - 1, `← ${t.previous}`, 'prev') : '',
    `<span>${t.page} ${description.page} ${t.of} ${description.pageCount}</span>`,
    description.page < description.pageCount ? link(description.page + 1, `${t.next} →`, 'next') : '',
  ];
  return `<nav class="pager" aria-label="${t.page}">${parts.join(' ')}</nav>`;
}

/** The page of one resource. */
export function resourcePage(description: Description, ctx: PageContext): string {
  const { store, lang } = ctx;
  const t = text[lang];
  const iri = description.subject;
  const sources = description.sources;
  const own = description.outgoing.filter((q) => q.subject.value === iri);
  const groups = groupByPredicate(own, (q) => q.object);
  const title = labelOf(store, iri, lang, ctx.baseIri);
  const types = (groups.get(RDF_TYPE) ?? []).map((v) => v.term);
  const descriptionText = pickLiteral(
    (groups.get(`${prefixes.schema}description`) ?? []).map((v) => v.term).filter((x): x is Literal => x.termType === 'Literal'),
    lang,
  );
  const otherLabels = (groups.get(`${prefixes.rdfs}label`) ?? [])
    .map((v) => v.term)
    .filter((x): x is Literal => x.termType === 'Literal' && x.value !== title);
  const facts: Array<[string, Value[]]> = [];
  const relations: Array<[string, Value[]]> = [];
  for (const [p, values] of groups) {
    if (headerProperties.has(p) || p === DERIVED_FROM || hiddenProperties.has(p)) continue;
    if (p.startsWith(`${ctx.baseIri}def/`) && hiddenOwnProperties.has(p.slice(`${ctx.baseIri}def/`.length))) continue;
    const linked = values.filter((v) => v.term.termType === 'NamedNode');
    const literal = values.filter((v) => v.term.termType !== 'NamedNode');
    if (linked.length > 0) relations.push([p, linked]);
    if (literal.length > 0) facts.push([p, literal]);
  }
  relations.sort(([a], [b]) => propertyLabel(store, a, lang, ctx.baseIri).localeCompare(propertyLabel(store, b, lang, ctx.baseIri), lang));
  const incoming = [...groupByPredicate(description.incoming, (q) => q.subject)].sort(([a], [b]) =>
    propertyLabel(store, a, lang, ctx.baseIri, true).localeCompare(propertyLabel(store, b, lang, ctx.baseIri, true), lang),
  );

  const header = `<header class="resource">
${breadcrumbs(ctx, iri)}
${types.length > 0 ? typeBadges(store, types, ctx) : ''}
<h1>${escapeHtml(title)}</h1>
${otherLabels.length > 0 ? `<p class="aka">${otherLabels.map((l) => literalHtml(l, ctx)).join(' · ')}</p>` : ''}
${descriptionText ? `<p class="lead"${descriptionText.language && descriptionText.language !== lang ? ` lang="${escapeHtml(descriptionText.language)}"` : ''}>${escapeHtml(descriptionText.value)}</p>` : ''}
<p class="identifier"><span class="muted">${t.identifier}:</span> <a href="${escapeHtml(iri)}"><code>${escapeHtml(iri)}</code></a> ${languageSwitch(ctx, description.page > 1 ? `&page=${description.page}` : '')}</p>
</header>`;
  const sections: string[] = [header];
  const around = neighbourhood(store, ctx.baseIri, lang, iri);
  if (around) {
    const heading = lang === 'de' ? `${title} und seine Verbindungen` : `${title} and its ties`;
    sections.push(
      `<section aria-labelledby="neighbourhood"><h2 id="neighbourhood">${lang === 'de' ? 'Verbindungen auf einen Blick' : 'Ties at a glance'}</h2><figure class="neighbourhood">${String(graphSvg(around, { lang, title: heading, focus: iri, radialLabels: true }))}</figure></section>`,
    );
  }
  if (relations.length > 0) {
    sections.push(`<section aria-labelledby="relations"><h2 id="relations">${t.relations}</h2>${propertyTable(relations, ctx, sources)}</section>`);
  }
  if (facts.length > 0) {
    sections.push(`<section aria-labelledby="facts"><h2 id="facts">${t.facts}</h2>${propertyTable(orderFacts(facts), ctx, sources)}</section>`);
  }
  const timeline = timelineHtml(timelineOf(store, iri), store, lang, ctx.baseIri, lang === 'de' ? 'Zeitleiste' : 'Timeline');
  if (timeline) sections.push(String(timeline));
  if (incoming.length > 0) {
    sections.push(
      `<section aria-labelledby="incoming"><h2 id="incoming">${t.incoming} <span class="count">${description.incomingTotal}</span></h2><p class="muted">${t.incomingIntro}</p>${propertyTable(incoming, ctx, sources, true)}${pager(description, ctx)}</section>`,
    );
  }
  if (sources.length > 0) {
    const items = sources.map((g, i) => `<li id="source-${i + 1}">${resourceLink(store, g, ctx)}</li>`).join('');
    sections.push(`<section aria-labelledby="sources"><h2 id="sources">${t.sources}</h2><p class="muted">${t.sourcesIntro}</p><ol class="sources">${items}</ol></section>`);
  }
  sections.push(downloads(ctx));
  const schema = schemaOrgJsonLd(store, iri, own, lang, ctx.baseIri);
  const head = `${alternateLinks(ctx)}\n<script type="application/ld+json">${jsonForScript(schema)}</script>`;
  return renderPage({ lang, title, body: `<article>${sections.join('\n')}</article>`, head, baseIri: ctx.baseIri });
}

/** The page listing every member of one kind. */
export function indexPage(kind: string, members: readonly string[], ctx: PageContext): string {
  const { store, lang } = ctx;
  const t = text[lang];
  const title = kindLabels[kind]?.[lang] ?? kind;
  const rows = members
    .map((m) => ({ iri: m, label: labelOf(store, m, lang, ctx.baseIri) }))
    .sort((a, b) => a.label.localeCompare(b.label, lang))
    .map(({ iri }) => {
      const types = store
        .getObjects(namedNode(iri), ns.rdf('type'), null)
        .map((ty) => labelOf(store, ty.value, lang, ctx.baseIri))
        .filter((l, i, all) => all.indexOf(l) === i)
        .sort((a, b) => a.localeCompare(b, lang));
      const desc = pickLiteral(
        literalsOf(store, iri, ns.schema('description')),
        lang,
      );
      return `<tr><td>${resourceLink(store, iri, ctx)}${desc ? `<div class="muted small">${escapeHtml(truncate(desc.value, 180))}</div>` : ''}</td><td class="small">${types.map(escapeHtml).join(', ')}</td></tr>`;
    })
    .join('\n');
  const body = `<article><header class="resource">
<nav class="crumbs"><a href="${escapeHtml(withLang(pagePath(ctx.baseIri, ''), ctx))}">${t.breadcrumbHome}</a></nav>
<h1>${escapeHtml(title)} <span class="count">${members.length}</span></h1>
<p class="identifier"><span class="muted">${t.identifier}:</span> <code>${escapeHtml(`${ctx.baseIri}id/${kind}/`)}</code> ${languageSwitch(ctx)}</p>
</header>
<table class="index"><thead><tr><th scope="col">${t.name}</th><th scope="col">${t.type}</th></tr></thead><tbody>${rows}</tbody></table>
${downloads(ctx)}</article>`;
  return renderPage({ lang, title, body, head: alternateLinks(ctx), baseIri: ctx.baseIri });
}

function truncate(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max - 1).trimEnd()}…`;
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
  const placed = new Set<string>();
  const sections = groups.map(([heading, test]) => {
    const terms = [...typesOf].filter(([iri, types]) => !placed.has(iri) && test(types)).map(([iri]) => iri);
    terms.forEach((iri) => placed.add(iri));
    if (terms.length === 0) return '';
    const rows = terms
      .map((iri) => ({ iri, label: labelOf(store, iri, lang, ctx.baseIri) }))
      .sort((a, b) => a.label.localeCompare(b.label, lang))
      .map(({ iri }) => {
        const comment = pickLiteral(
          literalsOf(store, iri, ns.rdfs('comment')),
          lang,
        );
        return `<tr><td>${resourceLink(store, iri, ctx)}<div class="muted small"><code>${escapeHtml(shortIri(iri, { cn: `${ctx.baseIri}def/` }))}</code></div></td><td class="small">${comment ? escapeHtml(comment.value) : ''}</td></tr>`;
      })
      .join('\n');
    return `<section><h2>${escapeHtml(heading)} <span class="count">${terms.length}</span></h2><table class="index">${rows}</table></section>`;
  });
  const comment = pickLiteral(
    literalsOf(store, ontologyIri, ns.rdfs('comment')),
    lang,
  );
  const body = `<article><header class="resource">
<nav class="crumbs"><a href="${escapeHtml(withLang(pagePath(ctx.baseIri, ''), ctx))}">${t.breadcrumbHome}</a></nav>
${typeBadges(store, [namedNode(`${prefixes.owl}Ontology`)], ctx)}
<h1>${escapeHtml(title)}</h1>
${comment ? `<p class="lead">${escapeHtml(comment.value)}</p>` : ''}
<p class="identifier"><span class="muted">${t.identifier}:</span> <code>${escapeHtml(ontologyIri)}</code> ${languageSwitch(ctx)}</p>
</header>
${sections.join('\n')}
${downloads(ctx)}</article>`;
  return renderPage({ lang, title, body, head: alternateLinks(ctx), baseIri: ctx.baseIri });
}

/** The 404 page for browsers. */
export function notFoundPage(url: string, lang: PageLanguage, baseIri: string): string {
  const t = text[lang];
  const body = `<article class="not-found"><h1>${t.notFound}</h1><p>${t.notFoundText} <code>${escapeHtml(url)}</code></p><p><a href="${escapeHtml(pagePath(baseIri, ''))}">${t.home}</a></p></article>`;
  return renderPage({ lang, title: t.notFound, body, baseIri });
}
