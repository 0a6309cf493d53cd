// Query files are checked at start (a broken one stops the start with file and line); the result cache empties when the graph changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.js';
import { buildServer } from '../src/server.js';
import { loadGraph } from '../src/store/load.js';
import { QueryFileError, parseQueryFile } from '../src/api/query-file.js';
import { fold } from '../src/api/bind.js';

const fixtures = fileURLToPath(new URL('./fixtures/api/', import.meta.url));
const base = 'http://localhost:3000/';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'api-queries-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const header = `#+ summary: Cities
#+ fields:
#+   id: { type: iri, description: The city }
`;

describe('a broken query file stops the start', () => {
  it.each([
    ['SPARQL syntax error', `${header}SELECT ?id WHERE {\n  ?id a <urn:x:City> .\n  FILTER(\n}\n`, 6, /SPARQL/],
    ['YAML error in the header', `#+ summary: Cities\n#+ fields: [unclosed\nSELECT ?id WHERE { ?id ?p ?o }\n`, 2, /header/],
    ['unknown header key', `${header}#+ paramters: {}\nSELECT ?id WHERE { ?id ?p ?o }\n`, 4, /paramters/],
    ['parameter of an unknown type', `${header}#+ parameters:\n#+   x: { type: number, description: X }\nSELECT ?id WHERE { ?id ?p ?x }\n`, 5, /type/],
    ['projected variable not described', `${header}SELECT ?id ?label WHERE { ?id ?p ?label }\n`, 4, /\?label/],
    ['parameter the query never uses', `${header}#+ parameters:\n#+   city: { type: iri, kinds: [city], description: C }\nSELECT ?id WHERE { ?id ?p ?o }\n`, 5, /never uses \?city/],
    ['no header', `SELECT ?id WHERE { ?id ?p ?o }\n`, 1, /#\+/],
  ])('%s', async (_case, text, line, message) => {
    const file = path.join(dir, 'broken.rq');
    await writeFile(file, text);
    const config = loadConfig({ SHAPES_DIR: 'none', LOG_LEVEL: 'silent', QUERIES_DIR: dir });
    const graph = await loadGraph({ baseIri: base, ontologyDir: null, dataDir: path.join(fixtures, 'data') });
    const error = await buildServer(config, graph).then(
      async (app) => {
        await app.close();
        return undefined;
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(QueryFileError);
    const e = error as QueryFileError;
    expect(e.file).toMatch(/broken\.rq$/);
    expect(e.line).toBe(line);
    expect(e.message).toMatch(message);
    expect(e.message).toContain(`broken.rq:${line}:`);
  });
});

describe('query parsing and folding', () => {
  it('a_valid_file_yields_its_parameters_and_fields', () => {
    const query = parseQueryFile(
      `${header}#+ parameters:\n#+   city: { type: iri, kinds: [city], repeatable: true, pattern: "?id <urn:x:in> ?value .", description: C }\nSELECT ?id WHERE { ?id ?p ?o }\n`,
      'queries/cities.rq',
      base,
    );
    expect(query.name).toBe('cities');
    expect(query.parameters[0]).toMatchObject({ name: 'city', type: 'iri', repeatable: true, namespaces: [`${base}id/city/`] });
    expect(query.key).toEqual(['id']);
  });

  it.each([
    ['Städte', 'stadte'],
    ['ŁÓDŹ', 'lodz'],
    ['Straße', 'strasse'],
    ['Øresund', 'oresund'],
  ])('fold(%s) is %s', (text, folded) => {
    expect(fold(text)).toBe(folded);
  });
});

describe('the result cache empties when the graph changes', () => {
  it('answers_from_the_new_graph_after_replace', async () => {
    const queriesDir = await mkdtemp(path.join(tmpdir(), 'api-cache-'));
    await copyFile(fileURLToPath(new URL('../queries/cities.rq', import.meta.url)), path.join(queriesDir, 'cities.rq'));
    const config = loadConfig({ SHAPES_DIR: 'none', LOG_LEVEL: 'silent', QUERIES_DIR: queriesDir, QUERY_WORKERS: '1' });
    const one = await loadGraph({ baseIri: base, ontologyDir: null, dataDir: path.join(fixtures, 'data') });
    const two = await loadGraph({ baseIri: base, ontologyDir: null, dataDir: path.join(fixtures, 'data-changed') });
    const app = await buildServer(config, one);
    try {
      const before = await app.inject('/api/cities');
      expect((before.json() as Array<{ label: string }>).map((c) => c.label)).toEqual(['Atlantis']);
      // The same request again is answered (from the cache) with the same body and ETag.
      const again = await app.inject('/api/cities');
      expect(again.body).toBe(before.body);
      expect(again.headers.etag).toBe(before.headers.etag);
      await app.graphState.replace(two);
      const after = await app.inject('/api/cities');
      expect((after.json() as Array<{ label: string }>).map((c) => c.label)).toEqual(['Atlantis', 'Lemuria']);
      expect(after.headers.etag).not.toBe(before.headers.etag);
    } finally {
      await app.close();
      await rm(queriesDir, { recursive: true, force: true });
    }
  });
});
