// Helpers shared by the open-data tests and the DCAT-AP conformance run: SHACL validation of catalogue quads, fixture config.
import { readFile } from 'node:fs/promises';
import { Parser, Store } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import type { Quad } from '@rdfjs/types';
import type { Config } from '../../src/config.js';
import { testConfig } from './config.js';

export const fixtureDir = new URL('../fixtures/open-data/', import.meta.url).pathname;

/** A config serving the open-data fixture (no ontology, no shapes gate) under a fixed base IRI. */
export function fixtureConfig(overrides: Partial<Config> = {}): Config {
  return testConfig({ DATA_DIR: fixtureDir, BASE_IRI: 'http://example.org/lod/' }, overrides);
}

export interface ShaclResult {
  readonly focusNode: string;
  readonly path: string | undefined;
  readonly severity: string;
  readonly message: string;
  readonly shape: string | undefined;
}

/** Validates quads against Turtle shape files; returns every result (violations, warnings, infos). */
export async function validateShacl(quads: Iterable<Quad>, shapeFiles: readonly string[]): Promise<ShaclResult[]> {
  const shapes = new Store();
  for (const file of shapeFiles) shapes.addQuads(new Parser({ baseIRI: `file://${file}` }).parse(await readFile(file, 'utf8')));
  const data = new Store([...quads]);
  const validator = new SHACLValidator(shapes);
  const report = await validator.validate(data);
  return report.results.map((r) => ({
    focusNode: r.focusNode?.value ?? '',
    path: r.path?.value,
    severity: r.severity?.value.replace('http://www.w3.org/ns/shacl#', '') ?? 'Violation',
    message: r.message.map((m) => m.value).join(' '),
    shape: r.sourceShape?.value,
  }));
}

export function violations(results: readonly ShaclResult[]): ShaclResult[] {
  return results.filter((r) => r.severity === 'Violation');
}
