// Reads one single-valued query parameter; a repeated one is refused with 400 rather than guessed at.
import type { FastifyRequest } from 'fastify';
import { errors } from '../errors.js';

export function queryParam(request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  if (value === undefined) return undefined;
  if (Array.isArray(value)) throw errors.badParameter(name, `The parameter "${name}" was given more than once.`);
  return String(value);
}
