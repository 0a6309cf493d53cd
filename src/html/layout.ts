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

export interface PageOptions {
  /** BCP 47 language of the page (`de` or `en`). */
  lang: string;
  title: string;
  /** Already-escaped HTML for the <main> element. */
  body: string;
  /** Already-escaped extra HTML for <head> (alternate links, JSON-LD). */
  head?: string;
  baseIri: string;
}

const style = `
:root{--fg:#1d2330;--muted:#5b6475;--accent:#0b5cad;--bg:#fbfbfd;--line:#e3e6ec}
*{box-sizing:border-box}body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header.site,footer.site{background:#fff;border-bottom:1px solid var(--line);padding:.6rem 1.2rem}
footer.site{border-top:1px solid var(--line);border-bottom:0;color:var(--muted);font-size:.9rem;margin-top:3rem}
header.site nav a{margin-right:1rem}main{max-width:60rem;margin:0 auto;padding:1.2rem}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
h1{font-size:1.8rem;margin:.6rem 0}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid var(--line)}
th{width:30%;color:var(--muted);font-weight:500}.muted{color:var(--muted)}.types span{display:inline-block;background:#e8f0fa;border-radius:.8rem;padding:.05rem .6rem;margin-right:.3rem;font-size:.85rem}
code{font-size:.9em}ul.plain{list-style:none;padding-left:0}`;

/** Renders a complete HTML document around already-escaped body HTML. */
export function renderPage(options: PageOptions): string {
  const { lang, title, body, head = '', baseIri } = options;
  const nav =
    lang === 'de'
      ? [['', 'Start'], ['dataset', 'Katalog'], ['sparql', 'SPARQL'], ['docs', 'API']]
      : [['', 'Home'], ['dataset', 'Catalogue'], ['sparql', 'SPARQL'], ['docs', 'API']];
  return `<!DOCTYPE html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
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
