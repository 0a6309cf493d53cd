// The SPARQL query editor in headless Chromium over a real port: it loads from our origin only, shows queries/ as tabs, runs a query and completes terms.
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

/** The text of the query files, without their `#+` API header: what a user reads in queries/. */
async function queryFiles(): Promise<Map<string, string>> {
  const files = (await readdir(queriesDir)).filter((f) => f.endsWith('.rq')).sort();
  const texts = new Map<string, string>();
  for (const file of files) {
    const text = await readFile(`${queriesDir}/${file}`, 'utf8');
    texts.set(file.slice(0, -'.rq'.length), text.split(/\r?\n/).filter((l) => !l.startsWith('#+')).join('\n').trim());
  }
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
  it('loads YASGUI from our own origin and shows every query of queries/ as a tab', async () => {
    const files = await queryFiles();
    expect(files.size).toBeGreaterThan(0);
    const tabNames = (await page.locator('.tabsList .tab a').allTextContents()).map((t) => t.replace('✖', '').trim());
    expect(tabNames).toEqual([...files.keys()]);
    expect(requests).toContain(`${address}/sparql/yasgui/yasgui.min.js`);
    expect(requests).toContain(`${address}/sparql/yasgui/yasgui.min.css`);

    // The first tab is open and holds its file's query; another tab holds its own.
    const [first, second] = [...files.keys()];
    expect(await editorText()).toContain(files.get(first!)!);
    await page.locator('.tabsList .tab a', { hasText: second! }).click();
    await page.locator('.tabPanel.active .CodeMirror').waitFor();
    expect(await editorText()).toContain(files.get(second!)!);
    expectCleanPage();
  });

  it("runs the client's example (cities in IASH and Cities4Refugees) and shows Berlin in the result table", async () => {
    await setEditorText(`PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?city ?label WHERE {
  ?city org:memberOf <${baseIri}id/network/iash>, <${baseIri}id/project/cities4refugees> ;
        rdfs:label ?label .
  FILTER (lang(?label) = "en")
}`);
    await page.locator('.tabPanel.active .yasqe_queryButton').click();
    const rows = page.locator('.tabPanel.active .yasr table tbody tr');
    await rows.first().waitFor();
    const table = await rows.allTextContents();
    expect(table.some((row) => row.includes(`${baseIri}id/city/berlin`) && row.includes('Berlin'))).toBe(true);

    // The table agrees with the REST API's answer to the same question.
    const api = await app.inject({ url: '/api/cities?memberOf=iash&memberOf=cities4refugees', headers: { accept: 'application/json' } });
    expect(api.statusCode).toBe(200);
    const ids = (api.json() as Array<{ id: string }>).map((city) => city.id);
    expect(table).toHaveLength(ids.length);
    for (const id of ids) expect(table.some((row) => row.includes(id))).toBe(true);
    expectCleanPage();
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
