// All error codes in one place; each carries its HTTP status, and one handler answers RFC 9457 problem+json.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const PROBLEM_JSON = 'application/problem+json';

/** An error meant for the client: its status, a stable code, a message that says what was wrong and where. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    /** Extra members of the problem document (e.g. `parameter`, `offered`, `line`, `column`). */
    readonly details: Record<string, unknown> = {},
    /** Extra response headers (e.g. Retry-After, Allow). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export const errors = {
  badRequest: (message: string, details?: Record<string, unknown>) => new HttpError(400, 'BAD_REQUEST', message, details),
  badParameter: (parameter: string, message: string, details: Record<string, unknown> = {}) =>
    new HttpError(400, 'BAD_PARAMETER', message, { parameter, ...details }),
  querySyntax: (message: string, details?: Record<string, unknown>) => new HttpError(400, 'QUERY_SYNTAX', message, details),
  queryEvaluation: (reason: string) => new HttpError(400, 'QUERY_EVALUATION', `The query could not be evaluated: ${reason}`),
  updateRefused: () =>
    new HttpError(403, 'UPDATE_REFUSED', 'This endpoint is read-only: SPARQL Update requests are refused and the graph never changes.'),
  serviceRefused: (endpoint: string) =>
    new HttpError(403, 'SERVICE_REFUSED', `SERVICE <${endpoint}> is not allowed: the endpoint is not in the configured allow-list.`, {
      endpoint,
    }),
  serviceVariableRefused: (variable: string) =>
    new HttpError(403, 'SERVICE_REFUSED', `SERVICE ?${variable} is not allowed: a SERVICE endpoint must be a fixed, allow-listed IRI.`),
  notFound: (message: string) => new HttpError(404, 'NOT_FOUND', message),
  methodNotAllowed: (method: string, allowed: string[]) =>
    new HttpError(405, 'METHOD_NOT_ALLOWED', `Method ${method} is not allowed here; use ${allowed.join(', ')}.`, { allowed }, {
      Allow: allowed.join(', '),
    }),
  notAcceptable: (offered: readonly string[]) =>
    new HttpError(406, 'NOT_ACCEPTABLE', `None of the requested media types can be produced. Offered: ${offered.join(', ')}.`, {
      offered,
    }),
  /** The negotiated format cannot carry this graph (e.g. RDF/XML and a predicate without an XML local name). */
  notRepresentable: (reason: string, offered: readonly string[]) =>
    new HttpError(406, 'NOT_ACCEPTABLE', `${reason} Ask for another format.`, { offered }),
  unsupportedMediaType: (got: string | undefined, accepted: readonly string[]) =>
    new HttpError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      `Content-Type ${got ? `"${got}"` : '(none)'} is not supported here. Use one of: ${accepted.join(', ')}.`,
      { accepted },
    ),
  unsupportedCharset: (charset: string) => new HttpError(415, 'UNSUPPORTED_CHARSET', `The body must be UTF-8; charset "${charset}" is not supported.`),
  tooManyQueries: (retryAfterSeconds: number) =>
    new HttpError(503, 'TOO_MANY_QUERIES', 'Too many queries are running; try again shortly.', {}, { 'Retry-After': String(retryAfterSeconds) }),
  queryTimeout: (ms: number) =>
    new HttpError(503, 'QUERY_TIMEOUT', `The query was stopped after the time limit of ${ms} ms.`, { timeoutMs: ms }, { 'Retry-After': String(Math.max(1, Math.ceil(ms / 1000))) }),
  /** Every worker is busy and the query waited its full share of the queue. */
  queueTimeout: (waitMs: number, retryAfterSeconds: number) =>
    new HttpError(503, 'TOO_MANY_QUERIES', `Every query worker stayed busy for ${waitMs} ms; try again shortly.`, { waitMs }, { 'Retry-After': String(retryAfterSeconds) }),
  /** A query worker died (e.g. the query ran it out of memory) or is restarting: retry, the pool replaces it. */
  queryWorkerFailed: (message: string) => new HttpError(503, 'QUERY_WORKER_FAILED', message, {}, { 'Retry-After': '2' }),
  queryTooComplex: () =>
    new HttpError(400, 'QUERY_TOO_COMPLEX', 'The query nests expressions too deeply to evaluate (for example a very long chain of operators); simplify it.'),
  shuttingDown: () => new HttpError(503, 'SHUTTING_DOWN', 'The service is shutting down.', {}, { 'Retry-After': '5' }),
  tooManyRows: (limit: number) =>
    new HttpError(422, 'TOO_MANY_ROWS', `The result exceeds the limit of ${limit} rows; add LIMIT or narrow the query.`, { limit }),
  tooManyBytes: (limit: number) =>
    new HttpError(422, 'RESULT_TOO_LARGE', `The result exceeds the limit of ${limit} bytes; add LIMIT, project fewer or shorter values, or narrow the query.`, { limitBytes: limit }),
};

/** Writes a problem document. 5xx details are hidden from the client; 4xx messages pass through. */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: HttpError | FastifyError | Error): FastifyReply {
  let status = 500;
  let code = 'INTERNAL';
  let detail = 'An internal error occurred.';
  let details: Record<string, unknown> = {};
  let headers: Record<string, string> = {};
  if (error instanceof HttpError) {
    ({ statusCode: status, code, details, headers } = error);
    detail = error.message;
  } else if ('statusCode' in error && typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    // Fastify's own client errors (body parsing, validation, size limits).
    status = error.statusCode;
    code = (error as FastifyError).code ?? 'BAD_REQUEST';
    detail = error.message;
    const validation = (error as FastifyError).validation;
    if (validation) details = { errors: validation.map((v) => ({ path: v.instancePath, message: v.message, params: v.params })) };
  } else {
    request.log.error({ err: error }, 'unhandled error');
  }
  // A 500 is our fault, and its message may name internals: log it, tell the client only that it happened.
  // Deliberate 5xx answers (503 for overload or a timeout) keep their message.
  if (status === 500) {
    if (error instanceof HttpError) request.log.error({ err: error }, 'internal error');
    detail = 'An internal error occurred.';
  } else if (status > 500 && !(error instanceof HttpError)) {
    detail = 'An internal error occurred.';
  }
  for (const [name, value] of Object.entries(headers)) void reply.header(name, value);
  return reply
    .code(status)
    .type(PROBLEM_JSON)
    .send({
      type: `about:blank`,
      title: titles[status] ?? 'Error',
      status,
      code,
      detail,
      instance: request.url,
      ...details,
    });
}

/** Installs the problem+json error handler and a problem+json 404 for unknown routes. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | Error, request, reply) => sendProblem(request, reply, error));
  app.setNotFoundHandler((request, reply) => sendProblem(request, reply, errors.notFound(`Nothing is served at ${request.method} ${request.url}.`)));
}
