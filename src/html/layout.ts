// The HTML page frame shared by every human-readable page: escaping, the page shell and the site navigation.
import { html, raw, type Html } from './template.js';

/** Serializes JSON for a <script type="application/ld+json"> block so that no "</script>" or "<!--" can end it early. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value, null, 2)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The sections of the site's navigation; a page names its own so the link is marked as the current page. */
export type NavSection = 'home' | 'explore' | 'catalogue' | 'sparql' | 'docs' | 'none';

interface PageOptions {
  /** BCP 47 language of the page (`de` or `en`). */
  lang: string;
  title: string;
  /** Already-escaped HTML for the <main> element (a string, or an `html` template result). */
  body: string | Html;
  /** Already-escaped extra HTML for <head> (alternate links, JSON-LD). */
  head?: string | Html;
  baseIri: string;
  /** Which navigation link is this page (aria-current); resource pages belong to none. */
  current?: NavSection;
  /** Full-width main area (the query editor), with the navigation aligned to it. */
  wide?: boolean;
  /**
   * This page's URL without `lang=` (absolute, or a path resolved against baseIri; a `page=` may stay). When
   * given, the page names its language versions with `<link rel="alternate" hreflang>` for search engines.
   */
  selfUrl?: string;
  /** The languages this page exists in; both unless said otherwise (the SPARQL editor is English only). */
  languages?: readonly string[];
}

/**
 * A page's URL in one language: English is the plain URL (what a reader without a preference gets, and what the
 * site's own English links use), German adds `lang=de`. The sitemap lists the same URLs.
 */
export function languageUrl(url: string, lang: string): string {
  return lang === 'en' ? url : `${url}${url.includes('?') ? '&' : '?'}lang=${encodeURIComponent(lang)}`;
}

/** `<link rel="alternate" hreflang>` for each language version of a page, and x-default (the plain URL). */
export function hreflangLinks(url: string, languages: readonly string[] = ['en', 'de']): Html {
  const links = languages.map((lang) => html`<link rel="alternate" hreflang="${lang}" href="${languageUrl(url, lang)}">\n`);
  return html`${links}<link rel="alternate" hreflang="x-default" href="${url}">`;
}

const navLabels: Record<'de' | 'en', Array<[Exclude<NavSection, 'none'>, string, string]>> = {
  de: [['home', '', 'Start'], ['explore', 'explore', 'Netzwerkbild'], ['catalogue', 'dataset', 'Katalog'], ['sparql', 'sparql', 'SPARQL'], ['docs', 'docs', 'API']],
  en: [['home', '', 'Home'], ['explore', 'explore', 'Explore'], ['catalogue', 'dataset', 'Catalogue'], ['sparql', 'sparql', 'SPARQL'], ['docs', 'docs', 'API']],
};

/** The site header: project name and navigation, the current page marked. Shared with /docs (Swagger UI). */
export function siteHeader(lang: string, baseIri: string, current: NavSection = 'none'): Html {
  const language = lang === 'de' ? 'de' : 'en';
  const root = new URL(baseIri).pathname;
  const withLang = (path: string) => (language === 'de' ? `${root}${path}?lang=de` : `${root}${path}`);
  const links = navLabels[language].map(([section, path, label]) =>
    section === current
      ? html`<a href="${withLang(path)}" aria-current="page">${label}</a>`
      : html`<a href="${withLang(path)}">${label}</a>`,
  );
  return html`<header class="site"><nav aria-label="${language === 'de' ? 'Hauptnavigation' : 'Main navigation'}"><span class="brand">${language === 'de' ? 'Städtenetzwerke' : 'City networks'}</span>${links}</nav></header>`;
}

/** Renders a complete HTML document around already-escaped body HTML. */
export function renderPage(options: PageOptions): string {
  const { lang, title, body, head = '', baseIri, current = 'none', wide = false, selfUrl, languages } = options;
  const root = new URL(baseIri).pathname;
  const alternates = selfUrl === undefined ? '' : html`${hreflangLinks(new URL(selfUrl, baseIri).href, languages)}\n`;
  const footer =
    lang === 'de'
      ? 'Städtenetzwerke in der Flucht- und Migrationspolitik: offene, verknüpfte Daten'
      : 'City networks on refugee and migration policy: Linked Open Data';
  return String(html`<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${title}</title>
<link rel="stylesheet" href="${root}assets/site.css">
${alternates}${raw(String(head))}
</head>
<body${wide ? raw(' class="wide"') : ''}>
${siteHeader(lang, baseIri, current)}
<main>
${raw(String(body))}
</main>
<footer class="site">${footer}</footer>
</body>
</html>`);
}
