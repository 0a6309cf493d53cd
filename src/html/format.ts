// The reader's language for HTML pages (`?lang=`, then Accept-Language) and human formatting of dates and numbers in it.
import Negotiator from 'negotiator';
import { errors } from '../errors.js';
import { prefixes } from '../rdf/namespaces.js';

export const pageLanguages = ['en', 'de'] as const;
export type PageLanguage = (typeof pageLanguages)[number];

/**
 * `?lang=de|en` wins, then Accept-Language; English when neither decides, because the audience of a
 * European dataset is international (the German originals stay visible next to each English label).
 */
export function pageLanguage(queryLang: unknown, acceptLanguage: string | undefined): PageLanguage {
  if (queryLang !== undefined && queryLang !== '') {
    const wanted = String(queryLang).toLowerCase();
    if (!(pageLanguages as readonly string[]).includes(wanted)) {
      throw errors.badParameter('lang', `Unknown page language "${String(queryLang)}". Use one of: ${pageLanguages.join(', ')}.`);
    }
    return wanted as PageLanguage;
  }
  if (!acceptLanguage) return 'en';
  const best = new Negotiator({ headers: { 'accept-language': acceptLanguage } }).language([...pageLanguages]);
  return (best as PageLanguage | undefined) ?? 'en';
}

const XSD = prefixes.xsd;
const locales: Record<PageLanguage, string> = { en: 'en-GB', de: 'de-DE' };

/** A number with the page language's separators ("1,234.5" / "1.234,5"). */
export function formatNumber(n: number, lang: PageLanguage, options: Intl.NumberFormatOptions = {}): string {
  return new Intl.NumberFormat(locales[lang], options).format(n);
}

/** A calendar date (YYYY-MM-DD) as a person reads it: "9 November 2017", "9. November 2017"; undefined when it is no date. */
export function formatDate(iso: string, lang: PageLanguage): string | undefined {
  const m = /^(-?\d{4,})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return undefined;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(d.getTime()) ? undefined : new Intl.DateTimeFormat(locales[lang], { timeZone: 'UTC', dateStyle: 'long' }).format(d);
}

/**
 * A typed literal as people read it: dates as precisely as they are given ("November 2023", "9. November 2017"),
 * numbers with the page's separators, booleans as yes/no. Returns undefined when the value has no human form.
 */
export function humanValue(value: string, datatype: string, lang: PageLanguage): string | undefined {
  const locale = locales[lang];
  const utc = { timeZone: 'UTC' } as const;
  let m: RegExpExecArray | null;
  switch (datatype) {
    case `${XSD}date`:
      return formatDate(value, lang);
    case `${XSD}gYearMonth`:
      if ((m = /^(\d{4})-(\d{2})$/.exec(value)) && Number(m[2]) >= 1 && Number(m[2]) <= 12) {
        return new Intl.DateTimeFormat(locale, { ...utc, year: 'numeric', month: 'long' }).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)));
      }
      return undefined;
    case `${XSD}gYear`:
      return /^\d{4}$/.test(value) ? value : undefined;
    case `${XSD}dateTime`: {
      const d = new Date(value);
      return /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(d.getTime())
        ? new Intl.DateTimeFormat(locale, { ...utc, dateStyle: 'long', timeStyle: 'short' }).format(d)
        : undefined;
    }
    case `${XSD}integer`:
    case `${XSD}decimal`:
    case `${XSD}nonNegativeInteger`:
    case `${XSD}positiveInteger`:
      return /^[+-]?\d+(\.\d+)?$/.test(value) && Number.isFinite(Number(value)) ? formatNumber(Number(value), lang) : undefined;
    case `${XSD}boolean`:
      if (value === 'true' || value === '1') return lang === 'de' ? 'ja' : 'yes';
      if (value === 'false' || value === '0') return lang === 'de' ? 'nein' : 'no';
      return undefined;
    default:
      return undefined;
  }
}

/** Whether a datatype is a date or time, to mark the value up as <time>. */
export function isTemporal(datatype: string): boolean {
  return [`${XSD}date`, `${XSD}gYearMonth`, `${XSD}gYear`, `${XSD}dateTime`].includes(datatype);
}
