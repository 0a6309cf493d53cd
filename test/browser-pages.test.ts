// The pages people look at, in headless Chromium: the explore picture, Berlin's timeline, 390 px widths, accessibility (axe-core) and plain words.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '../src/config.js';
import { buildServer } from '../src/server.js';
import { launchChromium, reportSkippedBrowserTests, skipBrowserTests } from './support/chromium.js';
import { freePort } from './support/net.js';

const root = fileURLToPath(new URL('..', import.meta.url));

reportSkippedBrowserTests('test/browser-pages.test.ts');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let app: FastifyInstance;
let browser: Browser;
let address: string;
let base: string;

beforeAll(async () => {
  // The base IRI is the address the browser uses, so that every link on a page stays on this server.
  const port = await freePort();
  address = `http://127.0.0.1:${port}`;
  base = `${address}/`;
  app = await buildServer(
    loadConfig({ BASE_IRI: base, DATA_DIR: `${root}data`, ONTOLOGY_DIR: `${root}ontology`, QUERIES_DIR: `${root}queries`, SHAPES_DIR: 'none', LOG_LEVEL: 'silent' }),
  );
  await app.listen({ port, host: '127.0.0.1' });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** Asks the service's own SPARQL endpoint; the tests count with it rather than trusting the page code. */
async function select(query: string): Promise<Array<Record<string, string>>> {
  const response = await app.inject({ method: 'POST', url: '/sparql', headers: { accept: 'application/sparql-results+json', 'content-type': 'application/sparql-query' }, payload: query });
  expect(response.statusCode).toBe(200);
  const json = response.json() as { results: { bindings: Array<Record<string, { value: string }>> } };
  return json.results.bindings.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v.value])));
}

const PREFIXES = 'PREFIX org: <http://www.w3.org/ns/org#> PREFIX schema: <http://schema.org/> ';

/** A page that records console errors and failed requests. */
async function openPage(width: number): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors, close: () => context.close() };
}

describe.skipIf(skipBrowserTests)('the explore page', () => {
  it('draws every organisation and every membership the graph holds, without console errors, and a click opens the page', async () => {
    const [orgs] = await select(`${PREFIXES} SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?o a org:Organization FILTER isIRI(?o) }`);
    const [memberships] = await select(
      `${PREFIXES} SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?a ?b WHERE { ?a org:memberOf ?b . ?a a org:Organization . ?b a org:Organization FILTER (?a != ?b) } }`,
    );
    const { page, errors, close } = await openPage(1280);
    try {
      await page.goto(`${address}/explore`);
      await page.locator('#explore-graph[data-ready="true"]').waitFor();
      const drawn = await page.evaluate(() => {
        const cy = (window as unknown as { exploreGraph: { nodes(): { length: number }; edges(s?: string): { length: number } } }).exploreGraph;
        return { nodes: cy.nodes().length, memberships: cy.edges('[kind = "member"], [kind = "partner"]').length };
      });
      expect(drawn.nodes).toBe(Number(orgs!.n));
      expect(drawn.memberships).toBe(Number(memberships!.n));
      expect(drawn.nodes).toBeGreaterThan(10);

      // Only around one network: the network and its members stay, everything else goes.
      const network = `${base}id/network/moving-cities`;
      const members = (await select(`${PREFIXES} SELECT DISTINCT ?m WHERE { ?m org:memberOf <${network}> ; a org:Organization }`)).map((r) => r.m!);
      await page.locator('#explore-network').selectOption(network);
      // Cytoscape.js applies the style on its next frame, hence the polling.
      const visible = () =>
        page.evaluate(() => {
          const cy = (window as unknown as { exploreGraph: { nodes(s: string): { map<T>(f: (n: { id(): string }) => T): T[] } } }).exploreGraph;
          return cy.nodes(':visible').map((n) => n.id()).sort();
        });
      await expect.poll(visible).toEqual([network, ...members].sort());
      await page.locator('#explore-network').selectOption('');
      await expect.poll(() => page.evaluate(() => (window as unknown as { exploreGraph: { nodes(s: string): { length: number } } }).exploreGraph.nodes(':visible').length)).toBe(Number(orgs!.n));

      // Hover shows the name; a click on Berlin's dot opens Berlin's page.
      const point = await page.evaluate((berlin) => {
        const cy = (window as unknown as { exploreGraph: { getElementById(id: string): { renderedPosition(): { x: number; y: number } } } }).exploreGraph;
        const box = document.getElementById('explore-graph')!.getBoundingClientRect();
        const p = cy.getElementById(berlin).renderedPosition();
        return { x: box.left + p.x, y: box.top + p.y };
      }, `${base}id/city/berlin`);
      await page.mouse.move(point.x, point.y);
      await expect.poll(() => page.locator('#explore-hover').innerText()).toContain('Berlin');
      await Promise.all([page.waitForURL(`${address}/doc/city/berlin`), page.mouse.click(point.x, point.y)]);
      expect(await page.locator('h1').innerText()).toBe('Berlin');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('has a server-drawn picture for link previews and for readers without JavaScript', async () => {
    const svg = await app.inject({ url: '/explore.svg' });
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const { page, close } = await openPage(1280);
    try {
      await page.goto(`${address}/explore`);
      expect(await page.locator('meta[property="og:image"]').getAttribute('content')).toBe(`${base}explore.svg`);
    } finally {
      await close();
    }
    const [orgs] = await select(`${PREFIXES} SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?o a org:Organization FILTER isIRI(?o) }`);
    expect(svg.body.match(/<circle /g)).toHaveLength(Number(orgs!.n));
  });
});

describe.skipIf(skipBrowserTests)("Berlin's page", () => {
  it('shows its dated events on the timeline in date order, each date as precise as the data', async () => {
    const events = await select(`${PREFIXES} SELECT DISTINCT ?e ?d WHERE { ?e a schema:Event ; schema:startDate ?d ; ?p <${base}id/city/berlin> }`);
    expect(events.length).toBeGreaterThan(1);
    const { page, errors, close } = await openPage(1280);
    try {
      await page.goto(`${address}/doc/city/berlin`);
      const shown = await page.locator('ol.timeline-list li[data-kind="event"]').evaluateAll((items) =>
        items.map((li) => ({ href: (li.querySelector('a') as HTMLAnchorElement).href, start: li.getAttribute('data-start')!, when: (li.querySelector('time') as HTMLElement).innerText })),
      );
      expect(shown.map((s) => s.href).sort()).toEqual(events.map((e) => e.e!.replace(`${base}id/`, `${base}doc/`)).sort());
      // In order: a month sorts at its first day, and the list never goes back in time.
      const starts = shown.map((s) => s.start);
      expect([...starts].sort()).toEqual(starts);
      // A month stays a month ("March 2024"), a day a day ("27 June 2024").
      for (const item of shown) {
        const data = events.find((e) => e.e!.replace(`${base}id/`, `${base}doc/`) === item.href)!;
        expect(item.start).toBe(data.d);
        if (/^\d{4}-\d{2}$/.test(data.d!)) expect(item.when).toMatch(/^[A-Z][a-z]+ \d{4}$/);
        if (/^\d{4}-\d{2}-\d{2}$/.test(data.d!)) expect(item.when).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
      }
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

const pageTypes: Array<[string, string]> = [
  ['home', '/'],
  ['resource', '/doc/city/berlin'],
  ['index', '/doc/network/'],
  ['explore', '/explore'],
  ['sparql', '/sparql'],
  ['docs', '/docs'],
  ['catalogue', '/dataset'],
];

describe.skipIf(skipBrowserTests)('every page type', () => {
  it('fits 390 px without horizontal scrolling and has no serious or critical accessibility violation (axe-core)', async () => {
    const { page, close } = await openPage(390);
    const problems: string[] = [];
    try {
      for (const [name, path] of pageTypes) {
        await page.goto(`${address}${path}`, { waitUntil: 'networkidle' });
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > 390) problems.push(`${name}: ${width} px wide`);
        await page.addScriptTag({ path: axePath });
        const violations = await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
          const result = await axe.run();
          return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
        });
        for (const v of violations) problems.push(`${name}: ${v}`);
      }
    } finally {
      await close();
    }
    expect(problems).toEqual([]);
  }, 120_000);
});

describe.skipIf(skipBrowserTests)('every resource page in plain words', () => {
  it('shows no property IRI, no prefixed name and no ISO date in its visible text, and fits 390 px', async () => {
    const things = (await select(`SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER (isIRI(?s) && STRSTARTS(STR(?s), "${base}id/")) }`)).map((r) => r.s!);
    const properties = (await select('SELECT DISTINCT ?p WHERE { ?s ?p ?o }')).map((r) => r.p!);
    expect(things.length).toBeGreaterThan(50);
    const prefixed = /(?<![\w/])(org|cn|schema|skos|rdfs|rdf|owl|prov|dct|dcat|foaf|xsd|time|void):[A-Za-z]/;
    const isoDate = /\b\d{4}-\d{2}(-\d{2})?\b/;
    const { page, close } = await openPage(390);
    const problems: string[] = [];
    try {
      for (const iri of things) {
        await page.goto(iri.replace(`${base}id/`, `${base}doc/`));
        const [text, width] = await page.evaluate(() => [document.body.innerText, document.documentElement.scrollWidth] as const);
        const where = iri.slice(base.length);
        if (width > 390) problems.push(`${where}: ${width} px wide`);
        const property = properties.find((p) => text.includes(p));
        if (property) problems.push(`${where}: shows the property IRI ${property}`);
        const name = prefixed.exec(text);
        if (name) problems.push(`${where}: shows "${text.slice(Math.max(0, name.index - 30), name.index + 30)}"`);
        const date = isoDate.exec(text);
        if (date) problems.push(`${where}: shows the ISO date "${text.slice(Math.max(0, date.index - 30), date.index + 20)}"`);
      }
    } finally {
      await close();
    }
    expect(problems).toEqual([]);
  }, 180_000);
});
