// The one way pages build HTML: a tagged template (npm escape-html-template-tag) that escapes every interpolated value.
import { HtmlSafeString, join, safe } from 'escape-html-template-tag';

/**
 * `html\`<p>${text}</p>\`` escapes `text`; nested `html` results and arrays of them are inserted as they are,
 * so markup is never built by concatenating strings with data. This is the library's default export, called
 * through its class: its type declarations describe a CommonJS default that Node's ESM import does not see.
 */
export function html(parts: TemplateStringsArray, ...subs: unknown[]): HtmlSafeString {
  return new HtmlSafeString(parts, subs);
}
/** Marks already-safe markup (JSON for a script block, a server-rendered SVG) for insertion without escaping. */
export const raw = safe;
export { join, HtmlSafeString };
export type Html = HtmlSafeString;
