// What server.ts hands every read path: the configuration, the graph being served and the one query executor.
import type { Config } from '../config.js';
import type { GraphState } from '../store/graph-state.js';
import type { QueryExecutor } from '../sparql/executor.js';

export interface ReadPathOptions {
  config: Config;
  state: GraphState;
  /** Shared by /sparql and /api, so both count against one concurrency limit and one pool of worker threads. */
  executor: QueryExecutor;
}
