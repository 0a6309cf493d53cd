// The REST API: every queries/NAME.rq becomes GET /api/NAME, documented in OpenAPI 3.1 (/openapi.json) with Swagger UI at /docs.
import { licenceName } from '../rdf/licences.js';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { docsTheme } from './docs-theme.js';
import type { ReadPathOptions } from '../http/read-path.js';
import { errors } from '../errors.js';
import { json, rdfTypes, resultTypes, type MediaType } from '../rdf/media-types.js';
import { LruCache } from '../http/lru-cache.js';
import { addVary } from '../http/vary.js';
import { chooseType, represent } from '../http/represent.js';
import { refuseOtherMethods } from '../http/refuse-methods.js';
import { pageLanguage, type PageLanguage } from '../html/format.js';
import type { QueryExecutor } from '../sparql/executor.js';
import { paramsOf } from '../http/form-params.js';
import { loadQueryFiles, standardParameters, type CannedQuery } from './query-file.js';
import { bindParameters, bindingKey, boundQueryText, type BoundTerm } from './bind.js';
import { renderCsv, renderJson, renderJsonLd, renderSparqlJson, shape, sortItems, toPlain, type Shaped } from './results.js';
import { parameterError, querystringSchema, responseSchemas } from './schema.js';
import { statedGraphs } from '../store/inferences.js';
import type { Store } from 'n3';
import type { Metrics } from '../http/metrics.js';

/** What the API offers, in order of preference (the first answers a missing Accept or *\/*). */
const offered: readonly MediaType[] = [json, rdfTypes.jsonld, resultTypes.csv, resultTypes.json];

/** Distinct parameter combinations whose results are kept; the data is small, so entries are too. */
const cacheEntries = 500;

/**
 * Runs one query with its bound terms and groups the rows; results are cached per graph version and binding.
 * `stated` names the graphs to query when inferred statements are left out (`inferred=false`): they become
 * the protocol dataset, so the query text stays the file's and the default graph is their merge.
 */
function resultsOf(executor: QueryExecutor, cache: LruCache<Promise<Shaped>>, metrics?: Metrics) {
  return (query: CannedQuery, bound: Map<string, BoundTerm[]>, version: string, stated?: readonly string[]): Promise<Shaped> => {
    const key = `${version} ${stated ? 'stated' : 'all'} ${bindingKey(query, bound)}`;
    const cached = cache.get(key);
    metrics?.[cached ? 'cacheHits' : 'cacheMisses'].inc({ route: 'api' });
    if (cached) return cached;
    const pending = (async () => {
      const dataset = stated ? { defaultGraphUris: stated, namedGraphUris: stated } : {};
      const result = await executor.execute({ query: boundQueryText(query, bound), ...dataset }, { budget: 'api' });
      if (result.type !== 'bindings') throw new Error(`${query.file} did not answer bindings`);
      return shape(query, result.variables, result.rows);
    })();
    cache.set(key, pending);
    // A failed run (timeout, overload) must not be remembered.
    pending.catch(() => cache.delete(key));
    return pending;
  };
}

/** Renders one page of results in the negotiated type. */
async function renderPage(query: CannedQuery, shaped: Shaped, page: Shaped['items'], mediaType: MediaType, lang: PageLanguage, baseIri: string): Promise<string> {
  switch (mediaType) {
    case rdfTypes.jsonld:
      return renderJsonLd(query, page, baseIri);
    case resultTypes.csv:
      return renderCsv(query, page, lang);
    case resultTypes.json:
      return renderSparqlJson(shaped, page);
    default:
      return renderJson(query, page, lang);
  }
}

/** Links to the neighbouring pages, on the public base IRI, keeping every other parameter as the client gave it. */
function pageLinks(baseIri: string, request: FastifyRequest, name: string, offset: number, limit: number, total: number): string[] {
  // Read with the app's one parser (already accepted for this request); URLSearchParams only writes the links.
  const search = request.url.indexOf('?');
  const given = [...paramsOf(search < 0 ? '' : request.url.slice(search + 1))].flatMap(([name, values]) => values.map((value) => [name, value]));
  const link = (at: number, rel: string) => {
    const params = new URLSearchParams(given);
    params.set('limit', String(limit));
    params.set('offset', String(at));
    return `<${baseIri}api/${name}?${params.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (offset + limit < total) links.push(link(offset + limit, 'next'));
  // Past the end, "prev" is the last page that has objects, not another empty one.
  if (offset > 0) links.push(link(Math.max(0, Math.min(offset, total) - limit), 'prev'));
  return links;
}

/** Runs each query's documented example at start, so the OpenAPI document shows real answers (first two objects). */
async function examples(queries: CannedQuery[], store: Store, version: string, run: ReturnType<typeof resultsOf>) {
  const found = new Map<string, unknown[]>();
  for (const query of queries) {
    try {
      const bound = bindParameters(query, query.example, store);
      const shaped = await run(query, bound, version);
      found.set(query.name, sortItems(query, shaped.items, 'en').slice(0, 2).map((item) => toPlain(query, item, 'en')));
    } catch {
      // An example that does not run on this graph (e.g. a test fixture) only leaves the example out.
    }
  }
  return found;
}

/** The OpenAPI document's frame; @fastify/swagger adds a path for each route registered after it. */
function openApiOptions(config: ReadPathOptions['config'], queries: readonly CannedQuery[]) {
  return {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'City networks on refugee and migration policy: REST API',
        version: '1.0.0',
        description:
          'Canned SPARQL queries over the knowledge graph of European city networks on refugee and migration policy. ' +
          'Each endpoint is one file in queries/ whose SPARQL you can read and reuse at /sparql. Parameter values are bound as RDF terms, never pasted into query text.',
        license: { name: `${licenceName(config.datasetLicense)} (data)`, url: config.datasetLicense },
      },
      servers: [{ url: config.baseIri.replace(/\/$/, '') }],
      tags: [...new Set(queries.flatMap((q) => q.tags))].sort().map((name) => ({ name })),
    },
  };
}

/** The route options of one endpoint: its documented schema, and a 400 for any parameter it does not know. */
function endpointOptions(query: CannedQuery, baseIri: string, response: ReturnType<typeof responseSchemas>): RouteShorthandOptions {
  const allowed = new Set<string>([...query.parameters.map((p) => p.name), ...standardParameters]);
  return {
    schema: {
      summary: query.summary,
      description: `${query.description}\n\nThe SPARQL query behind it: [queries/${query.name}.rq](${new URL(baseIri).pathname}queries/${query.name}.rq).`,
      tags: query.tags,
      operationId: query.name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase()),
      querystring: querystringSchema(query, baseIri),
      response,
    },
    schemaErrorFormatter: (validation) => parameterError(validation, query, baseIri),
    // Fastify's validator drops unknown properties silently; a typo must answer 400 instead.
    preValidation: async (request: FastifyRequest) => {
      for (const name of Object.keys(request.query as object)) {
        if (!allowed.has(name)) {
          throw errors.badParameter(name, `Unknown parameter "${name}". This endpoint accepts: ${[...allowed].join(', ')}.`, {
            expected: [...allowed].join(', '),
          });
        }
      }
    },
  };
}

/** A page of answers as sent: its body and its Link header (empty when there is no other page). */
interface RenderedPage {
  body: string;
  links: string;
}

/** GET /api/NAME: negotiate, bind the parameters, and run the query only when the client's copy is stale. */
function endpointHandler(query: CannedQuery, { config, state }: ReadPathOptions, run: ReturnType<typeof resultsOf>, rendered: LruCache<RenderedPage>) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const values = request.query as Record<string, unknown>;
    const mediaType = chooseType(request, reply, offered, values.format as string | undefined);
    // The querystring schema has already refused a lang outside the enum, so only the fallback is left to decide.
    const lang = pageLanguage(values.lang, request.headers['accept-language']);
    addVary(reply, 'Accept-Language');
    const graph = state.current;
    const bound = bindParameters(query, values, graph.store);
    const limit = values.limit as number;
    const offset = values.offset as number;
    const stated = values.inferred === false ? statedGraphs(graph.store, graph.baseIri) : undefined;
    if (mediaType === json || mediaType === resultTypes.csv) void reply.header('Content-Language', lang);
    const variant = [bindingKey(query, bound), lang, limit, offset, String(Boolean(stated))];
    return represent(request, reply, {
      mediaType,
      graph,
      variant,
      // The page and its Link header are kept together (represent's body cache would lose the header): sorting,
      // shaping and writing a page on every request held a cached /api answer to a third of a bare server's rate.
      render: async () => {
        const key = [graph.version, mediaType.type, request.url, ...variant].join('\u0000');
        let page = rendered.get(key);
        if (!page) {
          const shaped = await run(query, bound, graph.version, stated);
          const sorted = sortItems(query, shaped.items, lang);
          // The paging links need the total, known only once the query has run: a 304 never runs it.
          const links = pageLinks(config.baseIri, request, query.name, offset, limit, sorted.length);
          const body = await renderPage(query, shaped, sorted.slice(offset, offset + limit), mediaType, lang, config.baseIri);
          page = { body, links: links.join(', ') };
          rendered.set(key, page);
        }
        if (page.links !== '') void reply.header('Link', page.links);
        return page.body;
      },
    });
  };
}

export async function apiRoutes(app: FastifyInstance, options: ReadPathOptions): Promise<void> {
  const { config, state, executor } = options;
  const queries = await loadQueryFiles(config.queriesDir, config.baseIri);
  const cache = new LruCache<Promise<Shaped>>(cacheEntries);
  state.onChange(() => cache.clear());
  const run = resultsOf(executor, cache, app.metrics);
  const rendered = new LruCache<RenderedPage>(cacheEntries);
  state.onChange(() => rendered.clear());

  // The documented examples are real answers, computed once the server is up (workers take seconds to
  // start); the OpenAPI document waits for them, the API does not.
  const exampleMedia = new Map<string, Record<string, unknown>>();
  let examplesReady: Promise<void> = Promise.resolve();
  app.addHook('onReady', async () => {
    examplesReady = examples(queries, state.current.store, state.current.version, run).then((found) => {
      for (const [name, example] of found) {
        const media = exampleMedia.get(name);
        if (media) media.example = example;
      }
    });
  });
  app.addHook('onRequest', async (request) => {
    if (request.url === '/openapi.json' || request.url.startsWith('/docs')) await examplesReady;
  });

  // Swagger first, so that it sees the routes below (and only these: it lives in this plugin's scope).
  await app.register(swagger, openApiOptions(config, queries));
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', deepLinking: true }, theme: docsTheme(config.baseIri) });
  app.get('/openapi.json', { schema: { hide: true } }, async (request, reply) =>
    represent(request, reply, { mediaType: json, graph: state.current, variant: ['openapi'], render: () => JSON.stringify(app.swagger()) }),
  );

  for (const query of queries) {
    // The API only reads; unknown /api/ paths stay 404, whatever the method.
    refuseOtherMethods(app, `/api/${query.name}`, ['GET', 'HEAD']);
    const response = responseSchemas(query);
    exampleMedia.set(query.name, (response[200] as { content: Record<string, Record<string, unknown>> }).content['application/json']!);
    app.get(`/api/${query.name}`, endpointOptions(query, config.baseIri, response), endpointHandler(query, options, run, rendered));
  }
}
