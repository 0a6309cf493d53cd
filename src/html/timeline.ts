// The timeline: events, foundings, launches, publications, projects and membership periods on a time axis, each date as precise as its source.
import { DataFactory, type Store } from 'n3';
import type { Literal, Term } from '@rdfjs/types';
import { humanValue, type PageLanguage } from './format.js';
import { html, type Html } from './template.js';
import { labelOf } from '../linked-data/page-labels.js';
import { docPathOf, pagePath } from '../linked-data/paths.js';
import { ns, prefixes } from '../rdf/namespaces.js';

const { namedNode } = DataFactory;

export type TimelineKind = 'event' | 'founded' | 'launched' | 'published' | 'project' | 'membership';

/** A date as the source gives it, with the span it covers: a year covers the year, a month the month. */
export interface Moment {
  /** The literal's own form ("2023", "2023-11", "2023-11-09"). */
  value: string;
  datatype: string;
  /** First and last day covered, as UTC milliseconds. */
  from: number;
  to: number;
}

export interface TimelineItem {
  subject: string;
  kind: TimelineKind;
  start: Moment;
  end?: Moment;
}

/** Parses xsd:date, xsd:gYearMonth and xsd:gYear into the span they cover; undefined for anything else. */
export function moment(literal: Literal): Moment | undefined {
  const v = literal.value;
  const dt = literal.datatype.value;
  let m: RegExpExecArray | null;
  if (dt === `${prefixes.xsd}date` && (m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v))) {
    const from = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!);
    return { value: v, datatype: dt, from, to: from + 86_400_000 - 1 };
  }
  if (dt === `${prefixes.xsd}gYearMonth` && (m = /^(\d{4})-(\d{2})$/.exec(v))) {
    return { value: v, datatype: dt, from: Date.UTC(+m[1]!, +m[2]! - 1, 1), to: Date.UTC(+m[1]!, +m[2]!, 1) - 1 };
  }
  if (dt === `${prefixes.xsd}gYear` && (m = /^(\d{4})$/.exec(v))) {
    return { value: v, datatype: dt, from: Date.UTC(+m[1]!, 0, 1), to: Date.UTC(+m[1]! + 1, 0, 1) - 1 };
  }
  return undefined;
}

function firstMoment(store: Store, subject: Term, predicate: string): Moment | undefined {
  for (const o of store.getObjects(subject as never, namedNode(predicate), null)) {
    if (o.termType === 'Literal') {
      const parsed = moment(o as unknown as Literal);
      if (parsed) return parsed;
    }
  }
  return undefined;
}

const is = (store: Store, iri: string, type: string) => store.countQuads(namedNode(iri), ns.rdf('type'), namedNode(type), null) > 0;

/** Every dated thing in the graph, oldest first; within the same start, the more precise date first. */
export function timelineItems(store: Store): TimelineItem[] {
  const items: TimelineItem[] = [];
  const seen = new Set<string>();
  const push = (item: TimelineItem) => {
    const key = `${item.subject} ${item.kind}`;
    if (seen.has(key)) return;
    items.push(item);
    seen.add(key);
  };
  const s = prefixes.schema;
  for (const q of store.getQuads(null, namedNode(`${s}startDate`), null, null)) {
    if (q.subject.termType !== 'NamedNode') continue;
    const start = firstMoment(store, q.subject, `${s}startDate`);
    if (!start) continue;
    const kind: TimelineKind = is(store, q.subject.value, `${s}Event`) ? 'event' : 'project';
    push({ subject: q.subject.value, kind, start, end: firstMoment(store, q.subject, `${s}endDate`) });
  }
  for (const q of store.getQuads(null, namedNode(`${s}foundingDate`), null, null)) {
    const start = firstMoment(store, q.subject, `${s}foundingDate`);
    if (start && q.subject.termType === 'NamedNode') push({ subject: q.subject.value, kind: 'founded', start });
  }
  for (const q of store.getQuads(null, namedNode(`${s}datePublished`), null, null)) {
    const start = firstMoment(store, q.subject, `${s}datePublished`);
    if (!start || q.subject.termType !== 'NamedNode') continue;
    // A platform or network "published" is launched; a document is published.
    push({ subject: q.subject.value, kind: is(store, q.subject.value, `${prefixes.org}Organization`) ? 'launched' : 'published', start });
  }
  for (const q of store.getQuads(null, ns.org('memberDuring'), null, null)) {
    const start = firstMoment(store, q.object, `${prefixes.dcat}startDate`);
    const end = firstMoment(store, q.object, `${prefixes.dcat}endDate`);
    if ((start ?? end) && q.subject.termType === 'NamedNode') push({ subject: q.subject.value, kind: 'membership', start: (start ?? end)!, ...(start && end ? { end } : {}) });
  }
  return items.sort((a, b) => a.start.from - b.start.from || (a.start.to - a.start.from) - (b.start.to - b.start.from) || a.subject.localeCompare(b.subject));
}

/**
 * The items that concern one resource: its own dates, those of things that name it (events held there, its
 * memberships, papers about it), and the events, projects and memberships it names itself; not the founding
 * dates of every network it belongs to, which are those networks' history.
 */
export function timelineOf(store: Store, iri: string): TimelineItem[] {
  const node = namedNode(iri);
  const namingIt = new Set(store.getSubjects(null, node, null).filter((s) => s.termType === 'NamedNode').map((s) => s.value));
  const named = new Set(store.getObjects(node, null, null).filter((o) => o.termType === 'NamedNode').map((o) => o.value));
  return timelineItems(store).filter(
    (item) => item.subject === iri || namingIt.has(item.subject) || (named.has(item.subject) && ['event', 'project', 'membership'].includes(item.kind)),
  );
}

const kindText: Record<PageLanguage, Record<TimelineKind, string>> = {
  en: { event: 'Event', founded: 'Founded', launched: 'Launched', published: 'Published', project: 'Project', membership: 'Membership' },
  de: { event: 'Veranstaltung', founded: 'Gründung', launched: 'Start', published: 'Veröffentlichung', project: 'Projekt', membership: 'Mitgliedschaft' },
};
const kindColour: Record<TimelineKind, string> = {
  event: '#0072B2',
  founded: '#D55E00',
  launched: '#D55E00',
  published: '#CC79A7',
  project: '#009E73',
  membership: '#6b7280',
};

function dateText(m: Moment, lang: PageLanguage): string {
  return humanValue(m.value, m.datatype, lang) ?? m.value;
}

function when(item: TimelineItem, lang: PageLanguage): Html {
  const start = html`<time datetime="${item.start.value}">${dateText(item.start, lang)}</time>`;
  if (!item.end || item.end.value === item.start.value) return start;
  return html`${start} – <time datetime="${item.end.value}">${dateText(item.end, lang)}</time>`;
}

/** Packs items into lanes so that no two overlap; returns the lane of each item. */
function lanes(items: TimelineItem[], gap: number): number[] {
  const ends: number[] = [];
  return items.map((item) => {
    const to = (item.end ?? item.start).to;
    let lane = ends.findIndex((end) => end + gap < item.start.from);
    if (lane === -1) lane = ends.length;
    ends[lane] = Math.max(to, item.start.from + gap);
    return lane;
  });
}

interface Labelled extends TimelineItem {
  label: string;
  href: string;
}

/**
 * Years that are drawn: all from the first to the last, except a long empty stretch (EUROCITIES founded in
 * 1986, everything else after 2015), which is cut out and marked, so the busy years keep their width.
 */
function drawnYears(items: Labelled[]): { years: number[]; cutAfter?: number } {
  const first = new Date(Math.min(...items.map((i) => i.start.from))).getUTCFullYear();
  const last = new Date(Math.max(...items.map((i) => (i.end ?? i.start).to))).getUTCFullYear();
  const used = new Set<number>();
  for (const i of items) for (let y = new Date(i.start.from).getUTCFullYear(); y <= new Date((i.end ?? i.start).to).getUTCFullYear(); y++) used.add(y);
  const sorted = [...used].sort((a, b) => a - b);
  let cut: [number, number] | undefined;
  for (let k = 1; k < sorted.length; k++) {
    const gap = sorted[k]! - sorted[k - 1]! - 1;
    if (gap >= 6 && gap > (last - first + 1) * 0.4 && (!cut || gap > cut[1] - cut[0])) cut = [sorted[k - 1]!, sorted[k]!];
  }
  const years: number[] = [];
  for (let y = first; y <= last; y++) if (!cut || y <= cut[0] || y >= cut[1]) years.push(y);
  return cut ? { years, cutAfter: cut[0] } : { years };
}

/** The time axis: years as ticks, each item a bar exactly as long as its dates cover (a month is a month wide). */
function axisSvg(items: Labelled[], lang: PageLanguage, title: string): Html {
  const { years, cutAfter } = drawnYears(items);
  const width = 1000;
  const slot = width / (years.length + (cutAfter === undefined ? 0 : 0.6));
  // A moment's x: its year's slot plus the fraction of that year gone by; the cut takes a narrow gap.
  const x = (t: number) => {
    const date = new Date(t);
    const year = date.getUTCFullYear();
    const index = years.indexOf(year);
    const yearStart = Date.UTC(year, 0, 1);
    const fraction = (t - yearStart) / (Date.UTC(year + 1, 0, 1) - yearStart);
    const offset = cutAfter !== undefined && year > cutAfter ? 0.6 : 0;
    return Math.round((Math.max(0, index) + offset + fraction) * slot * 10) / 10;
  };
  const lane = lanes(items, (Date.UTC(years.at(-1)! + 1, 0, 1) - Date.UTC(years[0]!, 0, 1)) / 120);
  const rows = Math.max(...lane) + 1;
  const top = 26;
  const height = top + rows * 14 + 6;
  const step = years.length > 24 ? 5 : years.length > 12 ? 2 : 1;
  const ticks = years.map((y, k) => {
    const tx = x(Date.UTC(y, 0, 1));
    const label = k % step === 0 || y === cutAfter || y === years.at(-1) ? html`<text x="${tx + 3}" y="14">${y}</text>` : '';
    return html`<line x1="${tx}" y1="${top - 6}" x2="${tx}" y2="${height}" stroke="#e2e6ee"/>${label}`;
  });
  const cutMark =
    cutAfter === undefined
      ? ''
      : html`<text x="${x(Date.UTC(cutAfter, 11, 31)) + slot * 0.3}" y="${top + 8}" font-size="18" fill="#5d6677" text-anchor="middle" aria-hidden="true">⋯</text>`;
  const bars = items.map((item, i) => {
    const x1 = x(item.start.from);
    const x2 = x((item.end ?? item.start).to);
    return html`<a href="${item.href}"><rect x="${x1}" y="${top + lane[i]! * 14}" width="${Math.max(2.5, Math.round((x2 - x1) * 10) / 10)}" height="10" rx="2" fill="${kindColour[item.kind]}"><title>${`${item.label} · ${kindText[lang][item.kind]} · ${dateText(item.start, lang)}${item.end ? ` – ${dateText(item.end, lang)}` : ''}`}</title></rect></a>`;
  });
  return html`<svg class="timeline-axis" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="group" aria-label="${title}" font-family="system-ui, sans-serif" font-size="12" fill="#5d6677">${ticks}${cutMark}${bars}</svg>`;
}

/** The timeline section: the axis picture, then the same items as a list in date order. */
export function timelineHtml(items: TimelineItem[], store: Store, lang: PageLanguage, baseIri: string, heading: string): Html | undefined {
  if (items.length === 0) return undefined;
  const labelled: Labelled[] = items.map((item) => {
    const docPath = docPathOf(item.subject, baseIri);
    return { ...item, label: labelOf(store, item.subject, lang, baseIri), href: docPath ? `${pagePath(baseIri, docPath)}${lang === 'de' ? '?lang=de' : ''}` : item.subject };
  });
  const list = labelled.map(
    (item) =>
      html`<li data-kind="${item.kind}" data-start="${item.start.value}"><span class="tl-when">${when(item, lang)}</span> <span class="tl-kind" style="border-color:${kindColour[item.kind]}">${kindText[lang][item.kind]}</span> <a href="${item.href}">${item.label}</a></li>`,
  );
  const legend = [...new Set(items.map((i) => i.kind))].map((k) => html`<li><span class="swatch" style="background:${kindColour[k]}"></span> ${kindText[lang][k]}</li>`);
  return html`<section class="timeline" aria-labelledby="timeline"><h2 id="timeline">${heading}</h2>
<div class="timeline-picture">${axisSvg(labelled, lang, heading)}</div>
<ul class="timeline-legend">${legend}</ul>
<ol class="timeline-list">${list}</ol></section>`;
}
