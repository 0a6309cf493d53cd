// Holds the graph being served and tells the read paths when it is replaced (reload), so caches can empty.
import type { LoadedGraph } from './load.js';

export class GraphState {
  #current: LoadedGraph;
  readonly #listeners = new Set<(graph: LoadedGraph) => void | Promise<void>>();

  constructor(initial: LoadedGraph) {
    this.#current = initial;
  }

  get current(): LoadedGraph {
    return this.#current;
  }

  /** Registers a listener called after every replacement; returns a function that removes it. */
  onChange(listener: (graph: LoadedGraph) => void | Promise<void>): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Serves a new, already validated graph from now on. */
  async replace(next: LoadedGraph): Promise<void> {
    this.#current = next;
    for (const listener of this.#listeners) await listener(next);
  }
}
