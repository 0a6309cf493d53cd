// JSON-LD and RDF/XML mean exactly what Turtle means: for every resource, index and the ontology, parsing them gives the Turtle graph.
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import jsonld from 'jsonld';
import { DataFactory, Parser, type Quad } from 'n3';
import { isomorphic } from 'rdf-isomorphic';
import { loadConfig } from '../src/config.js';
import { buildServer } from '../src/server.js';
import { documentPaths, parseRdfXml } from './support/rdf.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixtures = `${root}test/fixtures/linked-data/`;

function suffixed(path: string, suffix: string): string {
  return path.endsWith('/') ? `/${path}index.${suffix}` : `/${path}.${suffix}`;
}

async function expandToQuads(app: FastifyInstance, document: unknown): Promise<Quad[]> {
  const base = app.config.baseIri;
  // The context is loaded from the server itself, so the test checks the context we publish.
  const documentLoader = async (url: string) => {
    if (url !== `${base}context.jsonld`) throw new Error(`unexpected remote document ${url}`);
    const response = await app.inject({ url: '/context.jsonld' });
    return { contextUrl: undefined, documentUrl: url, document: response.json() };
  };
  const nquads = (await jsonld.toRDF(document as jsonld.JsonLdDocument, { format: 'application/n-quads', documentLoader } as jsonld.Options.ToRdf)) as unknown as string;
  return new Parser({ format: 'application/n-quads' }).parse(nquads);
}

const XSD_DOUBLE = 'http://www.w3.org/2001/XMLSchema#double';

/**
 * jsonld.js's toRDF rewrites every xsd:double to its canonical form, even a string "@value" that the
 * JSON-LD 1.1 API (Object to RDF Conversion) says to keep as written (jsonld lib/toRdf.js, `datatype === XSD_DOUBLE`).
 * So doubles are compared by value on both sides; the test below checks that our JSON keeps "1.50E0" verbatim.
 */
function canonicalDoubles(quads: Quad[]): Quad[] {
  return quads.map((q) =>
    q.object.termType === 'Literal' && q.object.datatype.value === XSD_DOUBLE
      ? DataFactory.quad(q.subject, q.predicate, DataFactory.literal(String(Number(q.object.value)), DataFactory.namedNode(XSD_DOUBLE)), q.graph)
      : q,
  );
}

const graphs: Array<[string, Record<string, string>]> = [
  ['fixture graph', { DATA_DIR: `${fixtures}data`, ONTOLOGY_DIR: `${fixtures}ontology` }],
];
if (existsSync(`${root}data`) && readdirSync(`${root}data`).some((f) => f.endsWith('.trig'))) {
  graphs.push(['project graph (data/ + ontology/)', { DATA_DIR: `${root}data`, ONTOLOGY_DIR: `${root}ontology` }]);
}

describe.each(graphs)('%s', (_name, dirs) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildServer(loadConfig({ ...dirs, QUERIES_DIR: `${fixtures}queries`, SHAPES_DIR: 'none', LOG_LEVEL: 'silent' }));
  });
  afterAll(async () => app?.close());

  it('JSON-LD, RDF/XML and Turtle of every document are isomorphic', async () => {
    const paths = documentPaths(app.graphState.current);
    expect(paths.length).toBeGreaterThan(5);
    const failures: string[] = [];
    for (const path of paths) {
      const ttl = await app.inject({ url: suffixed(path, 'ttl') });
      const json = await app.inject({ url: suffixed(path, 'jsonld') });
      if (ttl.statusCode !== 200 || json.statusCode !== 200) {
        failures.push(`${path}: ${ttl.statusCode}/${json.statusCode}`);
        continue;
      }
      const fromTurtle = new Parser({ format: 'text/turtle' }).parse(ttl.body);
      const fromJsonLd = await expandToQuads(app, json.json());
      if (fromTurtle.length === 0 || !isomorphic(canonicalDoubles(fromTurtle), canonicalDoubles(fromJsonLd))) failures.push(`${path}: ${fromTurtle.length} Turtle triples, ${fromJsonLd.length} from JSON-LD`);
      const xml = await app.inject({ url: suffixed(path, 'rdf') });
      const fromXml = xml.statusCode === 200 ? await parseRdfXml(xml.body) : [];
      if (!isomorphic(fromTurtle, fromXml)) failures.push(`${path}: RDF/XML (${xml.statusCode}) gives ${fromXml.length} triples`);
    }
    expect(failures).toEqual([]);
  });

  it('writes every property our vocabularies name with a short key, in every document', async () => {
    const context = (await app.inject({ url: '/context.jsonld' })).json()['@context'] as Record<string, unknown>;
    const prefixNames = new Set(Object.entries(context).filter(([, v]) => typeof v === 'string' && /[/#]$/.test(v)).map(([k]) => k));
    // foaf:name sits next to schema:name on people; `name` is schema.org's, so FOAF's stays prefixed.
    const allowed = new Set(['foaf:name']);
    const long = new Set<string>();
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(visit);
      if (typeof value !== 'object' || value === null) return;
      for (const [key, v] of Object.entries(value)) {
        const prefix = key.split(':', 1)[0]!;
        if (key.includes(':') && prefixNames.has(prefix) && !allowed.has(key)) long.add(key);
        if (key !== '@context') visit(v);
      }
    };
    for (const path of documentPaths(app.graphState.current)) visit((await app.inject({ url: suffixed(path, 'jsonld') })).json());
    expect([...long].sort()).toEqual([]);
  });
});

describe('compaction with the published context', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildServer(
      loadConfig({ DATA_DIR: `${fixtures}data`, ONTOLOGY_DIR: `${fixtures}ontology`, QUERIES_DIR: `${fixtures}queries`, SHAPES_DIR: 'none', LOG_LEVEL: 'silent' }),
    );
  });
  afterAll(async () => app?.close());

  const node = async (path: string, id: string) => {
    const doc = (await app.inject({ url: path })).json();
    const nodes: Array<Record<string, unknown>> = doc['@graph'] ?? [doc];
    return nodes.find((n) => n.id === id)!;
  };

  it('uses short keys, language maps and typed dates', async () => {
    const iash = await node('/doc/network/iash.jsonld', 'http://localhost:3000/id/network/iash');
    expect(iash.label).toEqual({ de: 'Internationale Allianz Sicherer Häfen', en: 'International Alliance of Safe Harbours' });
    // Every date keeps its own precision, under the same short key whatever the precision.
    expect(iash.startDate).toEqual({ type: 'xsd:date', '@value': '2021-06-15' });
    expect(iash.foundingDate).toEqual({ type: 'xsd:gYearMonth', '@value': '2021-06' });
    const eurocities = await node('/doc/network/eurocities.jsonld', 'http://localhost:3000/id/network/eurocities');
    expect(eurocities.foundingDate).toEqual({ type: 'xsd:gYear', '@value': '1986' });
    const membership = await node('/doc/membership/berlin-eurocities.jsonld', 'http://localhost:3000/id/membership/berlin-eurocities');
    expect(membership.memberDuring).toMatchObject({ periodStart: { type: 'xsd:gYearMonth', '@value': '2023-11' } });
    expect(iash.wasDerivedFrom).toBe('http://localhost:3000/id/source/networks');
    const berlin = await node('/doc/city/berlin.jsonld', 'http://localhost:3000/id/city/berlin');
    expect(berlin.type).toEqual(expect.arrayContaining(['schema:City', 'org:Organization']));
    expect(berlin.memberOf).toEqual(expect.arrayContaining(['http://localhost:3000/id/network/eurocities']));
  });

  it('nests blank nodes and writes exact numbers and booleans as JSON values', async () => {
    const eurocities = await node('/doc/network/eurocities.jsonld', 'http://localhost:3000/id/network/eurocities');
    expect(eurocities.reportedMemberCount).toMatchObject({ type: 'schema:QuantitativeValue', value: 200, approximate: true });
  });

  it('keeps odd literals exactly (non-canonical numbers, unknown datatypes, untagged labels)', async () => {
    const evil = await node('/doc/network/evil.jsonld', 'http://localhost:3000/id/network/evil');
    const weird = evil['http://example.org/vocab#weird'] as unknown[];
    expect(weird).toEqual(expect.arrayContaining([{ type: 'xsd:integer', '@value': '0200' }, { type: 'xsd:double', '@value': '1.50E0' }, 42, false]));
    expect(evil.label).toMatchObject({ '@none': 'untagged label' });
  });
});
