// VoID numbers checked against counts computed independently from the loaded store (N3 Store over the union of triples).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DataFactory, Parser, Store } from 'n3';
import type { Quad_Subject } from '@rdfjs/types';
import { buildServer } from '../src/server.js';
import { loadGraph } from '../src/store/load.js';
import { toTriples } from '../src/rdf/term-keys.js';
import { ns } from '../src/rdf/namespaces.js';
import { fixtureConfig } from './support/open-data.js';

const config = fixtureConfig();
let app: FastifyInstance;
let voidStore: Store;
let union: Store;
const dataset = DataFactory.namedNode(`${config.baseIri}dataset#dataset`);
const num = (s: Quad_Subject, p: string) => Number(voidStore.getObjects(s, ns.void(p), null)[0]?.value);

beforeAll(async () => {
  app = await buildServer(config);
  const response = await app.inject({ url: '/lod/.well-known/void', headers: { accept: 'text/turtle' } });
  expect(response.statusCode).toBe(200);
  voidStore = new Store(new Parser().parse(response.body));
  const graph = await loadGraph({ baseIri: config.baseIri, ontologyDir: null, dataDir: config.dataDir });
  union = new Store(toTriples(graph.store.getQuads(null, null, null, null)));
});
afterAll(async () => {
  await app.close();
});

describe('VoID', () => {
  it('counts distinct triples, subjects, objects and entities of the union graph', () => {
    expect(num(dataset, 'triples')).toBe(union.size);
    expect(num(dataset, 'distinctSubjects')).toBe(union.getSubjects(null, null, null).length);
    expect(num(dataset, 'distinctObjects')).toBe(union.getObjects(null, null, null).length);
    const entities = union.getSubjects(null, null, null).filter((s) => s.termType === 'NamedNode' && s.value.startsWith(`${config.baseIri}id/`));
    expect(num(dataset, 'entities')).toBe(entities.length);
  });

  it('gives a class partition per class and a property partition per property, with their counts', () => {
    const classes = union.getObjects(null, ns.rdf('type'), null);
    const classPartitions = voidStore.getObjects(dataset, ns.void('classPartition'), null);
    expect(classPartitions.length).toBe(classes.length);
    for (const partition of classPartitions) {
      const cls = voidStore.getObjects(partition, ns.void('class'), null)[0]!;
      expect(num(partition as Quad_Subject, 'entities'), cls.value).toBe(union.getSubjects(ns.rdf('type'), cls, null).length);
    }
    const propertyPartitions = voidStore.getObjects(dataset, ns.void('propertyPartition'), null);
    expect(propertyPartitions.length).toBe(union.getPredicates(null, null, null).length);
    let sum = 0;
    for (const partition of propertyPartitions) {
      const property = voidStore.getObjects(partition, ns.void('property'), null)[0]!;
      const n = num(partition as Quad_Subject, 'triples');
      expect(n, property.value).toBe(union.countQuads(null, property, null, null));
      sum += n;
    }
    expect(sum).toBe(union.size);
  });

  it('describes the Wikidata linkset, the access points and the URI space', () => {
    const linkset = voidStore.getSubjects(ns.rdf('type'), ns.void('Linkset'), null)[0]!;
    expect(voidStore.getObjects(linkset, ns.void('linkPredicate'), null)[0]!.value).toBe(ns.owl('sameAs').value);
    const links = union.getQuads(null, ns.owl('sameAs'), null, null).filter((q) => q.object.value.startsWith('http://www.wikidata.org/entity/'));
    expect(num(linkset, 'triples')).toBe(links.length);
    expect(voidStore.getObjects(dataset, ns.void('sparqlEndpoint'), null).map((o) => o.value)).toEqual([`${config.baseIri}sparql`]);
    expect(voidStore.getObjects(dataset, ns.void('dataDump'), null).length).toBe(4);
    expect(voidStore.getObjects(dataset, ns.void('uriSpace'), null)[0]!.value).toBe(`${config.baseIri}id/`);
    const examples = voidStore.getObjects(dataset, ns.void('exampleResource'), null);
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) expect(union.countQuads(example, null, null, null)).toBeGreaterThan(0);
    expect(voidStore.getObjects(dataset, ns.void('vocabulary'), null).map((o) => o.value)).toContain('http://www.w3.org/ns/org#');
  });
});
