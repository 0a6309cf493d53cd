// Holds the graph being served and tells the read paths when it is replaced (reload), so caches can empty.
import type { LoadedGraph } from './load.js';

export class GraphState {
  #current: LoadedGraph;
  readonly #listeners = new Set<(graph: LoadedGraph) => void | Promise<void>>();
  #queue: Promise<unknown> = Promise.resolve();

  constructor(initial: LoadedGraph) {
    this.#current = initial;
  }

  get current(): LoadedGraph {
    return this.#current;
  }

  /**
   * Registers a listener that prepares a read path for a new graph (rebuild caches, hand workers a copy).
   * It may throw to refuse the graph. Returns a function that removes it.
   */
  onChange(listener: (graph: LoadedGraph) => void | Promise<void>): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Serves a new, already validated graph. Every listener prepares for it first; only when all succeed does
   * `current` change. If one fails, the listeners that already ran are given the previous graph back and the
   * error is rethrown, so a refused reload leaves the service as it was.
   */
  replace(next: LoadedGraph): Promise<void> {
    // One replacement at a time (a reload and a store-mode follow may overlap): each one's roll-back restores the
    // graph that was current when it began, which is only right if no other replacement ran in between.
    const run = this.#queue.then(() => this.#replaceNow(next));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #replaceNow(next: LoadedGraph): Promise<void> {
    const previous = this.#current;
    const done: Array<(graph: LoadedGraph) => void | Promise<void>> = [];
    try {
      for (const listener of this.#listeners) {
        await listener(next);
        done.push(listener);
      }
    } catch (error) {
      for (const listener of done) await Promise.resolve(listener(previous)).catch(() => undefined);
      throw error;
    }
    this.#current = next;
  }
}
