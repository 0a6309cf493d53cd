// Placeholder until the SHACL gate lands: validates a loaded graph against shapes/.
import type { LoadedGraph } from '../store/load.js';

export class ValidationFailedError extends Error {
  override name = 'ValidationFailedError';
}

export async function assertValid(graph: LoadedGraph, shapesDir: string): Promise<void> {
  void graph;
  void shapesDir;
}
