// GET /metrics: Prometheus text with requests by route and status, latency, graph size and version, cache hits; one registry per app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildFixtureApp } from './support/sparql-fixture.js';

/** The value of one sample line (`name{labels} value`), or undefined when the series is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

let app: FastifyInstance;
let other: FastifyInstance;
beforeAll(async () => {
  [app, other] = await Promise.all([buildFixtureApp(), buildFixtureApp()]);
});
afterAll(async () => {
  await app?.close();
  await other?.close();
});

describe('GET /metrics', () => {
  it('serves Prometheus text format', async () => {
    const response = await app.inject({ url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.body).toContain('# TYPE lod_http_requests_total counter');
    expect(response.body).toContain('# TYPE lod_http_request_duration_seconds histogram');
    expect(response.body).toContain('# TYPE lod_query_duration_seconds histogram');
    expect(response.body).toContain('process_resident_memory_bytes');
  });

  it('counts answers by route pattern and status, never by raw URL', async () => {
    const before = (await app.inject({ url: '/metrics' })).body;
    const count = (text: string, route: string, status: number) => sample(text, `lod_http_requests_total{method="GET",route="${route}",status="${status}"}`) ?? 0;
    await app.inject({ url: '/health' });
    await app.inject({ url: '/health' });
    await app.inject({ url: '/no/such/page/12345' });
    await app.inject({ url: '/sparql?query=%23only-a-comment' });
    const after = (await app.inject({ url: '/metrics' })).body;
    expect(count(after, '/health', 200) - count(before, '/health', 200)).toBe(2);
    expect(count(after, 'unmatched', 404) - count(before, 'unmatched', 404)).toBe(1);
    expect(count(after, '/sparql', 400) - count(before, '/sparql', 400)).toBe(1);
    expect(after).not.toContain('12345');
    expect(sample(after, 'lod_http_request_duration_seconds_count{method="GET",route="/health"}')).toBeGreaterThanOrEqual(2);
  });

  it('gives the size and version of the graph being served, as /health does', async () => {
    const health = (await app.inject({ url: '/health' })).json();
    const text = (await app.inject({ url: '/metrics' })).body;
    expect(sample(text, 'lod_graph_quads')).toBe(health.quads);
    expect(text).toContain(`lod_graph_info{version="${health.version}",loaded_at="${health.loadedAt}"} 1`);
  });

  it('counts /api cache hits and misses', async () => {
    const read = async () => {
      const text = (await app.inject({ url: '/metrics' })).body;
      return { hits: sample(text, 'lod_cache_hits_total{route="api"}') ?? 0, misses: sample(text, 'lod_cache_misses_total{route="api"}') ?? 0 };
    };
    const before = await read();
    expect((await app.inject({ url: '/api/cities?limit=7' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/cities?limit=8' })).statusCode).toBe(200);
    const after = await read();
    // Paging reuses one cached result: at most one miss, and at least one hit, for the two requests.
    expect(after.hits + after.misses - before.hits - before.misses).toBe(2);
    expect(after.hits - before.hits).toBeGreaterThanOrEqual(1);
  });

  it('times every query by route and outcome: a /sparql answer and a syntax error found by the worker', async () => {
    const series = (text: string, route: string, outcome: string) => sample(text, `lod_query_duration_seconds_count{route="${route}",outcome="${outcome}"}`) ?? 0;
    const before = (await app.inject({ url: '/metrics' })).body;
    expect((await app.inject({ url: `/sparql?query=${encodeURIComponent('ASK { ?s ?p ?o }')}` })).statusCode).toBe(200);
    expect((await app.inject({ url: `/sparql?query=${encodeURIComponent('ASK {')}` })).statusCode).toBe(400);
    const after = (await app.inject({ url: '/metrics' })).body;
    expect(series(after, 'sparql', 'ok') - series(before, 'sparql', 'ok')).toBe(1);
    // The query is parsed and checked in a worker (never on the main thread), so a syntax error is a timed query with outcome "error".
    expect(series(after, 'sparql', 'error') - series(before, 'sparql', 'error')).toBe(1);
    expect(after).toMatch(/lod_query_duration_seconds_bucket\{le="0\.001",route="sparql",outcome="ok"\}/);
  });

  it('keeps each app its own registry, so instruments the pool updates do not leak between apps', async () => {
    app.metrics.workerRestarts.inc();
    app.metrics.queueLength.set(4);
    const mine = (await app.inject({ url: '/metrics' })).body;
    const theirs = (await other.inject({ url: '/metrics' })).body;
    expect(sample(mine, 'lod_query_worker_restarts_total')).toBeGreaterThanOrEqual(1);
    expect(sample(mine, 'lod_query_queue_length')).toBe(4);
    expect(sample(theirs, 'lod_query_worker_restarts_total')).toBe(0);
    expect(sample(theirs, 'lod_query_queue_length')).toBe(0);
  });
});
