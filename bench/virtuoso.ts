// Starts Debian's Virtuoso 7.2 (virtuoso-t) on loopback with a temporary database and loads N-Quads into it, for side-by-side benchmarks.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './server-process.js';

export const VIRTUOSO = '/usr/bin/virtuoso-t';
export const ISQL = '/usr/bin/isql-vt';

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

/** Starts Virtuoso with an empty temporary database and waits until its SPARQL endpoint answers. */
export async function startVirtuoso(): Promise<Virtuoso> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'virtuoso-'));
  const sqlPort = await freePort();
  const httpPort = await freePort();
  writeFileSync(path.join(dir, 'virtuoso.ini'), configuration(dir, sqlPort, httpPort));
  const child: ChildProcess = spawn(VIRTUOSO, ['-f', '-c', path.join(dir, 'virtuoso.ini')], { cwd: dir, stdio: 'ignore' });
  let exited = false;
  child.on('exit', () => (exited = true));
  const endpoint = `http://127.0.0.1:${httpPort}/sparql`;
  const started = Date.now();
  for (;;) {
    if (exited) throw new Error(`virtuoso-t exited at start; see ${dir}/virtuoso.log`);
    if (Date.now() - started > 120_000) throw new Error('Virtuoso did not answer within 120 s');
    const ok = await fetch(`${endpoint}?query=${encodeURIComponent('ASK {}')}`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    endpoint,
    dir,
    sql: (statement) => execFileSync(ISQL, [String(sqlPort), 'dba', 'dba', `exec=${statement}`], { encoding: 'utf8' }),
    stop: async () => {
      if (!exited) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Bulk-loads one N-Quads file (its graphs kept) with Virtuoso's own loader, then checkpoints. */
export function loadNQuads(virtuoso: Virtuoso, file: string): void {
  const dir = path.dirname(file);
  virtuoso.sql(`ld_dir('${dir}', '${path.basename(file)}', 'urn:x-bench:default'); rdf_loader_run(); checkpoint;`);
}
