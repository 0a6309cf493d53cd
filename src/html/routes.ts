// The site's own static files (style sheet, page scripts, Cytoscape.js from npm) and the pages that draw pictures: explore.
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReadPathOptions } from '../http/read-path.js';

/** src/html/assets, found the same way from src/html (tsx) and from dist/html (the build): two levels up, then down. */
export const assetsDir = fileURLToPath(new URL('../../src/html/assets/', import.meta.url));
/** Cytoscape.js's browser build, served from this origin so the explore page needs no CDN. */
const cytoscapeDist = path.dirname(createRequire(import.meta.url).resolve('cytoscape/dist/cytoscape.min.js'));

export async function htmlRoutes(app: FastifyInstance, options: ReadPathOptions): Promise<void> {
  void options;
  await app.register(fastifyStatic, { root: assetsDir, prefix: '/assets/', decorateReply: false, maxAge: '1h' });
  await app.register(fastifyStatic, {
    root: cytoscapeDist,
    prefix: '/assets/cytoscape/',
    decorateReply: false,
    maxAge: '1d',
    allowedPath: (p) => p === '/cytoscape.min.js',
  });
}
