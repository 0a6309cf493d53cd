// Errors as plain data for the worker boundary (structured clone drops classes), and back into HttpErrors on the main thread.
import { errors, HttpError } from '../errors.js';

/** An error raised for the client's query, with the HTTP status it maps to. */
export interface WireError {
  status: number;
  code: string;
  message: string;
  details?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** A client error keeps its status; anything else an engine throws is the query's evaluation error (400). */
export function wireError(error: unknown): WireError {
  // Deep expressions can exhaust the stack in sparqljs, Comunica or Oxigraph's WASM (a RuntimeError there): the query's fault, so a 400.
  if ((error instanceof RangeError && /call stack/i.test(error.message)) || (error instanceof WebAssembly.RuntimeError && /call stack|unreachable/i.test(error.message))) {
    const http = errors.queryTooComplex('evaluating it ran out of stack (a very long chain of operators, for instance).');
    return { status: http.statusCode, code: http.code, message: http.message, details: http.details };
  }
  const http = error instanceof HttpError ? error : errors.queryEvaluation(error instanceof Error ? error.message : String(error));
  return { status: http.statusCode, code: http.code, message: http.message, details: http.details, headers: http.headers };
}

export function fromWire(error: WireError): HttpError {
  return new HttpError(error.status, error.code, error.message, error.details ?? {}, error.headers ?? {});
}
