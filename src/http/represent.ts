// The one response pipeline every read path uses: negotiate, Vary, validators, 304 before rendering, cached bodies, one Content-Type per media type.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../errors.js';
import type { MediaType } from '../rdf/media-types.js';
import { negotiate } from '../rdf/negotiate.js';
import type { LoadedGraph } from '../store/load.js';
import { notModified } from './conditional.js';
import type { LruCache } from './lru-cache.js';
import { queryParam } from './query-param.js';
import { addVary } from './vary.js';

/**
 * Picks the media type among `offered` by `?format=` and Accept, and says so in Vary (Accept decides, so shared
 * caches must keep the variants apart). `format` defaults to the request's single `?format=` value.
 */
export function chooseType(
  request: FastifyRequest,
  reply: FastifyReply,
  offered: readonly MediaType[],
  format: string | readonly string[] | undefined = queryParam(request, 'format'),
): MediaType {
  addVary(reply, 'Accept');
  return negotiate(request.headers.accept, offered, format);
}

/** One representation about to be sent: what names it (for the ETag and the body cache) and how to render it. */
export interface Representation {
  readonly mediaType: MediaType;
  /** The graph the body derives from: its version and load time are the validators. */
  readonly graph: LoadedGraph;
  /** What tells this representation from the others of the same graph; the media type is added to it. */
  readonly variant: ReadonlyArray<string | number>;
  readonly maxAgeSeconds?: number;
  /** Rendered bodies, kept per graph version and variant; the owner empties it when the graph changes. */
  readonly cache?: LruCache<string>;
  /** Runs only when the client's copy is stale and no cached body exists. */
  readonly render: () => string | Promise<string>;
}

/** The cache key and ETag variant of a representation: the same parts, so a cached body always matches its tag. */
function variantOf(representation: Representation): string {
  return [...representation.variant, representation.mediaType.type].join('\u0000');
}

/**
 * Sends a representation: validators first and 304 when the client's copy is current (so nothing is rendered for
 * it), then the cached or freshly rendered body under the media type's one Content-Type.
 */
export async function represent(request: FastifyRequest, reply: FastifyReply, representation: Representation): Promise<FastifyReply> {
  const { graph, mediaType, cache } = representation;
  const variant = variantOf(representation);
  if (notModified(request, reply, graph, variant, representation.maxAgeSeconds)) return reply;
  const key = `${graph.version}\u0000${variant}`;
  let body = cache?.get(key);
  if (body === undefined) {
    try {
      body = await representation.render();
    } catch (error) {
      // A refused rendering (a graph that cannot be RDF/XML answers 406) describes no representation.
      if (error instanceof HttpError) void reply.removeHeader('ETag').removeHeader('Last-Modified').removeHeader('Content-Location');
      throw error;
    }
    cache?.set(key, body);
  }
  return reply.type(mediaType.contentType).send(body);
}
