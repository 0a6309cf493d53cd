// `npm run screenshots`: every page type at 1280 and 390 px wide, as PNG files in screenshots/ (git-ignored), to look at.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.js';
import { buildServer } from '../src/server.js';
import { launchChromium } from './support/chromium.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}screenshots`;

/** One page of each type, named for the file. */
export const pageTypes: Array<[string, string]> = [
  ['home', '/'],
  ['home-de', '/?lang=de'],
  ['resource-city', '/doc/city/berlin'],
  ['resource-network', '/doc/network/eurocities'],
  ['resource-event', '/doc/event/c4r-online-meeting-2023'],
  ['index', '/doc/city/'],
  ['explore', '/explore'],
  ['sparql', '/sparql'],
  ['docs', '/docs'],
  ['catalogue', '/dataset'],
];

const app = await buildServer(
  loadConfig({ DATA_DIR: `${root}data`, ONTOLOGY_DIR: `${root}ontology`, QUERIES_DIR: `${root}queries`, SHAPES_DIR: 'none', LOG_LEVEL: 'silent' }),
);
const address = await app.listen({ port: 0, host: '127.0.0.1' });
const browser = await launchChromium();
try {
  await mkdir(out, { recursive: true });
  const only = process.argv.slice(2);
  for (const width of [1280, 390]) {
    const context = await browser.newContext({ viewport: { width, height: width > 500 ? 900 : 844 } });
    const page = await context.newPage();
    for (const [name, path] of pageTypes) {
      if (only.length > 0 && !only.includes(name)) continue;
      await page.goto(`${address}${path}`, { waitUntil: 'networkidle' });
      await page.waitForTimeout(300);
      const file = `${out}/${name}-${width}.png`;
      await page.screenshot({ path: file, fullPage: true });
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      console.log(`${file} (scrollWidth ${scrollWidth})`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await app.close();
}
