// Content negotiation shared by every route: `?format=` first, then Accept with q-values and wildcards (negotiator).
import Negotiator from 'negotiator';
import { errors } from '../errors.js';
import { typeForFormat, type MediaType } from './media-types.js';

/**
 * Picks the representation to send. `offered` is in order of preference: it decides ties and the
 * answer to a missing Accept header or `*\/*`. Throws 406 (listing the offered types) when nothing fits.
 */
export function negotiate(accept: string | undefined, offered: readonly MediaType[], format?: string): MediaType {
  if (format !== undefined && format !== '') {
    const chosen = typeForFormat(format, offered);
    if (!chosen) {
      throw errors.badParameter('format', `Unknown format "${format}". Offered: ${offered.map((t) => t.name).join(', ')}.`, {
        offered: offered.map((t) => t.type),
      });
    }
    return chosen;
  }
  if (accept === undefined || accept.trim() === '') return offered[0]!;
  let ranges = withoutParameters(accept);
  // A client that asks for plain JSON where only JSON-LD is on offer gets JSON-LD: it is JSON.
  if (offered.some((t) => t.type === 'application/ld+json') && !offered.some((t) => t.type === 'application/json')) {
    ranges = ranges.replace(/(^|,\s*)application\/json(?=\s*(;|,|$))/gi, '$1application/ld+json');
  }
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
