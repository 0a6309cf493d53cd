// Search engines find both language versions of every HTML page: hreflang links, the sitemap's alternates, schema.org on /dataset.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../src/server.js';
import { fixtureConfig } from './support/open-data.js';

const config = fixtureConfig();
const base = config.baseIri;
let app: FastifyInstance;
beforeAll(async () => {
  app = await buildServer(config);
});
afterAll(async () => {
  await app.close();
});

/** hreflang → href of the page's `<link rel="alternate" hreflang>` elements. */
function hreflangs(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/g)) out[m[1]!] = m[2]!.replace(/&amp;/g, '&');
  return out;
}

describe('every HTML page names its language versions', () => {
  it.each([
    ['/lod/', `${base}`],
    ['/lod/dataset', `${base}dataset`],
    ['/lod/doc/city/berlin', `${base}doc/city/berlin`],
    ['/lod/doc/city/', `${base}doc/city/`],
  ])('%s', async (path, plain) => {
    for (const lang of ['en', 'de']) {
      const response = await app.inject({ url: `${path}?lang=${lang}`, headers: { accept: 'text/html' } });
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain(`<html lang="${lang}">`);
      // Both language versions name the same alternates.
      expect(hreflangs(response.body)).toEqual({ en: plain, de: `${plain}?lang=de`, 'x-default': plain });
    }
    // The German alternate answers in German even to a reader whose browser prefers English.
    const german = await app.inject({ url: `${new URL(plain).pathname}?lang=de`, headers: { accept: 'text/html', 'accept-language': 'en' } });
    expect(german.body).toContain('<html lang="de">');
  });

  it('the SPARQL editor, in English only, says so', async () => {
    const response = await app.inject({ url: '/lod/sparql', headers: { accept: 'text/html', host: 'example.org' } });
    expect(response.statusCode).toBe(200);
    const links = hreflangs(response.body);
    expect(Object.keys(links).sort()).toEqual(['en', 'x-default']);
  });
});

describe('the sitemap lists German URLs with xhtml:link alternates', () => {
  it('has an English and a German entry per page, each naming both', async () => {
    const xml = (await app.inject({ url: '/lod/sitemap.xml' })).body;
    expect(xml).toContain('xmlns:xhtml="http://www.w3.org/1999/xhtml"');
    const entries = [...xml.matchAll(/<url><loc>([^<]+)<\/loc>.*?<\/url>/g)];
    const locs = entries.map((m) => m[1]!.replace(/&amp;/g, '&'));
    expect(locs).toContain(`${base}doc/city/berlin`);
    expect(locs).toContain(`${base}doc/city/berlin?lang=de`);
    expect(locs).toContain(`${base}dataset?lang=de`);
    for (const [entry] of entries) {
      const alternates = Object.fromEntries([...entry.matchAll(/hreflang="([^"]+)" href="([^"]+)"/g)].map((m) => [m[1], m[2]!.replace(/&amp;/g, '&')]));
      expect(Object.keys(alternates).sort()).toEqual(['de', 'en', 'x-default']);
      expect(alternates.de).toBe(`${alternates.en}?lang=de`);
    }
  });
});

describe('/dataset as HTML carries the schema.org Dataset, as the home page does', () => {
  const dataset = (html: string) => {
    const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);
    return blocks.find((b) => b['@type'] === 'Dataset');
  };
  it('with the same name, licence and distributions', async () => {
    const home = dataset((await app.inject({ url: '/lod/', headers: { accept: 'text/html' } })).body);
    const catalogue = dataset((await app.inject({ url: '/lod/dataset', headers: { accept: 'text/html' } })).body);
    expect(catalogue).toBeDefined();
    expect(catalogue).toEqual(home);
    expect(catalogue!.license).toBe(config.datasetLicense);
  });
});
