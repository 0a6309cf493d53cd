// Shapes SPARQL rows into the API's objects (grouped by key, multi-valued fields as arrays, labels in one language) and renders JSON, JSON-LD, CSV and SPARQL JSON.
import type { JsonTerm } from '../sparql/executor.js';
import { pageLanguages, type PageLanguage } from '../html/format.js';
import { prefixes } from '../rdf/namespaces.js';
import { compactJsonLd } from '../rdf/serialize.js';
import { csvText } from '../http/csv.js';
import type { CannedQuery, FieldSpec } from './query-file.js';

type Row = Record<string, JsonTerm>;

/** One value of a field in one object, with the labels the rows gave for it. */
interface FieldValue {
  term: JsonTerm;
  labels: JsonTerm[];
}

/** One result object before rendering: its rows (for raw output) and its field values. */
export interface Item {
  rows: number[];
  values: Map<string, FieldValue[]>;
}

export interface Shaped {
  variables: string[];
  rows: Row[];
  items: Item[];
}

function termId(term: JsonTerm): string {
  if (term.type === 'literal') return `L|${term.value}|${term['xml:lang'] ?? ''}|${term.datatype ?? ''}`;
  return `${term.type}|${JSON.stringify(term.value)}`;
}

/** Groups rows by the query's key; each field collects its distinct values in row order. */
export function shape(query: CannedQuery, variables: string[], rows: Row[]): Shaped {
  const items: Item[] = [];
  const byKey = new Map<string, Item>();
  rows.forEach((row, index) => {
    const key = query.key.length === 0 ? String(index) : query.key.map((k) => (row[k] ? termId(row[k]) : '')).join('\u0000');
    let item = byKey.get(key);
    if (!item) {
      item = { rows: [], values: new Map() };
      byKey.set(key, item);
      items.push(item);
    }
    item.rows.push(index);
    for (const field of query.fields) {
      const term = row[field.name];
      if (!term) continue;
      const list = item.values.get(field.name) ?? [];
      let entry = list.find((v) => termId(v.term) === termId(term));
      if (!entry) {
        entry = { term, labels: [] };
        list.push(entry);
        item.values.set(field.name, list);
      }
      const label = field.label ? row[field.label] : undefined;
      if (label && !entry.labels.some((l) => termId(l) === termId(label))) entry.labels.push(label);
    }
  });
  return { variables, rows, items };
}

/** Picks the literals in the wanted language, else in the other one, else untagged ones, else all. */
export function inLanguage(literals: readonly JsonTerm[], lang: PageLanguage): JsonTerm[] {
  const tagOf = (t: JsonTerm) => (t.type === 'literal' ? (t['xml:lang'] ?? '').toLowerCase() : '');
  const order = [lang, ...pageLanguages.filter((l) => l !== lang)];
  for (const wanted of order) {
    const hits = literals.filter((t) => tagOf(t) === wanted || tagOf(t).startsWith(`${wanted}-`));
    if (hits.length > 0) return hits;
  }
  const untagged = literals.filter((t) => tagOf(t) === '');
  return untagged.length > 0 ? untagged : [...literals];
}

type Plain = string | number | boolean | null | { id: string; label: string | null };

function plainValue(field: FieldSpec, value: FieldValue, lang: PageLanguage): Plain {
  const { term } = value;
  if (field.type === 'iri' && field.label) return { id: term.value as string, label: (inLanguage(value.labels, lang)[0]?.value as string | undefined) ?? null };
  const text = term.value as string;
  switch (field.type) {
    case 'integer':
      return Number.parseInt(text, 10);
    case 'number':
      return Number(text);
    case 'boolean':
      return text === 'true' || text === '1';
    default:
      return text;
  }
}

/** The values a field shows in one language: text fields keep only the chosen language's literals. */
function visible(field: FieldSpec, values: FieldValue[], lang: PageLanguage): FieldValue[] {
  if (field.type !== 'text') return values;
  const chosen = new Set(inLanguage(values.map((v) => v.term), lang));
  return values.filter((v) => chosen.has(v.term));
}

/** The JSON object of one item: every field present (null or [] when the rows had no value). */
export function toPlain(query: CannedQuery, item: Item, lang: PageLanguage): Record<string, Plain | Plain[]> {
  const object: Record<string, Plain | Plain[]> = {};
  for (const field of query.fields) {
    if (query.fields.some((f) => f.label === field.name)) continue;
    const values = visible(field, item.values.get(field.name) ?? [], lang).map((v) => plainValue(field, v, lang));
    object[field.name] = field.array ? values : (values[0] ?? null);
  }
  return object;
}

/** Sorts items by the header's orderBy fields in the reader's language (nulls last), keeping the query order otherwise. */
export function sortItems(query: CannedQuery, items: Item[], lang: PageLanguage): Item[] {
  if (query.orderBy.length === 0) return items;
  const collator = new Intl.Collator(lang, { sensitivity: 'base', numeric: true });
  const keyOf = (item: Item, name: string): string | undefined => {
    const field = query.fields.find((f) => f.name === name)!;
    const first = visible(field, item.values.get(name) ?? [], lang)[0];
    if (!first) return undefined;
    const plain = plainValue(field, first, lang);
    return typeof plain === 'object' && plain !== null ? (plain.label ?? plain.id) : String(plain);
  };
  return [...items].sort((a, b) => {
    for (const name of query.orderBy) {
      const x = keyOf(a, name);
      const y = keyOf(b, name);
      if (x === y) continue;
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      const c = collator.compare(x, y);
      if (c !== 0) return c;
    }
    return 0;
  });
}

export function renderJson(query: CannedQuery, items: Item[], lang: PageLanguage): string {
  return JSON.stringify(items.map((item) => toPlain(query, item, lang)));
}

/** CSV with one line per object; an iri field with labels gives two columns (`x`, `xLabel`); several values are joined with " | ". */
export function renderCsv(query: CannedQuery, items: Item[], lang: PageLanguage): string {
  const columns: Array<{ title: string; field: string; part?: 'id' | 'label' }> = [];
  for (const field of query.fields) {
    if (query.fields.some((f) => f.label === field.name)) continue;
    if (field.label) columns.push({ title: field.name, field: field.name, part: 'id' }, { title: `${field.name}Label`, field: field.name, part: 'label' });
    else columns.push({ title: field.name, field: field.name });
  }
  const cell = (plain: Record<string, Plain | Plain[]>, c: (typeof columns)[number]) => {
    const v = plain[c.field];
    const list = Array.isArray(v) ? v : v === null || v === undefined ? [] : [v];
    return list.map((x) => (x !== null && typeof x === 'object' ? (c.part === 'label' ? (x.label ?? '') : x.id) : String(x))).join(' | ');
  };
  const records = items.map((item) => {
    const plain = toPlain(query, item, lang);
    return columns.map((c) => cell(plain, c));
  });
  return csvText([columns.map((c) => c.title), ...records]);
}

/** The raw SPARQL JSON results of the items' rows. */
export function renderSparqlJson(shaped: Shaped, items: Item[]): string {
  const bindings = items.flatMap((item) => item.rows).sort((a, b) => a - b).map((i) => shaped.rows[i]!);
  return JSON.stringify({ head: { vars: shaped.variables }, results: { bindings } });
}

const xsdString = `${prefixes.xsd}string`;

function jsonLdValue(term: JsonTerm): Record<string, unknown> {
  if (term.type === 'uri') return { '@id': term.value };
  if (term.type === 'bnode') return { '@id': `_:${term.value}` };
  if (term.type === 'literal') {
    if (term['xml:lang']) return { '@value': term.value, '@language': term['xml:lang'] };
    if (term.datatype && term.datatype !== xsdString) return { '@value': term.value, '@type': term.datatype };
    return { '@value': term.value };
  }
  return {};
}

const rdfsLabel = `${prefixes.rdfs}label`;

/**
 * JSON-LD: the facts behind the fields that stand for an RDF property (all languages, original datatypes),
 * compacted with the project's context. Computed fields (counts) have no property and are left out.
 */
export async function renderJsonLd(query: CannedQuery, items: Item[], baseIri: string): Promise<string> {
  const idField = query.fields.find((f) => f.property === '@id');
  const nodes: Array<Record<string, unknown>> = [];
  for (const item of items) {
    const subject = idField ? item.values.get(idField.name)?.[0]?.term : undefined;
    const node: Record<string, unknown> = subject ? jsonLdValue(subject) : {};
    for (const field of query.fields) {
      if (!field.property || field.property === '@id') continue;
      const values = item.values.get(field.name) ?? [];
      if (values.length === 0) continue;
      node[field.property] = values.map((v) => {
        const value = jsonLdValue(v.term);
        if (v.labels.length > 0 && v.term.type !== 'literal') value[rdfsLabel] = v.labels.map(jsonLdValue);
        return value;
      });
    }
    if (Object.keys(node).length > (subject ? 1 : 0)) nodes.push(node);
  }
  return JSON.stringify(await compactJsonLd({ '@graph': nodes }, baseIri, { graph: true }));
}
