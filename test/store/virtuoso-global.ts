// Global setup of the store-mode read-path suite: starts ONE Virtuoso on loopback for every file, hands its endpoint to the test forks, stops it at the end.
import type { TestProject } from 'vitest/node';
import { startVirtuoso, virtuosoInstalled } from '../support/virtuoso.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Virtuoso's anonymous SPARQL endpoint, http://127.0.0.1:PORT/sparql (its /sparql-auth takes updates as dba). */
    virtuosoEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!virtuosoInstalled()) throw new Error('REQUIRE_VIRTUOSO=1 but /usr/bin/virtuoso-t or /usr/bin/isql-vt is missing.');
  const virtuoso = await startVirtuoso();
  project.provide('virtuosoEndpoint', virtuoso.endpoint);
  return () => virtuoso.stop();
}
