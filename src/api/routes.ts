// Placeholder: the api read path registers its routes here.
import type { FastifyInstance } from 'fastify';
import type { ReadPathOptions } from '../server.js';

export async function apiRoutes(app: FastifyInstance, options: ReadPathOptions): Promise<void> {
  void app;
  void options;
}
