// The store-mode read-path suite (npm run test:store-paths): the embedded read-path test files, unchanged, against two store-mode replicas over one Virtuoso.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { virtuosoInstalled } from '../support/virtuoso.js';

// CI installs Virtuoso and sets REQUIRE_VIRTUOSO=1: there a missing binary fails the run (in the global setup).
const skipped = !virtuosoInstalled() && process.env.REQUIRE_VIRTUOSO !== '1';
if (skipped) console.warn('test:store-paths SKIPPED: /usr/bin/virtuoso-t and /usr/bin/isql-vt are missing (apt-get install virtuoso-opensource-7-bin).');

/**
 * The read-path files of `npm test` that run unchanged in store mode (each builds its app with buildServer). Not here:
 * metrics.test.ts (/metrics counts one process's requests, and inject alternates between two replicas, so each
 * counts half: a scraper reads each replica); sparql-engine.test.ts (the embedded engine itself: worker pool,
 * Oxigraph/Comunica routing, worker restarts); connections.test.ts (Node's HTTP parser and socket limits, before any
 * route and the same code in both modes); the browser-*.test.ts files (Chromium over the pages that
 * linked-data-pages, html-pictures and escaping check here; a minute of CI); files that start no server (inventory,
 * shapes, readme, validate-cli, open-data-dumps, negotiate, unit/); store-mode-config.test.ts (store mode's own).
 */
const readPaths = [
  'test/linked-data-http.test.ts',
  'test/linked-data-jsonld.test.ts',
  'test/linked-data-pages.test.ts',
  'test/api-rest.test.ts',
  'test/api-query-files.test.ts',
  'test/open-data-catalogue.test.ts',
  'test/open-data-harvester.test.ts',
  'test/open-data-pages.test.ts',
  'test/open-data-void.test.ts',
  'test/sparql-protocol.test.ts',
  'test/sparql-safety.test.ts',
  'test/sparql-data.test.ts',
  'test/hostile-requests.test.ts',
  'test/fuzz.test.ts',
  'test/server.test.ts',
  'test/content-types.test.ts',
  'test/data-truth.test.ts',
  'test/client-requests.test.ts',
  'test/language-alternates.test.ts',
  'test/html-pictures.test.ts',
  'test/escaping.test.ts',
];

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: skipped ? [] : readPaths,
    passWithNoTests: skipped,
    globalSetup: skipped ? [] : ['test/store/virtuoso-global.ts'],
    setupFiles: ['test/store/read-paths.setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // One Virtuoso holds one graph at a time: the files take turns.
    fileParallelism: false,
  },
});
