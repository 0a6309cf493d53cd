// Builds the downloadable dumps (N-Quads gzip, TriG, Turtle, JSON-LD) from the validated graph, byte-stable for a given graph.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { DataFactory, Parser } from 'n3';
import type { Quad } from '@rdfjs/types';
import type { LoadedGraph } from '../store/load.js';
import { allPrefixes } from '../rdf/namespaces.js';
import { rdfTypes } from '../rdf/media-types.js';
import { compactJsonLd, expandNQuads, writeQuads } from '../rdf/serialize.js';
import { termKey } from '../rdf/term-keys.js';
import { startWorker } from '../worker-start.js';
import type { DumpAnswer } from './dump-worker.js';

/** One downloadable file: its bytes, how it is served and how the catalogue describes it. */
export interface Dump {
  /** File name under `{base}download/`. */
  readonly fileName: string;
  /** Short id used in the distribution IRI (`{base}dataset#dist-{id}`). */
  readonly id: string;
  /** Content-Type sent with the file. */
  readonly contentType: string;
  /** IANA media type of the data inside (dcat:mediaType). */
  readonly mediaType: string;
  /** IANA media type of the compression, when the file is compressed (dcat:compressFormat). */
  readonly compressFormat?: string;
  /** EU file-type authority code (dct:format). */
  readonly fileType: string;
  readonly title: { readonly de: string; readonly en: string };
  readonly description: { readonly de: string; readonly en: string };
  /** Whether the format keeps the named graphs. */
  readonly keepsGraphs: boolean;
  /** The file exactly as downloaded: dcat:byteSize and spdx:checksum describe these bytes. */
  readonly bytes: Buffer;
  readonly sha256: string;
  /** The same bytes gzip-compressed, sent with `Content-Encoding: gzip` to clients that accept it (uncompressed files only). */
  readonly gzipped?: Buffer;
}

/**
 * gzip with a fixed header: Node's zlib writes mtime 0 and no file name, so the same input always gives
 * the same bytes (for one zlib version and level).
 */
function gzip(bytes: Buffer): Buffer {
  return gzipSync(bytes, { level: 9 });
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function compareKeys(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i]! < b[i]!) return -1;
    if (a[i]! > b[i]!) return 1;
  }
  return 0;
}

/** The dump files, without their bytes: what the catalogue and the download route say about each. */
const dumpFiles = {
  nquads: {
    fileName: 'dataset.nq.gz',
    id: 'nquads',
    contentType: 'application/gzip',
    mediaType: rdfTypes.nquads.type,
    compressFormat: 'application/gzip',
    fileType: 'RDF_N_QUADS',
    title: { de: 'Gesamter Graph als N-Quads (gzip)', en: 'Whole graph as N-Quads (gzip)' },
    description: {
      de: 'Alle Quads mit ihren benannten Graphen (ein Graph je Quelle), kanonisch (RDFC-1.0) und sortiert, gzip-komprimiert.',
      en: 'Every quad with its named graph (one graph per source), canonical (RDFC-1.0) and sorted, gzip-compressed.',
    },
    keepsGraphs: true,
  },
  trig: {
    fileName: 'dataset.trig',
    id: 'trig',
    contentType: rdfTypes.trig.contentType,
    mediaType: rdfTypes.trig.type,
    fileType: 'RDF_TRIG',
    title: { de: 'Gesamter Graph als TriG', en: 'Whole graph as TriG' },
    description: {
      de: 'Alle Quads mit ihren benannten Graphen (ein Graph je Quelle), nach Graph und Subjekt sortiert.',
      en: 'Every quad with its named graph (one graph per source), sorted by graph and subject.',
    },
    keepsGraphs: true,
  },
  turtle: {
    fileName: 'dataset.ttl',
    id: 'turtle',
    contentType: rdfTypes.turtle.contentType,
    mediaType: rdfTypes.turtle.type,
    fileType: 'RDF_TURTLE',
    title: { de: 'Vereinigter Graph als Turtle', en: 'Union graph as Turtle' },
    description: {
      de: 'Die Vereinigung aller Graphen (jedes Tripel einmal, ohne Graphnamen), wie sie der SPARQL-Standardgraph zeigt.',
      en: 'The union of all graphs (each triple once, without graph names), as the SPARQL default graph shows it.',
    },
    keepsGraphs: false,
  },
  jsonld: {
    fileName: 'dataset.jsonld',
    id: 'jsonld',
    contentType: rdfTypes.jsonld.contentType,
    mediaType: rdfTypes.jsonld.type,
    fileType: 'JSON_LD',
    title: { de: 'Gesamter Graph als JSON-LD', en: 'Whole graph as JSON-LD' },
    description: {
      de: 'Alle Quads als JSON-LD 1.1 mit eingebettetem Kontext; jeder benannte Graph ist ein Eintrag mit eigenem @graph.',
      en: 'Every quad as JSON-LD 1.1 with an embedded context; each named graph is an entry with its own @graph.',
    },
    keepsGraphs: true,
  },
} as const satisfies Record<string, Omit<Dump, 'sha256' | 'gzipped' | 'bytes'>>;

/** Builds every dump of a graph. Same graph (and base IRI) in, same bytes out. */
export async function buildDumps(graph: Pick<LoadedGraph, 'nquads' | 'baseIri'>): Promise<Dump[]> {
  // Canonical (RDFC-1.0) N-Quads, made once at load: see store/canonical.ts.
  const canonical = new TextDecoder().decode(graph.nquads);
  // blankNodePrefix '' keeps the canonical labels; N3's default prefix (b0_, b1_...) counts parses and would change.
  const quads = new Parser({ format: 'application/n-quads', blankNodePrefix: '' }).parse(canonical);
  const byGraph = [...quads].sort((a, b) =>
    compareKeys([termKey(a.graph), termKey(a.subject), a.predicate.value, termKey(a.object)], [termKey(b.graph), termKey(b.subject), b.predicate.value, termKey(b.object)]),
  );
  const triples = new Map<string, Quad>();
  for (const q of quads) {
    const key = `${termKey(q.subject)} ${q.predicate.value} ${termKey(q.object)}`;
    if (!triples.has(key)) triples.set(key, q);
  }
  const sortedTriples = [...triples.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, q]) => DataFactory.quad(q.subject, q.predicate, q.object));
  const prefixes = allPrefixes(graph.baseIri);

  // writeQuads, not writeN3: the dumps keep their canonical order and graphs, and declare every prefix
  // (writeN3 re-orders nothing but drops unused prefixes and graphs of triple formats, which would change the bytes).
  const trig = Buffer.from(await writeQuads(byGraph, rdfTypes.trig.type, prefixes), 'utf8');
  const turtle = Buffer.from(await writeQuads(sortedTriples, rdfTypes.turtle.type, prefixes), 'utf8');
  // From the canonical N-Quads, not expandTriples: the JSON-LD dump keeps every named graph.
  const compacted = await compactJsonLd(await expandNQuads(canonical), graph.baseIri);
  const jsonLdText = Buffer.from(`${JSON.stringify(compacted, null, 1)}\n`, 'utf8');
  const nquadsGz = gzip(Buffer.from(canonical, 'utf8'));

  // The text files also go out gzip-encoded to clients that accept it; the N-Quads file is gzip already.
  const file = (dump: Omit<Dump, 'sha256' | 'gzipped' | 'bytes'>, bytes: Buffer, compressible: boolean): Dump => ({
    ...dump,
    bytes,
    sha256: sha256(bytes),
    ...(compressible ? { gzipped: gzip(bytes) } : {}),
  });
  return [
    file(dumpFiles.nquads, nquadsGz, false),
    file(dumpFiles.trig, trig, true),
    file(dumpFiles.turtle, turtle, true),
    file(dumpFiles.jsonld, jsonLdText, true),
  ];
}

/** Builds the dumps in a worker thread: same bytes as buildDumps, without holding the main thread. */
export async function buildDumpsInWorker(graph: Pick<LoadedGraph, 'nquads' | 'baseIri'>): Promise<Dump[]> {
  const worker = startWorker(new URL('./dump-worker.js', import.meta.url), { nquads: graph.nquads, baseIri: graph.baseIri });
  try {
    const answer = await new Promise<DumpAnswer>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the dump worker exited with code ${code}`)));
    });
    if (!answer.ok) throw new Error(`building the dumps failed: ${answer.message}`);
    // Structured clone turns Buffers into plain Uint8Arrays; the routes send and hash Buffers.
    return answer.dumps.map((d) => ({
      ...d,
      bytes: Buffer.from(d.bytes.buffer, d.bytes.byteOffset, d.bytes.byteLength),
      ...(d.gzipped ? { gzipped: Buffer.from(d.gzipped.buffer, d.gzipped.byteOffset, d.gzipped.byteLength) } : {}),
    }));
  } finally {
    void worker.terminate();
  }
}
