// The SPARQL query editor in headless Chromium over a real port: it loads from our origin only, shows queries/examples/ as tabs, runs them and shows errors readably.
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadConfig } from '../src/config.js';
import { buildServer } from '../src/server.js';
import { launchChromium, reportSkippedBrowserTests, skipBrowserTests } from './support/chromium.js';
import { freePort } from './support/net.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const queriesDir = `${root}queries`;
/**
 * Deliberately not the address the browser uses: a service behind a proxy (or a local copy of production)
 * has a public base IRI on another host, and the editor must still query the server it was loaded from.
 */
const baseIri = 'https://lod.example.org/';

let app: FastifyInstance;
let browser: Browser;
let address: string;

let context: BrowserContext;
let page: Page;
/** Every request the page made, and those that left 127.0.0.1 (aborted, so a test never reaches the network). */
let requests: string[];
let offOrigin: string[];
let consoleErrors: string[];

beforeAll(async () => {
  const port = await freePort();
  address = `http://127.0.0.1:${port}`;
  app = await buildServer(
    loadConfig({
      BASE_IRI: baseIri,
      DATA_DIR: `${root}data`,
      ONTOLOGY_DIR: `${root}ontology`,
      QUERIES_DIR: queriesDir,
      SHAPES_DIR: 'none',
      LOG_LEVEL: 'silent',
    }),
  );
  await app.listen({ port, host: '127.0.0.1' });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

beforeEach(async () => {
  requests = [];
  offOrigin = [];
  consoleErrors = [];
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    requests.push(url);
    if (new URL(url).hostname === '127.0.0.1') return route.continue();
    offOrigin.push(url);
    return route.abort();
  });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  const response = await page.goto(`${address}/sparql`);
  expect(response?.status()).toBe(200);
  await page.locator('.tabPanel.active .CodeMirror').waitFor();
});

afterEach(async () => {
  await context?.close();
});

/** The example files of queries/examples/, in tab order, as a newcomer reads them there. */
async function exampleFiles(): Promise<Map<string, string>> {
  const dir = `${queriesDir}/examples`;
  const files = (await readdir(dir)).filter((f) => f.endsWith('.rq')).sort(new Intl.Collator('en', { numeric: true }).compare);
  const texts = new Map<string, string>();
  for (const file of files) texts.set(file.slice(0, -'.rq'.length), (await readFile(`${dir}/${file}`, 'utf8')).trim());
  return texts;
}

/** The text of the active tab's editor (CodeMirror keeps its instance on its element). */
function editorText(): Promise<string> {
  return page.evaluate(() => (document.querySelector('.tabPanel.active .CodeMirror') as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue());
}

function setEditorText(text: string): Promise<void> {
  return page.evaluate((value) => {
    (document.querySelector('.tabPanel.active .CodeMirror') as unknown as { CodeMirror: { setValue(v: string): void } }).CodeMirror.setValue(value);
  }, text);
}

/** What every test checks last: nothing left the origin, nothing failed in the console. */
function expectCleanPage(): void {
  expect(offOrigin).toEqual([]);
  expect(requests.length).toBeGreaterThan(0);
  for (const url of requests) expect(new URL(url).origin).toBe(address);
  expect(consoleErrors).toEqual([]);
}

reportSkippedBrowserTests('test/browser-yasgui.test.ts');

describe.skipIf(skipBrowserTests)('the SPARQL editor in Chromium', () => {
  it('loads YASGUI from our own origin and shows every example of queries/examples/ as a tab, for this base IRI', async () => {
    const files = await exampleFiles();
    expect(files.size).toBeGreaterThan(1);
    const tabNames = (await page.locator('.tabsList .tab a').allTextContents()).map((t) => t.replace('✖', '').trim());
    expect(tabNames).toHaveLength(files.size);
    expect(requests).toContain(`${address}/sparql/yasgui/yasgui.min.js`);
    expect(requests).toContain(`${address}/sparql/yasgui/yasgui.min.css`);

    // The first tab holds the client's question, written against this service's base IRI rather than localhost.
    const [first] = [...files.values()];
    const shown = await editorText();
    expect(shown).toContain('# Which cities belong to both the International Alliance of Safe Harbours (IASH) and the project Cities4Refugees?');
    expect(shown).toBe(first!.split('http://localhost:3000/').join(baseIri));
    expectCleanPage();
  });

  it("runs the first example, the client's question, and answers one row per city with prefixed names", async () => {
    await page.locator('.tabPanel.active .yasqe_queryButton').click();
    const rows = page.locator('.tabPanel.active .yasr table tbody tr');
    await rows.first().waitFor();
    const table = await rows.allTextContents();

    // The same question asked over the protocol: which cities are in both, one row each.
    const check = await app.inject({
      method: 'POST',
      url: '/sparql',
      headers: { accept: 'application/sparql-results+json', 'content-type': 'application/sparql-query' },
      payload: `PREFIX org: <http://www.w3.org/ns/org#> PREFIX schema: <http://schema.org/>
SELECT DISTINCT ?city WHERE { ?city a schema:City ; org:memberOf <${baseIri}id/network/iash>, <${baseIri}id/project/cities4refugees> . }`,
    });
    const cities = (check.json() as { results: { bindings: Array<{ city: { value: string } }> } }).results.bindings.map((b) => b.city.value);
    expect(cities.length).toBeGreaterThan(0);
    expect(table).toHaveLength(cities.length);
    // Prefixed names instead of full IRIs, and the name in the reader's language (Chromium here reads English).
    for (const city of cities) expect(table.some((row) => row.includes(`city:${city.slice(`${baseIri}id/city/`.length)}`))).toBe(true);
    expect(table.join(' ')).not.toContain(`${baseIri}id/city/`);
    expect(table.some((row) => row.includes('Berlin') && row.includes('Germany'))).toBe(true);
    expectCleanPage();
  });

  it('shows a syntax error in words with its line and column, and marks the spot in the editor', async () => {
    const broken = 'PREFIX org: <http://www.w3.org/ns/org#>\nSELECT ?city WHERE {\n  ?city org:memberOf ?network ?\n}';
    // Where the endpoint itself places the error: the box must say the same.
    const problem = (await app.inject({ method: 'POST', url: '/sparql', headers: { 'content-type': 'application/sparql-query' }, payload: broken })).json() as { line: number; column: number };
    expect(problem.line).toBeGreaterThan(1);
    await setEditorText(broken);
    // The endpoint answers 400 with a problem document: the browser logs the failed request, which is expected here.
    await page.locator('.tabPanel.active .yasqe_queryButton').click();
    const box = page.locator('#query-error');
    await box.waitFor({ state: 'visible' });
    const text = await box.innerText();
    expect(text).toContain(`Line ${problem.line}, column ${problem.column}`);
    expect(text).not.toContain('{"type"');
    // The marked character sits on that line in the editor.
    await page.locator('.tabPanel.active .CodeMirror .query-error-mark').waitFor();
    const markedLine = await page.evaluate(() => {
      const mark = document.querySelector('.tabPanel.active .CodeMirror .query-error-mark');
      return mark?.closest('.CodeMirror-line')?.textContent ?? '';
    });
    // CodeMirror renders spaces as it likes (non-breaking, tabs): compare the words.
    const words = (line: string) => line.replace(/\s+/g, ' ').trim();
    expect(words(markedLine)).toBe(words(broken.split('\n')[problem.line - 1]!));
    expect(offOrigin).toEqual([]);
    expect(consoleErrors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  });

  it('completes property names from this graph, not from an outside vocabulary service', async () => {
    await setEditorText('PREFIX org: <http://www.w3.org/ns/org#>\nSELECT * WHERE {\n  ?city org:mem');
    await page.evaluate(() => {
      const editor = (document.querySelector('.tabPanel.active .CodeMirror') as unknown as { CodeMirror: { focus(): void; setCursor(p: { line: number; ch: number }): void } }).CodeMirror;
      editor.focus();
      editor.setCursor({ line: 2, ch: 100 });
    });
    await page.keyboard.press('Control+Space');
    const hints = page.locator('.CodeMirror-hints li');
    await hints.first().waitFor();
    const texts = await hints.allTextContents();
    expect(texts).toContain('org:memberOf');
    for (const hint of texts) expect(hint).toMatch(/^org:mem/);
    expectCleanPage();
  });
});
