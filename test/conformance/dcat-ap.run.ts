// DCAT-AP 3.0.0 conformance of the served catalogue: validates {base}dataset against ../shared's SHACL shapes (npm run test:dcat).
import { writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Parser } from 'n3';
import type { Quad } from '@rdfjs/types';
import { loadConfig, projectRoot, type Config } from '../../src/config.js';
import { buildServer } from '../../src/server.js';
import { fixtureConfig, validateShacl, violations, type ShaclResult } from '../support/open-data.js';

const shapesDir = path.resolve(process.env.DCAT_AP_SHAPES_DIR ?? path.join(projectRoot, '..', 'shared', 'conformance', 'dcat-ap-3.0.0'));
const complete = path.join(shapesDir, 'dcat-ap-SHACL.ttl');
const recommended = path.join(shapesDir, 'shapes_recommended.ttl');
const vocabularies = path.join(shapesDir, 'mdr-vocabularies.shape.ttl');

/**
 * mdr-vocabularies.shape.ttl requires checksum algorithms to match "^https://spdx.org/rdf/terms", but DCAT-AP
 * 3.0.0 itself (and SPDX) use http://spdx.org/rdf/terms#checksumAlgorithm_sha256: a defect of that file.
 */
const knownVocabularyDefect = (r: ShaclResult) => r.path === 'http://spdx.org/rdf/terms#algorithm' && /ChecksumAlgorithmRestriction/.test(r.message);

async function servedCatalogue(config: Config, format: 'turtle' | 'jsonld' | 'rdfxml' | 'ntriples'): Promise<Quad[]> {
  const app = await buildServer(config);
  try {
    // Routes live under the base IRI's path (the fixture's is /lod/).
    const response = await app.inject({ url: `${new URL(config.baseIri).pathname}dataset?format=${format}` });
    if (response.statusCode !== 200) throw new Error(`GET /dataset?format=${format} answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
    if (format === 'jsonld') {
      const jsonld = (await import('jsonld')).default;
      const nquads = (await jsonld.toRDF(JSON.parse(response.body) as object, { format: 'application/n-quads' })) as unknown as string;
      return new Parser({ format: 'application/n-quads' }).parse(nquads);
    }
    if (format === 'rdfxml') {
      const { RdfXmlParser } = await import('rdfxml-streaming-parser');
      const parser = new RdfXmlParser({ baseIRI: config.baseIri });
      const quads: Quad[] = [];
      await new Promise<void>((resolve, reject) => {
        parser.on('data', (q: Quad) => quads.push(q)).on('error', reject).on('end', () => resolve());
        parser.write(response.body);
        parser.end();
      });
      return quads;
    }
    return new Parser({ baseIRI: config.baseIri }).parse(response.body);
  } finally {
    await app.close();
  }
}

interface Case {
  name: string;
  run: () => Promise<string | undefined>;
}

function describeResults(results: readonly ShaclResult[]): string {
  return results
    .slice(0, 20)
    .map((r) => `    ${r.severity} ${r.focusNode} ${r.path ?? ''}: ${r.message}`)
    .join('\n');
}

const realData = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
const fixture = fixtureConfig();
const cases: Case[] = [];
for (const [label, config] of [
  ['real data', realData],
  ['fixture', fixture],
] as const) {
  for (const format of ['turtle', 'jsonld', 'rdfxml'] as const) {
    cases.push({
      name: `catalogue of the ${label} as ${format} has 0 violations of dcat-ap-SHACL.ttl`,
      run: async () => {
        const bad = violations(await validateShacl(await servedCatalogue(config, format), [complete]));
        return bad.length === 0 ? undefined : `${bad.length} violations:\n${describeResults(bad)}`;
      },
    });
  }
  cases.push({
    name: `catalogue of the ${label} has 0 violations of mdr-vocabularies.shape.ttl (besides its https-spdx defect)`,
    run: async () => {
      const results = await validateShacl(await servedCatalogue(config, 'turtle'), [vocabularies]);
      const bad = violations(results).filter((r) => !knownVocabularyDefect(r));
      const warnings = results.filter((r) => r.severity !== 'Violation');
      if (warnings.length > 0) console.log(`  (info) ${warnings.length} warnings from mdr-vocabularies:\n${describeResults(warnings)}`);
      return bad.length === 0 ? undefined : `${bad.length} violations:\n${describeResults(bad)}`;
    },
  });
}

if (!existsSync(complete)) {
  console.error(`DCAT-AP shapes not found at ${shapesDir} (set DCAT_AP_SHAPES_DIR)`);
  process.exit(1);
}

let passed = 0;
let failed = 0;
for (const c of cases) {
  let problem: string | undefined;
  try {
    problem = await c.run();
  } catch (error) {
    problem = `threw ${(error as Error).stack ?? String(error)}`;
  }
  if (problem === undefined) {
    passed++;
    console.log(`  ✓ ${c.name}`);
  } else {
    failed++;
    console.log(`  ✗ ${c.name}\n${problem}`);
  }
}
try {
  const warnings = (await validateShacl(await servedCatalogue(realData, 'turtle'), [recommended])).filter((r) => r.severity !== 'Violation');
  console.log(`  (info) ${warnings.length} recommendations not met (shapes_recommended.ttl, warnings only):\n${describeResults(warnings)}`);
} catch (error) {
  console.log(`  (info) recommendations not checked: ${(error as Error).message.split('\n')[0]}`);
}

if (process.env.RESULTS_FILE) await writeFile(process.env.RESULTS_FILE, JSON.stringify({ numPassedTests: passed, numFailedTests: failed }));
console.log(`dcat-ap: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
