// Dereferenceable IRIs: {base}id/... and {base}def/... answer 303 to {base}doc/..., which negotiates RDF formats and HTML.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
import type { ReadPathOptions } from '../http/read-path.js';
import { notModified } from '../http/conditional.js';
import { LruCache } from '../http/lru-cache.js';
import { queryParam } from '../http/query-param.js';
import { refuseOtherMethods } from '../http/refuse-methods.js';
import { chooseType, represent } from '../http/represent.js';
import { addVary } from '../http/vary.js';
import { pageLanguage, type PageLanguage } from '../html/format.js';
import { html, rdfTypes, type MediaType } from '../rdf/media-types.js';
import { errors } from '../errors.js';
import { jsonLdContext } from '../rdf/jsonld-context.js';
import type { LoadedGraph } from '../store/load.js';
import { entitiesByKind } from '../store/entities.js';
import { incomingPageCount } from './describe.js';
import { notFoundPage } from './html-pages.js';
import { contextUrl } from './json-ld.js';
import { basePath, formatUrl, relativePath, type DocumentRequest } from './paths.js';
import { documentTypes as offered, renderDocument, type DocumentWhat } from './render.js';
import { resolve, type ResolveGraph, type Resolved } from './resolve.js';

const JSON_LD_CONTEXT_REL = 'http://www.w3.org/ns/json-ld#context';
/** Rendered bodies kept per graph version; small because descriptions are cheap to rebuild. */
const CACHE_LIMIT = 1000;

/** Whether the client would rather read an HTML error page than a problem document (browsers). */
function prefersHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept;
  if (!accept) return false;
  return new Negotiator({ headers: { accept } }).mediaType(['application/problem+json', 'application/json', html.type]) === html.type;
}

function pageNumber(request: FastifyRequest): number {
  const raw = queryParam(request, 'page');
  if (raw === undefined) return 1;
  if (!/^[1-9]\d{0,6}$/.test(raw)) throw errors.badParameter('page', `The page must be a whole number from 1, got "${raw}".`);
  return Number(raw);
}

/** The query part of a request URL (from "?"), kept across redirects so `?format=`, `?lang=` and `?page=` survive them. */
function queryString(url: string): string {
  return url.includes('?') ? url.slice(url.indexOf('?')) : '';
}

/**
 * Which representation of a document answers a request, and which page of it. A suffix in the URL (`.ttl`) names
 * one format exactly, so it wins over Accept and `?format=` (and Accept then does not vary the answer). The page is
 * read first so that a bad `?page=` answers 400 whatever the format asked for.
 */
function chooseRepresentation(request: FastifyRequest, reply: FastifyReply, { request: docRequest, members }: Extract<Resolved, { kind: 'document' }>) {
  const { target, suffix } = docRequest;
  const page = target.kind === 'resource' ? pageNumber(request) : 1;
  const chosen = suffix !== undefined ? offered.find((t) => t.suffix === suffix)! : chooseType(request, reply, offered);
  const lang = chosen === html ? pageLanguage(queryParam(request, 'lang'), request.headers['accept-language']) : undefined;
  const what: DocumentWhat = { target, members, page, lang };
  return { what, chosen };
}
/**
 * What varies (so shared caches keep the variants apart), where this exact representation lives
 * (Content-Location), and where the other formats and pages are (Link).
 */
function setRepresentationHeaders(
  reply: FastifyReply,
  baseIri: string,
  { suffix }: DocumentRequest,
  { target, lang, page }: DocumentWhat,
  chosen: MediaType,
  pageCount: number,
): void {
  if (chosen === html) addVary(reply, 'Accept-Language');
  const pageQuery = page > 1 ? `?page=${page}` : '';
  if (suffix === undefined) void reply.header('Content-Location', `${formatUrl(baseIri, target.docPath, chosen.suffix)}${pageQuery}`);
  const links = offered
    .filter((t) => t !== chosen)
    .map((t) => `<${formatUrl(baseIri, target.docPath, t.suffix)}${pageQuery}>; rel="alternate"; type="${t.type}"`);
  if (target.kind === 'resource') links.push(`<${target.iri}>; rel="describes"`);
  if (chosen === rdfTypes.jsonld) links.push(`<${contextUrl(baseIri)}>; rel="${JSON_LD_CONTEXT_REL}"; type="application/ld+json"`);
  if (pageCount > 1) {
    // Paging links stay in the format the client asked for by URL, or on the negotiated URL when it asked by Accept.
    const self = suffix === undefined ? `${baseIri}${target.docPath}` : formatUrl(baseIri, target.docPath, suffix);
    links.push(...pageLinks(self, page, pageCount));
  }
  void reply.header('Link', links.join(', '));
  if (lang) void reply.header('Content-Language', lang);
}

/** RFC 8288 first/last/prev/next links of a paged description. */
function pageLinks(self: string, page: number, pageCount: number): string[] {
  const pageLink = (n: number) => (n === 1 ? self : `${self}?page=${n}`);
  const links = [`<${pageLink(1)}>; rel="first"`, `<${pageLink(pageCount)}>; rel="last"`];
  if (page > 1) links.push(`<${pageLink(page - 1)}>; rel="prev"`);
  if (page < pageCount) links.push(`<${pageLink(page + 1)}>; rel="next"`);
  return links;
}

export async function linkedDataRoutes(app: FastifyInstance, options: ReadPathOptions): Promise<void> {
  const { config, state } = options;
  const baseIri = config.baseIri;
  const prefix = basePath(baseIri);
  let view: (ResolveGraph & { version: string }) | undefined;
  const bodies = new LruCache<string>(CACHE_LIMIT);
  state.onChange(() => {
    view = undefined;
    bodies.clear();
  });
  /** The graph as resolution reads it; the kinds are listed once per graph version. */
  const graphView = (graph: LoadedGraph): ResolveGraph => {
    if (view?.version !== graph.version) view = { version: graph.version, store: graph.store, kinds: entitiesByKind(graph.store, baseIri) };
    return view;
  };
  const resolveRequest = (request: FastifyRequest): Resolved => resolve(relativePath(request.url, prefix), baseIri, graphView(state.current), offered);

  const notFound = (request: FastifyRequest, reply: FastifyReply, detail?: string): FastifyReply => {
    if (!prefersHtml(request)) throw errors.notFound(detail ?? `No resource is described at ${request.url.split('?', 1)[0]}.`);
    let lang: PageLanguage = 'en';
    try {
      lang = pageLanguage(undefined, request.headers['accept-language']);
    } catch {
      // A bad Accept-Language never turns a 404 into something else.
    }
    return reply.code(404).type(html.contentType).send(notFoundPage(detail === undefined ? request.url.split('?', 1)[0]! : request.url, lang, baseIri));
  };

  /** GET on `{base}id/...`, `{base}def/...` and `{base}doc/...`: redirect, document or 404, as resolve() decides. */
  const get = async (request: FastifyRequest, reply: FastifyReply) => {
    const resolved = resolveRequest(request);
    if (resolved.kind === 'missing') return notFound(request, reply);
    if (resolved.kind === 'redirect') {
      if (resolved.status === 303) void reply.header('Cache-Control', 'public, max-age=3600');
      return reply.code(resolved.status).header('Location', `${baseIri}${resolved.location}${queryString(request.url)}`).send();
    }
    const graph = state.current;
    const { what, chosen } = chooseRepresentation(request, reply, resolved);
    const { target, page } = what;
    // Counting the pages is cheap; describing the resource waits until a 304 is ruled out.
    const pageCount = target.kind === 'resource' ? incomingPageCount(graph.store, target.iri) : 1;
    if (page > pageCount) return notFound(request, reply, `Page ${page} does not exist: the incoming links of ${target.iri} fill ${pageCount} page(s).`);
    setRepresentationHeaders(reply, baseIri, resolved.request, what, chosen, pageCount);
    return represent(request, reply, {
      mediaType: chosen,
      graph,
      variant: [target.docPath, what.lang ?? '', page],
      cache: bodies,
      render: () => renderDocument(what, chosen, graph.store, baseIri),
    });
  };

  // Other methods: 405 where a GET would answer, 404 where it would answer 404.
  const answerMissing = (request: FastifyRequest, reply: FastifyReply) => (resolveRequest(request).kind === 'missing' ? notFound(request, reply) : undefined);
  for (const path of ['id/*', 'def/*', 'doc/*']) {
    refuseOtherMethods(app, `${prefix}${path}`, ['GET', 'HEAD'], answerMissing);
    app.get(`${prefix}${path}`, get);
  }

  app.get(`${prefix}context.jsonld`, async (request, reply) => {
    if (notModified(request, reply, state.current, ['context', baseIri], 86_400)) return reply;
    return reply.type(rdfTypes.jsonld.contentType).send(JSON.stringify({ '@context': jsonLdContext(baseIri) }, null, 2));
  });
}
