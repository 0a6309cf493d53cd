// Builds the app on the small SPARQL fixture (test/fixtures/sparql): no ontology, no shapes, its own example queries.
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../src/config.js';
import { buildServer } from '../../src/server.js';
import { testConfig } from './config.js';

export const fixtureDir = fileURLToPath(new URL('../fixtures/sparql/', import.meta.url));
export const BASE = 'http://example.org/';
export const ID = `${BASE}id/`;

export function fixtureConfig(overrides: Partial<Config> = {}, env: Record<string, string> = {}): Config {
  return testConfig({ BASE_IRI: BASE, DATA_DIR: `${fixtureDir}data`, QUERIES_DIR: `${fixtureDir}queries`, QUERY_WORKERS: '1', ...env }, overrides);
}

export function buildFixtureApp(overrides: Partial<Config> = {}, env: Record<string, string> = {}): Promise<FastifyInstance> {
  return buildServer(fixtureConfig(overrides, env));
}
