// Writes SELECT/ASK results as SPARQL 1.1 Results JSON, XML, CSV and TSV (written here: small, exact formats; Comunica's XML writer crashes on ASK).
import type { JsonTerm } from './terms.js';
import { resultTypes } from '../rdf/media-types.js';
import { csvText } from '../http/csv.js';
import { escapeXml } from '../http/escape.js';

type Rows = Array<Record<string, JsonTerm>>;

function bindingsJson(variables: string[], rows: Rows): string {
  return JSON.stringify({ head: { vars: variables }, results: { bindings: rows } });
}

function booleanJson(value: boolean): string {
  return JSON.stringify({ head: {}, boolean: value });
}

function xmlTerm(term: JsonTerm): string {
  switch (term.type) {
    case 'uri':
      return `<uri>${escapeXml(term.value)}</uri>`;
    case 'bnode':
      return `<bnode>${escapeXml(term.value)}</bnode>`;
    case 'literal': {
      const lang = term['xml:lang'] ? ` xml:lang="${escapeXml(term['xml:lang'])}"` : '';
      const datatype = term.datatype ? ` datatype="${escapeXml(term.datatype)}"` : '';
      return `<literal${lang}${datatype}>${escapeXml(term.value)}</literal>`;
    }
    case 'triple':
      return `<triple><subject>${xmlTerm(term.value.subject)}</subject><predicate>${xmlTerm(term.value.predicate)}</predicate><object>${xmlTerm(term.value.object)}</object></triple>`;
  }
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n';

function bindingsXml(variables: string[], rows: Rows): string {
  const head = `<head>${variables.map((v) => `<variable name="${escapeXml(v)}"/>`).join('')}</head>\n`;
  const results = rows
    .map((row) => `<result>${Object.entries(row).map(([name, term]) => `<binding name="${escapeXml(name)}">${xmlTerm(term)}</binding>`).join('')}</result>\n`)
    .join('');
  return `${XML_HEAD}${head}<results>\n${results}</results>\n</sparql>\n`;
}

function booleanXml(value: boolean): string {
  return `${XML_HEAD}<head/>\n<boolean>${value}</boolean>\n</sparql>\n`;
}

function plainValue(term: JsonTerm): string {
  if (term.type === 'bnode') return `_:${term.value}`;
  if (term.type === 'triple') return `<< ${tsvTerm(term.value.subject)} ${tsvTerm(term.value.predicate)} ${tsvTerm(term.value.object)} >>`;
  return term.value;
}

/** CSV (SPARQL 1.1 Results CSV): plain values, no types; CRLF line ends. */
function bindingsCsv(variables: string[], rows: Rows): string {
  return csvText([variables, ...rows.map((row) => variables.map((v) => (row[v] ? plainValue(row[v]) : '')))]);
}

function tsvString(text: string): string {
  return text.replace(/[\\"\t\n\r]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);
}

/** A term in Turtle syntax, as TSV requires. */
function tsvTerm(term: JsonTerm): string {
  switch (term.type) {
    case 'uri':
      return `<${term.value}>`;
    case 'bnode':
      return `_:${term.value}`;
    case 'literal':
      if (term['xml:lang']) return `"${tsvString(term.value)}"@${term['xml:lang']}`;
      if (term.datatype) return `"${tsvString(term.value)}"^^<${term.datatype}>`;
      return `"${tsvString(term.value)}"`;
    case 'triple':
      return plainValue(term);
  }
}

function bindingsTsv(variables: string[], rows: Rows): string {
  const lines = [variables.map((v) => `?${v}`).join('\t')];
  for (const row of rows) lines.push(variables.map((v) => (row[v] ? tsvTerm(row[v]) : '')).join('\t'));
  return `${lines.join('\n')}\n`;
}

/** Serializes a bindings result in the chosen results media type. */
export function writeBindings(mediaType: string, variables: string[], rows: Rows): string {
  if (mediaType === resultTypes.xml.type) return bindingsXml(variables, rows);
  if (mediaType === resultTypes.csv.type) return bindingsCsv(variables, rows);
  if (mediaType === resultTypes.tsv.type) return bindingsTsv(variables, rows);
  return bindingsJson(variables, rows);
}

export function writeBoolean(mediaType: string, value: boolean): string {
  // CSV and TSV define no boolean form; Jena (Fuseki) writes one column _askResult, which SPARQLWrapper users get.
  if (mediaType === resultTypes.csv.type) return `_askResult\r\n${value}\r\n`;
  if (mediaType === resultTypes.tsv.type) return `?_askResult\n${value}\n`;
  return mediaType === resultTypes.xml.type ? booleanXml(value) : booleanJson(value);
}
