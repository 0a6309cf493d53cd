// All error codes in one place; each carries its HTTP status, and one handler answers RFC 9457 problem+json.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const PROBLEM_JSON = 'application/problem+json';

/** Seconds a client waits before retrying a 503 that names no better figure (RFC 9110 §10.2.3). */
export const DEFAULT_RETRY_AFTER_SECONDS = 5;

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
  431: 'Request Header Fields Too Large',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export const errors = {
  badRequest: (message: string, details?: Record<string, unknown>) => new HttpError(400, 'BAD_REQUEST', message, details),
  tooManyParameters: (limit: number) =>
    new HttpError(400, 'TOO_MANY_PARAMETERS', `The request carries more than ${limit} parameters; send fewer.`, { limit }),
  badParameter: (parameter: string, message: string, details: Record<string, unknown> = {}) =>
    new HttpError(400, 'BAD_PARAMETER', message, { parameter, ...details }),
  querySyntax: (message: string, details?: Record<string, unknown>) => new HttpError(400, 'QUERY_SYNTAX', message, details),
  /** Text that parses but holds no SELECT, ASK, CONSTRUCT or DESCRIBE (only comments, PREFIX or BASE). */
  noQueryForm: () =>
    new HttpError(400, 'NO_QUERY_FORM', 'The text holds no query form: after its prologue (BASE, PREFIX) it needs SELECT, ASK, CONSTRUCT or DESCRIBE.'),
  /** A query whose shape is too deep or too long to walk (an operator chain of thousands of terms). */
  queryTooComplex: (reason: string) => new HttpError(400, 'QUERY_TOO_COMPLEX', `The query is too complex to check: ${reason} Simplify it.`),
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
  queryWorkerFailed: (message: string) => new HttpError(503, 'QUERY_WORKER_FAILED', message, {}, { 'Retry-After': String(DEFAULT_RETRY_AFTER_SECONDS) }),
  /** Store mode: the external SPARQL store did not answer (down, refused, or an HTTP error of its own); retry, nothing is wrong with the query. */
  storeUnavailable: (reason: string) =>
    new HttpError(503, 'STORE_UNAVAILABLE', `The SPARQL store is unavailable: ${reason}`, {}, { 'Retry-After': String(DEFAULT_RETRY_AFTER_SECONDS) }),
  shuttingDown: () => new HttpError(503, 'SHUTTING_DOWN', 'The service is shutting down.', {}, { 'Retry-After': String(DEFAULT_RETRY_AFTER_SECONDS) }),
  /** Node's HTTP parser refused the request line and headers as too long (a 100 KB URL, 10,000 parameters). */
  headersTooLarge: (maxBytes: number) =>
    new HttpError(431, 'HEADERS_TOO_LARGE', `The request line and headers exceed ${maxBytes} bytes. Send a long query or many parameters as a POST form body.`, { maxBytes }),
  /** The client did not send its whole request (headers and body) within the time limit. */
  requestTimeout: (ms: number) =>
    new HttpError(408, 'REQUEST_TIMEOUT', `The request was not received in full within ${ms} ms; the connection is closed.`, { timeoutMs: ms }),
  /** Node's HTTP parser could not read the request (bad request line, bad URL characters, bad header). */
  malformedHttp: (reason: string) => new HttpError(400, 'MALFORMED_HTTP', `The request is not valid HTTP/1.1: ${reason}.`),
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
  // Every 503 says when to come back, including one that names no figure of its own.
  if (status === 503 && !reply.hasHeader('Retry-After')) void reply.header('Retry-After', String(DEFAULT_RETRY_AFTER_SECONDS));
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

/**
 * A complete HTTP/1.1 response carrying the error as problem+json, for the places where no Fastify reply
 * exists (Node's clientError: the request could not even be parsed). The connection is closed after it.
 */
export function rawProblemResponse(error: HttpError): string {
  const body = JSON.stringify({ type: 'about:blank', title: titles[error.statusCode] ?? 'Error', status: error.statusCode, code: error.code, detail: error.message, ...error.details });
  const head = [
    `HTTP/1.1 ${error.statusCode} ${titles[error.statusCode] ?? 'Error'}`,
    `Content-Type: ${PROBLEM_JSON}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    ...Object.entries(error.headers).map(([name, value]) => `${name}: ${value}`),
  ];
  return `${head.join('\r\n')}\r\n\r\n${body}`;
}

/** Installs the problem+json error handler and a problem+json 404 for unknown routes. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | Error, request, reply) => sendProblem(request, reply, error));
  app.setNotFoundHandler((request, reply) => sendProblem(request, reply, errors.notFound(`Nothing is served at ${request.method} ${request.url}.`)));
}
