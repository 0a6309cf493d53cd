// Dereferenceable IRIs: {base}id/... and {base}def/... answer 303 to {base}doc/..., which negotiates RDF formats and HTML.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
import { DataFactory } from 'n3';
import type { Quad } from '@rdfjs/types';
import type { ReadPathOptions } from '../http/read-path.js';
import { notModified } from '../http/conditional.js';
import { LruCache } from '../http/lru-cache.js';
import { queryParam } from '../http/query-param.js';
import { addVary } from '../http/vary.js';
import { pageLanguage, type PageLanguage } from '../html/format.js';
import { html, rdfTypes, type MediaType } from '../rdf/media-types.js';
import { negotiate } from '../rdf/negotiate.js';
import { serializeNegotiated } from '../rdf/serialize.js';
import { errors, HttpError } from '../errors.js';
import { jsonLdContext } from '../rdf/jsonld-context.js';
import { withDefaultGraphCopy } from '../rdf/term-keys.js';
import type { LoadedGraph } from '../store/load.js';
import { entitiesByKind } from '../store/entities.js';
import { describe, describeIndex, describeOntology, isKnown, orderForOutput, type Description } from './describe.js';
import { indexPage, notFoundPage, ontologyPage, resourcePage, type FormatLink, type PageContext } from './html-pages.js';
import { contextUrl, documentJsonLd } from './json-ld.js';
import { basePath, documentRequest, formatUrl, pagePath, relativePath, thingPath, type DocumentRequest, type DocumentTarget } from './paths.js';

/**
 * The formats every document offers, in order of preference: the first answers a missing Accept or `*\/*`
 * (Turtle: clients that do not say what they want are usually RDF tools; browsers always ask for HTML).
 * TriG and N-Quads carry each fact's named graph, i.e. its source.
 */
const offered: readonly MediaType[] = [rdfTypes.turtle, rdfTypes.jsonld, rdfTypes.ntriples, rdfTypes.rdfxml, rdfTypes.trig, rdfTypes.nquads, html];

/** Names of the download links, in the page language. */
const formatNames: Record<string, Record<PageLanguage, string>> = {
  [rdfTypes.turtle.type]: { en: 'Turtle', de: 'Turtle' },
  [rdfTypes.jsonld.type]: { en: 'JSON-LD', de: 'JSON-LD' },
  [rdfTypes.ntriples.type]: { en: 'N-Triples', de: 'N-Triples' },
  [rdfTypes.rdfxml.type]: { en: 'RDF/XML', de: 'RDF/XML' },
  [rdfTypes.trig.type]: { en: 'TriG (with sources)', de: 'TriG (mit Quellen)' },
  [rdfTypes.nquads.type]: { en: 'N-Quads (with sources)', de: 'N-Quads (mit Quellen)' },
  [html.type]: { en: 'HTML', de: 'HTML' },
};

const contentTypes: Record<string, string> = {
  [rdfTypes.turtle.type]: 'text/turtle; charset=utf-8',
  [rdfTypes.ntriples.type]: 'application/n-triples; charset=utf-8',
  [rdfTypes.trig.type]: 'application/trig; charset=utf-8',
  [rdfTypes.nquads.type]: 'application/n-quads; charset=utf-8',
  [rdfTypes.jsonld.type]: 'application/ld+json',
  [rdfTypes.rdfxml.type]: 'application/rdf+xml; charset=utf-8',
  [html.type]: 'text/html; charset=utf-8',
};

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

/** Which representation of a document answers a request, and which page of it. */
interface Representation {
  readonly chosen: MediaType;
  /** The page language; only HTML has one. */
  readonly lang: PageLanguage | undefined;
  readonly page: number;
}

/**
 * A suffix in the URL (`.ttl`) names one format exactly, so it wins over Accept and `?format=`. The page is read
 * first so that a bad `?page=` answers 400 whatever the format asked for.
 */
function chooseRepresentation(request: FastifyRequest, { target, suffix }: DocumentRequest): Representation {
  const page = target.kind === 'resource' ? pageNumber(request) : 1;
  const chosen = suffix !== undefined ? offered.find((t) => t.suffix === suffix)! : negotiate(request.headers.accept, offered, queryParam(request, 'format'));
  const lang = chosen === html ? pageLanguage(queryParam(request, 'lang'), request.headers['accept-language']) : undefined;
  return { chosen, lang, page };
}

/** One page of a resource's description; the page links it carries point at the format-neutral document URL. */
function describeResourcePage(graph: LoadedGraph, baseIri: string, target: DocumentTarget, page: number): Description {
  const docUrl = `${baseIri}${target.docPath}`;
  return describe(graph.store, target.iri, page, (n) => (n === 1 ? docUrl : `${docUrl}?page=${n}`));
}

/**
 * What varies (so shared caches keep the variants apart), where this exact representation lives
 * (Content-Location), and where the other formats and pages are (Link).
 */
function setRepresentationHeaders(
  reply: FastifyReply,
  baseIri: string,
  { target, suffix }: DocumentRequest,
  { chosen, lang, page }: Representation,
  description: Description | undefined,
): void {
  if (suffix === undefined) addVary(reply, 'Accept');
  if (chosen === html) addVary(reply, 'Accept-Language');
  const pageQuery = page > 1 ? `?page=${page}` : '';
  if (suffix === undefined) void reply.header('Content-Location', `${formatUrl(baseIri, target.docPath, chosen.suffix)}${pageQuery}`);
  const links = offered
    .filter((t) => t !== chosen)
    .map((t) => `<${formatUrl(baseIri, target.docPath, t.suffix)}${pageQuery}>; rel="alternate"; type="${t.type}"`);
  if (target.kind === 'resource') links.push(`<${target.iri}>; rel="describes"`);
  if (chosen === rdfTypes.jsonld) links.push(`<${contextUrl(baseIri)}>; rel="${JSON_LD_CONTEXT_REL}"; type="application/ld+json"`);
  if (description && description.pageCount > 1) {
    // Paging links stay in the format the client asked for by URL, or on the negotiated URL when it asked by Accept.
    const self = suffix === undefined ? `${baseIri}${target.docPath}` : formatUrl(baseIri, target.docPath, suffix);
    links.push(...pageLinks(self, page, description.pageCount));
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
  let kindsCache: { version: string; kinds: Map<string, string[]> } | undefined;
  const bodies = new LruCache<string>(CACHE_LIMIT);
  state.onChange(() => {
    kindsCache = undefined;
    bodies.clear();
  });

  const kinds = (graph: LoadedGraph): Map<string, string[]> => {
    if (kindsCache?.version !== graph.version) kindsCache = { version: graph.version, kinds: entitiesByKind(graph.store, baseIri) };
    return kindsCache.kinds;
  };

  const notFound = (request: FastifyRequest, reply: FastifyReply, detail?: string): FastifyReply => {
    if (prefersHtml(request)) {
      let lang: PageLanguage = 'en';
      try {
        lang = pageLanguage(undefined, request.headers['accept-language']);
      } catch {
        // A bad Accept-Language never turns a 404 into something else.
      }
      return reply.code(404).type(contentTypes[html.type]!).send(notFoundPage(detail === undefined ? request.url.split('?', 1)[0]! : request.url, lang, baseIri));
    }
    throw errors.notFound(detail ?? `No resource is described at ${request.url.split('?', 1)[0]}.`);
  };

  /** Whether `{base}id/...` or `{base}def/...` (the part after the base path) names something we describe. */
  const thingExists = (rest: string): boolean => {
    const graph = state.current;
    if (rest.endsWith('/')) {
      return rest === 'def/' ? graph.store.countQuads(null, null, null, DataFactory.namedNode(baseIri + rest)) > 0 : kinds(graph).has(rest.slice(3, -1));
    }
    return isKnown(graph.store, baseIri + rest);
  };

  /** `{base}id/{kind}` and `{base}doc/{kind}` without the slash: the kind's index, when there is that kind. */
  const indexWithoutSlash = (rest: string | null): string | undefined => {
    const match = rest === null ? null : /^(id|doc)\/([^/]+)$/.exec(rest);
    return match && match[2] !== 'def' && kinds(state.current).has(match[2]!) ? `${rest}/` : undefined;
  };

  /** `{base}id/...` and `{base}def/...`: things, not documents; 303 See Other to the document that describes them. */
  const redirectToDocument = async (request: FastifyRequest, reply: FastifyReply) => {
    const rest = relativePath(request.url, prefix);
    const query = queryString(request.url);
    const index = indexWithoutSlash(rest);
    // The index IRI is `{base}id/{kind}/`; the slash-less form is a typo for it, so redirect permanently.
    if (index !== undefined) return reply.code(301).header('Location', `${baseIri}${index}${query}`).send();
    const thing = rest === null ? null : thingPath(rest);
    if (rest === null || thing === null || !thingExists(rest)) return notFound(request, reply);
    void reply.header('Cache-Control', 'public, max-age=3600');
    return reply.code(303).header('Location', `${baseIri}${thing.docPath}${query}`).send();
  };

  /**
   * What a `{base}doc/...` URL describes, or null when a GET would answer 404. Shared by GET and the
   * refusal of other methods, so both agree on what exists.
   */
  const findDocument = (rest: string | null): { docRequest: DocumentRequest; members: string[] | undefined } | null => {
    const docRequest = rest === null ? null : documentRequest(rest, baseIri, offered);
    if (docRequest === null) return null;
    const { target } = docRequest;
    const graph = state.current;
    if (target.kind === 'resource' && !isKnown(graph.store, target.iri)) return null;
    const members = target.kind === 'index' ? kinds(graph).get(target.indexKind) : undefined;
    if (target.kind === 'index' && !members) return null;
    if (target.kind === 'ontology' && graph.store.countQuads(null, null, null, DataFactory.namedNode(target.iri)) === 0) return null;
    return { docRequest, members };
  };

  /**
   * Other methods than GET/HEAD: 405 with Allow where a GET would answer (the resource exists, so the
   * method is what is wrong); 404 where a GET would answer 404 too, since "use GET" would send the client
   * to another 404. Checked in onRequest, before any body is read or parsed.
   */
  const refuseMethod = (exists: (rest: string | null) => boolean) => async (request: FastifyRequest, reply: FastifyReply) => {
    const rest = relativePath(request.url, prefix);
    if (!exists(rest)) return notFound(request, reply);
    throw errors.methodNotAllowed(request.method, ['GET', 'HEAD']);
  };
  const thingOrIndexExists = (rest: string | null) => indexWithoutSlash(rest) !== undefined || (rest !== null && thingPath(rest) !== null && thingExists(rest));
  const documentExists = (rest: string | null) => indexWithoutSlash(rest) !== undefined || findDocument(rest) !== null;
  const otherMethods = ['POST', 'PUT', 'DELETE', 'PATCH'] as const;
  for (const [path, exists] of [[`${prefix}id/*`, thingOrIndexExists], [`${prefix}def/*`, thingOrIndexExists], [`${prefix}doc/*`, documentExists]] as const) {
    app.route({
      method: [...otherMethods],
      url: path,
      onRequest: refuseMethod(exists),
      handler: async () => {
        // Never reached: onRequest has answered.
      },
    });
  }

  app.get(`${prefix}id/*`, redirectToDocument);
  app.get(`${prefix}def/*`, redirectToDocument);

  app.get(`${prefix}context.jsonld`, async (request, reply) => {
    if (notModified(request, reply, state.current, ['context', baseIri], 86_400)) return reply;
    return reply.type('application/ld+json').send(JSON.stringify({ '@context': jsonLdContext(baseIri) }, null, 2));
  });

  app.get(`${prefix}doc/*`, async (request, reply) => {
    const rest = relativePath(request.url, prefix);
    const index = indexWithoutSlash(rest);
    if (index !== undefined) return reply.code(301).header('Location', `${baseIri}${index}${queryString(request.url)}`).send();
    const graph = state.current;
    const found = findDocument(rest);
    if (found === null) return notFound(request, reply);
    const { docRequest, members } = found;
    const { target } = docRequest;

    const representation = chooseRepresentation(request, docRequest);
    const { chosen, lang, page } = representation;
    const description = target.kind === 'resource' ? describeResourcePage(graph, baseIri, target, page) : undefined;
    if (description && page > description.pageCount) {
      return notFound(request, reply, `Page ${page} does not exist: the incoming links of ${target.iri} fill ${description.pageCount} page(s).`);
    }
    setRepresentationHeaders(reply, baseIri, docRequest, representation, description);

    const variant = [target.docPath, chosen.type, lang ?? '', page].join('\u0000');
    if (notModified(request, reply, graph, variant)) return reply;
    void reply.type(contentTypes[chosen.type]!);
    return reply.send(await cachedBody(reply, graph, variant, () => render(target, chosen, lang, description, members ?? [], graph)));
  });

  /** Bodies are cached per graph version and variant (the same key as the ETag), so a reload never serves a stale one. */
  async function cachedBody(reply: FastifyReply, graph: LoadedGraph, variant: string, renderBody: () => Promise<string>): Promise<string> {
    const cacheKey = `${graph.version}\u0000${variant}`;
    const cached = bodies.get(cacheKey);
    if (cached !== undefined) return cached;
    let body: string;
    try {
      body = await renderBody();
    } catch (error) {
      // Some graphs cannot be RDF/XML (a predicate without an XML local name): the 406 describes no representation.
      if (error instanceof HttpError) void reply.removeHeader('ETag').removeHeader('Last-Modified').removeHeader('Content-Location');
      throw error;
    }
    bodies.set(cacheKey, body);
    return body;
  }

  async function render(
    target: DocumentTarget,
    chosen: MediaType,
    lang: PageLanguage | undefined,
    description: Description | undefined,
    members: readonly string[],
    graph: LoadedGraph,
  ): Promise<string> {
    const store = graph.store;
    let quads: Quad[];
    if (target.kind === 'resource') quads = orderForOutput(description!.quads, target.iri);
    else if (target.kind === 'index') quads = describeIndex(store, target.iri, target.indexKind, members);
    else quads = describeOntology(store, target.iri);

    if (chosen === html) {
      const formats: FormatLink[] = offered
        .filter((t) => t !== html)
        .map((t) => ({ label: formatNames[t.type]?.[lang!] ?? t.name, type: t.type, url: formatUrl(baseIri, target.docPath, t.suffix) }));
      const ctx: PageContext = { store, baseIri, lang: lang!, selfPath: pagePath(baseIri, target.docPath), formats };
      if (target.kind === 'resource') return resourcePage(description!, ctx);
      if (target.kind === 'index') return indexPage(target.indexKind, members, ctx);
      return ontologyPage(target.iri, quads, ctx);
    }
    if (chosen === rdfTypes.jsonld) {
      return JSON.stringify(await documentJsonLd(quads, baseIri, target.iri), null, 2);
    }
    // Quad formats repeat every triple in the default graph: see withDefaultGraphCopy and the README ("Clients").
    return serializeNegotiated(chosen.dataset ? withDefaultGraphCopy(quads) : quads, chosen, baseIri, offered);
  }
}
