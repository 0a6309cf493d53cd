// What both parts of bench:scale share: the generated data folder, the queries asked of every size, and timing requests (median and p95 of the successful ones).
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateGraph } from './generate.js';
import { projectRoot } from './server-process.js';

/** The service is told this base IRI; only its path matters for routing, so it still listens on loopback. */
export const SCALE_BASE = 'http://scale.example/';

export interface ScaleData {
  /** A temporary folder holding `data/` (to delete at the end). */
  dir: string;
  dataDir: string;
  triples: number;
  cities: number;
  networks: number;
}

/** A temporary data/ folder with the real CHANGELOG.md (the graph version) and a generated graph of about `size` triples. */
export async function prepareData(size: number): Promise<ScaleData> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lod-scale-'));
  const dataDir = path.join(dir, 'data');
  mkdirSync(dataDir);
  copyFileSync(path.join(projectRoot, 'data/CHANGELOG.md'), path.join(dataDir, 'CHANGELOG.md'));
  const generated = await generateGraph(path.join(dataDir, 'generated.nq'), size, SCALE_BASE);
  return { dir, dataDir, ...generated };
}

const org = 'http://www.w3.org/ns/org#';
/** The SPARQL queries timed at every size, over the generated graph's IRIs. */
export const scaleQueries: Array<{ name: string; query: string }> = [
  { name: 'labels of one city', query: `SELECT ?l WHERE { <${SCALE_BASE}id/city/city-123> <http://www.w3.org/2000/01/rdf-schema#label> ?l }` },
  { name: 'members of one network', query: `SELECT ?c WHERE { ?c <${org}memberOf> <${SCALE_BASE}id/network/network-3> }` },
  { name: 'cities in two networks (join)', query: `SELECT ?c WHERE { ?c <${org}memberOf> <${SCALE_BASE}id/network/network-1> , <${SCALE_BASE}id/network/network-2> }` },
  { name: 'memberships of one city, with dates', query: `SELECT ?n ?d WHERE { ?m <${org}member> <${SCALE_BASE}id/city/city-77> ; <${org}organization> ?n ; <http://schema.org/startDate> ?d }` },
];

/** A GET of a SPARQL endpoint (with or without its own parameters); `i` goes into a comment, so no cache answers it. */
export function sparqlGet(endpoint: string, query: string) {
  return (i: number) => ({
    url: `${endpoint}${endpoint.includes('?') ? '&' : '?'}query=${encodeURIComponent(`${query}\n# run ${i}`)}`,
    accept: 'application/sparql-results+json',
  });
}

export interface Latency {
  /** Median and 95th percentile in ms, of the successful answers only (NaN when none succeeded). */
  median: number;
  p95: number;
  ok: number;
  failed: number;
  /** The first failure, to print (status and the start of the body, or the network error). */
  firstFailure?: string;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

/** Times one request; undefined when it failed (a fast error is not a latency), with the reason in `failures`. */
export async function timeOne(request: { url: string; accept: string }, failures: string[]): Promise<number | undefined> {
  const started = performance.now();
  try {
    const response = await fetch(request.url, { headers: { accept: request.accept } });
    const body = await response.text();
    if (response.status === 200) return performance.now() - started;
    failures.push(`HTTP ${response.status}: ${body.slice(0, 200)}`);
  } catch (error) {
    failures.push(String((error as { cause?: unknown }).cause ?? error));
  }
  return undefined;
}

/** Summarises the times of `runs` attempts, of which `failures` failed. */
export function summarise(times: number[], failures: string[]): Latency {
  const sorted = [...times].sort((a, b) => a - b);
  // The median as the embedded part always took it: the upper middle of an even count.
  return { median: sorted.length ? sorted[Math.floor(sorted.length / 2)]! : NaN, p95: percentile(sorted, 0.95), ok: times.length, failed: failures.length, firstFailure: failures[0] };
}

/** `runs` requests one after the other; `make(i)` gives a fresh URL each time, so no answer comes from a cache. */
export async function latency(runs: number, make: (i: number) => { url: string; accept: string }): Promise<Latency> {
  const times: number[] = [];
  const failures: string[] = [];
  for (let i = 0; i < runs; i++) {
    const ms = await timeOne(make(i), failures);
    if (ms !== undefined) times.push(ms);
  }
  return summarise(times, failures);
}

/** "  12.34 /  15.67 ms" or the failure count when nothing succeeded. */
export function shown(latency: Latency | undefined): string {
  if (!latency) return '-'.padStart(19);
  if (latency.ok === 0) return `all ${latency.failed} failed`.padStart(19);
  return `${latency.median.toFixed(2).padStart(8)} / ${latency.p95.toFixed(2).padStart(7)}`;
}
