// The one place for what the tested store, Virtuoso 7.2 (Debian virtuoso-opensource-7), does differently from SPARQL 1.1; each quirk with its reason.
import { errors } from '../errors.js';
import type { Dataset } from './query-check.js';
import type { JsonTerm } from './terms.js';

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';

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
   * Virtuoso answers a query it cannot evaluate (SQL states 22xxx, 37xxx, 42xxx: bad values, compile errors,
   * unknown functions) with a plain-text "Virtuoso <state> Error" and often status 500; that is the query's
   * fault (400), not an outage. Other 5xx (SR* resource states, a proxy in front) remain an outage.
   */
  isQueryError(status: number, body: string): boolean {
    return status >= 400 && /^Virtuoso (22|37|42)\w{3} Error/.test(body);
  },

  /**
   * SPARQL JSON results: Virtuoso still writes the pre-2013 "typed-literal" type, and writes xsd:string on
   * literals that RDF 1.1 calls simple (SPARQL JSON leaves the datatype out for them). Language tags come back
   * lower-cased (en-GB -> en-gb); BCP 47 tags compare case-insensitively, so they are left as they are.
   */
  normalizeTerm(term: JsonTerm): JsonTerm {
    const raw = term as unknown as { type: string };
    if (raw.type !== 'typed-literal' && raw.type !== 'literal') return term;
    const { datatype, ...rest } = raw as { datatype?: string; type: string; value: string; 'xml:lang'?: string };
    return (datatype && datatype !== XSD_STRING ? { ...rest, type: 'literal', datatype } : { ...rest, type: 'literal' }) as JsonTerm;
  },

  /**
   * Writing triples: Virtuoso refuses blank nodes in INSERT DATA ("SP031: Blank node is not allowed in a constant
   * clause"), which SPARQL 1.1 Update allows. INSERT { ... } WHERE {} is equivalent (one empty solution: each
   * label is one fresh blank node, shared within the request) and Virtuoso accepts it.
   */
  insertTriples(graph: string, ntriples: string): string {
    return `INSERT { GRAPH <${graph}> {\n${ntriples}} } WHERE {}`;
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
