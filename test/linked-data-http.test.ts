// HTTP behaviour of dereferenceable IRIs on a fixture graph: 303s, negotiation, suffixes, headers, caching, paging, errors, escaping.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Parser, type Quad } from 'n3';
import { loadConfig } from '../src/config.js';
import { buildServer } from '../src/server.js';

const fixtures = fileURLToPath(new URL('./fixtures/linked-data/', import.meta.url));
const base = 'http://localhost:3000/';
let app: FastifyInstance;

beforeAll(async () => {
  // The fixture has no canned queries: an empty QUERIES_DIR keeps the REST API out of this test.
  const config = loadConfig({
    DATA_DIR: `${fixtures}data`,
    ONTOLOGY_DIR: `${fixtures}ontology`,
    QUERIES_DIR: `${fixtures}queries`,
    SHAPES_DIR: 'none',
    LOG_LEVEL: 'silent',
  });
  app = await buildServer(config);
});
afterAll(async () => app?.close());

const browser = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe.each([
  // [path, Accept, status, Content-Type prefix]
  ['/doc/city/berlin', 'text/turtle', 200, 'text/turtle'],
  ['/doc/city/berlin', 'application/n-triples', 200, 'application/n-triples'],
  ['/doc/city/berlin', 'application/ld+json', 200, 'application/ld+json'],
  ['/doc/city/berlin', 'application/trig', 200, 'application/trig'],
  ['/doc/city/berlin', 'application/n-quads', 200, 'application/n-quads'],
  ['/doc/city/berlin', 'application/rdf+xml', 200, 'application/rdf+xml'],
  ['/doc/city/berlin.rdf', 'text/html', 200, 'application/rdf+xml'],
  ['/doc/network/evil.rdf', '', 200, 'application/rdf+xml'],
  ['/doc/city/berlin', 'text/html', 200, 'text/html'],
  ['/doc/city/berlin', browser, 200, 'text/html'],
  ['/doc/city/berlin', '*/*', 200, 'text/turtle'],
  ['/doc/city/berlin', 'application/ld+json;q=0.5, text/turtle;q=0.9', 200, 'text/turtle'],
  ['/doc/city/berlin.ttl', 'application/ld+json', 200, 'text/turtle'],
  ['/doc/city/berlin.nt', '', 200, 'application/n-triples'],
  ['/doc/city/berlin.jsonld', '', 200, 'application/ld+json'],
  ['/doc/city/berlin.html', 'text/turtle', 200, 'text/html'],
  ['/doc/city/berlin.trig', '', 200, 'application/trig'],
  ['/doc/city/berlin.nq', '', 200, 'application/n-quads'],
  ['/doc/city/berlin?format=jsonld', 'text/html', 200, 'application/ld+json'],
  ['/doc/city/', 'text/turtle', 200, 'text/turtle'],
  ['/doc/city/', 'text/html', 200, 'text/html'],
  ['/doc/city/index.jsonld', '', 200, 'application/ld+json'],
  ['/doc/person/', 'text/html', 200, 'text/html'],
  ['/doc/def/', 'text/turtle', 200, 'text/turtle'],
  ['/doc/def/', 'text/html', 200, 'text/html'],
  ['/doc/def/index.nt', '', 200, 'application/n-triples'],
  ['/doc/def/Network', 'application/ld+json', 200, 'application/ld+json'],
  ['/doc/def/role', 'text/html', 200, 'text/html'],
  ['/doc/def/role/deputy-chair.ttl', '', 200, 'text/turtle'],
  ['/context.jsonld', '', 200, 'application/ld+json'],
  // Media-type parameters only refine a type we serve: JSON-LD clients send a profile, old browsers a level.
  ['/doc/city/berlin', 'application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted"', 200, 'application/ld+json'],
  ['/doc/city/berlin', 'text/html;level=1', 200, 'text/html'],
  ['/doc/city/berlin', 'text/turtle;charset=utf-8;q=0.9, application/ld+json;q=0.5', 200, 'text/turtle'],
  ['/doc/city/berlin', 'text/turtle;q=0, */*;q=0.1', 200, 'application/ld+json'],
  // Plain JSON asked where only JSON-LD is on offer: JSON-LD is JSON.
  ['/doc/city/berlin', 'application/json', 200, 'application/ld+json'],
  ['/doc/city/', 'application/json', 200, 'application/ld+json'],
  // errors
  ['/doc/city/berlin', 'image/png', 406, 'application/problem+json'],
  ['/doc/city/berlin?format=pdf', '', 400, 'application/problem+json'],
  ['/doc/city/berlin?lang=fr', 'text/html', 400, 'application/problem+json'],
  ['/doc/city/berlin?page=0', 'text/turtle', 400, 'application/problem+json'],
  ['/doc/city/berlin?page=2', 'text/turtle', 404, 'application/problem+json'],
  ['/doc/city/berlin?page=2', browser, 404, 'text/html'],
  ['/doc/network/big?page=3', browser, 404, 'text/html'],
  ['/doc/city/atlantis', 'text/turtle', 404, 'application/problem+json'],
  ['/doc/city/atlantis', '', 404, 'application/problem+json'],
  ['/doc/city/atlantis', browser, 404, 'text/html'],
  ['/id/city/atlantis', 'text/turtle', 404, 'application/problem+json'],
  ['/id/city/atlantis', browser, 404, 'text/html'],
  ['/doc/planet/', 'text/turtle', 404, 'application/problem+json'],
  ['/doc/def/Nothing', 'text/turtle', 404, 'application/problem+json'],
  ['/doc/city/berlin.exe', 'text/turtle', 404, 'application/problem+json'],
  ['/doc/city/%2e%2e%2f%2e%2e%2fpackage.json', '', 404, 'application/problem+json'],
  ['/doc/city/..%2f..%2fpackage.json', '', 404, 'application/problem+json'],
  ['/doc/%2e%2e/%2e%2e/package.json', '', 404, 'application/problem+json'],
  ['/doc/city%2fberlin', '', 404, 'application/problem+json'],
  ['/id/city/berlin%2f..', '', 404, 'application/problem+json'],
  ['/doc/city/.ttl', '', 404, 'application/problem+json'],
  ['/doc/city//berlin', '', 404, 'application/problem+json'],
])('GET %s (Accept: %s)', (path, accept, status, type) => {
  it(`answers ${status} ${type}`, async () => {
    const response = await app.inject({ url: path, headers: accept ? { accept } : {} });
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(new RegExp(`^${type.replace(/[+.]/g, '\\$&')}`));
    if (status >= 400 && type === 'application/problem+json') expect(response.json()).toMatchObject({ status });
    if (status === 200 && ['text/turtle', 'application/n-triples', 'application/trig', 'application/n-quads'].includes(type)) {
      expect(new Parser({ format: type }).parse(response.body).length).toBeGreaterThan(0);
    }
  });
});

describe.each([
  ['/id/city/berlin', `${base}doc/city/berlin`],
  ['/id/network/eurocities?lang=de', `${base}doc/network/eurocities?lang=de`],
  ['/id/city/', `${base}doc/city/`],
  ['/def/', `${base}doc/def/`],
  ['/def/Network', `${base}doc/def/Network`],
  ['/def/role', `${base}doc/def/role`],
  ['/def/role/deputy-chair', `${base}doc/def/role/deputy-chair`],
])('thing IRI %s', (path, location) => {
  it('answers 303 See Other to its document', async () => {
    const response = await app.inject({ url: path, headers: { accept: 'text/turtle' } });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(location);
  });
});

describe.each([
  ['/id/city', `${base}id/city/`],
  ['/id/network?lang=de', `${base}id/network/?lang=de`],
  ['/doc/city', `${base}doc/city/`],
])('index IRI without its slash %s', (path, location) => {
  it('answers 301 to the index', async () => {
    const response = await app.inject({ url: path, headers: { accept: 'text/turtle' } });
    expect(response.statusCode).toBe(301);
    expect(response.headers.location).toBe(location);
  });
});

describe('an unknown kind without its slash', () => {
  it('stays 404', async () => {
    const response = await app.inject({ url: '/id/no-such-kind', headers: { accept: 'text/turtle' } });
    expect(response.statusCode).toBe(404);
    expect(response.headers.location).toBeUndefined();
  });
});

describe('methods other than GET and HEAD', () => {
  // Where a GET answers, the method is what is wrong: 405. Where a GET answers 404, so do they: "use GET"
  // would only lead to another 404.
  const existing = ['/id/city/berlin', '/id/city/', '/id/city', '/def/', '/def/Network', '/doc/city/berlin', '/doc/city/berlin.ttl', '/doc/city/', '/doc/def/'];
  const missing = ['/id/city/nowhere', '/id/no-such-kind/', '/doc/city/nowhere', '/def/NoSuchTerm'];
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH'] as const) {
    it(`${method} answers 405 with Allow: GET, HEAD on what exists`, async () => {
      for (const url of existing) {
        const response = await app.inject({ method, url, headers: { 'content-type': 'application/json' }, payload: '{' });
        expect(response.statusCode, `${method} ${url}`).toBe(405);
        expect(response.headers.allow).toBe('GET, HEAD');
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.json()).toMatchObject({ status: 405, code: 'METHOD_NOT_ALLOWED' });
      }
    });
    it(`${method} answers 404 on what does not exist`, async () => {
      for (const url of missing) {
        const response = await app.inject({ method, url, headers: { 'content-type': 'application/json' }, payload: '{' });
        expect(response.statusCode, `${method} ${url}`).toBe(404);
        expect(response.headers.allow).toBeUndefined();
      }
    });
  }
});

describe('negotiation headers', () => {
  it('a negotiated document says what varies, where this format lives, and links every other format', async () => {
    const response = await app.inject({ url: '/doc/city/berlin', headers: { accept: 'text/turtle' } });
    expect(response.headers.vary).toMatch(/Accept/);
    expect(response.headers['content-location']).toBe(`${base}doc/city/berlin.ttl`);
    const link = String(response.headers.link);
    for (const [suffix, type] of [['jsonld', 'application/ld+json'], ['nt', 'application/n-triples'], ['html', 'text/html'], ['rdf', 'application/rdf+xml'], ['trig', 'application/trig'], ['nq', 'application/n-quads']]) {
      expect(link).toContain(`<${base}doc/city/berlin.${suffix}>; rel="alternate"; type="${type}"`);
    }
    expect(link).not.toContain('type="text/turtle"');
    expect(link).toContain(`<${base}id/city/berlin>; rel="describes"`);
  });

  it('JSON-LD announces the published context', async () => {
    const response = await app.inject({ url: '/doc/city/berlin', headers: { accept: 'application/ld+json' } });
    expect(response.headers.link).toContain(`<${base}context.jsonld>; rel="http://www.w3.org/ns/json-ld#context"`);
    expect(response.json()['@context']).toBe(`${base}context.jsonld`);
  });

  it('the context is served with an ETag and answers 304 to it', async () => {
    const first = await app.inject({ url: '/context.jsonld' });
    expect(first.json()['@context'].label).toEqual({ '@id': 'rdfs:label', '@container': '@language' });
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    const second = await app.inject({ url: '/context.jsonld', headers: { 'if-none-match': etag } });
    expect(second.statusCode).toBe(304);
  });
});

describe('HTTP caching', () => {
  it('sends ETag, Last-Modified and Cache-Control, and 304 on If-None-Match', async () => {
    const first = await app.inject({ url: '/doc/city/berlin', headers: { accept: 'text/turtle' } });
    expect(first.headers.etag).toMatch(/^"/);
    expect(Date.parse(String(first.headers['last-modified']))).not.toBeNaN();
    expect(first.headers['cache-control']).toMatch(/max-age=\d+/);
    const second = await app.inject({ url: '/doc/city/berlin', headers: { accept: 'text/turtle', 'if-none-match': first.headers.etag as string } });
    expect(second.statusCode).toBe(304);
    expect(second.body).toBe('');
  });

  it('gives each format and language its own ETag', async () => {
    const tags = new Set<string>();
    for (const [accept, lang] of [['text/turtle', ''], ['application/ld+json', ''], ['text/html', 'en'], ['text/html', 'de']] as const) {
      const r = await app.inject({ url: `/doc/city/berlin${lang ? `?lang=${lang}` : ''}`, headers: { accept } });
      tags.add(r.headers.etag as string);
    }
    expect(tags.size).toBe(4);
    const other = await app.inject({ url: '/doc/network/eurocities', headers: { accept: 'text/turtle' } });
    expect(tags.has(other.headers.etag as string)).toBe(false);
  });

  it.each(['/doc/city/berlin', '/doc/city/berlin.jsonld', '/doc/city/', '/doc/def/'])('HEAD %s answers like GET without a body', async (url) => {
    const get = await app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
    const head = await app.inject({ method: 'HEAD', url, headers: { accept: 'text/html' } });
    expect(head.statusCode).toBe(get.statusCode);
    expect(head.body).toBe('');
    for (const name of ['content-type', 'etag', 'last-modified', 'cache-control', 'vary', 'link', 'content-location', 'content-length']) {
      expect(head.headers[name], name).toBe(get.headers[name]);
    }
  });
});

describe('the description', () => {
  const turtle = async (url: string) => {
    const response = await app.inject({ url, headers: { accept: 'application/n-quads' } });
    return new Parser({ format: 'application/n-quads' }).parse(response.body);
  };

  it('has outgoing triples with blank-node closure, incoming triples, labels of linked resources and source titles', async () => {
    const quads = await turtle('/doc/membership/berlin-eurocities');
    const has = (s: string, p: string, o?: string) => quads.some((q) => q.subject.value === s && q.predicate.value === p && (o === undefined || q.object.value === o));
    const ms = `${base}id/membership/berlin-eurocities`;
    expect(has(ms, 'http://www.w3.org/ns/org#member', `${base}id/city/berlin`)).toBe(true);
    const interval = quads.find((q) => q.subject.value === ms && q.predicate.value === 'http://www.w3.org/ns/org#memberDuring')!.object;
    expect(quads.some((q) => q.subject.equals(interval) && q.predicate.value === 'http://www.w3.org/ns/dcat#startDate' && q.object.value === '2023-11')).toBe(true);
    expect(has(`${base}id/city/berlin`, 'http://www.w3.org/2000/01/rdf-schema#label', 'Berlin')).toBe(true);
    expect(has(`${base}def/role/deputy-chair`, 'http://www.w3.org/2000/01/rdf-schema#label', 'deputy chair')).toBe(true);
    expect(has(`${base}id/source/networks`, 'http://purl.org/dc/terms/title', 'Städtenetzwerke')).toBe(true);
    // Each fact keeps the named graph (source) it sits in.
    expect(quads.find((q) => q.subject.value === ms && q.predicate.value === 'http://www.w3.org/ns/org#member')!.graph.value).toBe(`${base}id/source/networks`);
    // And every triple is in the default graph too, for clients that read only that (Comunica, rdflib's Graph).
    const named = quads.filter((q) => q.graph.termType !== 'DefaultGraph');
    const inDefault = new Set(quads.filter((q) => q.graph.termType === 'DefaultGraph').map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.value}`));
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((q) => q.subject.termType !== 'BlankNode' && q.object.termType !== 'BlankNode').every((q) => inDefault.has(`${q.subject.value} ${q.predicate.value} ${q.object.value}`))).toBe(true);
  });

  it('includes triples pointing at the resource', async () => {
    const quads = await turtle('/doc/network/eurocities');
    expect(quads.some((q) => q.subject.value === `${base}id/city/berlin` && q.predicate.value === 'http://www.w3.org/ns/org#memberOf' && q.object.value === `${base}id/network/eurocities`)).toBe(true);
  });

  it('pages incoming links 100 at a time, with hydra and Link paging', async () => {
    const incoming = (quads: Quad[]) =>
      new Set(quads.filter((q) => q.predicate.value === 'http://www.w3.org/ns/org#memberOf').map((q) => q.subject.value));
    const first = await app.inject({ url: '/doc/network/big', headers: { accept: 'application/n-quads' } });
    const second = await app.inject({ url: '/doc/network/big?page=2', headers: { accept: 'application/n-quads' } });
    const a = incoming(new Parser({ format: 'application/n-quads' }).parse(first.body));
    const b = incoming(new Parser({ format: 'application/n-quads' }).parse(second.body));
    expect(a.size).toBe(100);
    expect(b.size).toBe(5);
    expect([...a].filter((x) => b.has(x))).toEqual([]);
    expect(first.headers.link).toContain(`<${base}doc/network/big?page=2>; rel="next"`);
    expect(second.headers.link).toContain(`<${base}doc/network/big>; rel="prev"`);
    expect(second.body).toContain('<http://www.w3.org/ns/hydra/core#previous>');
    const third = await app.inject({ url: '/doc/network/big?page=3', headers: { accept: 'text/turtle' } });
    expect(third.statusCode).toBe(404);
  });

  it('lists the members of a kind with their labels', async () => {
    const response = await app.inject({ url: '/doc/person/index.nt' });
    const quads = new Parser({ format: 'application/n-triples' }).parse(response.body);
    const members = quads.filter((q) => q.subject.value === `${base}id/person/` && q.predicate.value === 'http://www.w3.org/ns/hydra/core#member');
    expect(members).toHaveLength(105);
    expect(quads.some((q) => q.subject.value === `${base}id/person/p042` && q.object.value === 'Person 42')).toBe(true);
  });
});

describe('HTML pages', () => {
  const page = async (url: string, headers: Record<string, string> = {}) => (await app.inject({ url, headers: { accept: 'text/html', ...headers } })).body;

  it('follows ?lang, then Accept-Language, and defaults to English', async () => {
    expect(await page('/doc/country/germany')).toMatch(/<html lang="en">[\s\S]*<h1>Germany<\/h1>/);
    expect(await page('/doc/country/germany', { 'accept-language': 'de-DE,de;q=0.9,en;q=0.5' })).toMatch(/<html lang="de">[\s\S]*<h1>Deutschland<\/h1>/);
    expect(await page('/doc/country/germany?lang=en', { 'accept-language': 'de' })).toMatch(/<html lang="en">[\s\S]*<h1>Germany<\/h1>/);
    expect(await page('/doc/country/germany?lang=de')).toMatch(/<html lang="de">/);
  });

  it('shows types, properties as labelled links, incoming links, sources and downloads', async () => {
    const html = await page('/doc/city/berlin');
    expect(html).toContain('>City</li>');
    expect(html).toMatch(/member of<\/span><\/th><td>[\s\S]*<a href="\/doc\/network\/eurocities">EUROCITIES<\/a>/);
    expect(html).toMatch(/id="incoming"[\s\S]*<a href="\/doc\/membership\/berlin-eurocities">Berlin in EUROCITIES<\/a>/);
    expect(html).toMatch(/id="source-1"><a href="\/doc\/source\/networks">City networks<\/a>/);
    expect(html).toContain(`href="${base}doc/city/berlin.ttl"`);
    expect(html).toContain(`href="${base}doc/city/berlin.jsonld"`);
  });

  it('formats dates for people in the page language', async () => {
    expect(await page('/doc/network/iash')).toContain('<time datetime="2021-06">June 2021</time>');
    expect(await page('/doc/network/iash?lang=de')).toContain('<time datetime="2021-06-15">15. Juni 2021</time>');
  });

  it('embeds schema.org JSON-LD that parses', async () => {
    const html = await page('/doc/city/berlin');
    const script = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!;
    const data = JSON.parse(script);
    expect(data['@type']).toContain('City');
    expect(data.name).toBe('Berlin');
    expect(data.sameAs).toBe('http://www.wikidata.org/entity/Q64');
  });

  it.each(['/doc/network/evil', '/doc/city/berlin', '/doc/network/eurocities', '/doc/source/tricky', '/doc/network/'])(
    'escapes every text from the graph on %s',
    async (url) => {
      for (const lang of ['en', 'de']) {
        const html = await page(`${url}?lang=${lang}`);
        expect(html).not.toContain('<script><script>');
        expect(html).not.toContain('</script><script>alert');
        expect(html).not.toContain('<img src=x');
        expect(html).not.toContain('<b>fett</b>');
        expect(html).not.toContain('href="javascript:');
        // Exactly one script element: the embedded JSON-LD, which stays one JSON document.
        expect(html.match(/<script/g)?.length ?? 0).toBeLessThanOrEqual(1);
        const script = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1];
        if (script !== undefined) expect(() => JSON.parse(script)).not.toThrow();
      }
    },
  );

  it('writes each fact once in the embedded JSON-LD, even when two sources state it', async () => {
    // Berlin's membership of EUROCITIES sits in two fixture sources (000 and 001).
    const html = await page('/doc/city/berlin');
    const data = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!);
    const ids = (data.memberOf as Array<{ '@id': string }>).map((m) => m['@id']);
    expect(ids).toContain('http://localhost:3000/id/network/eurocities');
    expect(ids.length).toBe(new Set(ids).size);
  });

  it('shows the hostile label as text', async () => {
    const html = await page('/doc/network/evil');
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    const script = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(JSON.parse(script).name).toBe('</script><script>alert(1)</script>');
  });
});
