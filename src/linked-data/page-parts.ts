// The parts of every Linked Data page: links, literals, property tables with source footnotes, badges, language switch and downloads.
import type { Store } from 'n3';
import type { Literal, Quad, Term } from '@rdfjs/types';
import { humanValue, isTemporal, type PageLanguage } from '../html/format.js';
import { html, type Html } from '../html/template.js';
import { ns, prefixes } from '../rdf/namespaces.js';
import { docPathOf, pagePath } from './paths.js';
import { plainValueHtml } from './plain-values.js';
import { labelOf, propertyLabel, termsInWords } from './page-labels.js';
import { shortIri } from './vocabulary-labels.js';
import { footnoteMark } from './inferred-marks.js';

export const RDF_TYPE = `${prefixes.rdf}type`;

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

export interface Value {
  term: Term;
  graphs: string[];
}

/** Keeps an explicitly chosen language across links, so a reader who picked German stays in German. */
export function withLang(path: string, ctx: Pick<PageContext, 'lang'>): string {
  return ctx.lang === 'de' ? `${path}?lang=de` : path;
}

/** A link to one of our resources (root-relative doc page) or to a foreign IRI. */
export function resourceLink(iri: string, ctx: PageContext): Html {
  const docPath = docPathOf(iri, ctx.baseIri);
  const label = labelOf(ctx.store, iri, ctx.lang, ctx.baseIri);
  if (docPath) return html`<a href="${withLang(pagePath(ctx.baseIri, docPath), ctx)}">${label}</a>`;
  const shown = iri.startsWith(prefixes.wd) ? `Wikidata ${iri.slice(prefixes.wd.length)}` : label;
  if (/^https?:\/\//.test(iri)) return html`<a class="external" href="${iri}" rel="noopener">${shown}</a>`;
  return html`<span class="iri">${label}</span>`;
}

export function literalHtml(literal: Literal, ctx: PageContext): Html {
  const datatype = literal.datatype.value;
  const human = literal.language === '' ? humanValue(literal.value, datatype, ctx.lang) : undefined;
  if (human !== undefined && isTemporal(datatype)) return html`<time datetime="${literal.value}">${human}</time>`;
  if (human !== undefined) return html`<data value="${literal.value}">${human}</data>`;
  if (literal.language !== '') {
    const tag = literal.language === ctx.lang ? '' : html` <span class="lang">${literal.language}</span>`;
    return html`<span lang="${literal.language}">${termsInWords(literal.value, ctx)}</span>${tag}`;
  }
  return html`${termsInWords(literal.value, ctx)}`;
}

/** Numbers of the sources a value sits in, as footnote links. */
function sourceMarks(graphs: string[], ctx: PageContext, sources: string[]): Html | '' {
  const numbers = graphs
    .map((g) => sources.indexOf(g))
    .filter((i) => i >= 0)
    .sort((a, b) => a - b);
  if (numbers.length === 0) return '';
  const marks = numbers.map(
    (i, n) => html`${n > 0 ? ',' : ''}${footnoteMark(ctx.store, sources[i]!, i + 1, labelOf(ctx.store, sources[i]!, ctx.lang, ctx.baseIri), ctx.baseIri, ctx.lang)}`,
  );
  return html`<sup class="src">${marks}</sup>`;
}

/** Groups quads of one subject by predicate and merges the same object stated in several graphs. */
export function groupByPredicate(quads: Quad[], pick: (q: Quad) => Term): Map<string, Value[]> {
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

/** Values in the reader's language first, then sorted as the reader's language sorts (Intl.Collator). */
function sortValues(values: Value[], ctx: PageContext): Value[] {
  const collator = new Intl.Collator(ctx.lang, { sensitivity: 'base', numeric: true });
  const key = (v: Value): [number, string] => {
    if (v.term.termType === 'Literal') return [v.term.language === ctx.lang ? 0 : v.term.language === '' ? 1 : 2, v.term.value];
    return [3, labelOf(ctx.store, v.term.value, ctx.lang, ctx.baseIri)];
  };
  return [...values].sort((a, b) => {
    const [ra, ka] = key(a);
    const [rb, kb] = key(b);
    return ra - rb || collator.compare(ka, kb);
  });
}

/** A blank node said in words (a count, a period, an online place); unknown shapes as a small table. */
function blankNodeHtml(node: Term, ctx: PageContext, sources: string[], depth: number): Html {
  const plain = plainValueHtml(ctx.store, node, ctx.lang);
  if (plain) return plain;
  const quads = ctx.store.getQuads(node as never, null, null, null);
  if (depth > 3 || quads.length === 0) return html`<span class="muted">–</span>`;
  const rows = [...groupByPredicate(quads, (q) => q.object)]
    // The type of an interval or a count is plain from its properties; leave it out of the small table.
    .filter(([p]) => p !== RDF_TYPE)
    .map(([p, values]) => {
      const cells = sortValues(inReaderLanguage(p, values, ctx.lang), ctx).map((v, i) => html`${i > 0 ? ', ' : ''}${valueHtml(v, ctx, sources, depth + 1)}`);
      return html`<tr><th scope="row">${propertyLabel(ctx.store, p, ctx.lang, ctx.baseIri)}</th><td>${cells}</td></tr>`;
    });
  return html`<table class="nested">${rows}</table>`;
}

function valueHtml(value: Value, ctx: PageContext, sources: string[], depth = 0): Html {
  const t = value.term;
  const inner = t.termType === 'Literal' ? literalHtml(t, ctx) : t.termType === 'BlankNode' ? blankNodeHtml(t, ctx, sources, depth) : resourceLink(t.value, ctx);
  return html`${inner}${depth === 0 ? sourceMarks(value.graphs, ctx, sources) : ''}`;
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

/** Rows of property and values; `inverse` for the links that point here, each property read backwards. */
export function propertyTable(rows: Array<[string, Value[]]>, ctx: PageContext, sources: string[], inverse = false): Html {
  const body = rows.map(([p, values]) => {
    const items = sortValues(inReaderLanguage(p, values, ctx.lang), ctx).map((v) => html`<li>${valueHtml(v, ctx, sources)}</li>`);
    const label = (inverse ? incomingLabel(p, values, ctx) : undefined) ?? propertyLabel(ctx.store, p, ctx.lang, ctx.baseIri, inverse);
    return html`<tr><th scope="row"><span class="prop" title="${shortIri(p, { cn: `${ctx.baseIri}def/` })}">${label}</span></th><td><ul class="values">${items}</ul></td></tr>\n`;
  });
  return html`<table class="props">${body}</table>`;
}

export function typeBadges(types: Term[], ctx: PageContext): Html {
  const badges = types.map((t) => {
    const label = labelOf(ctx.store, t.value, ctx.lang, ctx.baseIri);
    const docPath = docPathOf(t.value, ctx.baseIri);
    const title = shortIri(t.value, { cn: `${ctx.baseIri}def/` });
    return docPath
      ? html`<li><a href="${withLang(pagePath(ctx.baseIri, docPath), ctx)}" title="${title}">${label}</a></li>`
      : html`<li title="${title}">${label}</li>`;
  });
  return html`<ul class="types" aria-label="${ctx.lang === 'de' ? 'Typen' : 'Types'}">${badges}</ul>`;
}

export function languageSwitch(ctx: PageContext, extraQuery = ''): Html {
  const other = ctx.lang === 'de' ? 'en' : 'de';
  return html`<a class="lang-switch" href="${`${ctx.selfPath}?lang=${other}${extraQuery}`}" hreflang="${other}" lang="${other}">${other === 'de' ? 'Deutsch' : 'English'}</a>`;
}

export function downloads(ctx: PageContext): Html {
  const items = ctx.formats.map((f) => html`<li><a href="${f.url}" type="${f.type}">${f.label}</a></li>`);
  const heading = ctx.lang === 'de' ? 'Diese Beschreibung herunterladen' : 'Download this description';
  return html`<section class="downloads" aria-labelledby="downloads"><h2 id="downloads">${heading}</h2><ul class="formats">${items}</ul></section>`;
}

export function alternateLinks(ctx: PageContext): Html {
  return html`${ctx.formats.map((f) => html`<link rel="alternate" type="${f.type}" href="${f.url}">\n`)}`;
}
