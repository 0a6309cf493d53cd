// Starts Debian's Virtuoso 7.2 (virtuoso-t) on loopback with a temporary database, for the store-mode tests and the side-by-side benchmarks.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';

export const VIRTUOSO = '/usr/bin/virtuoso-t';
export const ISQL = '/usr/bin/isql-vt';

/** A free TCP port on loopback (the OS picks it; closed again before Virtuoso binds it). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export function virtuosoInstalled(): boolean {
  return existsSync(VIRTUOSO) && existsSync(ISQL);
}

export interface Virtuoso {
  /** The SPARQL endpoint, http://127.0.0.1:PORT/sparql */
  endpoint: string;
  /** The temporary folder; files to bulk-load must be in it (DirsAllowed). */
  dir: string;
  /** Runs SQL through isql-vt (e.g. the bulk loader). */
  sql(statement: string): string;
  /** Stops the server but keeps its database, so `restart` serves the same graphs on the same port. */
  halt(): Promise<void>;
  /** Starts the halted server again on the same ports and waits until it answers. */
  restart(): Promise<void>;
  /** Stops the server and deletes its database. */
  stop(): Promise<void>;
}

/** A small configuration: loopback only, a temporary folder, buffers for about 1 GB, no query-time or row caps that would cut the benchmark's answers. */
function configuration(dir: string, sqlPort: number, httpPort: number): string {
  return `[Database]
DatabaseFile = ${dir}/virtuoso.db
ErrorLogFile = ${dir}/virtuoso.log
LockFile = ${dir}/virtuoso.lck
TransactionFile = ${dir}/virtuoso.trx
xa_persistent_file = ${dir}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = ${dir}/virtuoso-temp.db
TransactionFile = ${dir}/virtuoso-temp.trx
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:${sqlPort}
DisableUnixSocket = 1
MaxClientConnections = 40
NumberOfBuffers = 85000
MaxDirtyBuffers = 60000
DirsAllowed = ., ${dir}
[HTTPServer]
ServerPort = 127.0.0.1:${httpPort}
ServerRoot = ${dir}
MaxClientConnections = 40
ServerThreads = 40
EnabledDavVSP = 0
KeepAliveTimeout = 10
MaxKeepAlives = 40
[SPARQL]
ResultSetMaxRows = 10000000
MaxQueryExecutionTime = 120
`;
}

/** Runs virtuoso-t on the folder's configuration and waits until its SPARQL endpoint answers; resolves with a stopper. */
async function run(dir: string, endpoint: string): Promise<() => Promise<void>> {
  const child: ChildProcess = spawn(VIRTUOSO, ['-f', '-c', path.join(dir, 'virtuoso.ini')], { cwd: dir, stdio: 'ignore' });
  let exited = false;
  child.on('exit', () => (exited = true));
  const started = Date.now();
  for (;;) {
    if (exited) throw new Error(`virtuoso-t exited at start; see ${dir}/virtuoso.log`);
    if (Date.now() - started > 120_000) throw new Error('Virtuoso did not answer within 120 s');
    const ok = await fetch(`${endpoint}?query=${encodeURIComponent('ASK {}')}`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return async () => {
    if (exited) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await gone;
  };
}

/** Starts Virtuoso with an empty temporary database and waits until its SPARQL endpoint answers. */
export async function startVirtuoso(): Promise<Virtuoso> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'virtuoso-'));
  const sqlPort = await freePort();
  const httpPort = await freePort();
  writeFileSync(path.join(dir, 'virtuoso.ini'), configuration(dir, sqlPort, httpPort));
  const endpoint = `http://127.0.0.1:${httpPort}/sparql`;
  let stopper: (() => Promise<void>) | undefined = await run(dir, endpoint);
  return {
    endpoint,
    dir,
    sql: (statement) => execFileSync(ISQL, [String(sqlPort), 'dba', 'dba', `exec=${statement}`], { encoding: 'utf8' }),
    halt: async () => {
      await stopper?.();
      stopper = undefined;
    },
    restart: async () => {
      stopper ??= await run(dir, endpoint);
    },
    stop: async () => {
      await stopper?.();
      stopper = undefined;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Bulk-loads one RDF file with Virtuoso's own loader (N-Quads keep their graphs; triples go into `graph`), then checkpoints. */
export function loadNQuads(virtuoso: Virtuoso, file: string, graph = 'urn:x-bench:default'): void {
  const dir = path.dirname(file);
  virtuoso.sql(`ld_dir('${dir}', '${path.basename(file)}', '${graph}'); rdf_loader_run(); checkpoint;`);
}
