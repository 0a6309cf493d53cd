// The one application/x-www-form-urlencoded parser (URL query strings and form bodies): linear in its input, capped in parameters, strict UTF-8.
import { errors } from '../errors.js';

/** The parameters of one request, each as the list of values it was given. */
export type Params = Map<string, string[]>;

/**
 * Most parameters one query string or form body may carry. The protocol's repeatable parameters
 * (default-graph-uri, named-graph-uri) stay far below it; a body of 65,000 empty names does not.
 */
export const MAX_PARAMETERS = 1000;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function isHex(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
}

/** The slow path: a `%` not followed by two hex digits stays as it is, and the bytes must be UTF-8. One pass. */
function decodeBytes(text: string, parameter: string | undefined): string {
  const bytes = Buffer.from(text, 'utf8');
  const out = Buffer.alloc(bytes.length);
  let length = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x25 && i + 2 < bytes.length && isHex(bytes[i + 1]!) && isHex(bytes[i + 2]!)) {
      out[length++] = parseInt(String.fromCharCode(bytes[i + 1]!, bytes[i + 2]!), 16);
      i += 2;
    } else out[length++] = bytes[i]!;
  }
  try {
    return strictUtf8.decode(out.subarray(0, length));
  } catch {
    const message = parameter === undefined
      ? 'A parameter name is not UTF-8 once its %-escapes are decoded; encode text as UTF-8 before percent-encoding it.'
      : `The value of the parameter ${parameter} is not UTF-8 once its %-escapes are decoded; encode text as UTF-8 before percent-encoding it.`;
    throw parameter === undefined ? errors.badRequest(message) : errors.badParameter(parameter, message);
  }
}

/**
 * Percent-decodes one name or value as UTF-8, refusing bytes that are not UTF-8. URLSearchParams and
 * fast-querystring turn them into U+FFFD or keep the raw text silently, so the query run would not be the
 * query sent: written by hand for that one difference; otherwise it follows the WHATWG parser (`+` is a space).
 */
function decodeFormComponent(text: string, parameter: string | undefined): string {
  const spaced = text.includes('+') ? text.replaceAll('+', ' ') : text;
  if (!spaced.includes('%')) return spaced;
  try {
    // decodeURIComponent is native and strict about UTF-8; it throws on a lone `%` too, which the slow path keeps.
    return decodeURIComponent(spaced);
  } catch {
    return decodeBytes(spaced, parameter);
  }
}

/**
 * Adds the parameters of form-encoded text (a URL's query string or a form body) to `into`, each as the
 * list of values it was given. Linear in the text: one scan for `&`, each value appended in place.
 * More than MAX_PARAMETERS non-empty pairs answer 400 before any of the rest is decoded.
 */
export function paramsOf(text: string, into: Params = new Map()): Params {
  let count = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('&', start);
    if (end < 0) end = text.length;
    if (end > start) {
      if (++count > MAX_PARAMETERS) throw errors.tooManyParameters(MAX_PARAMETERS);
      // The `=` is looked for in the pair only: a search in the rest of the text would make the scan quadratic.
      const pair = text.slice(start, end);
      const eq = pair.indexOf('=');
      const name = decodeFormComponent(eq < 0 ? pair : pair.slice(0, eq), undefined);
      const value = decodeFormComponent(eq < 0 ? '' : pair.slice(eq + 1), name);
      const values = into.get(name);
      if (values) values.push(value);
      else into.set(name, [value]);
    }
    start = end + 1;
  }
  return into;
}
