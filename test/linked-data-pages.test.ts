// Every HTML page of the project graph, in English and German, as a reader sees it: named properties and types, translated UI, no dead links.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../src/config.js';
import { buildServer } from '../src/server.js';
import { documentPaths as graphDocumentPaths } from './support/rdf.js';

let app: FastifyInstance;
const pages = new Map<string, string>();

/** Every document page of the graph: each of our IRIs, each kind index, the ontology. */
function documentPaths(): string[] {
  const paths = new Set<string>(['/doc/def/', ...graphDocumentPaths(app.graphState.current).map((path) => `/${path}`)]);
  return [...paths].sort();
}

beforeAll(async () => {
  app = await buildServer(loadConfig({ SHAPES_DIR: 'none', LOG_LEVEL: 'silent' }));
  for (const path of documentPaths()) {
    for (const lang of ['en', 'de']) {
      const response = await app.inject({ url: `${path}?lang=${lang}`, headers: { accept: 'text/html' } });
      expect(response.statusCode, path).toBe(200);
      pages.set(`${path}?lang=${lang}`, response.body);
    }
  }
});
afterAll(async () => app?.close());

const text = (html: string) => html.replace(/<[^>]+>/g, '').trim();
const prefixedName = /^[a-z][a-z0-9]*:[A-Za-z]/;

describe('every page of the project graph, in both languages', () => {
  it('names every property by a label, forwards and backwards', () => {
    const unnamed = new Set<string>();
    for (const [url, html] of pages) {
      for (const [, label] of html.matchAll(/<th scope="row"><span class="prop"[^>]*>([^<]*)<\/span>/g)) {
        if (prefixedName.test(label!) || label!.startsWith('http') || /^is “|^ist „/.test(label!)) unnamed.add(`${url}: ${label}`);
      }
    }
    expect([...unnamed]).toEqual([]);
  });

  it('names every type by a label', () => {
    const unnamed = new Set<string>();
    for (const [url, html] of pages) {
      const badges = /<ul class="types"[^>]*>([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
      for (const [, item] of badges.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)) if (prefixedName.test(text(item!))) unnamed.add(`${url}: ${text(item!)}`);
    }
    expect([...unnamed]).toEqual([]);
  });

  it('shows no English interface text on German pages', () => {
    const english = ['with sources', 'Download this description', 'Linked from', 'Identifier', 'Relations', 'Sources'];
    const found = new Set<string>();
    for (const [url, html] of pages) if (url.endsWith('lang=de')) for (const phrase of english) if (html.includes(phrase)) found.add(`${url}: ${phrase}`);
    expect([...found]).toEqual([]);
  });

  it('has no dead internal links', async () => {
    const targets = new Set<string>();
    for (const html of pages.values()) for (const [, href] of html.matchAll(/href="(\/[^"]*)"/g)) targets.add(href!.replace(/&amp;/g, '&'));
    expect(targets.size).toBeGreaterThan(100);
    const dead: string[] = [];
    for (const target of targets) {
      const response = await app.inject({ url: target, headers: { accept: 'text/html' } });
      if (response.statusCode >= 400) dead.push(`${target}: ${response.statusCode}`);
    }
    expect(dead).toEqual([]);
  });
});
