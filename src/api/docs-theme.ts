// Swagger UI at /docs dressed as part of the site: the site's header and navigation instead of the top bar with fastify's logo.
import { siteHeader } from '../html/layout.js';

/**
 * The `theme` option of @fastify/swagger-ui. Swagger UI renders its own page, so the site's header is put in
 * by a small script (the HTML comes from the same function every other page uses), the site's style sheet
 * is linked, and Swagger's top bar (fastify logo, "Explore" box for other API descriptions) is hidden.
 */
export function docsTheme(baseIri: string): Record<string, unknown> {
  const root = new URL(baseIri).pathname;
  const header = String(siteHeader('en', baseIri, 'docs'));
  const script = `(function () {
  var meta = document.createElement('meta');
  meta.name = 'viewport';
  meta.content = 'width=device-width, initial-scale=1';
  document.head.appendChild(meta);
  var css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = ${JSON.stringify(`${root}assets/site.css`)};
  document.head.insertBefore(css, document.head.firstChild);
  var holder = document.createElement('div');
  holder.innerHTML = ${JSON.stringify(header)};
  document.body.insertBefore(holder.firstChild, document.body.firstChild);
  var main = document.getElementById('swagger-ui');
  if (main) main.setAttribute('role', 'main');
  // Swagger UI renders late and re-renders often; each time, mend what assistive technology trips over:
  // the path inside each operation's button is also a link (a link inside a button), the server list has no name.
  function mend() {
    document.querySelectorAll('.opblock-summary-control a.nostyle').forEach(function (link) {
      while (link.firstChild) link.parentNode.insertBefore(link.firstChild, link);
      link.remove();
    });
    document.querySelectorAll('select#servers:not([aria-label])').forEach(function (select) { select.setAttribute('aria-label', 'Server'); });
  }
  new MutationObserver(mend).observe(document.body, { childList: true, subtree: true });
})();`;
  const css = `body{margin:0;background:#fff}
.swagger-ui .topbar{display:none}
.swagger-ui .info .title small{background:#4b5563}
.swagger-ui .info .title small.version-stamp{background:#3d6b00}
.swagger-ui .info .url,.swagger-ui .info .base-url{color:#3b4151}
.swagger-ui a.link,.swagger-ui .info a{color:#0a58a8}
.swagger-ui .opblock.opblock-get .opblock-summary-method{background:#1d5f9e}
.swagger-ui .information-container .info{margin:1.5rem 0}
.swagger-ui .wrapper{max-width:64rem;padding:0 1.5rem;box-sizing:border-box}
.swagger-ui .opblock .opblock-summary{flex-wrap:wrap}
.swagger-ui .opblock .opblock-summary-path{max-width:100%;word-break:break-all}
.swagger-ui table{table-layout:fixed;width:100%}
.swagger-ui .parameters-col_name{width:7rem}
.swagger-ui .parameters-col_description input,.swagger-ui .parameters-col_description select{max-width:100%}
.swagger-ui .scheme-container{padding:.8rem 0}
@media (max-width:40rem){.swagger-ui .wrapper{padding:0 .6rem}.swagger-ui .opblock-tag{font-size:1.1rem}.swagger-ui .opblock .opblock-summary-description{flex-basis:100%}.swagger-ui .parameters-col_name{width:5.5rem}.swagger-ui .response-col_status{width:3rem}}`;
  return {
    title: 'City networks on refugee and migration policy – API',
    js: [{ filename: 'site-header.js', content: script }],
    css: [{ filename: 'site.css', content: css }],
  };
}
