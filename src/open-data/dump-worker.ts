// Worker thread that builds the dumps from the canonical N-Quads, so their cost (seconds at 100k triples) never stalls the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import { buildDumps, type Dump } from './dumps.js';

export interface DumpJob {
  nquads: Uint8Array;
  baseIri: string;
}

export type DumpAnswer = { ok: true; dumps: Dump[] } | { ok: false; message: string };

if (parentPort) {
  const port = parentPort;
  buildDumps(workerData as DumpJob).then(
    (dumps) => {
      // The files' bytes move to the main thread without a copy.
      const transfer = dumps.flatMap((d) => [d.bytes, d.gzipped].filter((b): b is Buffer => b !== undefined).map((b) => b.buffer as ArrayBuffer));
      port.postMessage({ ok: true, dumps } satisfies DumpAnswer, [...new Set(transfer)]);
    },
    (error: unknown) => port.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) } satisfies DumpAnswer),
  );
}
