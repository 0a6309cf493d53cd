// Reads one canned query (queries/NAME.rq): its `#+` YAML header and its SPARQL, both checked at start, errors naming file and line.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, parseDocument, isMap, type Document } from 'yaml';
import sparqljs from 'sparqljs';
import type { Pattern, SelectQuery, Variable } from 'sparqljs';
import { fieldTypes, parameterTypes, standardParameters, type CannedQuery, type FieldSpec, type FieldType, type ParameterSpec, type ParameterType } from './query-types.js';
import { syntaxPosition } from '../sparql/query-check.js';
import { filesIn, shownPath } from '../store/files.js';

/** A query file that cannot be served: the message names the file and the line. */
export class QueryFileError extends Error {
  override name = 'QueryFileError';
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    message: string,
  ) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${message}`);
  }
}

export { parameterTypes, fieldTypes, standardParameters, type CannedQuery, type FieldSpec, type ParameterSpec } from './query-types.js';

const headerKeys = ['summary', 'description', 'tags', 'parameters', 'fields', 'key', 'orderBy', 'pagination', 'example'];
const parameterKeys = [
  'type', 'description', 'required', 'repeatable', 'enum', 'default', 'kinds', 'namespace', 'minimum', 'maximum',
  'maxLength', 'fold', 'variable', 'pattern', 'example',
];
const fieldKeys = ['type', 'array', 'label', 'property', 'description'];
const namePattern = /^[A-Za-z][A-Za-z0-9_]*$/;
/** A lower-case slug: query file names and the kinds an iri parameter accepts (bind.ts checks values with it too). */
export const slugPattern = /^[a-z0-9][a-z0-9-]*$/;

/** Splits the leading `#+` lines off; the header keeps its line numbers (line N of the header is line N of the file). */
function headerText(text: string): string | undefined {
  const lines = text.split('\n');
  const header: string[] = [];
  for (const line of lines) {
    if (!line.startsWith('#+')) break;
    header.push(line.slice(2).startsWith(' ') ? line.slice(3) : line.slice(2));
  }
  return header.length === 0 ? undefined : header.join('\n');
}

/** Collects every variable name used anywhere in a sparqljs AST. */
function variablesIn(node: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) variablesIn(item, into);
  else if (node !== null && typeof node === 'object') {
    const term = node as { termType?: string; value?: string; type?: string; values?: Array<Record<string, unknown>> };
    if (term.termType === 'Variable' && typeof term.value === 'string') into.add(term.value);
    else if (term.type === 'values' && Array.isArray(term.values)) {
      // VALUES rows name their variables in their keys ("?type").
      for (const row of term.values) for (const key of Object.keys(row)) into.add(key.replace(/^\?/, ''));
    } else for (const value of Object.values(node)) variablesIn(value, into);
  }
  return into;
}

/** A path into the header ("parameters", "country", "type"), as messages name it. */
type HeaderPath = readonly (string | number)[];

/**
 * Type checks for header values. Every check throws a QueryFileError pointing at the line of the value it
 * rejects, so they close over the parsed YAML document and its line counter.
 */
interface HeaderChecks {
  fail(at: HeaderPath, message: string): never;
  str(at: HeaderPath, value: unknown, required?: boolean): string;
  bool(at: HeaderPath, value: unknown): boolean;
  int(at: HeaderPath, value: unknown): number | undefined;
  strings(at: HeaderPath, value: unknown): string[];
}

/** Parses the `#+` header as YAML and checks it is a mapping with only known keys. */
function readHeader(text: string, file: string): { header: Record<string, unknown>; check: HeaderChecks } {
  const header = headerText(text);
  if (header === undefined) throw new QueryFileError(file, 1, 'the file must begin with a "#+" YAML header (summary, parameters, fields)');

  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(header, { lineCounter, uniqueKeys: true });
  const firstError = doc.errors[0];
  if (firstError) throw new QueryFileError(file, firstError.linePos?.[0].line, `header: ${firstError.message.split('\n')[0]}`);

  const check = headerChecks(doc, lineCounter, file);
  const raw: unknown = doc.toJS();
  if (!isMap(doc.contents) || raw === null || typeof raw !== 'object') check.fail([], 'must be a YAML mapping');
  const values = raw as Record<string, unknown>;
  for (const key of Object.keys(values)) if (!headerKeys.includes(key)) check.fail([key], `unknown key; allowed: ${headerKeys.join(', ')}`);
  return { header: values, check };
}

function headerChecks(doc: Document, lineCounter: LineCounter, file: string): HeaderChecks {
  /** The line of the header node at `at` (or of the closest enclosing node that has a position). */
  const lineOf = (at: HeaderPath): number | undefined => {
    for (let n = at.length; n >= 0; n--) {
      const node = doc.getIn(at.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const fail = (at: HeaderPath, message: string): never => {
    throw new QueryFileError(file, lineOf(at), `header ${at.length ? `"${at.join('.')}"` : ''}: ${message}`.replace('header : ', 'header: '));
  };
  return {
    fail,
    str(at, value, required = false) {
      if (value === undefined && !required) return '';
      if (typeof value !== 'string' || value.trim() === '') fail(at, 'must be a non-empty string');
      return (value as string).trim();
    },
    bool(at, value) {
      if (value === undefined) return false;
      if (typeof value !== 'boolean') fail(at, 'must be true or false');
      return value as boolean;
    },
    int(at, value) {
      if (value === undefined) return undefined;
      if (typeof value !== 'number' || !Number.isInteger(value)) fail(at, 'must be an integer');
      return value as number;
    },
    strings(at, value) {
      if (value === undefined) return [];
      const list = typeof value === 'string' ? [value] : value;
      if (!Array.isArray(list) || list.some((v) => typeof v !== 'string' || v === '')) fail(at, 'must be a string or a list of strings');
      return list as string[];
    },
  };
}

/**
 * Parses the SPARQL and checks it is a SELECT the endpoint can page. The whole file is parsed (the header
 * lines are comments to SPARQL) so that the parser's line numbers are the file's.
 */
function parseSelectQuery(text: string, file: string, parser: InstanceType<typeof sparqljs.Parser>): { query: SelectQuery; queryLine: number | undefined } {
  let parsed: sparqljs.SparqlQuery;
  try {
    parsed = parser.parse(text) as sparqljs.SparqlQuery;
  } catch (error) {
    const e = error as Error;
    throw new QueryFileError(file, syntaxPosition(error).line, `SPARQL: ${e.message.split('\n')[0]} ${e.message.split('\n').slice(1, 3).join(' ').trim()}`.trim());
  }
  // Checks on the query as a whole point at its first line, since sparqljs keeps no positions in the AST.
  const queryLine = text.split('\n').findIndex((l) => /^\s*(SELECT|PREFIX|BASE|ASK|CONSTRUCT|DESCRIBE)\b/i.test(l)) + 1 || undefined;
  if (parsed.type !== 'query' || parsed.queryType !== 'SELECT') throw new QueryFileError(file, queryLine, 'the query must be a SELECT query');
  const query = parsed;
  if (query.variables.length === 1 && (query.variables[0] as { termType?: string }).termType === 'Wildcard') {
    throw new QueryFileError(file, queryLine, 'SELECT * is not allowed: name the projected variables, each described under "fields"');
  }
  if (query.limit !== undefined || query.offset !== undefined) {
    throw new QueryFileError(file, queryLine, 'LIMIT/OFFSET belong to the pagination (limit/offset parameters), not the query');
  }
  return { query, queryLine };
}

/** What checking a parameter needs to know about the query it feeds. */
interface ParameterContext {
  readonly baseIri: string;
  readonly check: HeaderChecks;
  /** Every variable the query's WHERE clause uses. */
  readonly used: ReadonlySet<string>;
  readonly parser: InstanceType<typeof sparqljs.Parser>;
  /** The query's PREFIX lines, so a parameter's pattern can use the same prefixed names. */
  readonly prefixDeclarations: string;
}

function parseParameters(raw: unknown, context: ParameterContext): ParameterSpec[] {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) context.check.fail(['parameters'], 'must be a mapping of parameter names');
  return Object.entries(raw as Record<string, unknown>).map(([name, value]) => parseParameter(name, value, context));
}

function parseParameter(name: string, value: unknown, context: ParameterContext): ParameterSpec {
  const { baseIri, check, used } = context;
  const at = ['parameters', name];
  if (!namePattern.test(name)) check.fail(at, 'a parameter name must be letters, digits and _');
  if ((standardParameters as readonly string[]).includes(name)) check.fail(at, `"${name}" is a standard parameter of every endpoint; do not declare it`);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) check.fail(at, 'must be a mapping (type, description, ...)');
  const p = value as Record<string, unknown>;
  for (const key of Object.keys(p)) if (!parameterKeys.includes(key)) check.fail([...at, key], `unknown key; allowed: ${parameterKeys.join(', ')}`);
  const type = p.type as ParameterType;
  if (!parameterTypes.includes(type)) check.fail([...at, 'type'], `must be one of ${parameterTypes.join(', ')}`);
  const kinds = check.strings([...at, 'kinds'], p.kinds);
  const namespaceRaw = p.namespace === undefined ? [] : check.strings([...at, 'namespace'], p.namespace);
  if (type === 'iri' && kinds.length + namespaceRaw.length === 0) check.fail(at, 'an iri parameter needs "kinds" (e.g. [network, project]) or a "namespace"');
  if (type !== 'iri' && kinds.length + namespaceRaw.length > 0) check.fail(at, '"kinds" and "namespace" are for iri parameters only');
  for (const kind of kinds) if (!slugPattern.test(kind)) check.fail([...at, 'kinds'], `"${kind}" is not a kind slug`);
  const namespaces = [...kinds.map((k) => `${baseIri}id/${k}/`), ...namespaceRaw.map((n) => new URL(n, baseIri).href)];
  const enumValues = p.enum;
  if (enumValues !== undefined && (!Array.isArray(enumValues) || enumValues.length === 0 || enumValues.some((v) => typeof v !== 'string' && typeof v !== 'number'))) {
    check.fail([...at, 'enum'], 'must be a non-empty list of strings or numbers');
  }
  const patternAst = p.pattern === undefined ? undefined : parseParameterPattern([...at, 'pattern'], p.pattern, context);
  const variable = p.variable === undefined ? name : check.str([...at, 'variable'], p.variable);
  // A parameter bound to a variable the query never mentions would be silently ignored at request time.
  if (patternAst === undefined && !used.has(variable)) check.fail(at, `the query never uses ?${variable}, so the parameter would do nothing (add it to the query or give a "pattern")`);
  const maxLength = check.int([...at, 'maxLength'], p.maxLength) ?? 200;
  const repeatable = check.bool([...at, 'repeatable'], p.repeatable);
  const def = p.default;
  if (def !== undefined) {
    const ok = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
    if (!(ok(def) || (repeatable && Array.isArray(def) && def.every(ok)))) check.fail([...at, 'default'], 'must be a value (or a list of values for a repeatable parameter)');
  }
  return {
    name,
    type,
    description: check.str([...at, 'description'], p.description, true),
    required: check.bool([...at, 'required'], p.required),
    repeatable,
    ...(enumValues !== undefined ? { enum: enumValues as (string | number)[] } : {}),
    ...(def !== undefined ? { default: def as ParameterSpec['default'] } : {}),
    namespaces,
    kinds: [...kinds, ...namespaceRaw],
    ...(p.minimum !== undefined ? { minimum: check.int([...at, 'minimum'], p.minimum) } : {}),
    ...(p.maximum !== undefined ? { maximum: check.int([...at, 'maximum'], p.maximum) } : {}),
    maxLength,
    fold: check.bool([...at, 'fold'], p.fold),
    variable,
    ...(patternAst !== undefined ? { pattern: patternAst } : {}),
    ...(p.example !== undefined ? { example: p.example } : {}),
  };
}

/** Parses a parameter's `pattern` now, at start, so a broken one stops the server instead of a request. */
function parseParameterPattern(at: HeaderPath, value: unknown, context: ParameterContext): Pattern[] {
  const { check, parser, prefixDeclarations } = context;
  const pattern = check.str(at, value, true);
  if (!/\?value\b/.test(pattern)) check.fail(at, 'must use the variable ?value (the parameter value is bound to it)');
  try {
    // sparqljs parses whole queries only, so the pattern is wrapped in one.
    const wrapped = parser.parse(`${prefixDeclarations}\nSELECT * WHERE { ${pattern} }`) as SelectQuery;
    return wrapped.where ?? [];
  } catch (error) {
    return check.fail(at, `not a SPARQL group pattern: ${(error as Error).message.split('\n')[0]}`);
  }
}

/** Every field must be projected; `expand` turns a field's `property` into an absolute IRI. */
function parseFields(raw: unknown, check: HeaderChecks, projected: readonly string[], expand: (at: HeaderPath, value: string) => string): FieldSpec[] {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) check.fail(['fields'], 'must be a mapping from projected variables to their description');
  return Object.entries(raw as Record<string, unknown>).map(([name, value]) => {
    const at = ['fields', name];
    if (value === null || typeof value !== 'object' || Array.isArray(value)) check.fail(at, 'must be a mapping (type, description, ...)');
    const f = value as Record<string, unknown>;
    for (const key of Object.keys(f)) if (!fieldKeys.includes(key)) check.fail([...at, key], `unknown key; allowed: ${fieldKeys.join(', ')}`);
    const type = f.type as FieldType;
    if (!fieldTypes.includes(type)) check.fail([...at, 'type'], `must be one of ${fieldTypes.join(', ')}`);
    if (!projected.includes(name)) check.fail(at, `?${name} is not projected by the query`);
    const label = f.label === undefined ? undefined : check.str([...at, 'label'], f.label);
    if (label !== undefined) {
      if (type !== 'iri') check.fail([...at, 'label'], 'only iri fields can have a label variable');
      if (!projected.includes(label)) check.fail([...at, 'label'], `?${label} is not projected by the query`);
    }
    return {
      name,
      type,
      array: check.bool([...at, 'array'], f.array),
      ...(label !== undefined ? { label } : {}),
      ...(f.property !== undefined ? { property: expand([...at, 'property'], check.str([...at, 'property'], f.property, true)) } : {}),
      description: check.str([...at, 'description'], f.description, true),
    };
  });
}

/** A field's `property` in the query's own prefixes, so header and query read alike; "@id" passes through. */
function expandPrefixedName(query: SelectQuery, check: HeaderChecks, at: HeaderPath, value: string): string {
  if (value === '@id') return value;
  const colon = value.indexOf(':');
  const prefix = value.slice(0, colon);
  if (/^https?:\/\//.test(value)) return value;
  const namespace = colon > 0 ? query.prefixes?.[prefix] : undefined;
  if (namespace === undefined) return check.fail(at, `"${value}" is neither an absolute IRI nor a prefixed name with a PREFIX of the query`);
  return namespace + value.slice(colon + 1);
}

/**
 * The converse of the check in parseFields: every projected variable is described (as a field or a field's
 * label), so no value reaches the JSON without documentation. Reported at the SELECT line, where it is missing.
 */
function checkProjectionDescribed(fields: readonly FieldSpec[], projected: readonly string[], file: string, selectLine: number | undefined): void {
  const described = new Set([...fields.map((f) => f.name), ...fields.flatMap((f) => (f.label ? [f.label] : []))]);
  for (const variable of projected) {
    if (!described.has(variable)) throw new QueryFileError(file, selectLine, `the projected variable ?${variable} is not described under "fields" in the header`);
  }
}

/** How rows become objects: `key` defaults to the `id` field, when there is one, because most endpoints list things. */
function parseKeyAndOrder(header: Record<string, unknown>, check: HeaderChecks, fields: readonly FieldSpec[]): { key: string[]; orderBy: string[] } {
  const key = check.strings(['key'], header.key ?? (fields.some((f) => f.name === 'id') ? 'id' : []));
  for (const k of key) if (!fields.some((f) => f.name === k && !f.array)) check.fail(['key'], `"${k}" is not a single-valued field`);
  const orderBy = check.strings(['orderBy'], header.orderBy);
  for (const o of orderBy) if (!fields.some((f) => f.name === o)) check.fail(['orderBy'], `"${o}" is not a field`);
  return { key, orderBy };
}

function parsePagination(raw: unknown, check: HeaderChecks): CannedQuery['pagination'] {
  const pg = (raw ?? {}) as Record<string, unknown>;
  if (typeof pg !== 'object' || Array.isArray(pg)) check.fail(['pagination'], 'must be a mapping with default and max');
  for (const k of Object.keys(pg)) if (!['default', 'max'].includes(k)) check.fail(['pagination', k], 'unknown key; allowed: default, max');
  const pagination = { default: check.int(['pagination', 'default'], pg.default) ?? 100, max: check.int(['pagination', 'max'], pg.max) ?? 1000 };
  if (pagination.default < 1 || pagination.max < pagination.default) check.fail(['pagination'], 'needs 1 <= default <= max');
  return pagination;
}

/** The documented example request may only use parameters the endpoint has, or the OpenAPI example would fail. */
function parseExample(raw: unknown, check: HeaderChecks, parameters: readonly ParameterSpec[]): Record<string, string | string[]> {
  const example: Record<string, string | string[]> = {};
  const values = raw ?? {};
  if (values === null || typeof values !== 'object' || Array.isArray(values)) check.fail(['example'], 'must be a mapping of parameter values');
  for (const [k, v] of Object.entries(values as Record<string, unknown>)) {
    if (!parameters.some((p) => p.name === k) && !(standardParameters as readonly string[]).includes(k)) check.fail(['example', k], 'not a parameter of this endpoint');
    example[k] = Array.isArray(v) ? v.map(String) : String(v);
  }
  return example;
}

/** Reads, checks and compiles one query file. The steps run in a fixed order, so a file with several faults always reports the same first one. */
export function parseQueryFile(text: string, file: string, baseIri: string): CannedQuery {
  const name = path.basename(file, '.rq');
  if (!slugPattern.test(name)) throw new QueryFileError(file, undefined, `the file name must be a lower-case slug (a-z, 0-9, -), got "${name}"`);
  const { header, check } = readHeader(text, file);
  const summary = check.str(['summary'], header.summary, true);
  const description = check.str(['description'], header.description);
  const tags = check.strings(['tags'], header.tags);

  const parser = new sparqljs.Parser({ baseIRI: baseIri });
  const { query, queryLine } = parseSelectQuery(text, file, parser);
  const projected = (query.variables as Array<Variable>).map((v) => ('termType' in v ? v.value : v.variable.value));
  const prefixDeclarations = Object.entries(query.prefixes ?? {})
    .map(([prefix, iri]) => `PREFIX ${prefix}: <${iri}>`)
    .join('\n');
  const used = variablesIn(query.where ?? []);

  const parameters = parseParameters(header.parameters ?? {}, { baseIri, check, used, parser, prefixDeclarations });
  const fields = parseFields(header.fields, check, projected, (at, value) => expandPrefixedName(query, check, at, value));
  const selectLine = text.split('\n').findIndex((l) => /^\s*SELECT\b/i.test(l)) + 1 || queryLine;
  checkProjectionDescribed(fields, projected, file, selectLine);
  const { key, orderBy } = parseKeyAndOrder(header, check, fields);
  const pagination = parsePagination(header.pagination, check);
  const example = parseExample(header.example, check, parameters);

  return { name, file, summary, description, tags, parameters, fields, key, orderBy, pagination, query, example };
}

/** Loads every `*.rq` of a folder, in name order; the first broken file throws. */
export async function loadQueryFiles(dir: string, baseIri: string): Promise<CannedQuery[]> {
  let names: string[];
  try {
    names = await filesIn(dir, ['.rq']);
  } catch (error) {
    throw new QueryFileError(dir, undefined, `cannot read the queries folder: ${(error as Error).message}`);
  }
  const shownDir = shownPath(dir);
  const queries: CannedQuery[] = [];
  for (const name of names) {
    const text = await readFile(path.join(dir, name), 'utf8');
    queries.push(parseQueryFile(text, path.join(shownDir, name), baseIri));
  }
  return queries;
}
