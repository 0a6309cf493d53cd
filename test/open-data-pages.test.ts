// The home and catalogue pages on a graph with hostile source titles (every text escaped, the licence named once), the sitemap, and odd download requests.
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../src/config.js';
import { buildServer } from '../src/server.js';

const fixtures = fileURLToPath(new URL('./fixtures/linked-data/', import.meta.url));
let app: FastifyInstance;

beforeAll(async () => {
  app = await buildServer(
    loadConfig({ DATA_DIR: `${fixtures}data`, ONTOLOGY_DIR: `${fixtures}ontology`, QUERIES_DIR: `${fixtures}queries`, SHAPES_DIR: 'none', LOG_LEVEL: 'silent' }),
  );
});
afterAll(async () => app?.close());

const page = async (url: string) => {
  const response = await app.inject({ url, headers: { accept: 'text/html' } });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toMatch(/^text\/html/);
  return response.body;
};

describe.each(['/', '/?lang=de', '/dataset', '/dataset?lang=de'])('%s', (url) => {
  it('shows the hostile source title as text, in the page and in its JSON-LD', async () => {
    const html = await page(url);
    // The fixture's source 001 is titled "Knifflige Werte <b>fett</b>".
    expect(html).not.toContain('<b>fett</b>');
    expect(html).toContain('Knifflige Werte &lt;b&gt;fett&lt;/b&gt;');
    const scripts = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
    expect(html.match(/<script/g)?.length ?? 0).toBe(scripts.length);
    for (const [, json] of scripts) expect(JSON.stringify(JSON.parse(json!))).toContain('Knifflige Werte <b>fett</b>');
  });

  it('names the licence once, as a link, and then asks for credit', async () => {
    const html = await page(url);
    expect(html.match(/CC BY 4\.0/g)).toHaveLength(1);
    expect(html).toMatch(/<a href="https?:\/\/creativecommons\.org\/licenses\/by\/4\.0\/">CC BY 4\.0<\/a>/);
    expect(html).toMatch(/credit this dataset and its sources|nennen Sie bei der Weiterverwendung diesen Datensatz/);
  });
});

describe('sitemap.xml', () => {
  it('lists pages that answer 200 HTML, never a redirect, including the ontology and its terms', async () => {
    const response = await app.inject({ url: '/sitemap.xml' });
    expect(response.body).not.toMatch(/&(?!amp;|lt;|gt;|quot;|#39;)/);
    const locs = [...response.body.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]!);
    expect(locs).toEqual(expect.arrayContaining(['http://localhost:3000/doc/def/', 'http://localhost:3000/doc/def/Network', 'http://localhost:3000/doc/city/']));
    const failures: string[] = [];
    for (const loc of locs) {
      const page = await app.inject({ url: new URL(loc).pathname, headers: { accept: 'text/html' } });
      if (page.statusCode !== 200 || !String(page.headers['content-type']).startsWith('text/html')) failures.push(`${loc}: ${page.statusCode}`);
    }
    expect(failures).toEqual([]);
  });
});

describe.each([
  // [file, Accept-Encoding, Range, gzip-encoded?]
  ['dataset.ttl', undefined, undefined, false],
  ['dataset.ttl', 'gzip', undefined, true],
  ['dataset.ttl', 'GZIP;q=1', undefined, true],
  ['dataset.ttl', 'gzip;q=0', undefined, false],
  ['dataset.ttl', 'br', undefined, false],
  ['dataset.ttl', 'x-gzip, garbage;;;', undefined, false],
  ['dataset.ttl', '*', undefined, true],
  ['dataset.ttl', undefined, 'bytes=0-9', false],
  ['dataset.ttl', 'gzip', 'bytes=-10', true],
  ['dataset.jsonld', undefined, 'bytes=999999999-', false],
  ['dataset.trig', undefined, 'items=abc', false],
  ['dataset.nq.gz', 'gzip', 'bytes=0-0', false],
])('GET /download/%s (Accept-Encoding: %s, Range: %s)', (file, encoding, range, gzipped) => {
  it('answers 200 with the whole file, its length and its checksum', async () => {
    const headers: Record<string, string> = {};
    if (encoding !== undefined) headers['accept-encoding'] = encoding;
    if (range !== undefined) headers.range = range;
    const plain = await app.inject({ url: `/download/${file}` });
    const response = await app.inject({ url: `/download/${file}`, headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['accept-ranges']).toBe('none');
    expect(Number(response.headers['content-length'])).toBe(response.rawPayload.length);
    expect(response.headers['content-encoding']).toBe(gzipped ? 'gzip' : undefined);
    const entity = gzipped ? gunzipSync(response.rawPayload) : response.rawPayload;
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(sha(entity)).toBe(sha(plain.rawPayload));
    const head = await app.inject({ method: 'HEAD', url: `/download/${file}`, headers });
    for (const name of ['content-type', 'content-length', 'content-encoding', 'etag', 'accept-ranges']) expect(head.headers[name], name).toBe(response.headers[name]);
  });
});
