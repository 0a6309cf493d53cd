// Two store-mode replicas over one Virtuoso serve the same bytes and validators (/doc in every format, catalogue, VoID, sitemap, dumps and checksums), and a new store:load reaches both.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { Parser } from 'n3';
import { loadConfig } from '../../src/config.js';
import { buildServer } from '../../src/server.js';
import { html, rdfTypes } from '../../src/rdf/media-types.js';
import { ns } from '../../src/rdf/namespaces.js';
import { startVirtuoso, virtuosoInstalled, type Virtuoso } from '../support/virtuoso.js';

const installed = virtuosoInstalled();
// CI installs Virtuoso and sets REQUIRE_VIRTUOSO=1: there a missing binary fails the suite instead of skipping it.
if (!installed && process.env.REQUIRE_VIRTUOSO === '1') throw new Error('REQUIRE_VIRTUOSO=1 but /usr/bin/virtuoso-t or /usr/bin/isql-vt is missing.');
if (!installed) console.warn('replicas-agree.store.ts SKIPPED: /usr/bin/virtuoso-t and /usr/bin/isql-vt are missing (apt-get install virtuoso-opensource-7-bin).');

const quiet = { LOG_LEVEL: 'silent', QUERY_WORKERS: '1', API_QUERY_WORKERS: '0' };
let virtuoso: Virtuoso;
const replicas: FastifyInstance[] = [];

/** `npm run store:load` as an operator runs it, against the test store's /sparql-auth (updates need its administrator). */
function storeLoad(env: Record<string, string> = {}) {
  const all = { ...process.env, ...quiet, STORE: 'sparql', STORE_QUERY_URL: `${virtuoso.endpoint}-auth`, STORE_USER: 'dba', STORE_PASSWORD: 'dba', ...env };
  return promisify(execFile)('npm', ['run', '--silent', 'store:load'], { env: all });
}

/** The headers a cache or a client compares; Date and the connection's own headers may differ. */
const compared = ['etag', 'last-modified', 'content-type', 'content-length', 'content-language', 'content-location', 'link', 'vary', 'cache-control', 'content-encoding'];

/** Asks both replicas the same request and checks they answer it alike, byte for byte; returns replica A's answer. */
async function agreeOn(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  const [a, b] = await Promise.all(replicas.map((replica) => replica.inject({ url, headers })));
  expect(a!.statusCode, `${url} ${a!.body.slice(0, 300)}`).toBe(200);
  expect(b!.statusCode).toBe(a!.statusCode);
  expect(a!.headers.etag, `${url} has an ETag`).toBeDefined();
  for (const name of compared) expect(b!.headers[name], `${url}: ${name}`).toEqual(a!.headers[name]);
  expect(b!.rawPayload.equals(a!.rawPayload), `${url}: the same bytes`).toBe(true);
  // A cache in front of the replicas revalidates with either replica: B confirms A's ETag.
  const revalidated = await replicas[1]!.inject({ url, headers: { ...headers, 'if-none-match': String(a!.headers.etag) } });
  expect(revalidated.statusCode, `${url}: B answers A's ETag with 304`).toBe(304);
  return a!;
}

const rdfFormats = Object.values(rdfTypes).filter((type) => !('dataset' in type)).map((type) => type.type);
const docs = ['/doc/city/berlin', '/doc/network/eurocities', '/doc/city/', '/doc/def/'];

describe.skipIf(!installed)('two store-mode replicas', () => {
  beforeAll(async () => {
    virtuoso = await startVirtuoso();
    await storeLoad();
    for (let i = 0; i < 2; i++) replicas.push(await buildServer(loadConfig({ ...quiet, STORE: 'sparql', STORE_QUERY_URL: virtuoso.endpoint })));
  }, 180_000);

  afterAll(async () => {
    for (const replica of replicas) await replica.close();
    await virtuoso?.stop();
  });

  const cases = docs.flatMap((url) => [...rdfFormats.map((accept) => [url, accept]), [url, html.type]]);
  it.each(cases)('serve %s as %s with the same bytes and validators', async (url, accept) => {
    await agreeOn(url, { accept, 'accept-language': 'de' });
  });

  it.each([
    ['/dataset', html.type],
    ...rdfFormats.map((accept) => ['/dataset', accept]),
    ...rdfFormats.map((accept) => ['/.well-known/void', accept]),
    ['/sitemap.xml', 'application/xml'],
    ['/', html.type],
  ])('serve the catalogue and release documents alike: %s as %s', async (url, accept) => {
    await agreeOn(url, { accept });
  });

  it('serve every dump with the same bytes, each matching the checksum both catalogues publish', async () => {
    const catalogue = new Parser({ format: 'application/n-triples' }).parse((await agreeOn('/dataset', { accept: 'application/n-triples' })).body);
    const downloads = catalogue.filter((q) => q.predicate.equals(ns.dcat('downloadURL')));
    expect(downloads.length).toBeGreaterThan(0);
    for (const download of downloads) {
      const distribution = download.subject;
      const checksum = catalogue.find((q) => q.subject.equals(distribution) && q.predicate.equals(ns.spdx('checksum')))?.object;
      const expected = catalogue.find((q) => checksum && q.subject.equals(checksum) && q.predicate.equals(ns.spdx('checksumValue')))?.object.value;
      expect(expected, `${download.object.value} has a checksum`).toMatch(/^[0-9a-f]{64}$/);
      const url = new URL(download.object.value).pathname;
      const plain = await agreeOn(url, { 'accept-encoding': 'identity' });
      expect(createHash('sha256').update(plain.rawPayload).digest('hex'), url).toBe(expected);
      await agreeOn(url, { 'accept-encoding': 'gzip' });
    }
  });

  it('both take up a new store:load within seconds: new version, new ETag, the new statement, still alike', async () => {
    const before = await agreeOn('/doc/city/berlin', { accept: 'text/turtle' });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'store-reload-'));
    try {
      await cp('data', dir, { recursive: true });
      await writeFile(path.join(dir, '999-added.trig'), '<id/source/eurocities> { <id/city/berlin> <http://www.w3.org/2004/02/skos/core#altLabel> "Spree-Athen"@de, "Spree-Athens"@en . }\n');
      await storeLoad({ DATA_DIR: dir });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const until = Date.now() + 15_000;
    const changed = async () => (await Promise.all(replicas.map((r) => r.inject({ url: '/doc/city/berlin', headers: { accept: 'text/turtle' } })))).every((r) => r.body.includes('Spree-Athen'));
    while (!(await changed())) {
      if (Date.now() > until) throw new Error('the replicas still serve the previous graph 15 s after store:load');
      await new Promise((r) => setTimeout(r, 250));
    }
    const after = await agreeOn('/doc/city/berlin', { accept: 'text/turtle' });
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const versions = await Promise.all(replicas.map(async (r) => (JSON.parse((await r.inject({ url: '/health' })).body) as { version: string }).version));
    expect(versions[1]).toBe(versions[0]);
  }, 120_000);

  it('refuse a load Virtuoso cannot hold as written (0 and false are one value to it), and keep serving the loaded graph', async () => {
    const version = async () => (JSON.parse((await replicas[0]!.inject({ url: '/health' })).body) as { version: string }).version;
    const before = await version();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'store-collapse-'));
    try {
      await cp('data', dir, { recursive: true });
      const xsd = 'http://www.w3.org/2001/XMLSchema#';
      await writeFile(path.join(dir, '999-values.trig'), `<id/source/eurocities> { <id/city/berlin> <http://example.org/x> "0"^^<${xsd}integer>, "false"^^<${xsd}boolean> . }\n`);
      // No shapes: the store's refusal is under test, not the SHACL gate's.
      const failed = await storeLoad({ DATA_DIR: dir, SHAPES_DIR: 'none' }).then(() => undefined, (error: { code: number; stderr: string }) => error);
      expect(failed?.code).toBe(1);
      expect(failed?.stderr).toMatch(/nothing was switched/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    await new Promise((r) => setTimeout(r, 1500));
    expect(await version()).toBe(before);
    await agreeOn('/doc/city/berlin', { accept: 'text/turtle' });
  }, 120_000);
});
