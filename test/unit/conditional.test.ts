// Conditional requests without a server: the validators notModified sets, and when it answers 304 (RFC 9110 §13).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { notModified } from '../../src/http/conditional.js';
import type { LoadedGraph } from '../../src/store/load.js';

/** What a reply was told: its headers and, when sent, its status. */
interface Recorded {
  headers: Record<string, string>;
  status?: number;
  sent: boolean;
}

/** The parts of a Fastify reply notModified uses, recording what it does. */
function fakeReply(): { reply: FastifyReply; recorded: Recorded } {
  const recorded: Recorded = { headers: {}, sent: false };
  const reply = {
    header(name: string, value: string) {
      recorded.headers[name.toLowerCase()] = value;
      return reply;
    },
    code(status: number) {
      recorded.status = status;
      return reply;
    },
    send() {
      recorded.sent = true;
      return reply;
    },
  };
  return { reply: reply as unknown as FastifyReply, recorded };
}

function fakeRequest(headers: Record<string, string> = {}): FastifyRequest {
  return { headers } as unknown as FastifyRequest;
}

const loadedAt = new Date('2026-03-01T10:20:30.456Z');
const graph = { version: 'v1', loadedAt } as LoadedGraph;
const otherVersion = { version: 'v2', loadedAt } as LoadedGraph;

/** The ETag a plain request gets for one variant. */
function etagOf(source: LoadedGraph, variant: string | (string | number)[]): string {
  const { reply, recorded } = fakeReply();
  notModified(fakeRequest(), reply, source, variant);
  return recorded.headers.etag!;
}

describe('validators', () => {
  it('sets a strong ETag, Last-Modified in whole seconds and a default max-age of 300', () => {
    const { reply, recorded } = fakeReply();
    expect(notModified(fakeRequest(), reply, graph, 'text/turtle')).toBe(false);
    expect(recorded.headers.etag).toMatch(/^"v1-[A-Za-z0-9_-]{22}"$/);
    expect(recorded.headers['last-modified']).toBe('Sun, 01 Mar 2026 10:20:30 GMT');
    expect(recorded.headers['cache-control']).toBe('public, max-age=300');
    expect(recorded.sent).toBe(false);
  });

  it('uses the max-age it is given', () => {
    const { reply, recorded } = fakeReply();
    notModified(fakeRequest(), reply, graph, 'x', 60);
    expect(recorded.headers['cache-control']).toBe('public, max-age=60');
  });

  it('gives one representation one tag, and every other representation or graph version another', () => {
    const tags = [
      etagOf(graph, 'text/turtle'),
      etagOf(graph, 'application/ld+json'),
      etagOf(otherVersion, 'text/turtle'),
      // Lists are joined with NUL, so ["a,b"] and ["a", "b"] stay apart.
      etagOf(graph, ['a,b']),
      etagOf(graph, ['a', 'b']),
      // A long variant is hashed whole: two URLs that differ only at the end get different tags.
      etagOf(graph, `/api/cities?${'x'.repeat(500)}1`),
      etagOf(graph, `/api/cities?${'x'.repeat(500)}2`),
    ];
    expect(new Set(tags).size).toBe(tags.length);
    expect(etagOf(graph, 'text/turtle')).toBe(tags[0]);
  });

  it('takes given validators for a representation that does not derive from the graph', () => {
    const { reply, recorded } = fakeReply();
    notModified(fakeRequest(), reply, { etag: '"file-1"', lastModified: new Date('2026-01-02T03:04:05.999Z') }, 3600);
    expect(recorded.headers).toEqual({
      etag: '"file-1"',
      'last-modified': 'Fri, 02 Jan 2026 03:04:05 GMT',
      'cache-control': 'public, max-age=3600',
    });
  });
});

describe('304 Not Modified', () => {
  const etag = etagOf(graph, 'text/turtle');
  const lastModified = 'Sun, 01 Mar 2026 10:20:30 GMT';

  it.each([
    ['If-None-Match with the tag', { 'if-none-match': etag }, true],
    ['If-None-Match with the weak form of the tag', { 'if-none-match': `W/${etag}` }, true],
    ['If-None-Match with a list holding the tag', { 'if-none-match': `"other", ${etag}` }, true],
    ['If-None-Match: *', { 'if-none-match': '*' }, true],
    ['If-None-Match with another tag', { 'if-none-match': '"other"' }, false],
    ['If-None-Match with the tag of another representation', { 'if-none-match': etagOf(graph, 'application/ld+json') }, false],
    ['If-None-Match with the tag of another graph version', { 'if-none-match': etagOf(otherVersion, 'text/turtle') }, false],
    ['If-Modified-Since the load time', { 'if-modified-since': lastModified }, true],
    ['If-Modified-Since later', { 'if-modified-since': 'Mon, 02 Mar 2026 00:00:00 GMT' }, true],
    ['If-Modified-Since a second earlier', { 'if-modified-since': 'Sun, 01 Mar 2026 10:20:29 GMT' }, false],
    ['If-Modified-Since that is not a date', { 'if-modified-since': 'yesterday' }, false],
    ['If-None-Match that fails, with an If-Modified-Since that would pass', { 'if-none-match': '"other"', 'if-modified-since': lastModified }, false],
    ['If-None-Match that passes, with an If-Modified-Since that would fail', { 'if-none-match': etag, 'if-modified-since': 'Sat, 01 Jan 2000 00:00:00 GMT' }, true],
    ['no condition', {}, false],
  ])('%s', (_case, headers: Record<string, string>, fresh) => {
    const { reply, recorded } = fakeReply();
    expect(notModified(fakeRequest(headers), reply, graph, 'text/turtle')).toBe(fresh);
    expect(recorded.sent).toBe(fresh);
    expect(recorded.status).toBe(fresh ? 304 : undefined);
    // The validators go out either way, so the client can ask again.
    expect(recorded.headers.etag).toBe(etag);
  });
});
