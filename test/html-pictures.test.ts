// The words and pictures the pages add, checked over HTTP without a browser: counts as phrases, the timeline's precision, explore's data, query files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../src/config.js';
import { buildServer } from '../src/server.js';

let app: FastifyInstance;
const base = 'http://localhost:3000/';

beforeAll(async () => {
  app = await buildServer(loadConfig({ SHAPES_DIR: 'none', LOG_LEVEL: 'silent' }));
});
afterAll(async () => app?.close());

async function page(url: string): Promise<string> {
  const response = await app.inject({ url, headers: { accept: 'text/html' } });
  expect(response.statusCode, url).toBe(200);
  return response.body;
}

/** The visible words of a page: no tags, no scripts, entities for quotes undone. */
function words(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

async function select(query: string): Promise<Array<Record<string, string>>> {
  const response = await app.inject({ method: 'POST', url: '/sparql', headers: { accept: 'application/sparql-results+json', 'content-type': 'application/sparql-query' }, payload: query });
  const json = response.json() as { results: { bindings: Array<Record<string, { value: string }>> } };
  return json.results.bindings.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v.value])));
}

describe('counts the sources report', () => {
  it('read as phrases in the reader language, with the bound the source gives ("over", "about")', async () => {
    // The numbers and units come from the graph, so the test reads them there.
    const rows = await select(`PREFIX schema: <http://schema.org/>
      SELECT ?s ?min ?unit WHERE { ?s ?p [ schema:minValue ?min ; schema:unitText ?unit ] FILTER (lang(?unit) = "en" && STRSTARTS(STR(?s), "${base}id/network/")) }`);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const path = row.s!.replace(`${base}id/`, '/doc/');
      expect(words(await page(path))).toContain(`over ${row.min} ${row.unit}`);
    }
    const german = words(await page(`${rows[0]!.s!.replace(`${base}id/`, '/doc/')}?lang=de`));
    expect(german).toMatch(new RegExp(`über ${rows[0]!.min} `));
    expect(german).not.toContain('exclusive bound');
  });
});

describe('the timeline', () => {
  it('keeps each date as precise as the data: a month is a month, a year a year', async () => {
    const html = await page('/');
    const items = [...html.matchAll(/<li data-kind="([a-z]+)" data-start="([^"]+)"><span class="tl-when"><time datetime="([^"]+)">([^<]+)<\/time>/g)];
    expect(items.length).toBeGreaterThan(5);
    for (const [, , start, datetime, shown] of items) {
      expect(datetime).toBe(start);
      if (/^\d{4}$/.test(start!)) expect(shown).toBe(start);
      if (/^\d{4}-\d{2}$/.test(start!)) expect(shown).toMatch(/^[A-Z][a-z]+ \d{4}$/);
      if (/^\d{4}-\d{2}-\d{2}$/.test(start!)) expect(shown).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
    }
    // Oldest first.
    const starts = items.map((m) => m[2]!);
    expect([...starts].sort()).toEqual(starts);
    // Every dated event of the graph is on it.
    const events = await select('PREFIX schema: <http://schema.org/> SELECT DISTINCT ?e WHERE { ?e a schema:Event ; schema:startDate ?d }');
    const shownEvents = items.filter((m) => m[1] === 'event').length;
    expect(shownEvents).toBe(events.length);
  });

  it('draws each item on the axis as wide as its date covers', async () => {
    const html = await page('/doc/project/cities4refugees');
    // December 2022 – December 2024: 25 months on the project's bar; a month-long event is far narrower.
    const bars = [...html.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"[^>]*><title>([^<]+)<\/title>/g)].map((m) => ({ width: Number(m[2]), title: m[3]! }));
    const project = bars.find((b) => b.title.startsWith('Cities4Refugees · Project'));
    const month = bars.find((b) => / · Event · [A-Z][a-z]+ \d{4}$/.test(b.title));
    expect(project && month).toBeTruthy();
    expect(project!.width / month!.width).toBeGreaterThan(20);
    expect(project!.width / month!.width).toBeLessThan(30);
  });
});

describe('the explore data', () => {
  it('answers the nodes and ties as JSON with positions, and refuses an unknown language with a problem document', async () => {
    const json = (await app.inject({ url: '/explore/graph.json' })).json() as { nodes: Array<{ id: string; x: number; y: number; kind: string }>; edges: Array<{ source: string; target: string; kind: string }> };
    const ids = new Set(json.nodes.map((n) => n.id));
    for (const e of json.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
    expect(json.nodes.every((n) => Number.isFinite(n.x) && Number.isFinite(n.y))).toBe(true);
    const funded = await select('PREFIX schema: <http://schema.org/> PREFIX org: <http://www.w3.org/ns/org#> SELECT DISTINCT ?a ?b WHERE { ?a schema:funder ?b . ?a a org:Organization }');
    expect(json.edges.filter((e) => e.kind === 'funding')).toHaveLength(funded.length);
    const bad = await app.inject({ url: '/explore?lang=xx' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('query files for the API documentation', () => {
  it('serves queries/NAME.rq as text and nothing outside that folder', async () => {
    const ok = await app.inject({ url: '/queries/cities.rq' });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('SELECT');
    for (const url of ['/queries/missing.rq', '/queries/..%2Fpackage.json', '/queries/examples', '/queries/cities.txt']) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('links each API operation to its query file, and every link on the operation resolves', async () => {
    const spec = (await app.inject({ url: '/openapi.json' })).json() as { paths: Record<string, { get: { description: string } }> };
    for (const [path, item] of Object.entries(spec.paths)) {
      const links = [...item.get.description.matchAll(/\]\((\/[^)]+)\)/g)].map((m) => m[1]!);
      expect(links.length, path).toBeGreaterThan(0);
      for (const link of links) expect((await app.inject({ url: link })).statusCode, link).toBe(200);
    }
  });
});
