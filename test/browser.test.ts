// End to end in headless Chromium over a real port: Berlin's page links EUROCITIES, whose page lists Berlin among its incoming links.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { loadConfig } from '../src/config.js';
import { buildServer } from '../src/server.js';
import { launchChromium, reportSkippedBrowserTests, skipBrowserTests } from './support/chromium.js';
import { freePort } from './support/net.js';

const root = fileURLToPath(new URL('..', import.meta.url));

let app: FastifyInstance;
let browser: Browser;
let address: string;

beforeAll(async () => {
  // The base IRI must be the address the browser uses, since thing IRIs redirect to absolute document URLs.
  const port = await freePort();
  address = `http://127.0.0.1:${port}`;
  app = await buildServer(
    loadConfig({
      BASE_IRI: `${address}/`,
      DATA_DIR: `${root}data`,
      ONTOLOGY_DIR: `${root}ontology`,
      QUERIES_DIR: `${root}test/fixtures/linked-data/queries`,
      SHAPES_DIR: 'none',
      LOG_LEVEL: 'silent',
    }),
  );
  await app.listen({ port, host: '127.0.0.1' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

reportSkippedBrowserTests('test/browser.test.ts');

describe.skipIf(skipBrowserTests)('browsing the linked data in Chromium', () => {
  it('goes from Berlin to EUROCITIES and sees Berlin linked back', async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    // The thing IRI answers 303; the browser follows it to the HTML document.
    const response = await page.goto(`${address}/id/city/berlin`);
    expect(response?.status()).toBe(200);
    expect(page.url()).toBe(`${address}/doc/city/berlin`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Berlin');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    const memberOfRow = page.locator('section[aria-labelledby="relations"] tr', { hasText: 'member of' });
    const eurocities = memberOfRow.getByRole('link', { name: 'EUROCITIES', exact: true });
    await expect(eurocities.count()).resolves.toBe(1);
    await eurocities.click();
    await page.waitForURL(`${address}/doc/network/eurocities`);
    await expect(page.locator('h1').textContent()).resolves.toBe('EUROCITIES');

    const incoming = page.locator('section[aria-labelledby="incoming"]');
    const members = incoming.locator('tr', { hasText: 'members' });
    await expect(members.getByRole('link', { name: 'Berlin', exact: true }).count()).resolves.toBe(1);
    await page.close();
  });
});
