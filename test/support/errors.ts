// The HttpError a call throws, for unit tests that check status, code and details of a refusal.
import { expect } from 'vitest';
import { HttpError } from '../../src/errors.js';

export function thrown(run: () => unknown): HttpError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError);
    return error as HttpError;
  }
  throw new Error('expected an HttpError, got an answer');
}
