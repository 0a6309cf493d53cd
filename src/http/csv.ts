// CSV text as RFC 4180 and SPARQL 1.1 Query Results CSV write it, by csv-stringify: CRLF line ends, quotes only where needed.
import { stringify } from 'csv-stringify/sync';

/**
 * One line per record. csv-stringify quotes a field holding the delimiter, a quote or the CRLF record delimiter;
 * `quoted_match` adds a lone CR or LF, which would otherwise end the record in most readers.
 */
export function csvText(records: readonly (readonly string[])[]): string {
  return stringify(records as string[][], { record_delimiter: 'windows', quoted_match: /[\r\n]/ });
}
