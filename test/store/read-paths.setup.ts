// Setup of every file of the store-mode read-path suite: swaps src/server.js's buildServer for the two-replica store-mode one, and skips the tests listed in excluded.ts.
import { afterAll, beforeEach, expect, inject, vi } from 'vitest';
import { storeModeBuildServer, storeModeCalls } from './replicas.js';
import { excludedTests } from './excluded.js';

vi.mock(import('../../src/server.js'), async (importOriginal) => {
  const real = await importOriginal();
  return { ...real, buildServer: storeModeBuildServer(real, () => inject('virtuosoEndpoint')) };
});

beforeEach((context) => {
  const reason = excludedTests.get(context.task.fullName);
  if (reason !== undefined) context.skip(`not in store mode: ${reason}`);
});

// Every file of this suite builds its app with buildServer: none started means the swap above did not apply.
afterAll(() => {
  expect(storeModeCalls(), 'calls of the store-mode buildServer in this file').toBeGreaterThan(0);
});
