// The one way pages build HTML: a tagged template (npm escape-html-template-tag) that escapes every interpolated value.
import { HtmlSafeString, join, safe } from 'escape-html-template-tag';
import { escapeHtml } from '../http/escape.js';

/** Escapes plain values here so that URLs stay readable (`href="/doc/city/berlin"`, not `&#x2F;doc&#x2F;…`). */
function prepare(value: unknown): unknown {
  if (value instanceof HtmlSafeString) return value;
  if (Array.isArray(value)) return value.map(prepare);
  // Only the five characters that matter in content and quoted attributes (the library also escapes `/` and `=`).
  return safe(escapeHtml(String(value)));
}

/**
 * `html\`<p>${text}</p>\`` escapes `text`; nested `html` results and arrays of them are inserted as they are,
 * so markup is never built by concatenating strings with data. The library's class does the nesting and
 * joining; its default export is not called because its type declarations describe a CommonJS default
 * that Node's ESM import does not see.
 */
export function html(parts: TemplateStringsArray, ...subs: unknown[]): HtmlSafeString {
  return new HtmlSafeString(parts, subs.map(prepare));
}
/** Marks already-safe markup (JSON for a script block, a server-rendered SVG) for insertion without escaping. */
export const raw = safe;
export { join, HtmlSafeString };
export type Html = HtmlSafeString;
