// The engine rdf-test-suite runs the W3C SPARQL 1.1 query tests against: the service's own query check (prepareQuery), engine routing and execution, over a store laid out as the loader lays out files.
import { QueryEngine } from '@comunica/query-sparql';
import { DataFactory, Writer } from 'n3';
import type { Quad, Term } from '@rdfjs/types';
import { QueryResultBindings, QueryResultBoolean, QueryResultQuads, type IQueryEngine, type IQueryResult } from 'rdf-test-suite';
import { prepareQuery } from '../../src/sparql/query-check.js';
import { runQuery } from '../../src/sparql/engine.js';
import { loadStore, runForValues } from '../../src/sparql/local-engine.js';
import { chooseEngine } from '../../src/sparql/routing.js';
import type { JsonTerm } from '../../src/sparql/terms.js';
import { Parser } from 'n3';

/** Where the test's default-graph data goes: the loader likewise puts a file's triples into a named graph. */
const DEFAULT_DATA_GRAPH = 'urn:x-w3c-test:default-data';

function fromJsonTerm(term: JsonTerm): Term {
  switch (term.type) {
    case 'uri':
      return DataFactory.namedNode(term.value);
    case 'bnode':
      return DataFactory.blankNode(term.value);
    case 'literal':
      return DataFactory.literal(term.value, term['xml:lang'] ?? (term.datatype ? DataFactory.namedNode(term.datatype) : undefined));
    case 'triple':
      return DataFactory.quad(
        fromJsonTerm(term.value.subject) as Quad['subject'],
        fromJsonTerm(term.value.predicate) as Quad['predicate'],
        fromJsonTerm(term.value.object) as Quad['object'],
      );
  }
}

const engine = new QueryEngine();

export const w3cEngine: IQueryEngine = {
  async parse(queryString, options) {
    prepareQuery(queryString, { serviceAllowList: [], baseIri: options.baseIRI as string });
  },
  async query(data, queryString, options): Promise<IQueryResult> {
    const quads: Quad[] = [];
    const named = new Set<string>();
    let hasDefault = false;
    for (const q of data) {
      if (q.graph.termType === 'DefaultGraph') {
        hasDefault = true;
        quads.push(DataFactory.quad(q.subject, q.predicate, q.object, DataFactory.namedNode(DEFAULT_DATA_GRAPH)));
      } else {
        named.add(q.graph.value);
        quads.push(q);
      }
    }
    // As the service loads its graph: N-Quads into a worker's Oxigraph store.
    const store = loadStore(new TextEncoder().encode(new Writer({ format: 'application/n-quads' }).quadsToString(quads)));
    const baseIri = options.baseIRI as string;
    // As a client of the service would: the query's own FROM / FROM NAMED when it has them, otherwise
    // default-graph-uri / named-graph-uri naming the test's default data and named graphs.
    let prepared = prepareQuery(queryString, { serviceAllowList: [], baseIri });
    if (!prepared.dataset && (named.size > 0 || hasDefault)) {
      prepared = prepareQuery(queryString, {
        serviceAllowList: [],
        baseIri,
        defaultGraphUris: hasDefault ? [DEFAULT_DATA_GRAPH] : [],
        namedGraphUris: [...named],
      });
      // Both lists empty would mean "no dataset"; an empty default graph with named graphs is what the test means.
    }
    const limits = { maxResultRows: Number.MAX_SAFE_INTEGER, maxResultBytes: Number.MAX_SAFE_INTEGER, baseIri };
    const result =
      chooseEngine(prepared) === 'oxigraph'
        ? runForValues(store, prepared, limits)
        : await runQuery(engine, store, prepared, { maxResultRows: Number.MAX_SAFE_INTEGER, serviceAllowList: [] });
    if (result.type === 'boolean') return new QueryResultBoolean(result.value);
    if (result.type === 'quads') return new QueryResultQuads(new Parser({ format: 'application/n-quads' }).parse(result.nquads));
    const rows = result.rows.map((row) => Object.fromEntries(Object.entries(row).map(([name, term]) => [`?${name}`, fromJsonTerm(term)])));
    return new QueryResultBindings(
      result.variables.map((v) => `?${v}`),
      rows,
      options.checkOrder as boolean,
    );
  },
};
