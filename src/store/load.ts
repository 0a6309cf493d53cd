// Loads ontology/ and data/ (TriG, Turtle, N-Triples, N-Quads) into one N3 store, resolving relative IRIs against the base.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { DataFactory, Parser, Store } from 'n3';
import type { Quad } from '@rdfjs/types';
import { canonicalNQuads, storeFromCanonical } from './canonical.js';
import { quadKey } from '../rdf/term-keys.js';
import { filesIn, shownPath } from './files.js';

/** A file that could not be read or parsed, with the file and line the parser named. */
export class DataLoadError extends Error {
  override name = 'DataLoadError';
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    message: string,
  ) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${message}`);
  }
}

interface LoadOptions {
  /** Base IRI for relative IRIs in the files; ends with "/". */
  baseIri: string;
  /** Folder with the ontology (loaded into the graph `{base}def/`); null for none. */
  ontologyDir: string | null;
  /** Folder with the data files. */
  dataDir: string;
}

/** The loaded graph: one store plus what serving it needs to know about where it came from. */
export interface LoadedGraph {
  readonly store: Store;
  readonly baseIri: string;
  /** Named graph IRI -> the files its quads came from (relative to the project, for reports). */
  readonly graphFiles: ReadonlyMap<string, readonly string[]>;
  /** The file each quad came from, for validation reports. */
  readonly fileOf: (quad: Quad) => string | undefined;
  /** A content hash of every loaded file and the base IRI: the graph's version, for ETags and caches. */
  readonly version: string;
  /** When the graph was loaded. */
  readonly loadedAt: Date;
  /**
   * Every quad as canonical N-Quads (RDFC-1.0, sorted lines, UTF-8) in shared memory: the query workers load it and
   * the dumps start from it, all from this one copy.
   */
  readonly nquads: Uint8Array;
  /**
   * Store mode: the changelog text the loader wrote into the store ("" for none), so the release does not depend on
   * a replica's own data/ folder. Absent when the graph was read from data/ (its CHANGELOG.md is read there).
   */
  readonly changelog?: string;
  /** Store mode: the load of the store this copy was fetched from (see META.loadId). */
  readonly loadId?: string;
}

const formats: Record<string, string> = {
  '.trig': 'application/trig',
  '.ttl': 'text/turtle',
  '.nt': 'application/n-triples',
  '.nq': 'application/n-quads',
};

async function listRdfFiles(dir: string): Promise<string[]> {
  // DATA_DIR may also name one file (e.g. the W3C protocol test data, whose folder holds other files).
  if (path.extname(dir) in formats && (await stat(dir).catch(() => undefined))?.isFile()) return [dir];
  let names: string[];
  try {
    names = await filesIn(dir, Object.keys(formats));
  } catch (error) {
    throw new DataLoadError(dir, undefined, `cannot read folder: ${(error as Error).message}`);
  }
  return names.map((name) => path.join(dir, name));
}

/** Parses one file. Triples outside a named graph go into `defaultGraphIri`. */
export function parseRdf(text: string, file: string, baseIri: string, defaultGraphIri: string): Quad[] {
  const format = formats[path.extname(file)];
  if (!format) throw new DataLoadError(file, undefined, 'unknown file extension');
  const parser = new Parser({ baseIRI: baseIri, format });
  let quads: Quad[];
  try {
    quads = parser.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const context = (error as { context?: { line?: number } }).context;
    const line = context?.line ?? Number(/line (\d+)/.exec(message)?.[1] ?? NaN);
    throw new DataLoadError(file, Number.isNaN(line) ? undefined : line, message);
  }
  const graph = DataFactory.namedNode(defaultGraphIri);
  return quads.map((q) => (q.graph.termType === 'DefaultGraph' ? DataFactory.quad(q.subject, q.predicate, q.object, graph) : q));
}

/**
 * Loads every RDF file of the ontology and data folders into one store.
 * Ontology files go into the graph `{base}def/`; data files keep their TriG graphs, and triples outside
 * a graph go into `{base}graph/{file name without extension}`.
 */
export async function loadGraph(options: LoadOptions): Promise<LoadedGraph> {
  const { baseIri } = options;
  const hash = createHash('sha256').update(baseIri);
  const graphFiles = new Map<string, string[]>();
  const origins = new Map<string, string>();
  const groups: Array<{ files: string[]; graphFor: (file: string) => string }> = [];
  if (options.ontologyDir) groups.push({ files: await listRdfFiles(options.ontologyDir), graphFor: () => `${baseIri}def/` });
  groups.push({
    files: await listRdfFiles(options.dataDir),
    graphFor: (file) => `${baseIri}graph/${path.basename(file, path.extname(file))}`,
  });
  const quads: Quad[] = [];
  for (const { files, graphFor } of groups) {
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      const shown = shownPath(file);
      hash.update(path.basename(file)).update('\0').update(text).update('\0');
      for (const quad of parseRdf(text, shown, baseIri, graphFor(file))) {
        quads.push(quad);
        const list = graphFiles.get(quad.graph.value) ?? [];
        if (!list.includes(shown)) list.push(shown);
        graphFiles.set(quad.graph.value, list);
        // A quad's file is its graph's first file unless noted here: a key per quad cost about 300 MB at 1M triples,
        // and almost every graph comes from one file.
        if (list[0] !== shown) origins.set(quadKey(quad), shown);
      }
    }
  }
  return graphFromQuads(quads, {
    baseIri,
    graphFiles,
    fileOf: (quad) => origins.get(quadKey(quad)) ?? graphFiles.get(quad.graph.value)?.[0],
    version: hash.digest('hex').slice(0, 16),
    loadedAt: new Date(),
  });
}

/**
 * A loaded graph from its quads, from files or from a store: the read store and the shared bytes both come from the
 * canonical N-Quads (see storeFromCanonical), so the same graph gives the same store whatever order it arrived in.
 */
export async function graphFromQuads(quads: Quad[], about: Omit<LoadedGraph, 'store' | 'nquads'>): Promise<LoadedGraph> {
  const canonical = await canonicalNQuads(quads);
  return { store: storeFromCanonical(canonical), nquads: sharedBytes(canonical), ...about };
}

/** Text as UTF-8 in a SharedArrayBuffer, which worker threads read without a copy. */
function sharedBytes(text: string): Uint8Array {
  const bytes = Buffer.from(text, 'utf8');
  const shared = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
  shared.set(bytes);
  return shared;
}
