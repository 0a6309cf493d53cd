// The query editor a browser gets at /sparql: YASGUI from npm, served from our own origin, with the examples of queries/examples/ as tabs.
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { jsonForScript, renderPage } from '../html/layout.js';
import { html, raw } from '../html/template.js';
import { allPrefixes } from '../rdf/namespaces.js';
import { kindLabels } from '../rdf/kinds.js';
import { pagePath } from '../linked-data/paths.js';
import type { PageLanguage } from '../html/format.js';

/** The folder of YASGUI's built files (yasgui.min.js, yasgui.min.css). */
export const yasguiDist = path.dirname(createRequire(import.meta.url).resolve('@zazuko/yasgui'));

interface ExampleQuery {
  /** A short tab name, from the file name without its number ("cities in iash and cities4refugees"). */
  name: string;
  /** The query text as written, its comment lines saying what it asks. */
  query: string;
}

/**
 * A tab's name from its file name ("1-cities-in-iash-and-cities4refugees" → "Cities in IASH and Cities4Refugees"):
 * each word is written as the query's own comments write it, so names keep their capitals.
 */
function tabName(fileName: string, text: string): string {
  const comments = text.split(/\r?\n/).filter((l) => l.startsWith('#')).join(' ');
  const words = fileName.replace(/^\d+-/, '').split('-').map((word) => {
    // A name is written the same way wherever it occurs ("Berlin", "IASH"); "In" at a sentence start is not a name.
    const spellings = new Set([...comments.matchAll(new RegExp(`(?<![#.?!]\\s*)\\b${word.replace(/[^a-z0-9]/gi, '')}\\b`, 'gi'))].map((m) => m[0]));
    const [spelled] = spellings;
    return spellings.size === 1 && spelled !== spelled!.toLowerCase() ? spelled! : word;
  });
  const name = words.join(' ');
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** The address the example files are written against; the page puts the service's own base IRI there. */
export const EXAMPLE_BASE = 'http://localhost:3000/';

/**
 * Reads the editor's examples: queries/examples/*.rq, written for people (one row per thing, labels in the
 * reader's language). The REST API's own files in queries/ are UNION-shaped for merging and stay out of the
 * editor; the API reads only the top folder, so it never sees these.
 */
export async function exampleQueries(queriesDir: string): Promise<ExampleQuery[]> {
  const dir = path.join(queriesDir, 'examples');
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith('.rq')).sort(new Intl.Collator('en', { numeric: true }).compare);
  } catch {
    return [];
  }
  const examples: ExampleQuery[] = [];
  for (const file of files) {
    const text = await readFile(path.join(dir, file), 'utf8').catch(() => undefined);
    if (text === undefined || text.trim() === '') continue;
    examples.push({ name: tabName(path.basename(file, '.rq'), text), query: text.trim() });
  }
  return examples;
}

const DEFAULT_QUERY = 'SELECT ?graph (COUNT(*) AS ?triples) WHERE {\n  GRAPH ?graph { ?s ?p ?o }\n}\nGROUP BY ?graph\nORDER BY DESC(?triples)';

/**
 * The prefixes YASR uses to shorten IRIs in result tables: one per kind of thing (`city:berlin`), then the
 * vocabularies. YASR takes the first namespace that matches, not the longest, so the kinds come first and
 * the catch-all `id:` is left out.
 */
export function editorPrefixes(baseIri: string): Record<string, string> {
  const own = Object.fromEntries(Object.keys(kindLabels).map((kind) => [kind, `${baseIri}id/${kind}/`]));
  const { id: _catchAll, ...vocabularies } = allPrefixes(baseIri);
  void _catchAll;
  return { ...own, ...vocabularies };
}

/**
 * The editor page. Two things keep every request on this origin:
 * - the editor queries the endpoint at the page's own address (`location`), not the configured public
 *   URL, which may be another host (a proxy, production while testing locally);
 * - YASQE's class and property completion asks Linked Open Vocabularies (lov.linkeddata.es) by default;
 *   here it completes from the terms this graph uses, fetched once from this endpoint.
 * The examples are written against http://localhost:3000/; the page puts the configured base IRI there.
 * `lang` is the page's language (the route may pass pageLanguage(); English when it does not).
 */
export function yasguiPage(baseIri: string, endpoint: string, examples: ExampleQuery[], lang: PageLanguage = 'en'): string {
  const tabs = (examples.length > 0 ? examples : [{ name: 'graphs', query: DEFAULT_QUERY }]).map((tab) => ({
    name: tab.name,
    query: tab.query.split(EXAMPLE_BASE).join(baseIri),
  }));
  const root = pagePath(baseIri, '');
  const head = html`<link rel="stylesheet" href="/sparql/yasgui/yasgui.min.css">
<script src="/sparql/yasgui/yasgui.min.js"></script>
<script src="${root}assets/sparql-editor.js" defer></script>`;
  const intro =
    lang === 'de'
      ? html`Stellen Sie dem Graphen eigene Fragen in SPARQL, der Abfragesprache für Linked Data. Jeder Reiter enthält ein
Beispiel, das eine Zeile je Ding liefert; ändern Sie es und starten Sie es mit dem Pfeil. Die Beispiele liegen auch als
Dateien im Ordner <code>queries/examples/</code> des Projekts. Endpunkt: <code>${endpoint}</code> (nur lesend).`
      : html`Ask the graph your own questions in SPARQL, the query language of Linked Data. Each tab holds one example
that answers one row per thing; change it and press the run button. The examples are also files in the project's
<code>queries/examples/</code> folder. Endpoint: <code>${endpoint}</code> (read-only).`;
  const body = html`<h1>SPARQL</h1>
<p class="muted small">${intro}</p>
<div id="query-error" class="query-error" role="alert" hidden></div>
<div id="yasgui"></div>
<script type="application/json" id="sparql-examples">${raw(jsonForScript({ tabs, prefixes: editorPrefixes(baseIri) }))}</script>`;
  const title = lang === 'de' ? 'SPARQL-Abfragen' : 'SPARQL query editor';
  // The editor's text exists in German only when a route asks for it; the alternates search engines see name the English page.
  const alternates = lang === 'en' ? { selfUrl: endpoint, languages: ['en'] } : {};
  return renderPage({ lang, title, head, body, baseIri, current: 'sparql', wide: true, ...alternates });
}
