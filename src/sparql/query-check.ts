// Parses a query with sparqljs before any engine sees it: refuses updates, unlisted SERVICE calls and absurd nesting, and takes the dataset out of the query.
import sparqljs from 'sparqljs';
import type { Query, SparqlQuery } from 'sparqljs';
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
  /** The allow-listed SERVICE endpoints the query calls (routing.ts sends such a query to the federation engine). */
  services?: readonly string[];
}

interface PrepareOptions {
  /** `default-graph-uri` / `named-graph-uri` from the protocol; they override FROM / FROM NAMED (SPARQL 1.1 Protocol §2.1.4). */
  defaultGraphUris?: readonly string[];
  namedGraphUris?: readonly string[];
  /** SERVICE endpoints a query may call. */
  serviceAllowList: readonly string[];
  /** Relative IRIs in the query resolve against this (the service's base IRI); without it they are a syntax error. */
  baseIri?: string;
}

const { Parser, Generator } = sparqljs;

/** Deepest bracket nesting a query may have; real queries stay far below it. */
const MAX_NESTING = 100;

/**
 * Refuses queries nested deeper than MAX_NESTING before they are parsed: sparqljs takes quadratic time on
 * deep nesting (4000 nested groups: 8 s on the main thread) and every recursive walk after it (ours,
 * Comunica's) can overflow the stack. A small scanner, because no parser stops at a depth: it skips strings,
 * IRIs and comments and counts `{ ( [`.
 */
const iriRef = /<[^<>"{}|^`\\\u0000-\u0020]*>/y;

function checkNesting(text: string): void {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      lineStart = i + 1;
    } else if (c === '#') {
      const end = text.indexOf('\n', i);
      i = (end === -1 ? text.length : end) - 1;
    } else if (c === '"' || c === "'") {
      const long = text.startsWith(c.repeat(3), i);
      const close = long ? c.repeat(3) : c;
      let j = i + close.length;
      while (j < text.length && !text.startsWith(close, j) && (long || text[j] !== '\n')) j += text[j] === '\\' ? 2 : 1;
      for (let k = i; k < j && k < text.length; k++) {
        if (text[k] === '\n') {
          line++;
          lineStart = k + 1;
        }
      }
      // An unterminated short string stops at the line end, which the loop then counts.
      i = text.startsWith(close, j) ? j + close.length - 1 : j - 1;
    } else if (c === '<') {
      iriRef.lastIndex = i;
      if (iriRef.test(text)) i = iriRef.lastIndex - 1;
    } else if (c === '{' || c === '(' || c === '[') {
      if (++depth > MAX_NESTING) {
        const column = i - lineStart + 1;
        throw errors.querySyntax(`The query nests groups, brackets or parentheses more than ${MAX_NESTING} deep (line ${line}, column ${column}); flatten it.`, { line, column, maxNesting: MAX_NESTING });
      }
    } else if (c === '}' || c === ')' || c === ']') {
      depth = Math.max(0, depth - 1);
    }
  }
}

/**
 * Where a sparqljs parse error points, 1-based: its Jison location, else the lexer's 0-based line, else the
 * "line N" of its message. Shared by /sparql and the query files read at start.
 */
export function syntaxPosition(error: unknown): { line?: number; column?: number } {
  const hash = (error as { hash?: { loc?: { first_line?: number; first_column?: number }; line?: number } } | null)?.hash;
  const fromMessage = error instanceof Error ? /line (\d+)/.exec(error.message)?.[1] : undefined;
  const line = hash?.loc?.first_line ?? (hash?.line === undefined ? undefined : hash.line + 1) ?? (fromMessage === undefined ? undefined : Number(fromMessage));
  const column = hash?.loc?.first_column === undefined ? undefined : hash.loc.first_column + 1;
  return { ...(line === undefined ? {} : { line }), ...(column === undefined ? {} : { column }) };
}

/** Turns a sparqljs parse error into a 400 that names the line and column. */
function syntaxError(error: unknown): HttpError {
  const message = error instanceof Error ? error.message : String(error);
  const { line, column } = syntaxPosition(error);
  const where = line === undefined ? '' : ` (line ${line}${column === undefined ? '' : `, column ${column}`})`;
  return errors.querySyntax(`The query is not valid SPARQL 1.1${where}: ${message}`, {
    ...(line === undefined ? {} : { line }),
    ...(column === undefined ? {} : { column }),
  });
}

/**
 * Deepest object nesting the AST may have. Brackets are capped at MAX_NESTING before parsing, but an
 * operator chain (`1+1+…+1`, `?a || ?b || …`) nests one level per term without any bracket; every
 * recursive walk after ours (the generator, the engine's algebra) would overflow the stack on it.
 */
const MAX_AST_DEPTH = 500;

/**
 * Visits every object of the AST (patterns, expressions, subqueries), depth first, with an explicit
 * stack: the AST of a 16 KB query can be 8,000 objects deep, past what a recursion survives.
 * Refuses an AST deeper than MAX_AST_DEPTH.
 */
function visit(root: unknown, fn: (node: Record<string, unknown>) => void): void {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push({ node: node[i], depth });
    } else if (node !== null && typeof node === 'object') {
      if (depth > MAX_AST_DEPTH) {
        throw errors.queryTooComplex(`its expressions nest more than ${MAX_AST_DEPTH} levels deep (a chain of that many operators, for instance).`);
      }
      fn(node as Record<string, unknown>);
      const values = Object.values(node);
      for (let i = values.length - 1; i >= 0; i--) stack.push({ node: values[i], depth: depth + 1 });
    }
  }
}

/** Parses with sparqljs; a syntax error is a 400 naming the place, and a stack overflow (never seen, but possible) a 400 too. */
function parse(text: string, baseIri: string | undefined): SparqlQuery {
  try {
    return new Parser(baseIri ? { baseIRI: baseIri } : {}).parse(text);
  } catch (error) {
    if (error instanceof RangeError) throw errors.queryTooComplex('parsing it ran out of stack.');
    throw syntaxError(error);
  }
}

/**
 * Refuses any SERVICE (anywhere: nested groups, subqueries, and EXISTS in FILTER, BIND, the projection,
 * GROUP BY, HAVING or ORDER BY) whose endpoint is not allow-listed: the whole query is visited, not only WHERE.
 */
function checkServices(ast: Query, allowList: readonly string[]): string[] {
  const called: string[] = [];
  visit(ast, (node) => {
    if (node.type !== 'service') return;
    const name = node.name as { termType: string; value: string };
    if (name.termType !== 'NamedNode') {
      throw errors.serviceVariableRefused(name.value);
    }
    if (!allowList.includes(name.value)) throw errors.serviceRefused(name.value);
    called.push(name.value);
  });
  return called;
}

/**
 * Checks and prepares one query. Throws HttpErrors: 400 for syntax, 403 for updates and refused SERVICE.
 * The dataset comes from the protocol parameters when given, else from FROM / FROM NAMED, else it is absent.
 */
export function prepareQuery(text: string, options: PrepareOptions): PreparedQuery {
  checkNesting(text);
  const ast = parse(text, options.baseIri);
  if (ast.type === 'update') throw errors.updateRefused();
  // Only comments, PREFIX or BASE: sparqljs returns a prologue without a query type.
  if (ast.type !== 'query' || !ast.queryType) throw errors.noQueryForm();
  const services = checkServices(ast, options.serviceAllowList);

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
  const textOut = hadFrom ? new Generator().stringify(ast) : text;
  return {
    form: ast.queryType,
    text: textOut,
    ...(options.baseIri ? { baseIri: options.baseIri } : {}),
    ...(dataset ? { dataset } : {}),
    ...(services.length > 0 ? { services } : {}),
  };
}
