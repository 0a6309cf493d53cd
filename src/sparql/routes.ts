// Placeholder: the sparql read path registers its routes here.
import type { FastifyInstance } from 'fastify';
import type { ReadPathOptions } from '../server.js';

export async function sparqlRoutes(app: FastifyInstance, options: ReadPathOptions): Promise<void> {
  void app;
  void options;
}
