// RDF/XML writer for triples. Written by hand because no maintained RDF/JS RDF/XML serializer exists on npm
// (Comunica and N3.js only parse RDF/XML); the output is checked by parsing it back with rdfxml-streaming-parser.
import type { Quad, Term } from '@rdfjs/types';
import { prefixes } from './namespaces.js';
import { termKey, toTriples } from './term-keys.js';
import { escapeXml } from '../http/escape.js';

/** Raised when a graph cannot be expressed in RDF/XML (e.g. a predicate IRI without an XML local name). */
export class RdfXmlError extends Error {
  override name = 'RdfXmlError';
}

const RDF = prefixes.rdf;
// Read here, at module level: inside writeRdfXml `prefixes` is its parameter, which may lack xsd.
const XSD_STRING = `${prefixes.xsd}string`;
// XML 1.0 NCName (ASCII subset plus the non-ASCII ranges, kept simple: any char above 0x7F is allowed).
const NAME_START = /[A-Za-z_\u00C0-\uFFFF]/;
const LOCAL_NAME = /[A-Za-z_\u00C0-\uFFFF][-.\w\u00B7\u00C0-\uFFFF]*$/;
// Characters XML 1.0 cannot carry at all, even escaped.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function escape(text: string): string {
  if (NOT_XML.test(text)) throw new RdfXmlError('A literal or IRI holds a control character that XML 1.0 cannot represent.');
  // A literal CR must survive parsing, which would otherwise normalise it away.
  return escapeXml(text).replace(/\r/g, '&#13;');
}

/** Splits a predicate IRI into namespace + local name, as an XML element name needs. */
function splitPredicate(iri: string): [string, string] {
  const match = LOCAL_NAME.exec(iri);
  if (!match || !NAME_START.test(match[0][0] ?? '')) {
    throw new RdfXmlError(`The predicate <${iri}> has no XML local name, so the graph cannot be written as RDF/XML.`);
  }
  return [iri.slice(0, match.index), match[0]];
}

function subjectAttribute(term: Term): string {
  if (term.termType === 'NamedNode') return `rdf:about="${escape(term.value)}"`;
  if (term.termType === 'BlankNode') return `rdf:nodeID="${escape(nodeId(term.value))}"`;
  throw new RdfXmlError(`A ${term.termType} subject cannot be written as RDF/XML.`);
}

/** Blank node labels must be XML names; N3.js labels usually are, others are made so. */
function nodeId(label: string): string {
  const safe = label.replace(/[^-.\w]/g, '_');
  return /^[A-Za-z_]/.test(safe) ? safe : `b${safe}`;
}

/** Writes the triples of `quads` (graphs dropped) as RDF/XML, using `prefixes` for namespace declarations. */
export function writeRdfXml(quads: Iterable<Quad>, prefixes: Record<string, string> = {}): string {
  const namespaces = new Map<string, string>([[RDF, 'rdf']]);
  for (const [prefix, iri] of Object.entries(prefixes)) if (!namespaces.has(iri) && /^[A-Za-z_][-.\w]*$/.test(prefix) && prefix !== 'xml') namespaces.set(iri, prefix);
  const used = new Set<string>([RDF]);
  const bySubject = new Map<string, { subject: Term; lines: string[] }>();
  for (const triple of toTriples(quads)) {
    const key = termKey(triple.subject);
    let group = bySubject.get(key);
    if (!group) bySubject.set(key, (group = { subject: triple.subject, lines: [] }));
    const [ns, local] = splitPredicate(triple.predicate.value);
    if (!namespaces.has(ns)) namespaces.set(ns, `ns${namespaces.size}`);
    used.add(ns);
    const name = `${namespaces.get(ns)}:${local}`;
    const object = triple.object;
    if (object.termType === 'NamedNode') group.lines.push(`    <${name} rdf:resource="${escape(object.value)}"/>`);
    else if (object.termType === 'BlankNode') group.lines.push(`    <${name} rdf:nodeID="${escape(nodeId(object.value))}"/>`);
    else if (object.termType === 'Literal') {
      const attribute = object.language
        ? ` xml:lang="${escape(object.language)}"`
        : object.datatype.value === XSD_STRING
          ? ''
          : ` rdf:datatype="${escape(object.datatype.value)}"`;
      group.lines.push(`    <${name}${attribute}>${escape(object.value)}</${name}>`);
    } else throw new RdfXmlError(`A ${object.termType} object cannot be written as RDF/XML.`);
  }
  const declarations = [...namespaces].filter(([iri]) => used.has(iri)).map(([iri, prefix]) => `\n    xmlns:${prefix}="${escape(iri)}"`);
  const body = [...bySubject.values()].map(
    ({ subject, lines }) => `  <rdf:Description ${subjectAttribute(subject)}>\n${lines.join('\n')}\n  </rdf:Description>\n`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rdf:RDF${declarations.join('')}>\n${body.join('')}</rdf:RDF>\n`;
}
