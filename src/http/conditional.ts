// HTTP caching shared by every read path: ETags derived from the graph version, Last-Modified, 304 on a match.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LoadedGraph } from '../store/load.js';

/** A strong ETag for one representation of the current graph: same graph + same variant = same tag. */
export function etagFor(graph: LoadedGraph, variant: string): string {
  // Hash the whole variant: a truncated variant would give two long URLs the same tag (and a wrong 304).
  return `"${graph.version}-${createHash('sha256').update(variant).digest('base64url').slice(0, 22)}"`;
}

/**
 * Sets ETag, Last-Modified and Cache-Control; answers true (and sends 304) when the client's copy is current.
 * If-None-Match wins over If-Modified-Since, as RFC 9110 says.
 */
export function notModified(request: FastifyRequest, reply: FastifyReply, graph: LoadedGraph, variant: string, maxAgeSeconds = 300): boolean {
  const etag = etagFor(graph, variant);
  const lastModified = new Date(Math.floor(graph.loadedAt.getTime() / 1000) * 1000);
  void reply.header('ETag', etag);
  void reply.header('Last-Modified', lastModified.toUTCString());
  void reply.header('Cache-Control', `public, max-age=${maxAgeSeconds}`);
  const ifNoneMatch = request.headers['if-none-match'];
  let fresh = false;
  if (ifNoneMatch !== undefined) {
    fresh = ifNoneMatch.split(',').some((tag) => {
      const t = tag.trim().replace(/^W\//, '');
      return t === '*' || t === etag;
    });
  } else {
    const since = request.headers['if-modified-since'];
    const sinceTime = since ? Date.parse(since) : NaN;
    fresh = !Number.isNaN(sinceTime) && lastModified.getTime() <= sinceTime;
  }
  if (fresh) void reply.code(304).send();
  return fresh;
}
