// Turns a written answer into the bytes and ETag the /sparql route sends; shared by the query workers and store mode.
import { createHash } from 'node:crypto';
import { errors } from '../errors.js';
import type { Answer, ResultLimits, WireAnswer } from './answers.js';

export function toWire(answer: Answer, limits: ResultLimits): WireAnswer {
  const body = new TextEncoder().encode(answer.body);
  if (body.byteLength > limits.maxResultBytes) throw errors.tooManyBytes(limits.maxResultBytes);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return { form: answer.form, contentType: answer.contentType, body, etag, engine: answer.engine };
}
