// Over a real port: what Node's HTTP parser refuses is problem+json, slow and surplus connections are closed, and /health stays fast under a parameter flood.
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildFixtureApp, fixtureConfig } from './support/sparql-fixture.js';
import { ConfigError } from '../src/config.js';

interface RawAnswer {
  /** Everything the server wrote before closing. */
  text: string;
  /** Whether the server closed the connection (false: the wait ran out first). */
  closed: boolean;
  elapsedMs: number;
}

/** Writes raw bytes (each string after `gapMs`), and collects the answer until the server closes or `waitMs` passes. */
function raw(port: number, chunks: string[], { gapMs = 0, waitMs = 5000 } = {}): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let timer: NodeJS.Timeout | undefined;
    const done = (closed: boolean) => {
      clearTimeout(timer);
      clearTimeout(giveUp);
      socket.destroy();
      resolve({ text, closed, elapsedMs: Date.now() - started });
    };
    const giveUp = setTimeout(() => done(false), waitMs);
    socket.on('data', (data) => (text += data.toString('utf8')));
    socket.on('close', () => done(true));
    socket.on('error', () => undefined);
    let next = 0;
    const write = () => {
      if (next >= chunks.length || socket.destroyed) return;
      socket.write(chunks[next++]!);
      timer = setTimeout(write, gapMs);
    };
    socket.on('connect', write);
  });
}

/** The status and the JSON body of a raw HTTP/1.1 answer. */
function parseAnswer(text: string): { status: number; headers: string; body: Record<string, unknown> } {
  const [head = '', body = ''] = text.split('\r\n\r\n');
  return { status: Number(head.split(' ')[1]), headers: head.toLowerCase(), body: body === '' ? {} : (JSON.parse(body) as Record<string, unknown>) };
}

const portOf = (app: FastifyInstance) => (app.server.address() as AddressInfo).port;

let app: FastifyInstance;
let port: number;
let strict: FastifyInstance;
let strictPort: number;

beforeAll(async () => {
  app = await buildFixtureApp();
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = portOf(app);
  // A short request timeout and a tiny connection cap, so the tests see them act in a second.
  strict = await buildFixtureApp({ requestTimeoutMs: 1000, maxConnections: 3, queryTimeoutMs: 2000 });
  await strict.listen({ port: 0, host: '127.0.0.1' });
  strictPort = portOf(strict);
});

afterAll(async () => {
  await app?.close();
  await strict?.close();
});

describe("Node's HTTP parser answers problem+json", () => {
  it.each([
    ['a 100 KB URL', 431, 'HEADERS_TOO_LARGE', `GET /id/${'a'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n`],
    ['10,000 parameters', 431, 'HEADERS_TOO_LARGE', `GET /sparql?${'a=1&'.repeat(10_000)} HTTP/1.1\r\nHost: x\r\n\r\n`],
    ['a control character in the URL', 400, 'MALFORMED_HTTP', 'GET /id/\u0001 HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['a space in the URL', 400, 'MALFORMED_HTTP', 'GET /id/a b HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['an unknown method', 400, 'MALFORMED_HTTP', 'BREW /health HTTP/1.1\r\nHost: x\r\n\r\n'],
  ])('%s: %i with code %s, then the connection is closed', async (_name, status, code, request) => {
    const answer = await raw(port, [request]);
    expect(answer.closed).toBe(true);
    const { status: got, headers, body } = parseAnswer(answer.text);
    expect(got).toBe(status);
    expect(headers).toContain('content-type: application/problem+json');
    expect(body).toMatchObject({ status, code, type: 'about:blank' });
    expect(typeof body.detail).toBe('string');
  });
});

describe('slow and surplus connections', () => {
  it('closes a client that trickles its POST body, with 408 problem+json, soon after the request timeout', async () => {
    const head = 'POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n';
    // One byte every 100 ms would take 100 s to send the announced body.
    const answer = await raw(strictPort, [head, ...Array(1000).fill('a')], { gapMs: 100, waitMs: 8000 });
    expect(answer.closed).toBe(true);
    expect(answer.elapsedMs).toBeGreaterThanOrEqual(900);
    expect(answer.elapsedMs).toBeLessThan(3000);
    const { status, headers, body } = parseAnswer(answer.text);
    expect(status).toBe(408);
    expect(headers).toContain('content-type: application/problem+json');
    expect(body).toMatchObject({ code: 'REQUEST_TIMEOUT', timeoutMs: 1000 });
  });

  it('keeps the connection of a query that runs longer than the request timeout: the timeout is for receiving only', async () => {
    // Seven ?s ?p ?o over the fixture's triples: far more rows than any engine counts within the 2 s query limit.
    const long = `SELECT (COUNT(*) AS ?n) WHERE { ${Array.from({ length: 7 }, (_, i) => `?s${i} ?p${i} ?o${i} .`).join(' ')} }`;
    const started = Date.now();
    const response = await fetch(`http://127.0.0.1:${strictPort}/sparql`, { method: 'POST', headers: { 'content-type': 'application/sparql-query' }, body: long });
    expect(Date.now() - started).toBeGreaterThan(1000);
    expect(response.status).toBe(503);
    expect((await response.json()).code).toBe('QUERY_TIMEOUT');
  });

  it('closes connections beyond the cap at once, and serves again when they are gone', async () => {
    const sockets = await Promise.all(
      Array.from({ length: 3 }, () => new Promise<ReturnType<typeof connect>>((resolve) => {
        const socket = connect(strictPort, '127.0.0.1', () => resolve(socket));
      })),
    );
    // Let the server accept them before the fourth arrives.
    await new Promise((r) => setTimeout(r, 100));
    const surplus = await raw(strictPort, ['GET /health HTTP/1.1\r\nHost: x\r\n\r\n'], { waitMs: 3000 });
    expect(surplus.closed).toBe(true);
    expect(surplus.text).toBe('');
    for (const socket of sockets) socket.destroy();
    await new Promise((r) => setTimeout(r, 100));
    const again = await raw(strictPort, ['GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n']);
    expect(parseAnswer(again.text).status).toBe(200);
  });
});

describe('a parameter flood in a form body (issue 10, item 1)', () => {
  it('answers 4xx fast while /health keeps answering in under a second', async () => {
    const body = `${'a&'.repeat(65_000)}query=ASK%7B%7D`;
    const base = `http://127.0.0.1:${port}`;
    const started = Date.now();
    const floods = Array.from({ length: 4 }, () =>
      fetch(`${base}/sparql`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }).then(async (r) => ({ status: r.status, type: r.headers.get('content-type'), ms: Date.now() - started, text: await r.text() })),
    );
    const healthTimes: number[] = [];
    for (let i = 0; i < 8; i++) {
      const t = Date.now();
      const health = await fetch(`${base}/health`);
      expect(health.status).toBe(200);
      await health.text();
      healthTimes.push(Date.now() - t);
      await new Promise((r) => setTimeout(r, 25));
    }
    const answers = await Promise.all(floods);
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(answer.type).toContain('application/problem+json');
      expect(answer.ms).toBeLessThan(3000);
    }
    expect(Math.max(...healthTimes)).toBeLessThan(1000);
  });
});

describe('configuration', () => {
  it.each([
    [{ CONNECTION_TIMEOUT_MS: '5000', QUERY_TIMEOUT_MS: '10000' }, /CONNECTION_TIMEOUT_MS .* must be longer than QUERY_TIMEOUT_MS/],
    [{ REQUEST_TIMEOUT_MS: 'soon' }, /REQUEST_TIMEOUT_MS must be an integer/],
    [{ MAX_CONNECTIONS: '0' }, /MAX_CONNECTIONS must be between 1 and/],
    [{ KEEP_ALIVE_TIMEOUT_MS: '-5' }, /KEEP_ALIVE_TIMEOUT_MS must be an integer/],
  ])('refuses %o', (env, message) => {
    expect(() => fixtureConfig({}, env)).toThrow(ConfigError);
    expect(() => fixtureConfig({}, env)).toThrow(message);
  });
});
