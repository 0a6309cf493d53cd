// Connection-level defences: timeouts and a cap on open sockets, and problem+json for what Node's HTTP parser refuses.
import type { Socket } from 'node:net';
import type { Server } from 'node:http';
import type { FastifyHttpOptions, FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import { errors, rawProblemResponse, type HttpError } from '../errors.js';

/** Node's default limit on the request line plus headers (--max-http-header-size), named in the 431 answer. */
const MAX_HEADER_BYTES = 16_384;

/** Maps an error of Node's HTTP parser to the answer it deserves; null when there is no one left to answer. */
function clientErrorAnswer(error: NodeJS.ErrnoException & { reason?: string }, requestTimeoutMs: number): HttpError | null {
  switch (error.code) {
    case 'ECONNRESET':
    case 'EPIPE':
      return null;
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return errors.requestTimeout(requestTimeoutMs);
    case 'HPE_HEADER_OVERFLOW':
      return errors.headersTooLarge(MAX_HEADER_BYTES);
    default:
      // llhttp's reason ("Invalid method", "Invalid char in url") says what was wrong and names nothing internal.
      return errors.malformedHttp((error.reason ?? 'the request could not be parsed').replace(/\.$/, ''));
  }
}

/**
 * The Fastify options that bound each connection. Node checks the request timeout only every
 * connectionsCheckingInterval (30 s by default), so the interval follows the timeout: a trickling client
 * is closed close to requestTimeoutMs, not up to 30 s later.
 */
export function connectionOptions(config: Config): Partial<FastifyHttpOptions<Server>> {
  const requestTimeout = config.requestTimeoutMs;
  const headersTimeout = Math.min(requestTimeout, 10_000);
  return {
    requestTimeout,
    connectionTimeout: config.connectionTimeoutMs,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    http: { requestTimeout, headersTimeout, connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(requestTimeout / 4))) },
    // What Node's parser refuses (431, a bad request line, a timed-out request) is problem+json like every other error.
    clientErrorHandler(error: Error, socket: Socket) {
      const answer = socket.destroyed ? null : clientErrorAnswer(error as NodeJS.ErrnoException, requestTimeout);
      if (answer && socket.writable) socket.write(rawProblemResponse(answer));
      socket.destroy();
    },
  };
}

/** Caps open connections: Node closes any beyond the cap at once, before it costs more than a file descriptor briefly. */
export function capConnections(app: FastifyInstance, config: Config): void {
  app.server.maxConnections = config.maxConnections;
}
