// The query editor a browser gets at /sparql: YASGUI from npm, served from our own origin, with the example queries of queries/ as tabs.
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { escapeHtml, jsonForScript, renderPage } from '../html/layout.js';

/** The folder of YASGUI's built files (yasgui.min.js, yasgui.min.css). */
export const yasguiDist = path.dirname(createRequire(import.meta.url).resolve('@zazuko/yasgui'));

export interface ExampleQuery {
  name: string;
  query: string;
}

/**
 * Reads queries/*.rq. Their `#+` lines are a YAML header (grlc style) for the REST API; the editor gets
 * the query text without them, named by the header's `summary:` (else the file name).
 */
export async function exampleQueries(dir: string): Promise<ExampleQuery[]> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith('.rq')).sort();
  } catch {
    return [];
  }
  const examples: ExampleQuery[] = [];
  for (const file of files) {
    const text = await readFile(path.join(dir, file), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const lines = text.split(/\r?\n/);
    const summary = lines.map((l) => /^#\+\s*summary:\s*(.+)$/.exec(l)?.[1]?.trim()).find((s) => s);
    const query = lines.filter((l) => !l.startsWith('#+')).join('\n').trim();
    if (query) examples.push({ name: (summary ?? path.basename(file, '.rq')).replace(/^["']|["']$/g, ''), query });
  }
  return examples;
}

const DEFAULT_QUERY = 'SELECT ?graph (COUNT(*) AS ?triples) WHERE {\n  GRAPH ?graph { ?s ?p ?o }\n}\nGROUP BY ?graph\nORDER BY DESC(?triples)';

export function yasguiPage(baseIri: string, endpoint: string, examples: ExampleQuery[]): string {
  const tabs = examples.length > 0 ? examples : [{ name: 'Graphs', query: DEFAULT_QUERY }];
  const head = `<link rel="stylesheet" href="/sparql/yasgui/yasgui.min.css">
<script src="/sparql/yasgui/yasgui.min.js"></script>
<style>main{max-width:none}</style>`;
  const body = `<h1>SPARQL</h1>
<p class="muted small">Endpoint: <code>${escapeHtml(endpoint)}</code> — SPARQL 1.1 Query, read-only. Example queries are in the tabs.</p>
<div id="yasgui"></div>
<script type="application/json" id="sparql-examples">${jsonForScript({ endpoint, tabs })}</script>
<script>
(function () {
  var config = JSON.parse(document.getElementById('sparql-examples').textContent);
  var yasgui = new Yasgui(document.getElementById('yasgui'), {
    requestConfig: { endpoint: config.endpoint, method: 'POST' },
    copyEndpointOnNewTab: false,
    persistenceId: null,
    autoAddOnInit: false,
  });
  config.tabs.forEach(function (tab, i) {
    yasgui.addTab(i === 0, { name: tab.name, yasqe: { value: tab.query }, requestConfig: { endpoint: config.endpoint, method: 'POST' } });
  });
})();
</script>`;
  return renderPage({ lang: 'en', title: 'SPARQL query editor', head, body, baseIri });
}
