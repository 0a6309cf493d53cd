// Worker thread that runs the SHACL gate over canonical N-Quads, so a replica validating a new copy of the store's graph keeps answering meanwhile.
import { parentPort, workerData } from 'node:worker_threads';
import { storeFromCanonical } from '../store/canonical.js';
import { validateGraph, type ValidationReport } from './shacl.js';

export interface ValidateJob {
  nquads: Uint8Array;
  baseIri: string;
  shapesDir: string;
}

export type ValidateAnswer = { ok: true; report: ValidationReport } | { ok: false; message: string };

if (parentPort) {
  const port = parentPort;
  const job = workerData as ValidateJob;
  // The graph came from a store, not from files: reports name graphs and nodes, not files.
  const graph = {
    store: storeFromCanonical(new TextDecoder().decode(job.nquads)),
    baseIri: job.baseIri,
    graphFiles: new Map<string, string[]>(),
    fileOf: () => undefined,
    version: '',
    loadedAt: new Date(0),
    nquads: job.nquads,
  };
  validateGraph(graph, job.shapesDir).then(
    (report) => port.postMessage({ ok: true, report } satisfies ValidateAnswer),
    (error: unknown) => port.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) } satisfies ValidateAnswer),
  );
}
