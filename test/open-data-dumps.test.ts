// Dumps: byte-identical for the same graph loaded at different times, isomorphic to the loaded graph, gzip without a timestamp.
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import jsonld from 'jsonld';
import { Parser } from 'n3';
import { isomorphic } from 'rdf-isomorphic';
import type { Quad } from '@rdfjs/types';
import { loadGraph } from '../src/store/load.js';
import { toTriples } from '../src/rdf/term-keys.js';
import { buildDumps, type Dump } from '../src/open-data/dumps.js';
import { fixtureConfig } from './support/open-data.js';

const config = fixtureConfig();
const load = () => loadGraph({ baseIri: config.baseIri, ontologyDir: null, dataDir: config.dataDir });
const byName = (dumps: Dump[], name: string) => dumps.find((d) => d.fileName === name)!;

describe('dumps', () => {
  it('are byte-identical when the same graph is loaded and dumped at different times', async () => {
    const first = await buildDumps(await load());
    await new Promise((resolve) => setTimeout(resolve, 1100));
    // A second parse in the same process gives the blank nodes different internal labels.
    const second = await buildDumps(await load());
    expect(second.map((d) => d.fileName)).toEqual(first.map((d) => d.fileName));
    for (const [i, dump] of first.entries()) expect(second[i]!.bytes.equals(dump.bytes), dump.fileName).toBe(true);
  });

  it('write gzip with mtime 0, so the compressed bytes carry no build time', async () => {
    const gz = byName(await buildDumps(await load()), 'dataset.nq.gz').bytes;
    expect(gz.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(gz.readUInt32LE(4)).toBe(0);
  });

  it('hold the loaded graph: N-Quads, TriG and JSON-LD keep every quad, Turtle the union of triples', async () => {
    const graph = await load();
    const quads = graph.store.getQuads(null, null, null, null);
    const dumps = await buildDumps(graph);
    const nquads = new Parser({ format: 'application/n-quads' }).parse(gunzipSync(byName(dumps, 'dataset.nq.gz').bytes).toString('utf8'));
    const trig = new Parser({ format: 'application/trig' }).parse(byName(dumps, 'dataset.trig').bytes.toString('utf8'));
    const turtle = new Parser({ format: 'text/turtle' }).parse(byName(dumps, 'dataset.ttl').bytes.toString('utf8'));
    const fromJsonLd = new Parser({ format: 'application/n-quads' }).parse(
      (await jsonld.toRDF(JSON.parse(byName(dumps, 'dataset.jsonld').bytes.toString('utf8')) as object, { format: 'application/n-quads' })) as unknown as string,
    );
    const same = (a: Quad[], b: Quad[]) => isomorphic(a, b);
    expect(same(nquads, quads)).toBe(true);
    expect(same(trig, quads)).toBe(true);
    expect(same(fromJsonLd, quads)).toBe(true);
    expect(same(turtle, toTriples(quads))).toBe(true);
  });

  it('sort N-Quads lines and label blank nodes canonically', async () => {
    const text = gunzipSync(byName(await buildDumps(await load()), 'dataset.nq.gz').bytes).toString('utf8');
    const lines = text.trimEnd().split('\n');
    expect([...lines].sort()).toEqual(lines);
    expect(text).toMatch(/_:c14n0 /);
  });
});
