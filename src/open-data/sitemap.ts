// sitemap.xml (every document page, index and the home and catalogue pages) and robots.txt pointing at it.
import { languageUrl } from '../html/layout.js';
import { escapeXml } from '../http/escape.js';
import { pageLanguages } from '../html/format.js';
import type { GraphStatistics } from '../store/statistics.js';

/** The sitemap protocol allows at most 50,000 URLs per file; beyond that a sitemap index would be needed. */
const SITEMAP_URL_LIMIT = 50_000;

class SitemapTooLargeError extends Error {
  override name = 'SitemapTooLargeError';
}

/**
 * Every page URL the sitemap lists, in a stable order: home, catalogue, the indexes per kind, each document
 * page, then the ontology and the page of each of its terms (`ontologyTerms`: `{base}def/...` IRIs).
 * Only document URLs: the thing IRIs (`{base}id/...`, `{base}def/...`) answer 303, and a sitemap lists pages.
 */
function sitemapUrls(baseIri: string, statistics: GraphStatistics, ontologyTerms: readonly string[] = []): string[] {
  const urls = [baseIri, `${baseIri}dataset`];
  for (const kind of statistics.entitiesByKind.keys()) urls.push(`${baseIri}doc/${kind}/`);
  for (const entities of statistics.entitiesByKind.values()) {
    // {base}id/{kind}/{slug} is the thing; {base}doc/{kind}/{slug} is the page about it.
    for (const iri of entities) urls.push(`${baseIri}doc/${iri.slice(`${baseIri}id/`.length)}`);
  }
  if (ontologyTerms.length > 0) urls.push(`${baseIri}doc/def/`);
  const terms = ontologyTerms.filter((iri) => /^def\/[A-Za-z0-9_~-][A-Za-z0-9._~/-]*$/.test(iri.slice(baseIri.length)));
  for (const iri of [...new Set(terms)].sort()) urls.push(`${baseIri}doc/${iri.slice(baseIri.length)}`);
  return urls;
}

/**
 * The sitemap XML: every page in English (the plain URL) and German (`?lang=de`), each entry naming both language
 * versions with xhtml:link, as search engines read hreflang from sitemaps. lastmod is the release date: the pages
 * change only when the data does.
 */
export function sitemapXml(baseIri: string, statistics: GraphStatistics, releaseDate: string, ontologyTerms: readonly string[] = []): string {
  const urls = sitemapUrls(baseIri, statistics, ontologyTerms);
  const count = urls.length * pageLanguages.length;
  if (count > SITEMAP_URL_LIMIT) throw new SitemapTooLargeError(`${count} URLs exceed the sitemap limit of ${SITEMAP_URL_LIMIT}`);
  const entries = urls.flatMap((url) => {
    const alternates = [...pageLanguages.map((lang) => [lang, languageUrl(url, lang)]), ['x-default', url]]
      .map(([lang, href]) => `<xhtml:link rel="alternate" hreflang="${lang}" href="${escapeXml(href!)}"/>`)
      .join('');
    return pageLanguages.map((lang) => `  <url><loc>${escapeXml(languageUrl(url, lang))}</loc><lastmod>${releaseDate}</lastmod>${alternates}</url>`);
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${entries.join('\n')}\n</urlset>\n`;
}

/**
 * robots.txt. Crawlers are welcome on every page, but not on SPARQL query URLs (each one runs a query;
 * the same data is in the pages and dumps). Paths are relative to the base IRI's path, which must be the
 * host root for robots.txt to be honoured.
 */
export function robotsTxt(baseIri: string): string {
  const path = new URL(baseIri).pathname;
  return `# ${baseIri}\nUser-agent: *\nAllow: ${path}\nDisallow: ${path}sparql?\nDisallow: ${path}*?query=\n\nSitemap: ${baseIri}sitemap.xml\n`;
}
