// Small structured values said in words: counts ("over 120 municipalities"), periods ("October 2022 – December 2024"), online places.
import { DataFactory, type Store } from 'n3';
import type { Literal, Term } from '@rdfjs/types';
import { formatNumber, humanValue, type PageLanguage } from '../html/format.js';
import { html, type Html } from '../html/template.js';
import { prefixes } from '../rdf/namespaces.js';

const { namedNode } = DataFactory;

function literals(store: Store, node: Term, predicate: string): Literal[] {
  return store.getObjects(node as never, namedNode(predicate), null).filter((o) => o.termType === 'Literal') as unknown as Literal[];
}

function inLanguage(values: Literal[], lang: PageLanguage): Literal | undefined {
  return values.find((l) => l.language === lang) ?? values.find((l) => l.language !== '') ?? values[0];
}

function numberOf(store: Store, node: Term, predicate: string): number | undefined {
  const value = literals(store, node, predicate)[0]?.value;
  return value !== undefined && Number.isFinite(Number(value)) ? Number(value) : undefined;
}

const words = {
  en: { about: 'about', over: 'over', atLeast: 'at least', under: 'under', atMost: 'at most', source: 'as the source puts it', since: 'since', until: 'until' },
  de: { about: 'etwa', over: 'über', atLeast: 'mindestens', under: 'unter', atMost: 'höchstens', source: 'so die Quelle', since: 'seit', until: 'bis' },
} as const;

/**
 * A count the source reports (a schema:QuantitativeValue) as a phrase: "over 120 municipalities", "about 200
 * cities", with the source's own words after it. Undefined when the node holds no number.
 */
export function quantityHtml(store: Store, node: Term, lang: PageLanguage): Html | undefined {
  const w = words[lang];
  const value = numberOf(store, node, `${prefixes.schema}value`);
  const min = numberOf(store, node, `${prefixes.schema}minValue`);
  const max = numberOf(store, node, `${prefixes.schema}maxValue`);
  // cn:approximate and cn:exclusiveBound live under the configured base IRI, hence the match on `/def/`.
  const ownFlag = (local: string) =>
    store.getQuads(node as never, null, null, null).some((q) => q.predicate.value.endsWith(`/def/${local}`) && q.object.value === 'true');
  let amount: string;
  if (value !== undefined) amount = `${ownFlag('approximate') ? `${w.about} ` : ''}${formatNumber(value, lang)}`;
  else if (min !== undefined) amount = `${ownFlag('exclusiveBound') ? w.over : w.atLeast} ${formatNumber(min, lang)}`;
  else if (max !== undefined) amount = `${ownFlag('exclusiveBound') ? w.under : w.atMost} ${formatNumber(max, lang)}`;
  else return undefined;
  const unit = inLanguage(literals(store, node, `${prefixes.schema}unitText`), lang)?.value ?? '';
  const quote = inLanguage(literals(store, node, `${prefixes.rdfs}comment`), lang);
  const quoted = quote
    ? html` <span class="muted small">(${w.source}: <q lang="${quote.language || lang}">${quote.value}</q>)</span>`
    : '';
  return html`${amount} ${unit}${quoted}`;
}

function dateHtml(value: Literal, lang: PageLanguage): Html {
  const human = humanValue(value.value, value.datatype.value, lang) ?? value.value;
  return html`<time datetime="${value.value}">${human}</time>`;
}

/** A period (time:Interval with dcat:startDate / dcat:endDate) as "since October 2022" or "2022 – 2024". */
export function periodHtml(store: Store, node: Term, lang: PageLanguage): Html | undefined {
  const start = literals(store, node, `${prefixes.dcat}startDate`)[0];
  const end = literals(store, node, `${prefixes.dcat}endDate`)[0];
  const w = words[lang];
  if (start && end) return html`${dateHtml(start, lang)} – ${dateHtml(end, lang)}`;
  if (start) return html`${w.since} ${dateHtml(start, lang)}`;
  if (end) return html`${w.until} ${dateHtml(end, lang)}`;
  return undefined;
}

/** A structured value said in words when its shape is known (count, period, named place), else undefined. */
export function plainValueHtml(store: Store, node: Term, lang: PageLanguage): Html | undefined {
  const quantity = quantityHtml(store, node, lang);
  if (quantity) return quantity;
  const period = periodHtml(store, node, lang);
  if (period) return period;
  // An online place (schema:VirtualLocation) or any other labelled node: its name is all a reader needs.
  const label = inLanguage(literals(store, node, `${prefixes.rdfs}label`).concat(literals(store, node, `${prefixes.schema}name`)), lang);
  if (label) return html`<span lang="${label.language || lang}">${label.value}</span>`;
  return undefined;
}
