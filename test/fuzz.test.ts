// Fuzz: 20,000 seeded hostile requests over every route family never get a 5xx other than 503 with Retry-After; a few hundred over a real port drop no connection.
import { request as httpRequest, Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { fixtureConfig } from './support/open-data.js';
import { buildServer } from '../src/server.js';
import { loadQueryFiles } from '../src/api/query-file.js';
import { RequestGenerator, type FuzzRequest, type FuzzWorld } from './support/fuzz-requests.js';

/** FUZZ_SEED replays a run; without it every run explores new requests, and prints its seed. */
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 32);
const COUNT = Number(process.env.FUZZ_COUNT ?? 20_000);
const OVER_PORT = 300;
const CONCURRENCY = 8;

interface Outcome {
  request: FuzzRequest;
  status: number;
  retryAfter: string | undefined;
  contentType: string | undefined;
}

/**
 * What the service must never do: a 5xx other than 503 with Retry-After, or an error that is not
 * problem+json (a browser that asked for HTML may get the HTML 404 page instead).
 */
function violation(outcome: Outcome): string | null {
  const { status, retryAfter, contentType, request } = outcome;
  if (status >= 500 && !(status === 503 && Number(retryAfter) > 0)) return `${status} for ${request.method} ${request.url.slice(0, 200)}`;
  const htmlAsked = contentType?.startsWith('text/html') && request.headers.accept?.includes('text/html');
  if (status >= 400 && !contentType?.startsWith('application/problem+json') && !htmlAsked) return `${status} as ${contentType} for ${request.method} ${request.url.slice(0, 200)}`;
  return null;
}

/** Tallies per family and status, printed so a run can be compared with another. */
function tally(outcomes: Outcome[]): Record<string, Record<string, number>> {
  const table: Record<string, Record<string, number>> = {};
  for (const { request, status } of outcomes) {
    const row = (table[request.family] ??= {});
    row[status] = (row[status] ?? 0) + 1;
  }
  return table;
}

let app: FastifyInstance;
let world: FuzzWorld;

beforeAll(async () => {
  // The small open-data fixture under /lod/ with every real /api query file: fast pages, every route family.
  // Short timeouts and a low query limit, so heavy queries end quickly and 503s can happen.
  const config = fixtureConfig({ queryWorkers: 2, queryTimeoutMs: 2000, maxConcurrentQueries: 4 });
  app = await buildServer(config);
  const subjects = new Set<string>();
  for (const quad of app.graphState.current.store.match()) {
    const iri = quad.subject.value;
    if (iri.startsWith(`${config.baseIri}id/`) || iri.startsWith(`${config.baseIri}def/`)) subjects.add(iri.slice(config.baseIri.length));
    if (subjects.size >= 300) break;
  }
  const catalogue = await app.inject({ url: `${new URL(config.baseIri).pathname}dataset`, headers: { accept: 'text/turtle' } });
  const downloads = [...new Set([...catalogue.body.matchAll(/\/download\/([^>"\s]+)/g)].map((m) => m[1]!))];
  world = { prefix: new URL(config.baseIri).pathname.replace(/\/$/, ''), thingPaths: [...subjects, 'id/', 'def/'], queries: await loadQueryFiles(config.queriesDir, config.baseIri), downloads };
});

afterAll(async () => app?.close());

describe(`fuzz (seed ${SEED}; replay with FUZZ_SEED=${SEED})`, () => {
  it(`${COUNT} requests through app.inject(): no 5xx but 503 with Retry-After, every error problem+json`, async () => {
    const generator = new RequestGenerator(SEED, world);
    const outcomes: Outcome[] = [];
    const started = Date.now();
    for (let i = 0; i < COUNT; i += CONCURRENCY) {
      const batch = Array.from({ length: Math.min(CONCURRENCY, COUNT - i) }, () => generator.next());
      const answers = await Promise.all(
        batch.map((request) => app.inject({ method: request.method as 'GET', url: request.url, headers: request.headers, ...(request.body ? { payload: request.body } : {}) })),
      );
      answers.forEach((response, k) => {
        outcomes.push({ request: batch[k]!, status: response.statusCode, retryAfter: response.headers['retry-after'] as string | undefined, contentType: response.headers['content-type'] as string | undefined });
      });
    }
    const problems = outcomes.map(violation).filter((v): v is string => v !== null);
    console.log(`fuzz seed ${SEED}: ${outcomes.length} requests in ${Date.now() - started} ms`, JSON.stringify(tally(outcomes)));
    if (problems.length > 0) console.log(`${problems.length} violations, first ones:\n${problems.slice(0, 10).join('\n')}`);
    expect(problems).toEqual([]);
    // Every family was exercised, and not only refused: each got some 2xx or 3xx too.
    const table = tally(outcomes);
    for (const family of ['sparql-get', 'sparql-post-form', 'sparql-post-direct', 'api', 'linked-data', 'open-data', 'random-path']) {
      expect(Object.values(table[family] ?? {}).reduce((a, b) => a + b, 0), family).toBeGreaterThan(COUNT / 50);
    }
    for (const family of ['sparql-get', 'api', 'linked-data', 'open-data']) {
      expect(Object.entries(table[family]!).some(([status]) => Number(status) < 400), family).toBe(true);
    }
    const health = await app.inject({ url: `${world.prefix}/health` });
    expect(health.statusCode).toBe(200);
  });

  it(`${OVER_PORT} requests over a real port with keep-alive: no dropped connection, no 5xx but 503`, async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as AddressInfo).port;
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const generator = new RequestGenerator(SEED + 1, world);
    const dropped: string[] = [];
    const outcomes: Outcome[] = [];
    let skipped = 0;
    const send = (request: FuzzRequest) =>
      new Promise<void>((resolve) => {
        let req;
        try {
          req = httpRequest({ host: '127.0.0.1', port, agent, method: request.method, path: request.url, headers: request.headers });
        } catch {
          // A URL or header node:http itself refuses to send (app.inject took it above); not the server's doing.
          skipped++;
          return resolve();
        }
        req.on('response', (response) => {
          response.resume();
          response.on('end', () => {
            outcomes.push({ request, status: response.statusCode ?? 0, retryAfter: response.headers['retry-after'], contentType: response.headers['content-type'] });
            resolve();
          });
          response.on('error', (error) => {
            dropped.push(`${request.method} ${request.url.slice(0, 100)}: ${error.message}`);
            resolve();
          });
        });
        req.on('error', (error) => {
          dropped.push(`${request.method} ${request.url.slice(0, 100)}: ${error.message}`);
          resolve();
        });
        req.end(request.body);
      });
    const requests = Array.from({ length: OVER_PORT }, () => generator.next());
    for (let i = 0; i < requests.length; i += CONCURRENCY) await Promise.all(requests.slice(i, i + CONCURRENCY).map(send));
    agent.destroy();
    console.log(`fuzz over a port, seed ${SEED + 1}: ${outcomes.length} answered, ${dropped.length} dropped, ${skipped} not sendable`, JSON.stringify(tally(outcomes)));
    expect(dropped).toEqual([]);
    expect(outcomes.map(violation).filter((v) => v !== null)).toEqual([]);
    expect(outcomes.length).toBeGreaterThan(OVER_PORT * 0.9);
    const health = await fetch(`http://127.0.0.1:${port}${world.prefix}/health`);
    expect(health.status).toBe(200);
  });
});
