// Starts the built service (dist/main.js, as `npm start` does) on a free loopback port and reads its memory from /proc.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Compiles src/ to dist/, as `npm start` does before it runs the service. */
export function build(): void {
  execFileSync(process.execPath, [path.join(projectRoot, 'node_modules/typescript/bin/tsc'), '-p', path.join(projectRoot, 'tsconfig.json')], { stdio: 'inherit' });
}

/** Resident and peak memory of a process in MB (VmRSS, VmHWM), worker threads included. */
export function memoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

export interface Started {
  child: ChildProcess;
  url: string;
  /** Milliseconds from spawn to the first 200 from /health. */
  startupMs: number;
  stop(): Promise<void>;
}

/** Spawns the service with `env` and waits (up to `timeoutMs`) until /health answers 200. */
export async function startService(env: Record<string, string>, timeoutMs = 600_000): Promise<Started> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  const child = spawn(process.execPath, [path.join(projectRoot, 'dist/main.js')], {
    env: { ...process.env, LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: String(port), BASE_IRI: `${url}/`, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  // An object, so the check in the loop below sees the value the exit handler sets.
  const status: { exitCode: number | null } = { exitCode: null };
  child.on('exit', (code) => (status.exitCode = code ?? -1));
  for (;;) {
    if (status.exitCode !== null) throw new Error(`the service exited with code ${status.exitCode} before it was ready`);
    if (Date.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`the service was not ready after ${timeoutMs} ms`);
    }
    const ok = await fetch(`${url}/health`).then((r) => r.status === 200, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const startupMs = Date.now() - started;
  return {
    child,
    url,
    startupMs,
    stop: async () => {
      if (status.exitCode !== null) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await gone;
    },
  };
}
