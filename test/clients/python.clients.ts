// Python clients (Debian's rdflib 6.1 and SPARQLWrapper 1.8, run by /usr/bin/python3) against the service: one test per check.
import { execFile, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, inject, it } from 'vitest';

const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';
const dir = fileURLToPath(new URL('.', import.meta.url));

interface Outcome {
  ok: boolean;
  error?: string;
  trace?: string;
  warnings: string[];
}

/** The check names a script defines (asked before the service is needed, so each check is its own test). */
function checksOf(script: string): string[] {
  return JSON.parse(execFileSync(PYTHON, [`${dir}${script}`, 'http://unused/', '--list'], { cwd: dir, encoding: 'utf8' })) as string[];
}

function runAll(script: string, base: string): Promise<Record<string, Outcome>> {
  return new Promise((resolve, reject) => {
    execFile(PYTHON, [`${dir}${script}`, base], { cwd: dir, maxBuffer: 64 * 1024 * 1024, timeout: 600_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${script} failed: ${error.message}\n${stderr.slice(-3000)}`));
      else resolve(JSON.parse(stdout) as Record<string, Outcome>);
    });
  });
}

describe.each(['sparqlwrapper_cases.py', 'rdflib_cases.py', 'ckan_dcat_cases.py'])('%s', (script) => {
  let outcomes: Record<string, Outcome>;
  beforeAll(async () => {
    outcomes = await runAll(script, inject('base'));
  });
  it.each(checksOf(script))('%s', (name) => {
    const outcome = outcomes[name];
    expect(outcome, `${name} ran`).toBeDefined();
    // The client's own error and traceback, so a failure says what the Python user would see.
    expect(outcome!.ok, `${outcome!.error ?? ''}\n${outcome!.trace ?? ''}`).toBe(true);
  });
});
