// The one place for what the tested store, Virtuoso 7.2 (Debian virtuoso-opensource-7), does differently from SPARQL 1.1; each quirk with its reason.
import sparqljs from 'sparqljs';
import { errors } from '../errors.js';
import type { Dataset } from './query-check.js';
import type { JsonTerm } from './terms.js';

const { Parser: SparqlParser, Generator } = sparqljs;
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const XSD_STRING = `${XSD}string`;
const XSD_BOOLEAN = `${XSD}boolean`;

/** The XSD lexical spaces of the datatypes whose constants Virtuoso converts to values when it compiles an update (tried on 7.2: others are stored as written). */
const DECIMAL = String.raw`[+-]?(\d+(\.\d*)?|\.\d+)`;
const FLOATING = new RegExp(String.raw`^(${DECIMAL}([eE][+-]?\d+)?|[+-]?INF|NaN)$`);
const LEXICAL_SPACE: Record<string, RegExp> = {
  boolean: /^(true|false|1|0)$/,
  integer: /^[+-]?\d+$/,
  decimal: new RegExp(`^${DECIMAL}$`),
  double: FLOATING,
  float: FLOATING,
};
/** An N-Triples object literal of one of those datatypes, at the end of its line: its lexical form and its type. */
const CONVERTED_LITERAL = /"((?:[^"\\]|\\.)*)"\^\^<http:\/\/www\.w3\.org\/2001\/XMLSchema#(boolean|integer|decimal|double|float)>(?=\s*\.\s*$)/gm;

/** A graph IRI no loader writes: naming it gives an empty default graph or no named graphs, as the protocol intends. */
export const EMPTY_GRAPH = 'urn:x-lod:no-graph';

/** The graphs `npm run store:load` wrote, as the service reads them back from the store. */
export interface StoreGraphs {
  /** The merge of all source graphs, each triple once: the default graph of a query without a dataset. */
  merged: string;
  /** One named graph per source, under the same IRIs as in embedded mode. */
  sources: readonly string[];
}

export const storeQuirks = {
  /**
   * Default-graph semantics. Without default-graph-uri, Virtuoso's default graph is the union of every graph it
   * holds, its own system graphs (virtrdf:, the meta graph) included, and GRAPH ?g ranges over them too. So the
   * dataset is always sent: the merged graph the loader wrote (each triple once, as the embedded engine's default
   * graph) and the source graphs as the named graphs. An empty list would mean "all graphs" again, so an empty
   * side of a dataset names a graph that does not exist.
   */
  datasetParams(dataset: Dataset | undefined, graphs: StoreGraphs): Array<[string, string]> {
    const defaults = dataset ? dataset.defaultGraphs : [graphs.merged];
    const named = dataset ? dataset.namedGraphs : graphs.sources;
    return [
      ...(defaults.length > 0 ? defaults : [EMPTY_GRAPH]).map((iri): [string, string] => ['default-graph-uri', iri]),
      ...(named.length > 0 ? named : [EMPTY_GRAPH]).map((iri): [string, string] => ['named-graph-uri', iri]),
    ];
  },

  /** Virtuoso reads a `timeout` parameter in milliseconds and stops its own work there (the HTTP abort alone would leave it running). */
  timeoutParams(timeoutMs: number): Array<[string, string]> {
    return [['timeout', String(timeoutMs)]];
  },

  /**
   * "Anytime queries": when its timeout strikes, Virtuoso answers 200 with the rows found so far and says so only in
   * the X-SQL-State header (S1TAT). A partial answer must never pass for the answer, so it is the timeout's 503.
   */
  checkComplete(headers: Headers, timeoutMs: number): void {
    if (headers.get('x-sql-state') === 'S1TAT') throw errors.queryTimeout(timeoutMs);
  },

  /**
   * Virtuoso answers a query it cannot evaluate (SQL states 07xxx, 22xxx, 37xxx, 42xxx: wrong arguments, bad
   * values, compile errors, unknown functions) with a plain-text "Virtuoso <state> Error" and often status 500;
   * that is the query's fault (400), not an outage that would mark the store down. Other 5xx (SR* resource
   * states, a proxy in front) remain an outage.
   */
  isQueryError(status: number, body: string): boolean {
    return status >= 400 && /^Virtuoso (07|22|37|42)\w{3} Error/.test(body);
  },

  /**
   * GROUP_CONCAT without SEPARATOR: SPARQL 1.1 defines the default " ", but Virtuoso 7.2 fails on it ("07S01
   * Error SR183: Required argument DELIM (no 3) not supplied to DB.DBA.GROUP_CONCAT_ACC"). Such a query (it was
   * checked already, so it parses) is written again by sparqljs, which spells the default out. Any other query
   * goes as it is, without a second parse on this thread.
   */
  queryText(text: string, baseIri: string | undefined): string {
    const aggregates = text.match(/GROUP_CONCAT/gi)?.length ?? 0;
    if (aggregates === 0 || (text.match(/SEPARATOR/gi)?.length ?? 0) >= aggregates) return text;
    return new Generator().stringify(new SparqlParser(baseIri ? { baseIRI: baseIri } : {}).parse(text));
  },

  /**
   * SPARQL JSON results: Virtuoso still writes the pre-2013 "typed-literal" type, and writes xsd:string on
   * literals that RDF 1.1 calls simple (SPARQL JSON leaves the datatype out for them). It writes an xsd:boolean
   * as "1" or "0" there (its N-Triples say "true" and "false"): read back as "true" and "false", the canonical
   * forms, so a boolean means the same in a table as in a graph. Language tags come back lower-cased
   * (en-GB -> en-gb); BCP 47 tags compare case-insensitively, so they are left as they are.
   */
  normalizeTerm(term: JsonTerm): JsonTerm {
    const raw = term as unknown as { type: string };
    if (raw.type !== 'typed-literal' && raw.type !== 'literal') return term;
    const { datatype, ...rest } = raw as { datatype?: string; type: string; value: string; 'xml:lang'?: string };
    if (datatype === XSD_BOOLEAN && (rest.value === '1' || rest.value === '0')) rest.value = rest.value === '1' ? 'true' : 'false';
    return (datatype && datatype !== XSD_STRING ? { ...rest, type: 'literal', datatype } : { ...rest, type: 'literal' }) as JsonTerm;
  },

  /**
   * Writing triples: Virtuoso refuses blank nodes in INSERT DATA ("SP031: Blank node is not allowed in a constant
   * clause"), which SPARQL 1.1 Update allows. INSERT { ... } WHERE {} is equivalent (one empty solution: each
   * label is one fresh blank node, shared within the request) and Virtuoso accepts it.
   *
   * Ill-typed literals: RDF 1.1 allows "maybe"^^xsd:boolean (a literal with no value) and the SHACL gate lets it
   * through, but Virtuoso converts constants of the datatypes in LEXICAL_SPACE when it compiles an update and
   * refuses the whole request (SP030, SR341, SR127 ...). An ill-typed xsd:boolean built at run time by STRDT is
   * stored as written, so it becomes a variable of the template bound in the one solution (blank nodes stay
   * shared). An ill-typed number cannot be stored as written by any route (STRDT and the Graph Store protocol
   * alike keep the leading digits: "12abc"^^xsd:integer becomes 12, "abc" becomes 0), so it is refused, named,
   * before anything is written: a changed value must not pass for the source's.
   */
  insertTriples(graph: string, ntriples: string): string {
    const binds: string[] = [];
    const template = ntriples.replace(CONVERTED_LITERAL, (literal, lexical: string, type: string) => {
      if (LEXICAL_SPACE[type]!.test(lexical)) return literal;
      if (type !== 'boolean') throw new Error(`Virtuoso cannot store the ill-typed literal ${literal} as written (it would keep a number read from its first characters); correct it in the data.`);
      const variable = `?illTyped${binds.length}`;
      // The N-Triples escapes (\" \\ \n \uXXXX ...) are SPARQL escapes too: the string is copied as written.
      binds.push(`BIND(STRDT("${lexical}", <${XSD_BOOLEAN}>) AS ${variable})`);
      return variable;
    });
    return `INSERT { GRAPH <${graph}> {\n${template}} } WHERE {${binds.join('\n')}}`;
  },

  /**
   * Triples per update request. Virtuoso 7.2 compiles INSERT { ... } WHERE {} into SQL capped at 10,000 lines
   * ("SP031: The length of generated SQL text has exceeded 10000 lines of code"), whatever the request's size in
   * bytes: reached between 1,200 and 1,500 triples (one request per graph failed already at 100k generated triples).
   * So the loader sends each graph in batches below it (src/store/store-batches.ts). INSERT DATA would store triples
   * without blank nodes four to six times faster (its own cap is near 5,000 triples: "SP030 ... memory exhausted"),
   * but Virtuoso then numbers the IRIs in another order, which changes the order of its answers' rows, and with it
   * the value the REST API keeps for a one-value field that has two (see the README's Scaling out).
   */
  insertBatchTriples: 800,

  /**
   * ASK: asked for SPARQL JSON, Virtuoso 7.2 answers a table with one variable __ASK_RETVAL, one row "1" when true
   * and no row when false, instead of `{ "boolean": ... }`. Both shapes are read.
   */
  askResult(body: string): boolean {
    const parsed = JSON.parse(body) as { boolean?: boolean; results?: { bindings: Array<Record<string, { value: string }>> } };
    if (typeof parsed.boolean === 'boolean') return parsed.boolean;
    const row = parsed.results?.bindings[0];
    return row !== undefined && row.__ASK_RETVAL?.value === '1';
  },

  /** CONSTRUCT and DESCRIBE are fetched as N-Triples (Virtuoso writes them on request) and written by the project's own serializers, so the formats match embedded mode. */
  graphAccept: 'application/n-triples',
};
