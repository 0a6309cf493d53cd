// `npm run validate` as a user runs it: exit codes, the report naming the bad resource, syntax errors with file and line.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadGraph } from '../src/store/load.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const scratch: string[] = [];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as a child process against the given data folder (the real ontology and shapes). */
function runValidate(dataDir: string): Promise<Run> {
  // The defaults for everything but the data folder, whatever the environment of the test run says.
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  for (const name of ['BASE_IRI', 'ONTOLOGY_DIR', 'SHAPES_DIR', 'NODE_OPTIONS']) delete env[name];
  return new Promise((resolve) => {
    execFile(
      tsx,
      ['src/validate/cli.ts'],
      { cwd: root, env, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A temporary copy of data/, so that tests can add broken files without touching the real one. */
async function copyOfData(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'validate-cli-'));
  scratch.push(dir);
  await cp(path.join(root, 'data'), dir, { recursive: true });
  return dir;
}

afterAll(async () => {
  for (const dir of scratch) await rm(dir, { recursive: true, force: true });
});

describe('npm run validate', () => {
  it('exits 0 on the real data and prints the counts per class', async () => {
    const dir = await copyOfData();
    const run = await runValidate(dir);
    expect(run.stdout + run.stderr).toContain('the graph conforms');
    expect(run.code).toBe(0);
    // The printed count of cities is the number of distinct resources typed schema:City in the loaded graph.
    const graph = await loadGraph({ baseIri: 'http://localhost:3000/', ontologyDir: path.join(root, 'ontology'), dataDir: dir });
    const cities = new Set(graph.store.getSubjects('http://www.w3.org/1999/02/22-rdf-syntax-ns#type', 'http://schema.org/City', null).map((s) => s.value));
    expect(cities.size).toBeGreaterThan(0);
    expect(run.stdout).toMatch(new RegExp(`^schema:City\\s+${cities.size}$`, 'm'));
    expect(run.stdout).toMatch(/^org:Organization\s+\d+$/m);
  });

  it('fails on a membership that names nothing, naming it', async () => {
    const dir = await copyOfData();
    await writeFile(path.join(dir, 'broken.ttl'), '<urn:x:m> a <http://www.w3.org/ns/org#Membership> .\n');
    const run = await runValidate(dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^VIOLATION urn:x:m$/m);
    expect(run.stdout).toContain('A membership names exactly one member (org:member, an organisation or person).');
    expect(run.stdout).toMatch(/file: +\S*broken\.ttl/);
    expect(run.stdout).toContain('the graph does NOT conform');
  });

  it('fails on a Turtle syntax error with the file name and line', async () => {
    const dir = await copyOfData();
    await writeFile(path.join(dir, 'typo.ttl'), '@prefix ex: <id/> .\n\nex:a ex:b ex:c .\nex:d ex:e "unterminated .\n');
    const run = await runValidate(dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/typo\.ttl:4: /);
  });

  it('fails on a TriG syntax error with the file name and line', async () => {
    const dir = await copyOfData();
    await writeFile(path.join(dir, 'typo.trig'), '@prefix ex: <id/> .\n<id/source/x> {\n  ex:a ex:b ex:c .\n  ex:d ex:e ex:f ;; ] .\n}\n');
    const run = await runValidate(dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/typo\.trig:4: /);
  });
});
