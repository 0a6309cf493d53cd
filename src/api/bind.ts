// Turns request parameters into RDF terms and binds them into the parsed query's algebra (VALUES, per-value patterns), never into its text.
import { DataFactory } from 'n3';
import sparqljs from 'sparqljs';
import type { IriTerm, LiteralTerm, Pattern, SelectQuery, ValuesPattern } from 'sparqljs';
import type { Store } from 'n3';
import { errors } from '../errors.js';
import { prefixes } from '../rdf/namespaces.js';
import { termKey } from '../rdf/term-keys.js';
import { slugPattern, type CannedQuery, type ParameterSpec } from './query-file.js';

const xsd = prefixes.xsd;
const generator = new sparqljs.Generator({});

export type BoundTerm = IriTerm | LiteralTerm;

/** Parameter values as fastify hands them over after schema validation (coerced, defaults applied). */
type RequestValues = Record<string, unknown>;

/** Letters that Unicode does not decompose into base letter + accent, folded as queries/search.rq folds them. */
const undecomposed: Record<string, string> = { ß: 'ss', ø: 'o', ł: 'l', đ: 'd' };

/** Lower-case and strip accents ("Städte" → "stadte"): the same folding queries/search.rq applies to names. */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[ßøłđ]/g, (c) => undecomposed[c] ?? c)
    .normalize('NFC');
}

function literal(value: string, datatype?: string): LiteralTerm {
  return (datatype ? DataFactory.literal(value, DataFactory.namedNode(datatype)) : DataFactory.literal(value)) as unknown as LiteralTerm;
}

function dateTerm(parameter: ParameterSpec, value: string): LiteralTerm {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!match) throw errors.badParameter(parameter.name, `Parameter "${parameter.name}" expects a date: YYYY, YYYY-MM or YYYY-MM-DD; got "${value}".`);
  const [, year, month, day] = match;
  if (month !== undefined && (Number(month) < 1 || Number(month) > 12)) {
    throw errors.badParameter(parameter.name, `Parameter "${parameter.name}" expects a date: month ${month} does not exist.`);
  }
  if (day !== undefined) {
    const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
    if (date.getUTCDate() !== Number(day)) throw errors.badParameter(parameter.name, `Parameter "${parameter.name}" expects a date: ${value} does not exist.`);
    return literal(value, `${xsd}date`);
  }
  return literal(value, month === undefined ? `${xsd}gYear` : `${xsd}gYearMonth`);
}

function kindList(parameter: ParameterSpec): string {
  return parameter.kinds.join(', ');
}

/** A slug is looked up in every namespace the parameter allows; a full IRI must sit in one of them. Both must name something in the graph. */
function iriTerm(parameter: ParameterSpec, value: string, store: Store): IriTerm {
  const exists = (iri: string) => store.countQuads(DataFactory.namedNode(iri), null, null, null) > 0;
  let candidates: string[];
  if (/^https?:\/\//.test(value)) {
    const namespace = parameter.namespaces.find((ns) => value.startsWith(ns));
    if (!namespace || !slugPattern.test(value.slice(namespace.length))) {
      throw errors.badParameter(parameter.name, `Parameter "${parameter.name}" expects a slug or an IRI in ${parameter.namespaces.map((n) => `<${n}…>`).join(', ')}; got "${value}".`);
    }
    candidates = exists(value) ? [value] : [];
  } else {
    if (!slugPattern.test(value)) {
      throw errors.badParameter(parameter.name, `Parameter "${parameter.name}" expects a slug (lower-case letters, digits, "-") or a full IRI of a ${kindList(parameter)}; got "${value}".`);
    }
    candidates = parameter.namespaces.map((ns) => ns + value).filter(exists);
  }
  if (candidates.length === 0) {
    throw errors.badParameter(parameter.name, `Parameter "${parameter.name}": the graph has no ${kindList(parameter)} "${value}".`, { expected: parameter.kinds });
  }
  if (candidates.length > 1) {
    throw errors.badParameter(parameter.name, `Parameter "${parameter.name}": "${value}" is ambiguous; give the full IRI, one of ${candidates.join(', ')}.`, {
      candidates,
    });
  }
  return DataFactory.namedNode(candidates[0]!) as unknown as IriTerm;
}

/** One request value (already type-checked by the route schema) as an RDF term. */
function toTerm(parameter: ParameterSpec, value: unknown, store: Store): BoundTerm {
  switch (parameter.type) {
    case 'iri':
      return iriTerm(parameter, String(value), store);
    case 'string':
      return literal(parameter.fold ? fold(String(value)) : String(value));
    case 'language':
      return literal(String(value).toLowerCase());
    case 'date':
      return dateTerm(parameter, String(value));
    case 'integer':
      return literal(String(value), `${xsd}integer`);
    case 'boolean':
      return literal(String(value), `${xsd}boolean`);
  }
}

/** The terms of every parameter the request gives (or defaults), in declaration order. */
export function bindParameters(query: CannedQuery, values: RequestValues, store: Store): Map<string, BoundTerm[]> {
  const bound = new Map<string, BoundTerm[]>();
  for (const parameter of query.parameters) {
    const raw = values[parameter.name] ?? parameter.default;
    if (raw === undefined) continue;
    const list = Array.isArray(raw) ? raw : [raw];
    const terms: BoundTerm[] = [];
    const seen = new Set<string>();
    for (const item of list) {
      const term = toTerm(parameter, item, store);
      const id = termKey(term);
      if (!seen.has(id)) terms.push(term);
      seen.add(id);
    }
    if (terms.length > 0) bound.set(parameter.name, terms);
  }
  return bound;
}

/** Replaces every `?value` in a pattern AST by a term (a fresh copy; the parsed patterns stay untouched). */
function substitute<T>(node: T, term: BoundTerm): T {
  if (Array.isArray(node)) return node.map((item: unknown) => substitute(item, term)) as T;
  if (node === null || typeof node !== 'object') return node;
  const t = node as { termType?: string; value?: unknown };
  if (t.termType === 'Variable' && t.value === 'value') return term as unknown as T;
  if (t.termType !== undefined) return node; // other terms are immutable: share them
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) copy[k] = substitute(v, term);
  return copy as T;
}

/**
 * The query with the bound terms in its algebra: a VALUES block at the start of the WHERE group for
 * each parameter without a pattern (several values: any of them), and for each parameter with a
 * pattern, one copy of the pattern per value at the end (several values: all of them must hold).
 * The text is produced by sparqljs's generator, which writes every term in its escaped form.
 */
export function boundQueryText(query: CannedQuery, bound: Map<string, BoundTerm[]>): string {
  const values: ValuesPattern[] = [];
  const patterns: Pattern[] = [];
  for (const parameter of query.parameters) {
    const terms = bound.get(parameter.name);
    if (!terms) continue;
    if (parameter.pattern) {
      for (const term of terms) patterns.push(...substitute(parameter.pattern as Pattern[], term));
    } else {
      values.push({ type: 'values', values: terms.map((term) => ({ [`?${parameter.variable}`]: term })) });
    }
  }
  const ast: SelectQuery = { ...query.query, where: [...values, ...(query.query.where ?? []), ...patterns] };
  return generator.stringify(ast);
}

/** A stable key for the result cache: the same terms give the same key whatever spelling (slug or IRI) the client used. */
export function bindingKey(query: CannedQuery, bound: Map<string, BoundTerm[]>): string {
  const parts = [...bound.entries()].map(([name, terms]) => [name, terms.map(termKey)]);
  return JSON.stringify([query.name, parts]);
}
