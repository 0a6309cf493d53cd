// Builds the app on the small SPARQL fixture (test/fixtures/sparql): no ontology, no shapes, its own example queries.
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../src/config.js';
import { buildServer } from '../src/server.js';

export const fixtureDir = fileURLToPath(new URL('./fixtures/sparql/', import.meta.url));
export const BASE = 'http://example.org/';
export const ID = `${BASE}id/`;

export function fixtureConfig(overrides: Partial<Config> = {}, env: Record<string, string> = {}): Config {
  return loadConfig(
    { BASE_IRI: BASE, DATA_DIR: `${fixtureDir}data`, ONTOLOGY_DIR: 'none', SHAPES_DIR: 'none', QUERIES_DIR: `${fixtureDir}queries`, LOG_LEVEL: 'silent', QUERY_WORKERS: '1', ...env },
    overrides,
  );
}

export function buildFixtureApp(overrides: Partial<Config> = {}, env: Record<string, string> = {}): Promise<FastifyInstance> {
  return buildServer(fixtureConfig(overrides, env));
}
