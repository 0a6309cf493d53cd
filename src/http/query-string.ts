// The app's query-string parser for Fastify (routerOptions.querystringParser): the one form parser, and its refusals as 4xx problem+json.
import type { FastifyInstance } from 'fastify';
import { HttpError } from '../errors.js';
import { paramsOf } from './form-params.js';

/** The parsed query: one string per parameter given once, an array for a repeated one (as Fastify's default parser). */
export type ParsedQuery = Record<string, string | string[]>;

/** Where a refusal waits for the onRequest hook: the router calls the parser synchronously and cannot answer a 4xx itself. */
const refusal = Symbol('query-string refusal');

/**
 * Parses a URL's query string with the same strict, linear, capped parser as form bodies. It never throws:
 * Fastify calls it inside its router, where a throw would not become an answer. A refusal (not UTF-8,
 * too many parameters) is kept on the result for `installQueryStringCheck` to answer.
 */
export function parseQueryString(text: string): ParsedQuery {
  // No prototype: a parameter named __proto__ or constructor is only a parameter.
  const query = Object.create(null) as ParsedQuery;
  if (text === '') return query;
  try {
    for (const [name, values] of paramsOf(text)) query[name] = values.length === 1 ? values[0]! : values;
  } catch (error) {
    Object.defineProperty(query, refusal, { value: error, enumerable: false });
  }
  return query;
}

/** Answers a refused query string with its 4xx before any route sees the (empty) parameters. */
export function installQueryStringCheck(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const error = (request.query as Record<symbol, unknown> | undefined)?.[refusal];
    if (error instanceof HttpError) throw error;
    if (error) throw error as Error;
  });
}
