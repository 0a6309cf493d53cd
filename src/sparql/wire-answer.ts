// Turns an answer into the bytes and ETag the /sparql route sends; shared by the query workers and store mode.
import { createHash } from 'node:crypto';
import type { Quad } from '@rdfjs/types';
import { errors } from '../errors.js';
import { serializeNegotiated } from '../rdf/serialize.js';
import type { Answer, EngineName, OutputChoice, ResultLimits, WireAnswer } from './answers.js';
import type { QueryForm } from './query-check.js';
import { writeBindings, writeBoolean } from './results.js';
import type { JsonTerm } from './terms.js';
import { fromWire } from './wire-error.js';

/** Results as plain values, with parsed quads: what Comunica and an external store give back. */
export type PlainResult =
  | { type: 'bindings'; variables: string[]; rows: Array<Record<string, JsonTerm>> }
  | { type: 'boolean'; value: boolean }
  | { type: 'quads'; quads: Quad[] };

export function toWire(answer: Answer, limits: ResultLimits): WireAnswer {
  const body = new TextEncoder().encode(answer.body);
  if (body.byteLength > limits.maxResultBytes) throw errors.tooManyBytes(limits.maxResultBytes);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return { form: answer.form, contentType: answer.contentType, body, etag, engine: answer.engine };
}

/**
 * Writes plain results in the format negotiated for their form, with the project's writers, as an Oxigraph answer
 * would read (Oxigraph writes its own: local-engine.ts).
 */
export async function writeAnswer(result: PlainResult, form: QueryForm, output: OutputChoice, limits: ResultLimits, engine: EngineName): Promise<WireAnswer> {
  const choice = output[form];
  if ('error' in choice) throw fromWire(choice.error);
  let body: string;
  if (result.type === 'bindings') body = writeBindings(choice.format, result.variables, result.rows);
  else if (result.type === 'boolean') body = writeBoolean(choice.format, result.value);
  else body = await serializeNegotiated(result.quads, choice.chosen, limits.baseIri, choice.offered);
  return toWire({ form, contentType: choice.contentType, body, engine }, limits);
}
