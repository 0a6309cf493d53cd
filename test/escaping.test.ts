// A hostile label goes through every page type (resource, index, ontology, home, catalogue, explore, editor, docs) and comes out as text.
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { loadConfig } from '../src/config.js';
import { buildServer } from '../src/server.js';
import { launchChromium, reportSkippedBrowserTests, skipBrowserTests } from './support/chromium.js';
import { freePort } from './support/net.js';

reportSkippedBrowserTests('test/escaping.test.ts');

/** Both attacks in one value: a script element, and a quote that would end an attribute and open an element. */
const payload = `<script>alert(1)</script>"'><img src=x onerror=alert(1)>`;
/** The payload as HTML text: what a page shows when it escapes it. */
const asHtmlText = payload.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
/** The payload inside a JSON script block, where `<` and `>` must be \u escapes so nothing ends the block. */
const asScriptJson = JSON.stringify(payload).slice(1, -1).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
/** A Turtle or YAML double-quoted string: JSON's escapes are valid in both. */
const quoted = JSON.stringify(payload);

const fixtures = fileURLToPath(new URL('./fixtures/linked-data/', import.meta.url));
let dir: string;
let app: FastifyInstance;
let address: string;

/** The linked-data fixture (with its own hostile values in 001-tricky.trig) plus the payload as label and title everywhere a page reads one. */
async function writeFixture(): Promise<void> {
  await cp(`${fixtures}data`, `${dir}/data`, { recursive: true });
  await cp(`${fixtures}ontology`, `${dir}/ontology`, { recursive: true });
  await writeFile(
    `${dir}/data/003-payload.trig`,
    `@prefix src: <id/source/> . @prefix network: <id/network/> . @prefix city: <id/city/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix org: <http://www.w3.org/ns/org#> .
@prefix prov: <http://www.w3.org/ns/prov#> . @prefix dct: <http://purl.org/dc/terms/> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .
src:payload {
  src:payload a foaf:Document , prov:Entity ; dct:title ${quoted}@de , ${quoted}@en ; rdfs:label ${quoted}@de , ${quoted}@en .
  network:payload a org:Organization ; rdfs:label ${quoted}@en , ${quoted}@de ; prov:wasDerivedFrom src:payload .
  city:berlin org:memberOf network:payload .
}
`,
  );
  await writeFile(
    `${dir}/ontology/payload.ttl`,
    `@prefix cn: <def/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
cn:Payload a owl:Class ; rdfs:label ${quoted}@en , ${quoted}@de ; rdfs:isDefinedBy cn: .
`,
  );
  await mkdir(`${dir}/queries/examples`, { recursive: true });
  await writeFile(
    `${dir}/queries/payload.rq`,
    `#+ summary: ${quoted}
#+ description: ${quoted}
#+ tags: [test]
#+ fields:
#+   id: { type: iri, property: "@id", description: "The organisation" }
#+   label: { type: text, property: rdfs:label, description: "Its name" }
#+ example: {}
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?id ?label WHERE { ?id a <http://www.w3.org/ns/org#Organization> ; rdfs:label ?label . }
`,
  );
  await writeFile(`${dir}/queries/examples/1-payload.rq`, `# ${payload}\nSELECT ?s WHERE { ?s ?p ?o } LIMIT 1\n`);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'escaping-'));
  await writeFixture();
  // The base IRI is the address a browser uses, so the pages' links and scripts stay on this server.
  const port = await freePort();
  address = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    BASE_IRI: `${address}/`,
    DATA_DIR: `${dir}/data`,
    ONTOLOGY_DIR: `${dir}/ontology`,
    QUERIES_DIR: `${dir}/queries`,
    SHAPES_DIR: 'none',
    LOG_LEVEL: 'silent',
  });
  app = await buildServer(config);
  await app.listen({ port, host: '127.0.0.1' });
}, 60_000);

afterAll(async () => {
  await app?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Every page type, in both languages where it has them; `shows` is how the payload must appear in the HTML. */
const pages: ReadonlyArray<readonly [string, string, string]> = [
  ['resource', '/doc/network/payload', asHtmlText],
  ['index', '/doc/network/', asHtmlText],
  ['ontology', '/doc/def/', asHtmlText],
  ['ontology term', '/doc/def/Payload', asHtmlText],
  ['home', '/', asHtmlText],
  ['catalogue', '/dataset', asHtmlText],
  ['explore', '/explore', asHtmlText],
  // The editor gets its example queries as JSON in a script block; YASGUI shows them as text.
  ['sparql editor', '/sparql', asScriptJson],
];

describe.each(pages)('the %s page (%s)', (_name, url, shows) => {
  it.each(['en', 'de'])('shows the payload escaped, never as markup (lang=%s)', async (lang) => {
    const response = await app.inject({ url: `${url}?lang=${lang}`, headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(shows);
    expect(response.body).not.toContain('<script>alert(1)</script>');
    expect(response.body).not.toContain('<img src=x onerror=alert(1)>');
  });
});

it('the API documentation receives the payload as JSON data, not as markup', async () => {
  const response = await app.inject({ url: '/openapi.json' });
  expect(response.statusCode).toBe(200);
  const document = response.json() as { paths: Record<string, { get: { summary: string } }> };
  expect(document.paths['/api/payload']!.get.summary).toBe(payload);
  const docs = await app.inject({ url: '/docs/' });
  expect(docs.statusCode).toBe(200);
  expect(docs.body).not.toContain('onerror=alert(1)');
});

describe.skipIf(skipBrowserTests)('in a browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it.each([...pages.map(([name, url]) => [name, url] as const), ['docs', '/docs/'] as const])(
    'the %s page shows the payload as text and runs none of it',
    async (_name, url) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      try {
        await page.goto(`${address}${url}`, { waitUntil: 'load' });
        // Swagger UI and YASGUI render after load: wait until the payload is on screen as text.
        await page.waitForFunction((text) => document.body.innerText.includes(text), payload, { timeout: 15_000 });
        expect(await page.locator('img[src="x"]').count()).toBe(0);
        const scripts = await page.locator('script').evaluateAll((nodes) => nodes.map((n) => n.textContent ?? ''));
        expect(scripts.filter((s) => s.trim() === 'alert(1)')).toEqual([]);
        expect(dialogs).toEqual([]);
      } finally {
        await context.close();
      }
    },
    30_000,
  );
});
