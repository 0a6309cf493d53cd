// The client compatibility suite (npm run test:clients): real clients against the service started once on loopback.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    // Not *.test.ts: `npm test` must pass with Node alone, and these need Python with rdflib and SPARQLWrapper.
    include: ['test/clients/*.clients.ts'],
    globalSetup: ['test/clients/server.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // One service and two cores: the files take turns rather than compete for the query workers.
    fileParallelism: false,
  },
});
