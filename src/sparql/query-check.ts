// Parses a query with sparqljs before any engine sees it: refuses updates and unlisted SERVICE calls, takes the dataset out of the query, and rewrites around a Comunica defect.
import sparqljs from 'sparqljs';
import type { BgpPattern, Pattern, Query, SparqlQuery, Triple } from 'sparqljs';
import { DataFactory } from 'n3';
import { errors, HttpError } from '../errors.js';

export type QueryForm = 'SELECT' | 'ASK' | 'CONSTRUCT' | 'DESCRIBE';

/** The graphs a query runs over; absent means "the default graph is the union of all named graphs". */
export interface Dataset {
  defaultGraphs: readonly string[];
  namedGraphs: readonly string[];
}

/** A checked query, ready for the engine: its text no longer carries FROM / FROM NAMED. */
export interface PreparedQuery {
  form: QueryForm;
  text: string;
  /** Base IRI for relative IRIs in the query (when it has no BASE of its own). */
  baseIri?: string;
  dataset?: Dataset;
}

export interface PrepareOptions {
  /** `default-graph-uri` / `named-graph-uri` from the protocol; they override FROM / FROM NAMED (SPARQL 1.1 Protocol §2.1.4). */
  defaultGraphUris?: readonly string[];
  namedGraphUris?: readonly string[];
  /** SERVICE endpoints a query may call. */
  serviceAllowList: readonly string[];
  /** Relative IRIs in the query resolve against this (the service's base IRI); without it they are a syntax error. */
  baseIri?: string;
}

const { Parser, Generator } = sparqljs;

/** Turns a sparqljs parse error into a 400 that names the line and column. */
function syntaxError(error: unknown): HttpError {
  const message = error instanceof Error ? error.message : String(error);
  const hash = (error as { hash?: { loc?: { first_line?: number; first_column?: number }; line?: number } }).hash;
  const line = hash?.loc?.first_line ?? (hash?.line === undefined ? undefined : hash.line + 1);
  const column = hash?.loc?.first_column === undefined ? undefined : hash.loc.first_column + 1;
  const where = line === undefined ? '' : ` (line ${line}${column === undefined ? '' : `, column ${column}`})`;
  return errors.querySyntax(`The query is not valid SPARQL 1.1${where}: ${message}`, {
    ...(line === undefined ? {} : { line }),
    ...(column === undefined ? {} : { column }),
  });
}

/** Visits every object of the AST (patterns, expressions, subqueries), depth first. */
function visit(node: unknown, fn: (node: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) visit(item, fn);
  } else if (node !== null && typeof node === 'object') {
    fn(node as Record<string, unknown>);
    for (const value of Object.values(node)) visit(value, fn);
  }
}

/** Refuses any SERVICE (anywhere: nested groups, subqueries, EXISTS) whose endpoint is not allow-listed. */
function checkServices(ast: Query, allowList: readonly string[]): void {
  visit(ast.where, (node) => {
    if (node.type !== 'service') return;
    const name = node.name as { termType: string; value: string };
    if (name.termType !== 'NamedNode') {
      throw new HttpError(403, 'SERVICE_REFUSED', `SERVICE ?${name.value} is not allowed: a SERVICE endpoint must be a fixed, allow-listed IRI.`);
    }
    if (!allowList.includes(name.value)) throw errors.serviceRefused(name.value);
  });
}

function isAlternative(predicate: Triple['predicate']): predicate is Extract<Triple['predicate'], { pathType: string }> {
  return 'type' in predicate && predicate.type === 'path' && predicate.pathType === '|';
}

/** The plain alternatives of a predicate: (a|(b|c)) gives a, b, c. */
function alternativesOf(predicate: Triple['predicate']): Array<Triple['predicate']> {
  return isAlternative(predicate) ? predicate.items.flatMap((item) => alternativesOf(item as Triple['predicate'])) : [predicate];
}

/** Most combinations a group may expand into; beyond it the query is left as written. */
const MAX_COPIES = 64;

/**
 * Splits a group whose top-level BGPs use alternative paths into copies without them, so that
 * group = copy1 UNION copy2 ... (X (P1|P2) Y is Union(X P1 Y, X P2 Y), SPARQL 1.1 §18.4, and join, filter,
 * extend, left join and minus on the left all distribute over union). Returns undefined when nothing to split.
 */
function expandGroup(patterns: Pattern[], fresh: () => string): Pattern[][] | undefined {
  if (!patterns.some((p) => p.type === 'bgp' && p.triples.some((t) => isAlternative(t.predicate)))) return undefined;
  let copies: Pattern[][] = [[]];
  for (const pattern of patterns) {
    let variants: Pattern[] = [pattern];
    if (pattern.type === 'bgp' && pattern.triples.some((t) => isAlternative(t.predicate))) {
      // Blank nodes may not span several BGPs; inside one BGP they are plain non-projected variables.
      const renamed = new Map<string, Triple['subject']>();
      const unblank = <T extends Triple['subject'] | Triple['object']>(term: T): T => {
        if (term.termType !== 'BlankNode') return term;
        if (!renamed.has(term.value)) renamed.set(term.value, DataFactory.variable(fresh()));
        return renamed.get(term.value) as T;
      };
      let triples: Triple[][] = [[]];
      for (const triple of pattern.triples) {
        const base = { ...triple, subject: unblank(triple.subject), object: unblank(triple.object) };
        triples = triples.flatMap((prefix) => alternativesOf(triple.predicate).map((predicate) => [...prefix, { ...base, predicate }]));
      }
      variants = triples.map((list) => ({ type: 'bgp', triples: list }) as BgpPattern);
    }
    copies = copies.flatMap((copy) => variants.map((variant) => [...copy, variant]));
    if (copies.length > MAX_COPIES) return undefined;
  }
  return copies;
}

/**
 * Comunica 5.4 empties the whole result of `FILTER NOT EXISTS { ?x <a>|<b> ?y }` and of MINUS with the
 * same pattern when neither predicate occurs in the data, and does the same for the equivalent UNION.
 * A plain BGP inside NOT EXISTS / MINUS is evaluated correctly, so the alternatives are distributed
 * outside: NOT EXISTS {P1 ∪ P2} = NOT EXISTS {P1} && NOT EXISTS {P2}, EXISTS {P1 ∪ P2} = EXISTS {P1} ||
 * EXISTS {P2}, and X MINUS (P1 ∪ P2) = (X MINUS P1) MINUS P2 (a solution is removed when it is compatible
 * with, and shares a variable with, a solution of either). Returns the rewritten node and whether it changed.
 */
function rewriteNegation(ast: Query): { ast: Query; changed: boolean } {
  let changed = false;
  let counter = 0;
  const fresh = () => `__alt_bnode_${counter++}`;
  const groupOf = (pattern: Pattern): Pattern[] => (pattern.type === 'group' ? pattern.patterns : [pattern]);
  const transform = (node: unknown): unknown => {
    if (Array.isArray(node)) {
      return node.flatMap((item: unknown) => {
        const pattern = item as Pattern;
        if (pattern && typeof pattern === 'object' && pattern.type === 'minus') {
          const copies = expandGroup(pattern.patterns, fresh);
          if (copies) {
            changed = true;
            return copies.map((patterns) => transform({ type: 'minus', patterns }));
          }
        }
        return [transform(item)];
      });
    }
    // RDF/JS terms (and anything that is not a plain AST object) are kept as they are.
    if (node === null || typeof node !== 'object' || 'termType' in node) return node;
    const record = node as Record<string, unknown>;
    if (record.type === 'operation' && (record.operator === 'notexists' || record.operator === 'exists')) {
      const arg = (record.args as Pattern[])[0];
      const copies = arg ? expandGroup(groupOf(arg), fresh) : undefined;
      if (copies) {
        changed = true;
        const parts = copies.map((patterns) => transform({ type: 'operation', operator: record.operator, args: [{ type: 'group', patterns }] }));
        return parts.reduce((left, right) => ({ type: 'operation', operator: record.operator === 'notexists' ? '&&' : '||', args: [left, right] }));
      }
    }
    return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, transform(value)]));
  };
  const out = transform(ast) as Query;
  return { ast: changed ? out : ast, changed };
}

/**
 * Checks and prepares one query. Throws HttpErrors: 400 for syntax, 403 for updates and refused SERVICE.
 * The dataset comes from the protocol parameters when given, else from FROM / FROM NAMED, else it is absent.
 */
export function prepareQuery(text: string, options: PrepareOptions): PreparedQuery {
  let ast: SparqlQuery;
  try {
    ast = new Parser(options.baseIri ? { baseIRI: options.baseIri } : {}).parse(text);
  } catch (error) {
    throw syntaxError(error);
  }
  if (ast.type === 'update') throw errors.updateRefused();
  checkServices(ast, options.serviceAllowList);

  const protocolDefault = options.defaultGraphUris ?? [];
  const protocolNamed = options.namedGraphUris ?? [];
  let dataset: Dataset | undefined;
  if (protocolDefault.length > 0 || protocolNamed.length > 0) {
    dataset = { defaultGraphs: [...protocolDefault], namedGraphs: [...protocolNamed] };
  } else if (ast.from && (ast.from.default.length > 0 || ast.from.named.length > 0)) {
    dataset = { defaultGraphs: ast.from.default.map((t) => t.value), namedGraphs: ast.from.named.map((t) => t.value) };
  }
  // FROM is never handed to the engine: the dataset is built from the local store only, so nothing is fetched.
  const hadFrom = ast.from !== undefined;
  delete ast.from;
  const rewritten = rewriteNegation(ast);
  const textOut = hadFrom || rewritten.changed ? new Generator().stringify(rewritten.ast) : text;
  return { form: ast.queryType, text: textOut, ...(options.baseIri ? { baseIri: options.baseIri } : {}), ...(dataset ? { dataset } : {}) };
}
