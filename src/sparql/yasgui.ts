// The query editor a browser gets at /sparql: YASGUI from npm, served from our own origin, with the example queries of queries/ as tabs.
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { escapeHtml, jsonForScript, renderPage } from '../html/layout.js';

/** The folder of YASGUI's built files (yasgui.min.js, yasgui.min.css). */
export const yasguiDist = path.dirname(createRequire(import.meta.url).resolve('@zazuko/yasgui'));

interface ExampleQuery {
  /** The file name without `.rq`, which is also the REST endpoint `/api/{name}`: short enough for a tab. */
  name: string;
  /** The query text, opening with the header's `summary:` as a comment. */
  query: string;
}

/**
 * Reads queries/*.rq. Their `#+` lines are a YAML header (grlc style) for the REST API; the editor gets
 * the query text without them, named by the file, with the header's `summary:` as its first comment line.
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
    const summary = lines.map((l) => /^#\+\s*summary:\s*(.+)$/.exec(l)?.[1]?.trim()).find((s) => s)?.replace(/^["']|["']$/g, '');
    const query = lines.filter((l) => !l.startsWith('#+')).join('\n').trim();
    const name = path.basename(file, '.rq');
    if (query) examples.push({ name, query: summary ? `# ${summary}\n${query}` : query });
  }
  return examples;
}

const DEFAULT_QUERY = 'SELECT ?graph (COUNT(*) AS ?triples) WHERE {\n  GRAPH ?graph { ?s ?p ?o }\n}\nGROUP BY ?graph\nORDER BY DESC(?triples)';

/**
 * The editor page. Two things keep every request on this origin:
 * - the editor queries the endpoint at the page's own address (`location`), not the configured public
 *   URL, which may be another host (a proxy, production while testing locally);
 * - YASQE's class and property completion asks Linked Open Vocabularies (lov.linkeddata.es) by default;
 *   here it completes from the terms this graph uses, fetched once from this endpoint.
 * The page also declares an empty icon, so the browser does not ask for /favicon.ico (a 404).
 */
export function yasguiPage(baseIri: string, endpoint: string, examples: ExampleQuery[]): string {
  const tabs = examples.length > 0 ? examples : [{ name: 'graphs', query: DEFAULT_QUERY }];
  const head = `<link rel="icon" href="data:,">
<link rel="stylesheet" href="/sparql/yasgui/yasgui.min.css">
<script src="/sparql/yasgui/yasgui.min.js"></script>
<style>main{max-width:none}#yasgui{overflow-x:auto}</style>`;
  const body = `<h1>SPARQL</h1>
<p class="muted small">Endpoint: <code>${escapeHtml(endpoint)}</code> — SPARQL 1.1 Query, read-only. Each tab holds one example query; the REST API serves the same query at <code>/api/</code> + the tab's name.</p>
<div id="yasgui"></div>
<script type="application/json" id="sparql-examples">${jsonForScript({ tabs })}</script>
<script>
(function () {
  var config = JSON.parse(document.getElementById('sparql-examples').textContent);
  var endpoint = location.origin + location.pathname;
  var requestConfig = { endpoint: endpoint, method: 'POST' };
  var Yasqe = Yasgui.Yasqe;
  var termQueries = {
    property: 'SELECT DISTINCT ?term WHERE { ?s ?term ?o }',
    'class': 'SELECT DISTINCT ?term WHERE { ?s a ?term FILTER isIRI(?term) }',
  };
  var terms = {};
  function localTerms(kind) {
    if (!terms[kind]) {
      terms[kind] = fetch(endpoint, {
        method: 'POST',
        headers: { Accept: 'application/sparql-results+json', 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ query: termQueries[kind] }),
      })
        .then(function (response) { return response.ok ? response.json() : { results: { bindings: [] } }; })
        .then(function (json) { return json.results.bindings.map(function (row) { return row.term.value; }); })
        .catch(function () { return []; });
    }
    return terms[kind];
  }
  ['property', 'class'].forEach(function (kind) {
    Yasqe.forkAutocompleter(kind, {
      name: kind,
      bulk: false,
      autoShow: true,
      // The token arrives with prefixed names expanded to IRIs (YASQE's preProcessToken).
      get: function (yasqe, token) {
        var start = (token && (token.autocompletionString || token.string)) || '';
        return localTerms(kind).then(function (all) {
          return all.filter(function (iri) { return iri.indexOf(start) === 0; }).slice(0, 100);
        });
      },
    }, false);
  });
  var yasgui = new Yasgui(document.getElementById('yasgui'), {
    requestConfig: requestConfig,
    copyEndpointOnNewTab: true,
    persistenceId: null,
    autoAddOnInit: false,
  });
  config.tabs.forEach(function (tab, i) {
    yasgui.addTab(i === 0, { name: tab.name, yasqe: { value: tab.query }, requestConfig: requestConfig });
  });
})();
</script>`;
  return renderPage({ lang: 'en', title: 'SPARQL query editor', head, body, baseIri, selfUrl: endpoint, languages: ['en'] });
}
