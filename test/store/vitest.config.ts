// The store-mode suite (npm run test:store): the service in STORE=sparql mode against Virtuoso 7.2 started on loopback.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    // Not *.test.ts: `npm test` must pass with Node alone, and this needs Debian's virtuoso-opensource-7-bin.
    include: ['test/store/*.store.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
