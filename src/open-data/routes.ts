// The open-data read path: home page, DCAT-AP catalogue, VoID, dumps, sitemap.xml and robots.txt.
import Negotiator from 'negotiator';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ReadPathOptions } from '../http/read-path.js';
import { errors } from '../errors.js';
import { notModified } from '../http/conditional.js';
import { queryParam } from '../http/query-param.js';
import { addVary } from '../http/vary.js';
import { LruCache } from '../http/lru-cache.js';
import { chooseType, represent } from '../http/represent.js';
import { pageLanguage } from '../html/format.js';
import { html, rdfTypes, text, xml, type MediaType } from '../rdf/media-types.js';
import { buildArtefacts, type Artefacts } from './artefacts.js';
import { loadRelease } from './release.js';
import { catalogueIris } from './catalogue.js';
import { cataloguePage, homePage } from './pages.js';

/** RDF formats offered for the catalogue and VoID; Turtle first, so `*\/*` (curl, harvesters) gets RDF. */
const rdfOffered: readonly MediaType[] = [rdfTypes.turtle, rdfTypes.jsonld, rdfTypes.rdfxml, rdfTypes.ntriples, rdfTypes.trig, rdfTypes.nquads];

/**
 * The artefacts (statistics, dumps, catalogue) of the served graph, built at the first request that needs them, the
 * dumps in a worker thread: they serve few users and took seconds at 100k triples, so the start does not wait for
 * them. A new graph gets its artefacts before it is served (a failing build refuses the reload).
 */
function lazyArtefacts({ config, state }: ReadPathOptions): () => Promise<Artefacts> {
  let building: Promise<Artefacts> | undefined;
  state.onChange(async (graph) => {
    const next = await buildArtefacts(config, graph);
    building = Promise.resolve(next);
  });
  return () => {
    building ??= buildArtefacts(config, state.current).catch((error: unknown) => {
      // Not remembered: the next request tries again.
      building = undefined;
      throw error;
    });
    return building;
  };
}

/** GET /download/FILE: a dump file, gzip-encoded for clients that accept it, with the file's checksum as its ETag. */
function downloadRoute(app: FastifyInstance, artefacts: () => Promise<Artefacts>): void {
  app.get<{ Params: { file: string } }>('/download/:file', async (request, reply) => {
    const built = await artefacts();
    const dump = built.dumps.find((d) => d.fileName === request.params.file);
    if (!dump) {
      throw errors.notFound(`There is no download "${request.params.file}". Available: ${built.dumps.map((d) => d.fileName).join(', ')}.`);
    }
    // Uncompressed files go out gzip-encoded to clients that accept it; the entity (and its checksum) stays the file.
    const gzipOk = dump.gzipped !== undefined && new Negotiator({ headers: { 'accept-encoding': request.headers['accept-encoding'] ?? '' } }).encoding(['gzip', 'identity']) === 'gzip';
    const body = gzipOk ? dump.gzipped! : dump.bytes;
    void reply.header('Content-Disposition', `attachment; filename="${dump.fileName}"`);
    // Range requests are ignored (RFC 9110 allows it: the whole file answers 200); saying so spares clients a retry.
    void reply.header('Accept-Ranges', 'none');
    if (dump.gzipped) addVary(reply, 'Accept-Encoding');
    // The file's own checksum is its ETag (the gzip encoding is another representation), the release date its age.
    const validators = { etag: `"${dump.sha256.slice(0, 32)}${gzipOk ? '-gzip' : ''}"`, lastModified: new Date(`${built.release.date}T00:00:00Z`) };
    if (notModified(request, reply, validators, 3600)) return reply;
    if (gzipOk) void reply.header('Content-Encoding', 'gzip');
    void reply.header('Content-Length', String(body.length));
    return reply.type(dump.contentType).send(body);
  });
}

export async function openDataRoutes(app: FastifyInstance, options: ReadPathOptions): Promise<void> {
  const { config, state } = options;
  // A broken changelog (CHANGELOG.md, or the one in the store) stops the start; the artefacts wait for the first request that needs them.
  await loadRelease(config.dataDir, state.current);
  const artefacts = lazyArtefacts(options);
  const iri = catalogueIris(config.baseIri);
  const pickLanguage = (request: FastifyRequest) => pageLanguage(queryParam(request, 'lang'), request.headers['accept-language']);

  /** What tells the release's pages apart from an earlier release's over the same graph: its version and files. */
  const releaseOf = (built: Artefacts) => [built.release.version, built.dumps.map((d) => d.sha256).join()];
  const pages = new LruCache<string>(16);
  state.onChange(() => pages.clear());

  app.get('/', async (request, reply) => {
    const built = await artefacts();
    const chosen = chooseType(request, reply, [html, ...rdfOffered]);
    addVary(reply, 'Accept-Language');
    if (chosen !== html) {
      // The home page is a page for people; its machine-readable description is the catalogue.
      const format = queryParam(request, 'format');
      const query = format ? `?format=${encodeURIComponent(format)}` : '';
      return reply.code(303).header('Location', `${iri.document}${query}`).send();
    }
    const lang = pickLanguage(request);
    void reply.header('Link', `<${iri.document}>; rel="describedby"; type="text/turtle", <${iri.void}>; rel="describedby"; type="text/turtle"`);
    void reply.header('Content-Language', lang);
    return represent(request, reply, { mediaType: html, graph: built.graph, variant: ['home', lang, ...releaseOf(built)], cache: pages, render: () => homePage({ config, ...built }, lang) });
  });

  app.get('/dataset', async (request, reply) => {
    const built = await artefacts();
    const chosen = chooseType(request, reply, [...rdfOffered, html]);
    addVary(reply, 'Accept-Language');
    void reply.header('Link', `<${iri.void}>; rel="describedby"; type="text/turtle"`);
    if (chosen === html) {
      const lang = pickLanguage(request);
      void reply.header('Content-Language', lang);
      const render = () => cataloguePage({ config, ...built }, lang, rdfOffered);
      return represent(request, reply, { mediaType: html, graph: built.graph, variant: ['catalogue', lang, ...releaseOf(built)], cache: pages, render });
    }
    return represent(request, reply, { mediaType: chosen, graph: built.graph, variant: ['catalogue', ...releaseOf(built)], render: () => built.serialized('catalogue', chosen.type) });
  });

  app.get('/.well-known/void', async (request, reply) => {
    const built = await artefacts();
    const chosen = chooseType(request, reply, rdfOffered);
    return represent(request, reply, { mediaType: chosen, graph: built.graph, variant: ['void', built.release.version], render: () => built.serialized('void', chosen.type) });
  });

  downloadRoute(app, artefacts);

  app.get('/sitemap.xml', async (request, reply) => {
    const built = await artefacts();
    return represent(request, reply, { mediaType: xml, graph: built.graph, variant: ['sitemap', built.release.date], render: () => built.sitemap });
  });

  app.get('/robots.txt', async (request, reply) => {
    const built = await artefacts();
    return represent(request, reply, { mediaType: text, graph: built.graph, variant: ['robots'], render: () => built.robots });
  });
}
