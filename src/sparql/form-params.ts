// Strict application/x-www-form-urlencoded parsing for query strings and form bodies: percent-escapes must decode to UTF-8.
import { errors } from '../errors.js';

/** The parameters of one request, each as the list of values it was given. */
export type Params = Map<string, string[]>;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Percent-decodes one name or value of application/x-www-form-urlencoded text as UTF-8, refusing bytes
 * that are not UTF-8. URLSearchParams would turn them into U+FFFD silently, so the query run would not
 * be the query sent. Written by hand for that one difference; otherwise it follows the WHATWG parser
 * (`+` is a space, a `%` not followed by two hex digits stays as it is).
 */
function decodeFormComponent(text: string, parameter: string | undefined): string {
  if (!text.includes('%')) return text.replace(/\+/g, ' ');
  const bytes = Buffer.from(text.replace(/\+/g, ' '), 'utf8');
  const out = Buffer.alloc(bytes.length);
  let length = 0;
  for (let i = 0; i < bytes.length; i++) {
    const hex = bytes[i] === 0x25 && i + 2 < bytes.length ? String.fromCharCode(bytes[i + 1]!, bytes[i + 2]!) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      out[length++] = parseInt(hex, 16);
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

/** Adds the parameters of form-encoded text (a URL's query string or a form body), each as the list of values it was given. */
export function paramsOf(text: string, into: Params = new Map()): Params {
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = decodeFormComponent(eq < 0 ? pair : pair.slice(0, eq), undefined);
    const value = decodeFormComponent(eq < 0 ? '' : pair.slice(eq + 1), name);
    into.set(name, [...(into.get(name) ?? []), value]);
  }
  return into;
}
