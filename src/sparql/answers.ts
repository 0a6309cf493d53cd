// The plain shapes that cross the worker boundary: what to write (negotiated per query form), the limits, and the answers.
import type { MediaType } from '../rdf/media-types.js';
import type { QueryForm } from './query-check.js';
import type { JsonTerm } from './terms.js';
import type { WireError } from './wire-error.js';

/** Which engine evaluated a query (see routing.ts). */
export type EngineName = 'oxigraph' | 'comunica' | 'store';

/** What the client gets for one query form: the serializer's format, the Content-Type, and what else was on offer. */
export type FormChoice =
  | { format: string; contentType: string; chosen: MediaType; offered: readonly MediaType[] }
  /** Nothing the client accepts exists for this form: the 406 is raised once the form is known (plain data: it crosses threads). */
  | { error: WireError };

/**
 * The negotiation done for every form up front, on the main thread: which form the query has is known only after
 * parsing, and parsing happens in the worker, so the main thread never spends time proportional to the query.
 */
export type OutputChoice = Record<QueryForm, FormChoice>;

export interface ResultLimits {
  maxResultRows: number;
  maxResultBytes: number;
  baseIri: string;
}

/** A written answer (its text still a string inside the engine; the worker turns it into bytes). */
export interface Answer {
  form: QueryForm;
  contentType: string;
  body: string;
  engine: EngineName;
}

/** An answer as the main thread receives it: bytes moved (not copied) out of the worker, and a validator. */
export interface WireAnswer {
  form: QueryForm;
  contentType: string;
  body: Uint8Array;
  etag: string;
  engine: EngineName;
}

/** Results as plain values, for callers that shape them further (the REST API, tests, benchmarks). */
export type ValueResult =
  | { type: 'bindings'; variables: string[]; rows: Array<Record<string, JsonTerm>> }
  | { type: 'boolean'; value: boolean }
  | { type: 'quads'; nquads: string };
