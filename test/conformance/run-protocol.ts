// npm run test:protocol: builds, starts the service on the W3C protocol test data (127.0.0.1, a free port) and runs the W3C SPARQL 1.1 Protocol checker against it; with PROTOCOL_STORE=1 (npm run test:protocol-store) the service is a store-mode replica over Virtuoso loaded by `npm run store:load`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../support/net.js';
import { startVirtuoso, virtuosoInstalled, type Virtuoso } from '../support/virtuoso.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shared = path.resolve(root, '../shared/conformance');

async function waitForHealth(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the service did not answer ${url} in time`);
}

const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('build failed');
  process.exit(1);
}
const data = {
  DATA_DIR: path.join(shared, 'sparql11-protocol/test-data.nq'),
  ONTOLOGY_DIR: 'none',
  SHAPES_DIR: 'none',
  // The REST API's canned queries are written for the project's data, not the W3C test data.
  QUERIES_DIR: mkdtempSync(path.join(tmpdir(), 'protocol-queries-')),
  LOG_LEVEL: 'warn',
};

/** Store mode: Virtuoso on loopback, loaded with the test data by `npm run store:load` (as its administrator on /sparql-auth); the replica reads the anonymous /sparql. */
async function storeSettings(virtuoso: Virtuoso): Promise<Record<string, string>> {
  const load = spawnSync('npm', ['run', 'store:load'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...data, STORE: 'sparql', STORE_QUERY_URL: `${virtuoso.endpoint}-auth`, STORE_USER: 'dba', STORE_PASSWORD: 'dba' },
  });
  if (load.status !== 0) throw new Error('npm run store:load failed');
  return { STORE: 'sparql', STORE_QUERY_URL: virtuoso.endpoint };
}

if (process.env.PROTOCOL_STORE === '1' && !virtuosoInstalled()) {
  // CI installs Virtuoso and sets REQUIRE_VIRTUOSO=1: there a missing binary fails the run; elsewhere it is a visible skip.
  console.warn('test:protocol-store SKIPPED: /usr/bin/virtuoso-t and /usr/bin/isql-vt are missing (apt-get install virtuoso-opensource-7-bin).');
  process.exit(process.env.REQUIRE_VIRTUOSO === '1' ? 1 : 0);
}
const virtuoso = process.env.PROTOCOL_STORE === '1' ? await startVirtuoso() : undefined;
const store = virtuoso ? await storeSettings(virtuoso).catch(async (error: unknown) => {
  await virtuoso.stop();
  throw error;
}) : {};
const port = await freePort();
const service = spawn(process.execPath, ['dist/main.js'], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...data, ...store },
});
let exitCode = 1;
let stopping = false;
service.once('exit', (code) => {
  if (!stopping) console.error(`the service exited early (code ${code})`);
});
try {
  await waitForHealth(`http://127.0.0.1:${port}/health`, Date.now() + 60_000);
  const runner = spawnSync(
    process.execPath,
    [path.join(shared, 'run-sparql-protocol.mjs'), '--with-test-data', '--service-description', '--extra', '--strict-rdf', `http://127.0.0.1:${port}/sparql`],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  process.stdout.write(runner.stdout);
  const summary = /(\d+) passed, (\d+) failed, (\d+) skipped/.exec(runner.stdout);
  if (!summary) throw new Error('no summary line in the checker output');
  const passed = Number(summary[1]);
  const failed = Number(summary[2]);
  if (process.env.RESULTS_FILE) writeFileSync(process.env.RESULTS_FILE, JSON.stringify({ numPassedTests: passed, numFailedTests: failed }, null, 2));
  console.log(`SPARQL 1.1 Protocol${virtuoso ? ' (store mode over Virtuoso)' : ''}: ${passed} passed, ${failed} failed`);
  exitCode = failed === 0 && runner.status === 0 ? 0 : 1;
} catch (error) {
  console.error(error);
} finally {
  stopping = true;
  const exited = new Promise((resolve) => service.once('exit', resolve));
  service.kill('SIGTERM');
  if (service.exitCode === null) await exited;
  await virtuoso?.stop();
}
process.exitCode = exitCode;
