// The response pipeline without a server: 304 before rendering, bodies cached per graph version, one Content-Type per type.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { LruCache } from '../../src/http/lru-cache.js';
import { represent, type Representation } from '../../src/http/represent.js';
import { HttpError } from '../../src/errors.js';
import { rdfTypes } from '../../src/rdf/media-types.js';
import type { LoadedGraph } from '../../src/store/load.js';

/** A Fastify reply reduced to what represent uses, recording headers, status and body. */
function fakeReply() {
  const headers: Record<string, string> = {};
  const sent: { status: number; body?: unknown } = { status: 200 };
  const reply = {
    header: (name: string, value: string) => ((headers[name.toLowerCase()] = value), reply),
    removeHeader: (name: string) => (delete headers[name.toLowerCase()], reply),
    type: (value: string) => ((headers['content-type'] = value), reply),
    code: (status: number) => ((sent.status = status), reply),
    send: (body?: unknown) => ((sent.body = body), reply),
  };
  return { reply: reply as unknown as FastifyReply, headers, sent };
}

const request = (headers: Record<string, string> = {}) => ({ headers }) as unknown as FastifyRequest;
const graph = { version: 'v1', loadedAt: new Date('2026-03-01T10:00:00Z') } as LoadedGraph;

/** A representation whose renderings are counted. */
function counted(cache?: LruCache<string>) {
  const calls = { n: 0 };
  const representation: Representation = { mediaType: rdfTypes.turtle, graph, variant: ['doc/city/berlin'], cache, render: () => `body ${++calls.n}` };
  return { representation, calls };
}

describe('represent', () => {
  it('sends the rendered body with the media type\'s one Content-Type and validators', async () => {
    const { reply, headers, sent } = fakeReply();
    await represent(request(), reply, counted().representation);
    expect(sent).toEqual({ status: 200, body: 'body 1' });
    expect(headers['content-type']).toBe('text/turtle; charset=utf-8');
    expect(headers.etag).toMatch(/^"v1-/);
  });

  it('answers 304 without rendering when the client holds the current tag', async () => {
    const first = fakeReply();
    await represent(request(), first.reply, counted().representation);
    const { representation, calls } = counted();
    const { reply, sent } = fakeReply();
    await represent(request({ 'if-none-match': first.headers.etag! }), reply, representation);
    expect(sent.status).toBe(304);
    expect(sent.body).toBeUndefined();
    expect(calls.n).toBe(0);
  });

  it('renders once per graph version and variant when given a cache', async () => {
    const cache = new LruCache<string>(10);
    const { representation, calls } = counted(cache);
    for (let i = 0; i < 3; i++) await represent(request(), fakeReply().reply, representation);
    expect(calls.n).toBe(1);
    await represent(request(), fakeReply().reply, { ...representation, graph: { ...graph, version: 'v2' } });
    expect(calls.n).toBe(2);
  });

  it('drops the validators when rendering is refused, since no representation was made', async () => {
    const { reply, headers } = fakeReply();
    const refusing: Representation = { ...counted().representation, render: () => Promise.reject(new HttpError(406, 'NOT_ACCEPTABLE', 'no')) };
    await expect(represent(request(), reply, refusing)).rejects.toThrow('no');
    expect(headers.etag).toBeUndefined();
    expect(headers['last-modified']).toBeUndefined();
  });
});
