// Starts a worker thread from a module next to the caller, both from the build (dist/*.js) and under tsx/vitest (src/*.ts).
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * `moduleUrl` is the worker's entry as a .js URL (`new URL('./worker.js', import.meta.url)`). Under vitest/tsx the
 * entry is the .ts file, and Node 20 does not apply `--import tsx` to a worker's entry, so a tiny bootstrap loads
 * the entry through tsx's API (tsImport).
 */
export function startWorker(moduleUrl: URL, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  const options = { workerData, ...(resourceLimits ? { resourceLimits } : {}) };
  if (!import.meta.url.endsWith('.ts')) return new Worker(moduleUrl, options);
  const tsxApi = pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve('tsx')), 'esm/api/index.mjs')).href;
  const entry = moduleUrl.href.replace(/\.js$/, '.ts');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((api) => api.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}));`;
  return new Worker(bootstrap, { ...options, eval: true });
}
