// The "405 route": other methods on a path that only reads answer 405 with Allow, decided before any body is read.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errors } from '../errors.js';

/** The methods a read-only path refuses; HEAD follows GET (Fastify adds it), so it is never refused. */
const writeMethods = ['POST', 'PUT', 'DELETE', 'PATCH'] as const;

/**
 * Registers `url` for every method not in `allowed`, answering 405 with Allow in onRequest, so that no body is read
 * or parsed first. `answerMissing` may answer instead (a 404 where a GET would answer 404 too, since "use GET" would
 * send the client to another 404); it returns the reply when it did.
 */
export function refuseOtherMethods(
  app: FastifyInstance,
  url: string,
  allowed: readonly string[],
  answerMissing?: (request: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined,
): void {
  app.route({
    method: writeMethods.filter((m) => !allowed.includes(m)),
    url,
    schema: { hide: true },
    onRequest: async (request, reply) => {
      const answered = answerMissing?.(request, reply);
      if (answered !== undefined) return answered;
      throw errors.methodNotAllowed(request.method, [...allowed]);
    },
    handler: async () => {
      // Never reached: onRequest has answered.
    },
  });
}
