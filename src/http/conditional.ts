// HTTP caching shared by every read path: ETags derived from the graph version (or given), Last-Modified, 304 on a match.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LoadedGraph } from '../store/load.js';

/** What tells one representation from the others of the same graph: its parts are joined with NUL, so no two lists meet. */
type Variant = string | ReadonlyArray<string | number>;

/** The validators of a representation that does not derive from the graph version (e.g. a download file). */
interface Validators {
  readonly etag: string;
  readonly lastModified: Date;
}

/** A strong ETag for one representation of the current graph: same graph + same variant = same tag. */
function etagFor(graph: LoadedGraph, variant: Variant): string {
  const text = typeof variant === 'string' ? variant : variant.join('\u0000');
  // Hash the whole variant: a truncated variant would give two long URLs the same tag (and a wrong 304).
  return `"${graph.version}-${createHash('sha256').update(text).digest('base64url').slice(0, 22)}"`;
}

/**
 * Sets ETag, Last-Modified and Cache-Control; answers true (and sends 304) when the client's copy is current.
 * If-None-Match wins over If-Modified-Since, as RFC 9110 says. Either the graph and a variant name the
 * representation, or its validators are given.
 */
export function notModified(request: FastifyRequest, reply: FastifyReply, graph: LoadedGraph, variant: Variant, maxAgeSeconds?: number): boolean;
export function notModified(request: FastifyRequest, reply: FastifyReply, validators: Validators, maxAgeSeconds?: number): boolean;
export function notModified(
  request: FastifyRequest,
  reply: FastifyReply,
  source: LoadedGraph | Validators,
  variantOrMaxAge?: Variant | number,
  maxAge?: number,
): boolean {
  const given = 'etag' in source;
  const etag = given ? source.etag : etagFor(source, variantOrMaxAge as Variant);
  const maxAgeSeconds = (given ? (variantOrMaxAge as number | undefined) : maxAge) ?? 300;
  const lastModified = new Date(Math.floor((given ? source.lastModified : source.loadedAt).getTime() / 1000) * 1000);
  void reply.header('ETag', etag);
  void reply.header('Last-Modified', lastModified.toUTCString());
  void reply.header('Cache-Control', `public, max-age=${maxAgeSeconds}`);
  const ifNoneMatch = request.headers['if-none-match'];
  let fresh: boolean;
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
