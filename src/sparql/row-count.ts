// Counts the rows of a serialized SELECT result (or triples of N-Triples) in one linear pass, so the row limit holds without parsing the result.
import { resultTypes } from '../rdf/media-types.js';

/** Characters between `"` quotes are skipped, with backslash escapes; counts `{` opening the array's members. */
function jsonRows(text: string): number {
  const start = text.indexOf('"bindings"');
  if (start === -1) return 0;
  let depth = 0;
  let rows = 0;
  for (let i = text.indexOf('[', start); i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92 /* \ */) i++;
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (c === 123 && depth === 1) rows++;
      depth++;
    } else if (c === 93 /* ] */ || c === 125 /* } */) {
      if (--depth === 0) break;
    }
  }
  return rows;
}

/** XML escapes `<` inside values, so every `<result>` tag is a row. */
function xmlRows(text: string): number {
  let rows = 0;
  for (let i = text.indexOf('<result>'); i !== -1; i = text.indexOf('<result>', i + 8)) rows++;
  return rows;
}

/** Lines outside quoted fields; the first line is the header. */
function csvRows(text: string): number {
  let lines = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === 10 && !quoted) lines++;
  }
  return Math.max(0, lines - 1);
}

/** TSV and N-Triples escape newlines inside terms, so each line is one row (TSV: after its header). */
function lines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

export function countRows(format: string, text: string): number {
  if (format === resultTypes.xml.type) return xmlRows(text);
  if (format === resultTypes.csv.type) return csvRows(text);
  if (format === resultTypes.tsv.type) return Math.max(0, lines(text) - 1);
  if (format === 'application/n-triples') return lines(text);
  return jsonRows(text);
}
