// Runs SPARQL queries over the served graph and returns plain, transferable results (SPARQL JSON bindings, booleans, quads).
import { QueryEngine } from '@comunica/query-sparql';
import type { Quad, Term } from '@rdfjs/types';
import type { Config } from '../config.js';
import type { GraphState } from '../store/graph-state.js';

/** One query with its protocol dataset. */
export interface QueryRequest {
  query: string;
  /** `default-graph-uri` values: the default graph is their merge (instead of the union of all graphs). */
  defaultGraphUris?: readonly string[];
  /** `named-graph-uri` values: the only named graphs the query sees. */
  namedGraphUris?: readonly string[];
}

/** A term as in the SPARQL 1.1 Query Results JSON format. */
export type JsonTerm =
  | { type: 'uri'; value: string }
  | { type: 'bnode'; value: string }
  | { type: 'literal'; value: string; 'xml:lang'?: string; datatype?: string }
  | { type: 'triple'; value: { subject: JsonTerm; predicate: JsonTerm; object: JsonTerm } };

export type QueryResult =
  | { type: 'bindings'; variables: string[]; rows: Array<Record<string, JsonTerm>> }
  | { type: 'boolean'; value: boolean }
  | { type: 'quads'; quads: Quad[] };

export interface QueryExecutor {
  execute(request: QueryRequest): Promise<QueryResult>;
  close(): Promise<void>;
}

export function toJsonTerm(term: Term): JsonTerm {
  switch (term.termType) {
    case 'NamedNode':
      return { type: 'uri', value: term.value };
    case 'BlankNode':
      return { type: 'bnode', value: term.value };
    case 'Literal': {
      if (term.language) return { type: 'literal', value: term.value, 'xml:lang': term.language };
      if (term.datatype.value === 'http://www.w3.org/2001/XMLSchema#string') return { type: 'literal', value: term.value };
      return { type: 'literal', value: term.value, datatype: term.datatype.value };
    }
    case 'Quad':
      return {
        type: 'triple',
        value: { subject: toJsonTerm(term.subject), predicate: toJsonTerm(term.predicate), object: toJsonTerm(term.object) },
      };
    default:
      throw new Error(`Unexpected term type ${term.termType}`);
  }
}

/**
 * In-process executor: Comunica over the N3 store, default graph = union of all named graphs.
 * (The SPARQL read path replaces this with a worker pool; the interface stays.)
 */
export function createExecutor(config: Config, state: GraphState): QueryExecutor {
  void config;
  const engine = new QueryEngine();
  return {
    async execute(request) {
      const context = { sources: [state.current.store], unionDefaultGraph: true };
      const result = await engine.query(request.query, context);
      if (result.resultType === 'bindings') {
        const stream = await result.execute();
        const variables = (await result.metadata()).variables.map((v) => v.value);
        const rows: Array<Record<string, JsonTerm>> = [];
        for await (const bindings of stream) {
          const row: Record<string, JsonTerm> = {};
          for (const [variable, term] of bindings) row[variable.value] = toJsonTerm(term);
          rows.push(row);
        }
        return { type: 'bindings', variables, rows };
      }
      if (result.resultType === 'boolean') return { type: 'boolean', value: await result.execute() };
      if (result.resultType === 'quads') {
        const quads: Quad[] = [];
        for await (const quad of await result.execute()) quads.push(quad);
        return { type: 'quads', quads };
      }
      throw new Error('Update queries are not executed here');
    },
    async close() {},
  };
}
