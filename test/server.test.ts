// The server as a whole: errors before routing, a base IRI with a path, start-up refusals and reloads that keep the old graph on failure.
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../src/server.js';
import { GraphState } from '../src/store/graph-state.js';
import { loadGraph, type LoadedGraph } from '../src/store/load.js';
import { ReleaseError } from '../src/open-data/release.js';
import { fixtureConfig, fixtureDir } from './support/open-data.js';

describe('a base IRI with a path (http://example.org/lod/)', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildServer(fixtureConfig());
  });
  afterAll(async () => app?.close());

  it.each([
    ['/lod/', 'text/html', 200],
    ['/lod/sparql?query=ASK%7B%7D', 'application/sparql-results+json', 200],
    ['/lod/dataset', 'text/turtle', 200],
    ['/lod/.well-known/void', 'text/turtle', 200],
    ['/lod/openapi.json', 'application/json', 200],
    ['/lod/health', 'application/json', 200],
    ['/lod/sitemap.xml', 'application/xml', 200],
    // Outside the base path nothing of ours is served.
    ['/sparql?query=ASK%7B%7D', 'application/problem+json', 404],
    ['/dataset', 'application/problem+json', 404],
  ])('GET %s answers %s with %i', async (url, type, status) => {
    const response = await app.inject({ url, headers: { accept: type === 'application/problem+json' ? '*/*' : type } });
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toContain(type);
  });

  it('answers a malformed URL with problem+json, like every other error', async () => {
    const response = await app.inject({ url: '/lod/id/city/%' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 400, instance: '/lod/id/city/%' });
  });

  it.each(['/lod/dataset?format=ttl&format=jsonld', '/lod/?lang=de&lang=en', '/lod/.well-known/void?format=a&format=b'])(
    'refuses a repeated single-valued parameter in %s with 400 naming it',
    async (url) => {
      const response = await app.inject({ url, headers: { accept: 'text/html' } });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'BAD_PARAMETER' });
    },
  );
});

describe('start-up', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'lod-start-'));
    await cp(fixtureDir, dir, { recursive: true });
    await writeFile(path.join(dir, 'CHANGELOG.md'), '# Changelog\n\n## [1.0] - yesterday\n');
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('stops on a malformed CHANGELOG.md, naming the file', async () => {
    const start = buildServer(fixtureConfig({ dataDir: dir }));
    await expect(start).rejects.toBeInstanceOf(ReleaseError);
    await expect(start).rejects.toThrow(/CHANGELOG\.md/);
  });
});

describe('GraphState.replace', () => {
  let first: LoadedGraph;
  let second: LoadedGraph;
  beforeAll(async () => {
    first = await loadGraph({ baseIri: 'http://example.org/lod/', ontologyDir: null, dataDir: fixtureDir });
    second = await loadGraph({ baseIri: 'http://example.org/lod/', ontologyDir: null, dataDir: fixtureDir });
  });

  it('serves the new graph only after every listener has prepared for it', async () => {
    const state = new GraphState(first);
    const seen: Array<LoadedGraph> = [];
    state.onChange((graph) => {
      expect(state.current).toBe(first);
      seen.push(graph);
    });
    await state.replace(second);
    expect(seen).toEqual([second]);
    expect(state.current).toBe(second);
  });

  it('keeps the previous graph, and gives it back to the listeners that ran, when one refuses the new graph', async () => {
    const state = new GraphState(first);
    const given: LoadedGraph[] = [];
    state.onChange((graph) => {
      given.push(graph);
    });
    state.onChange((graph) => {
      if (graph === second) throw new Error('cannot build for this graph');
    });
    await expect(state.replace(second)).rejects.toThrow('cannot build for this graph');
    expect(state.current).toBe(first);
    expect(given).toEqual([second, first]);
  });
});
