// The HTML page frame shared by every human-readable page: escaping, the page shell and the site navigation.

/** Escapes text for HTML element content and attribute values. Every string from the graph goes through this. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Serializes JSON for a <script type="application/ld+json"> block so that no "</script>" or "<!--" can end it early. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value, null, 2)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

interface PageOptions {
  /** BCP 47 language of the page (`de` or `en`). */
  lang: string;
  title: string;
  /** Already-escaped HTML for the <main> element. */
  body: string;
  /** Already-escaped extra HTML for <head> (alternate links, JSON-LD). */
  head?: string;
  baseIri: string;
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
export function hreflangLinks(url: string, languages: readonly string[] = ['en', 'de']): string {
  const links = languages.map((lang) => `<link rel="alternate" hreflang="${escapeHtml(lang)}" href="${escapeHtml(languageUrl(url, lang))}">`);
  return [...links, `<link rel="alternate" hreflang="x-default" href="${escapeHtml(url)}">`].join('\n');
}

const style = `
:root{--fg:#1c2230;--muted:#5d6677;--accent:#0a58a8;--accent-soft:#e7f0fb;--bg:#f6f7fa;--card:#fff;--line:#e2e6ee}
*{box-sizing:border-box}
body{margin:0;font:17px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent);text-decoration:none}a:hover,a:focus{text-decoration:underline}
header.site{background:#13233f;padding:.7rem 1.5rem}header.site nav{max-width:64rem;margin:0 auto;display:flex;gap:1.4rem;flex-wrap:wrap}
header.site nav a{color:#dfe8f7;font-weight:500}header.site nav a:first-child{color:#fff;font-weight:700}
main{max-width:64rem;margin:0 auto;padding:1.5rem}
footer.site{max-width:64rem;margin:3rem auto 0;padding:1.2rem 1.5rem;color:var(--muted);font-size:.9rem;border-top:1px solid var(--line)}
h1{font-size:2.2rem;line-height:1.2;margin:.4rem 0 .5rem;letter-spacing:-.01em}
h2{font-size:1.15rem;margin:2.2rem 0 .6rem;padding-bottom:.3rem;border-bottom:2px solid var(--line)}
header.resource{background:var(--card);border:1px solid var(--line);border-radius:.8rem;padding:1.2rem 1.5rem 1rem;box-shadow:0 1px 2px rgba(20,30,60,.04)}
.crumbs{font-size:.9rem;color:var(--muted)}.crumbs a{color:var(--muted)}
ul.types{list-style:none;padding:0;margin:.6rem 0 0;display:flex;flex-wrap:wrap;gap:.35rem}
ul.types li{background:var(--accent-soft);color:#0d3f78;border-radius:1rem;padding:.05rem .7rem;font-size:.8rem;font-weight:600;letter-spacing:.02em}
ul.types li a{color:inherit}
.aka{margin:0 0 .4rem;color:var(--muted)}.lead{font-size:1.1rem;margin:.4rem 0 .8rem;max-width:46rem}
.identifier{font-size:.85rem;margin:.6rem 0 0;display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.identifier code{background:#f1f3f7;border-radius:.3rem;padding:.1rem .4rem}
.lang-switch{margin-left:auto;border:1px solid var(--line);border-radius:1rem;padding:.05rem .8rem;font-size:.85rem;background:#fff}
section{margin-top:.5rem}
table{border-collapse:collapse;width:100%}
table.props,table.index{background:var(--card);border:1px solid var(--line);border-radius:.6rem;overflow:hidden}
th,td{text-align:left;vertical-align:top;padding:.55rem .9rem;border-bottom:1px solid var(--line)}
tr:last-child>th,tr:last-child>td{border-bottom:0}
table.props>tbody>tr>th,table.props>tr>th{width:26%;color:var(--muted);font-weight:500;font-size:.95rem}
table.index thead th{font-size:.85rem;color:var(--muted);font-weight:600;background:#fafbfc}
ul.values{list-style:none;margin:0;padding:0}ul.values li+li{margin-top:.2rem}
table.nested{display:inline-table;width:auto;min-width:60%;font-size:.92rem;border:0;background:#f7f8fb;border-radius:.4rem;margin:.1rem 0}
table.nested th,table.nested td{padding:.25rem .6rem;border-bottom:1px solid #eceff4}table.nested th{width:auto;color:var(--muted);font-weight:500}
sup.src{font-size:.68rem;margin-left:.15rem}sup.src a{color:var(--muted)}sup.src a.inferred{font-style:italic}.inference-rule{margin:.2rem 0 .6rem;font-size:.85rem}
.lang{font-size:.68rem;text-transform:uppercase;color:var(--muted);border:1px solid var(--line);border-radius:.25rem;padding:0 .25rem;vertical-align:middle}
.datatype{font-size:.75rem;color:var(--muted)}
a.external::after{content:" ↗";font-size:.8em;color:var(--muted)}
.count{display:inline-block;font-size:.75rem;font-weight:600;color:var(--muted);background:#eef0f4;border-radius:1rem;padding:0 .55rem;vertical-align:middle}
.muted{color:var(--muted)}.small{font-size:.88rem}
ol.sources{background:var(--card);border:1px solid var(--line);border-radius:.6rem;padding:.7rem 1rem .7rem 2.4rem;margin:0}ol.sources li{padding:.15rem 0}
ul.formats{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem}
ul.formats a{display:inline-block;border:1px solid var(--line);background:var(--card);border-radius:.4rem;padding:.3rem .8rem;font-size:.9rem}
.pager{display:flex;gap:1rem;align-items:center;margin-top:.7rem;font-size:.9rem}
.hash{word-break:break-all;font-size:.78rem}
code{font-size:.88em;font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace}ul.plain{list-style:none;padding-left:0}
@media (max-width:40rem){main{padding:1rem}h1{font-size:1.7rem}table.props>tbody>tr>th{width:auto;display:block;border-bottom:0;padding-bottom:0}table.props td{display:block}}`;

/** Renders a complete HTML document around already-escaped body HTML. */
export function renderPage(options: PageOptions): string {
  const { lang, title, body, baseIri, selfUrl, languages } = options;
  const head = [selfUrl === undefined ? '' : hreflangLinks(new URL(selfUrl, baseIri).href, languages), options.head ?? ''].filter((h) => h !== '').join('\n');
  const nav =
    lang === 'de'
      ? [['', 'Start'], ['dataset', 'Katalog'], ['sparql', 'SPARQL'], ['docs', 'API']]
      : [['', 'Home'], ['dataset', 'Catalogue'], ['sparql', 'SPARQL'], ['docs', 'API']];
  return `<!DOCTYPE html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
${head}
</head>
<body>
<header class="site"><nav aria-label="${lang === 'de' ? 'Hauptnavigation' : 'Main navigation'}">${nav
    .map(([path, label]) => `<a href="${escapeHtml(baseIri + path!)}">${escapeHtml(label!)}</a>`)
    .join('')}</nav></header>
<main>
${body}
</main>
<footer class="site">${
    lang === 'de'
      ? 'Städtenetzwerke in der Flucht- und Migrationspolitik: offene, verknüpfte Daten'
      : 'City networks on refugee and migration policy: Linked Open Data'
  }</footer>
</body>
</html>`;
}
