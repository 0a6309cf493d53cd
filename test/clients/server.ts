// Starts the service as `npm start` does (src/main.ts, real data) on 127.0.0.1 and a free port; the suite's clients talk to it.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { freePort } from '../support/net.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The base IRI the service runs under, e.g. http://127.0.0.1:41234/ (so its /id/ IRIs dereference). */
    base: string;
  }
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const STARTUP_MS = 150_000;

async function waitUntilUp(base: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + STARTUP_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode} before listening:\n${log()}`);
    try {
      if ((await fetch(`${base}sparql`, { headers: { accept: 'text/turtle' } })).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`the service did not answer within ${STARTUP_MS} ms:\n${log()}`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}/`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', BASE_IRI: base, LOG_LEVEL: 'warn', QUERY_WORKERS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitUntilUp(base, child, () => output.slice(-4000));
  } catch (error) {
    await stop();
    throw error;
  }
  project.provide('base', base);
  return stop;
}
