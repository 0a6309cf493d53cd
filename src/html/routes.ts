// The site's own static files (style sheet, page scripts, Cytoscape.js from npm) and the explore page with its data and picture.
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';
import type { ReadPathOptions } from '../http/read-path.js';
import { errors } from '../errors.js';
import { represent } from '../http/represent.js';
import { addVary } from '../http/vary.js';
import { html, text as textType } from '../rdf/media-types.js';
import { pageLanguage } from './format.js';
import { organisationGraph } from './network-graph.js';
import { graphSvg } from './network-svg.js';
import { explorePage } from './explore-page.js';

/** src/html/assets, found the same way from src/html (tsx) and from dist/html (the build): two levels up, then down. */
export const assetsDir = fileURLToPath(new URL('../../src/html/assets/', import.meta.url));
/** Cytoscape.js's browser build, served from this origin so the explore page needs no CDN. */
const cytoscapeDist = path.dirname(createRequire(import.meta.url).resolve('cytoscape/dist/cytoscape.min.js'));

interface LangQuery {
  lang?: string;
}

export async function htmlRoutes(app: FastifyInstance, options: ReadPathOptions): Promise<void> {
  const { state, config } = options;
  await app.register(fastifyStatic, { root: assetsDir, prefix: '/assets/', decorateReply: false, maxAge: '1h' });
  await app.register(fastifyStatic, {
    root: cytoscapeDist,
    prefix: '/assets/cytoscape/',
    decorateReply: false,
    maxAge: '1d',
    allowedPath: (p) => p === '/cytoscape.min.js',
  });

  app.get<{ Querystring: LangQuery }>('/explore', async (request, reply) => {
    const lang = pageLanguage(request.query.lang, request.headers['accept-language']);
    addVary(reply, 'Accept-Language');
    void reply.header('Content-Language', lang);
    const graph = state.current;
    return represent(request, reply, {
      mediaType: html,
      graph,
      variant: ['explore', lang],
      render: () => explorePage(organisationGraph(graph.store, config.baseIri, lang), lang, config.baseIri),
    });
  });

  // The same nodes, ties and positions as the page's fallback picture, for the browser's Cytoscape.js.
  app.get<{ Querystring: LangQuery }>('/explore/graph.json', async (request, reply) => {
    const lang = pageLanguage(request.query.lang, request.headers['accept-language']);
    void reply.header('Vary', 'Accept-Language');
    return organisationGraph(state.current.store, config.baseIri, lang);
  });

  // The REST API's query files, so that the API documentation can link to the SPARQL behind each endpoint.
  app.get<{ Params: { file: string } }>('/queries/:file', async (request, reply) => {
    const name = /^([a-z0-9][a-z0-9-]*)\.rq$/.exec(request.params.file)?.[1];
    const text = name ? await readFile(path.join(config.queriesDir, `${name}.rq`), 'utf8').catch(() => undefined) : undefined;
    if (text === undefined) throw errors.notFound(`There is no query file ${request.params.file}.`);
    return reply.type(textType.contentType).send(text);
  });

  // The picture as a file: what a link preview shows (og:image). SVG, because it is drawn without a browser.
  app.get<{ Querystring: LangQuery }>('/explore.svg', async (request, reply) => {
    const lang = pageLanguage(request.query.lang, request.headers['accept-language']);
    const graph = organisationGraph(state.current.store, config.baseIri, lang);
    const title = lang === 'de' ? 'Städtenetzwerke in der Flucht- und Migrationspolitik' : 'City networks on refugee and migration policy';
    return reply.type('image/svg+xml; charset=utf-8').send(String(graphSvg(graph, { lang, title, labelMinDegree: 4, standalone: true })));
  });
}
