// RDF/JS terms to SPARQL 1.1 Query Results JSON terms: the plain, cloneable shape results travel in.
import type { Term } from '@rdfjs/types';
import { prefixes } from '../rdf/namespaces.js';

/** A term as in the SPARQL 1.1 Query Results JSON format. */
export type JsonTerm =
  | { type: 'uri'; value: string }
  | { type: 'bnode'; value: string }
  | { type: 'literal'; value: string; 'xml:lang'?: string; datatype?: string }
  | { type: 'triple'; value: { subject: JsonTerm; predicate: JsonTerm; object: JsonTerm } };

export function toJsonTerm(term: Term): JsonTerm {
  switch (term.termType) {
    case 'NamedNode':
      return { type: 'uri', value: term.value };
    case 'BlankNode':
      return { type: 'bnode', value: term.value };
    case 'Literal': {
      if (term.language) return { type: 'literal', value: term.value, 'xml:lang': term.language };
      if (term.datatype.value === `${prefixes.xsd}string`) return { type: 'literal', value: term.value };
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
