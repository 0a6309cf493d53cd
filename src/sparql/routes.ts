// /sparql: the SPARQL 1.1 Protocol (GET, POST form, POST direct), the service description and the YASGUI editor.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { ReadPathOptions } from '../http/read-path.js';
import { errors, HttpError } from '../errors.js';
import { addVary } from '../http/vary.js';
import { chooseType } from '../http/represent.js';
import { refuseOtherMethods } from '../http/refuse-methods.js';
import { html, json, rdfTypes, resultTypes, type MediaType } from '../rdf/media-types.js';
import { negotiate } from '../rdf/negotiate.js';
import { serializeNegotiated } from '../rdf/serialize.js';
import type { QueryForm } from './query-check.js';
import type { FormChoice, OutputChoice } from './answers.js';
import { wireError } from './wire-error.js';
import { cacheable, ResultCache, type CachedAnswer } from './result-cache.js';
import { paramsOf, type Params } from '../http/form-params.js';
import type { ParsedQuery } from '../http/query-string.js';
import { endpointUrl, serviceDescription } from './service-description.js';
import { exampleQueries, yasguiDist, yasguiPage } from './yasgui.js';

declare module 'fastify' {
  interface FastifyInstance {
    sparqlCache: ResultCache;
  }
}

const FORM = 'application/x-www-form-urlencoded';
const SPARQL_QUERY = 'application/sparql-query';
const SPARQL_UPDATE = 'application/sparql-update';
const offeredFor: Record<QueryForm, readonly MediaType[]> = {
  // Plain application/json is what many HTTP clients ask for; they get SPARQL JSON results.
  SELECT: [resultTypes.json, resultTypes.xml, resultTypes.csv, resultTypes.tsv, json],
  ASK: [resultTypes.json, resultTypes.xml, json, resultTypes.csv, resultTypes.tsv],
  // Turtle first: a client without preference gets a triple format (CONSTRUCT results have no graphs).
  CONSTRUCT: [rdfTypes.turtle, rdfTypes.ntriples, rdfTypes.jsonld, rdfTypes.rdfxml, rdfTypes.trig, rdfTypes.nquads],
  DESCRIBE: [rdfTypes.turtle, rdfTypes.ntriples, rdfTypes.jsonld, rdfTypes.rdfxml, rdfTypes.trig, rdfTypes.nquads],
};
const descriptionTypes: readonly MediaType[] = [rdfTypes.turtle, rdfTypes.jsonld, rdfTypes.ntriples, rdfTypes.rdfxml, html];

/** Decodes a body as UTF-8, refusing anything else (the protocol requires UTF-8). */
function utf8(body: Buffer, contentType: string): string {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1]?.toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    throw errors.unsupportedCharset(charset);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(body);
  } catch {
    throw errors.badRequest('The request body is not valid UTF-8.');
  }
}

interface ProtocolRequest {
  query: string | undefined;
  params: Params;
}

/** Reads query and parameters from GET, POST form or POST direct; refuses updates and unknown body types. */
function readRequest(request: FastifyRequest): ProtocolRequest {
  // The query string was parsed once already, by the app's one parser (http/query-string.ts); only a form body is parsed here.
  const params: Params = new Map();
  for (const [name, value] of Object.entries((request.query ?? {}) as ParsedQuery)) params.set(name, Array.isArray(value) ? [...value] : [value]);
  let directQuery: string | undefined;
  if (request.method === 'POST') {
    const contentType = request.headers['content-type'] ?? '';
    const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    if (mediaType === SPARQL_UPDATE) throw errors.updateRefused();
    if (mediaType === FORM) paramsOf(utf8(body, contentType), params);
    else if (mediaType === SPARQL_QUERY) directQuery = utf8(body, contentType);
    else throw errors.unsupportedMediaType(contentType || undefined, [FORM, SPARQL_QUERY]);
  }
  if (params.has('update')) throw errors.updateRefused();
  const queries = params.get('query') ?? [];
  if (directQuery !== undefined && queries.length > 0) {
    throw errors.badParameter('query', 'The query is given both in the body and as a query= parameter; send it once.');
  }
  if (queries.length > 1) throw errors.badParameter('query', `Exactly one query= parameter is allowed; got ${queries.length}.`);
  return { query: directQuery ?? queries[0], params };
}

/** Negotiates the answer for every query form at once: the form is known only once the worker has parsed the query. */
function outputChoice(accept: string | undefined, format: readonly string[] | undefined): OutputChoice {
  const choose = (form: QueryForm): FormChoice => {
    const offered = offeredFor[form];
    try {
      const chosen = negotiate(accept, offered, format);
      // Plain application/json asked for results gets SPARQL JSON under the type the client named.
      const serializer = chosen === json ? resultTypes.json.type : chosen.type;
      return { format: serializer, contentType: chosen.contentType, chosen, offered };
    } catch (error) {
      if (error instanceof HttpError) return { error: wireError(error) };
      throw error;
    }
  };
  return { SELECT: choose('SELECT'), ASK: choose('ASK'), CONSTRUCT: choose('CONSTRUCT'), DESCRIBE: choose('DESCRIBE') };
}

/**
 * The cache key: graph version, query, dataset, and what the client asked for (Accept and format= as sent), so a
 * cached answer is found without negotiating again; clients send the same headers each time.
 */
function cacheKey(version: string, query: string, params: Params, accept: string): string {
  return [version, query, ...(params.get('default-graph-uri') ?? []), '|', ...(params.get('named-graph-uri') ?? []), '|', accept, ...(params.get('format') ?? [])].join('\u0000');
}

function sendAnswer(request: FastifyRequest, reply: FastifyReply, answer: CachedAnswer, cacheStatus: 'hit' | 'miss'): FastifyReply {
  addVary(reply, 'Accept');
  // no-cache: a client may keep the answer but asks again each time; an unchanged answer then costs a 304.
  void reply.header('Cache-Control', 'no-cache');
  void reply.header('ETag', answer.etag);
  void reply.header('X-Cache', cacheStatus);
  const ifNoneMatch = request.headers['if-none-match'];
  // A 304 answers only safe methods (RFC 9110 13.1.2): a POST with a matching tag still gets the answer.
  if (request.method === 'GET' && ifNoneMatch !== undefined && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === answer.etag)) {
    return reply.code(304).send();
  }
  return reply.type(answer.contentType).send(answer.body);
}

export async function sparqlRoutes(app: FastifyInstance, options: ReadPathOptions): Promise<void> {
  const { config, state, executor } = options;
  const cache = new ResultCache(config.sparqlCacheBytes);
  state.onChange(() => cache.clear());
  app.decorate('sparqlCache', cache);

  // YASGUI's built files, from our own origin (no CDN).
  await app.register(fastifyStatic, { root: yasguiDist, prefix: '/sparql/yasgui/', decorateReply: false, allowedPath: (p) => /^\/yasgui\.min\.(js|css)(\.map)?$/.test(p) });

  // The body is read raw and decoded by the handler: only the protocol's two types are queries, and a
  // non-UTF-8 or unknown body must get a precise 4xx rather than a generic parser error.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: config.maxBodyBytes }, (_request, body, done) => done(null, body));

  const handle = async (request: FastifyRequest, reply: FastifyReply) => {
    const { query, params } = readRequest(request);
    // Every format= value: clients repeat it (name and media type); negotiate() decides whether they agree.
    const format = params.get('format');
    if (query === undefined) {
      if (request.method === 'POST') throw errors.badParameter('query', 'The request carries no query: send query= (form) or an application/sparql-query body.');
      // No ETag here: the description names the host asked for, and the editor shows the query files as they are now.
      const chosen = chooseType(request, reply, descriptionTypes, format ?? []);
      const endpoint = endpointUrl(config, { protocol: request.protocol, host: request.host });
      if (chosen === html) return reply.type(html.contentType).send(yasguiPage(config.baseIri, endpoint, await exampleQueries(config.queriesDir)));
      const quads = serviceDescription(config, state.current, endpoint);
      return reply.type(chosen.contentType).send(await serializeNegotiated(quads, chosen, config.baseIri, descriptionTypes));
    }
    if (query.trim() === '') throw errors.badParameter('query', 'The query is empty.');
    // Store mode keys by the version in the store, so a load there empties every replica's cache alike.
    const key = cacheKey(`${executor.graphVersion?.() ?? state.current.version}.${executor.loadId?.() ?? ''}`, query, params, request.headers.accept ?? '');
    const useCache = config.sparqlCacheBytes > 0 && cacheable(query);
    const cached = useCache ? cache.get(key) : undefined;
    if (useCache) app.metrics[cached ? 'cacheHits' : 'cacheMisses'].inc({ route: 'sparql' });
    if (cached) return sendAnswer(request, reply, cached, 'hit');
    const choice = outputChoice(request.headers.accept, format);
    // Parsing, checking and evaluation all happen in a worker: the main thread spends nothing proportional to the query.
    const answer = await executor.answer(
      { query, defaultGraphUris: params.get('default-graph-uri') ?? [], namedGraphUris: params.get('named-graph-uri') ?? [] },
      choice,
    );
    const entry: CachedAnswer = { form: answer.form, contentType: answer.contentType, etag: answer.etag, body: Buffer.from(answer.body.buffer, answer.body.byteOffset, answer.body.byteLength) };
    if (useCache) cache.set(key, entry);
    return sendAnswer(request, reply, entry, 'miss');
  };

  app.get('/sparql', handle);
  app.post('/sparql', handle);
  refuseOtherMethods(app, '/sparql', ['GET', 'POST']);
}
