// Answers of repeated SPARQL queries, kept per graph version within a byte budget and emptied when the graph is replaced.
import type { QueryForm } from './query-check.js';

export interface CachedAnswer {
  form: QueryForm;
  contentType: string;
  body: Buffer;
  etag: string;
}

/** Functions whose value changes from one evaluation to the next: such a query is never answered from the cache. */
const VOLATILE = /\b(RAND|NOW|UUID|STRUUID|BNODE)\s*\(/i;

/** Queries that read other services: their answers can change without our graph changing. */
const FEDERATED = /\bSERVICE\b/i;

export function cacheable(query: string): boolean {
  return !VOLATILE.test(query) && !FEDERATED.test(query);
}

/**
 * A least-recently-used map bounded by the bytes it holds rather than by entries, because one answer may be a
 * few bytes or megabytes. An answer larger than an eighth of the budget is not kept: it would push out many
 * small ones that visitors rerun (the editor's examples, the REST API's pages).
 */
export class ResultCache {
  readonly #entries = new Map<string, CachedAnswer>();
  #bytes = 0;

  constructor(readonly budgetBytes: number) {}

  get(key: string): CachedAnswer | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: CachedAnswer): void {
    const size = entry.body.byteLength + key.length;
    if (size > this.budgetBytes / 8) return;
    this.delete(key);
    this.#entries.set(key, entry);
    this.#bytes += size;
    for (const [oldest, old] of this.#entries) {
      if (this.#bytes <= this.budgetBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= old.body.byteLength + oldest.length;
    }
  }

  delete(key: string): void {
    const old = this.#entries.get(key);
    if (!old) return;
    this.#entries.delete(key);
    this.#bytes -= old.body.byteLength + key.length;
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  get size(): number {
    return this.#entries.size;
  }
}
