// Content negotiation shared by every route: `?format=` first, then Accept with q-values and wildcards (negotiator).
import Negotiator from 'negotiator';
import { errors, HttpError } from '../errors.js';
import { isFormatName, rdfTypes, typeForFormat, type MediaType } from './media-types.js';

/** What the `?format=` values of a request ask for. */
export type FormatChoice =
  /** No format named (absent or only empty values): Accept decides. */
  | { readonly kind: 'none' }
  /** One offered type, named by every non-empty value that the route can serve. */
  | { readonly kind: 'chosen'; readonly type: MediaType }
  /** Only formats this route cannot serve (`csv` for a CONSTRUCT): Accept decides if it can. */
  | { readonly kind: 'unservable'; readonly values: readonly string[] };

/**
 * Reads the `?format=` values as Fuseki and Virtuoso do, and as SPARQLWrapper needs: it sends the short name and
 * the media type side by side (`format=tsv&format=text/tab-separated-values`), or an empty one. Values that agree
 * are one choice; empty values are ignored; a value naming no format at all (a typo) or two offered formats that
 * disagree are the client's mistake (400). Pure: the table-driven test in test/negotiate.test.ts pins the rule.
 */
export function chooseFormat(values: readonly string[], offered: readonly MediaType[]): FormatChoice {
  // A value may be a list ("application/ld+json,application/x-json+ld": SPARQLWrapper copies its Accept header
  // into format=) and a media type may carry parameters; each listed type counts, without its parameters.
  const named = values.flatMap((v) => v.split(',')).map((v) => v.split(';')[0]!.trim()).filter((v) => v !== '');
  if (named.length === 0) return { kind: 'none' };
  const unknown = named.find((v) => !isFormatName(v));
  if (unknown !== undefined) {
    throw errors.badParameter('format', `Unknown format "${unknown}". Offered: ${offered.map((t) => t.name).join(', ')}.`, {
      offered: offered.map((t) => t.type),
    });
  }
  const chosen = new Set(named.map((v) => typeForFormat(v, offered)).filter((t): t is MediaType => t !== undefined));
  if (chosen.size > 1) {
    throw errors.badParameter('format', `The format= values name different formats: ${[...chosen].map((t) => t.type).join(', ')}. Send one.`);
  }
  const [only] = chosen;
  return only ? { kind: 'chosen', type: only } : { kind: 'unservable', values: named };
}

/**
 * Picks the representation to send. `offered` is in order of preference: it decides ties and the
 * answer to a missing Accept header or `*\/*`. A format= this route cannot serve falls back to Accept;
 * when Accept cannot be met either, that format is the 400. Throws 406 (listing the offered types) when
 * only Accept was given and nothing fits.
 */
export function negotiate(accept: string | undefined, offered: readonly MediaType[], format?: string | readonly string[]): MediaType {
  const values = format === undefined ? [] : typeof format === 'string' ? [format] : format;
  const choice = chooseFormat(values, offered);
  if (choice.kind === 'chosen') return choice.type;
  if (choice.kind === 'none') return byAccept(accept, offered);
  try {
    return byAccept(accept, offered);
  } catch (error) {
    if (!(error instanceof HttpError) || error.statusCode !== 406) throw error;
    throw errors.badParameter('format', `Format "${choice.values.join('", "')}" is not offered here. Offered: ${offered.map((t) => t.name).join(', ')}.`, {
      offered: offered.map((t) => t.type),
    });
  }
}

/** Ranges that name an offered type under another media type, rewritten to that type. */
const acceptAliases: readonly { from: RegExp; to: MediaType }[] = [
  // text/plain is N-Triples' historical media type (rdflib still asks for it when parsing "nt").
  { from: /^text\/plain$/i, to: rdfTypes.ntriples },
  // Turtle is N3 without the extensions; rdflib asks for text/n3 when parsing "n3". Old Turtle names too.
  { from: /^(text\/n3|text\/rdf\+n3|application\/n3|application\/x-turtle|application\/turtle)$/i, to: rdfTypes.turtle },
];

/** Negotiates by the Accept header alone. */
function byAccept(accept: string | undefined, offered: readonly MediaType[]): MediaType {
  if (accept === undefined || accept.trim() === '') return offered[0]!;
  let ranges = withoutParameters(accept);
  // A client that asks for plain JSON where only JSON-LD is on offer gets JSON-LD: it is JSON.
  if (offered.some((t) => t.type === 'application/ld+json') && !offered.some((t) => t.type === 'application/json')) {
    ranges = ranges.replace(/(^|,\s*)application\/json(?=\s*(;|,|$))/gi, '$1application/ld+json');
  }
  ranges = ranges
    .split(', ')
    .map((range) => {
      const [type = '', ...rest] = range.split(';');
      const alias = acceptAliases.find((a) => a.from.test(type) && offered.includes(a.to) && !offered.some((t) => t.type === type.toLowerCase()));
      return alias ? [alias.to.type, ...rest].join(';') : range;
    })
    .join(', ');
  const negotiator = new Negotiator({ headers: { accept: ranges } });
  const best = negotiator.mediaType(offered.map((t) => t.type));
  const chosen = best ? offered.find((t) => t.type === best) : undefined;
  if (!chosen) throw errors.notAcceptable(offered.map((t) => t.type));
  return chosen;
}

/**
 * Drops media-type parameters other than q. negotiator only matches a range whose parameters the offered
 * type also has, so `application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted"` (what JSON-LD
 * clients send) or `text/html;level=1` would get a 406 although we serve exactly that type.
 */
function withoutParameters(accept: string): string {
  return accept
    .split(',')
    .map((range) => {
      const [type = '', ...parameters] = range.split(';');
      const q = parameters.find((p) => /^\s*q\s*=/i.test(p));
      return q === undefined ? type.trim() : `${type.trim()};${q.trim()}`;
    })
    .join(', ');
}
