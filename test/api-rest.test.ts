// The REST API over the real data: every endpoint's answers, formats, pagination, caching, bad input and injection attempts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import jsonld from 'jsonld';
import { Validator } from '@seriousme/openapi-schema-validator';
import { readdir } from 'node:fs/promises';
import { loadConfig } from '../src/config.js';
import { buildServer } from '../src/server.js';
import { loadGraph } from '../src/store/load.js';

const config = loadConfig({ SHAPES_DIR: 'none', LOG_LEVEL: 'silent' });
const base = config.baseIri;
let app: FastifyInstance;

beforeAll(async () => {
  app = await buildServer(config);
});
afterAll(async () => {
  await app.close();
});

interface Ref {
  id: string;
  label: string | null;
}
type Item = Record<string, unknown>;

async function getJson(url: string, headers: Record<string, string> = {}): Promise<Item[]> {
  const response = await app.inject({ url, headers });
  expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  return response.json() as Item[];
}

const ids = (items: Item[], key = 'id') => items.map((i) => i[key] as string).sort();

describe('OpenAPI', () => {
  it('openapi_json_validates_against_the_openapi_3_1_schema', async () => {
    const response = await app.inject('/openapi.json');
    expect(response.statusCode).toBe(200);
    const document = response.json() as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('every_query_file_has_its_operation_with_parameters_response_shape_and_example', async () => {
    const document = (await app.inject('/openapi.json')).json() as {
      paths: Record<string, { get?: { parameters?: Array<{ name: string }>; responses: Record<string, { content?: Record<string, { schema: unknown; example?: unknown[] }> }> } }>;
    };
    const files = (await readdir(config.queriesDir)).filter((f) => f.endsWith('.rq'));
    expect(files.length).toBeGreaterThanOrEqual(13);
    for (const file of files) {
      const operation = document.paths[`/api/${file.replace(/\.rq$/, '')}`]?.get;
      expect(operation, file).toBeDefined();
      expect(operation!.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(['lang', 'format', 'limit', 'offset']));
      const json = operation!.responses['200']!.content!['application/json']!;
      expect(json.schema).toMatchObject({ type: 'array', items: { type: 'object' } });
      expect(Array.isArray(json.example) && json.example.length > 0, `${file} has a non-empty example`).toBe(true);
    }
  });

  it('swagger_ui_is_served_at_docs_with_its_assets', async () => {
    const page = await app.inject('/docs/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const bundle = await app.inject('/docs/static/swagger-ui-bundle.js');
    expect(bundle.statusCode).toBe(200);
    expect(bundle.body.length).toBeGreaterThan(100_000);
  });
});

describe('endpoints answer what the sources say', () => {
  it('cities_in_iash_and_cities4refugees_is_exactly_berlin', async () => {
    const items = await getJson('/api/cities?memberOf=iash&memberOf=cities4refugees');
    expect(ids(items)).toEqual([`${base}id/city/berlin`]);
    expect(items[0]!.sameAs).toEqual(['http://www.wikidata.org/entity/Q64']);
    expect((items[0]!.memberOf as Ref[]).map((m) => m.id)).toEqual(expect.arrayContaining([`${base}id/network/iash`, `${base}id/project/cities4refugees`]));
  });

  it('cities_memberof_accepts_a_full_iri_as_well_as_a_slug', async () => {
    const bySlug = await getJson('/api/cities?memberOf=cities4refugees');
    const byIri = await getJson(`/api/cities?memberOf=${encodeURIComponent(`${base}id/project/cities4refugees`)}`);
    expect(ids(byIri)).toEqual(ids(bySlug));
    expect(ids(bySlug)).toEqual([`${base}id/city/berlin`, `${base}id/city/villeurbanne`, `${base}id/city/zagreb`].sort());
  });

  it('partners_of_cities4refugees_are_the_consortium', async () => {
    const items = await getJson('/api/partners?project=cities4refugees');
    const partners = ids(items);
    for (const slug of ['city/berlin', 'city/villeurbanne', 'city/zagreb', 'organisation/berlin-governance-platform', 'organisation/bbag', 'organisation/studio-rizoma']) {
      expect(partners).toContain(`${base}id/${slug}`);
    }
    // Berlin's Senate department acts for Berlin and is not a second partner: the consortium is six.
    expect(partners.filter((p) => !p.includes('/city/'))).toEqual(
      [`${base}id/organisation/berlin-governance-platform`, `${base}id/organisation/bbag`, `${base}id/organisation/studio-rizoma`].sort(),
    );
    expect(partners).toHaveLength(6);
    const bgp = items.find((i) => i.id === `${base}id/organisation/berlin-governance-platform`)!;
    expect((bgp.role as Ref[]).map((r) => r.id).sort()).toEqual([`${base}def/role/event-organiser`, `${base}def/role/strategic-adviser`]);
  });

  it('networks_give_member_counts_in_the_graph_and_as_reported', async () => {
    const items = await getJson('/api/networks');
    const ssh = items.find((i) => i.id === `${base}id/network/staedte-sicherer-haefen`)!;
    expect(ssh).toMatchObject({ reportedMembers: 120, reportedMembersBound: 'more-than' });
    expect(ssh.membersInGraph).toBeGreaterThanOrEqual(1);
    const eurocities = items.find((i) => i.id === `${base}id/network/eurocities`)!;
    // "mittlerweile 200 Städten": by now, not about.
    expect(eurocities).toMatchObject({ reportedMembers: 200, reportedMembersBound: 'exactly', foundingDate: '1986' });
    expect(ids(items)).toContain(`${base}id/network/iash`);
  });

  it('organisations_filter_by_type', async () => {
    const ngos = await getJson('/api/organisations?type=ngo');
    expect(ngos.length).toBeGreaterThan(0);
    for (const ngo of ngos) expect(ngo.types).toContain('ngo');
    const cities = await getJson('/api/organisations?type=city&limit=1000');
    expect(ids(cities)).toEqual(ids(await getJson('/api/cities?limit=1000')));
  });

  it('memberships_of_berlin_carry_roles_and_periods', async () => {
    const items = await getJson('/api/memberships?member=berlin');
    for (const item of items) expect((item.member as Ref).id).toBe(`${base}id/city/berlin`);
    const deputy = items.find((i) => ((i.role as Ref[]) ?? []).some((r) => r.id === `${base}def/role/deputy-chair`))!;
    expect(deputy).toMatchObject({ startDate: '2023-11', organisation: { id: `${base}id/network/eurocities-migration-integration` } });
    const inIash = await getJson('/api/memberships?organisation=iash');
    expect(inIash.map((i) => (i.member as Ref).id)).toContain(`${base}id/city/berlin`);
  });

  it('projects_show_funder_programme_and_period', async () => {
    const items = await getJson('/api/projects');
    const c4r = items.find((i) => i.id === `${base}id/project/cities4refugees`)!;
    expect(c4r).toMatchObject({ startDate: '2022-12', endDate: '2024-12' });
    expect((c4r.funder as Ref[]).map((f) => f.id)).toEqual([`${base}id/organisation/european-union`]);
    expect((c4r.programme as Ref[]).map((p) => p.id)).toEqual([`${base}id/funding-scheme/cerv`]);
  });

  it('events_filter_by_project_city_and_period_at_the_precision_of_the_data', async () => {
    const inZagreb = await getJson('/api/events?city=zagreb');
    expect(ids(inZagreb)).toEqual([`${base}id/event/c4r-zagreb-2023`]);
    const c4r = await getJson('/api/events?project=cities4refugees');
    expect(c4r).toHaveLength(7);
    const in2024 = await getJson('/api/events?project=cities4refugees&from=2024-01-01&to=2024-12-31');
    expect(in2024.map((e) => e.startDate)).toEqual(['2024-03-21', '2024-06-27', '2024-10']);
    // "2023-11" (month precision) lies in the period 2023-11-15 .. 2023-11-30.
    const november = await getJson('/api/events?from=2023-11-15&to=2023-11-30');
    expect(ids(november)).toContain(`${base}id/event/c4r-villeurbanne-2023`);
    const dates = c4r.map((e) => e.startDate as string);
    expect([...dates].sort()).toEqual(dates);
  });

  it('funders_documents_sources_and_concepts', async () => {
    const funders = await getJson('/api/funders');
    const eu = funders.find((f) => f.id === `${base}id/organisation/european-union`)!;
    expect((eu.funds as Ref[]).map((f) => f.id)).toContain(`${base}id/project/cities4refugees`);
    expect((eu.programme as Ref[]).map((f) => f.id)).toContain(`${base}id/funding-scheme/cerv`);
    expect(ids(funders)).toEqual(expect.arrayContaining([`${base}id/organisation/robert-bosch-stiftung`]));

    const documents = await getJson('/api/documents');
    const paper = documents.find((d) => d.id === `${base}id/document/eurocities-position-paper-2024`)!;
    expect(paper).toMatchObject({ datePublished: '2024-04', inLanguage: ['en'], contentSize: '231 KB' });

    const sources = await getJson('/api/sources');
    expect(sources.map((s) => s.fileName)).toEqual([
      '000_e24907b6034d983c.txt', '001_43582a0d65d8121a.txt', '002_625092703dc5ef03.txt', '003_eee423147c9e988c.txt', '004_436fecd49d7bb318.txt',
    ]);
    const graph = await loadGraph({ baseIri: base, ontologyDir: config.ontologyDir, dataDir: config.dataDir });
    for (const source of sources) {
      expect(source.facts).toBe(graph.store.countQuads(null, null, null, source.id as string));
      expect(source.resources as number).toBeGreaterThan(0);
    }

    const roles = await getJson('/api/concepts?scheme=role');
    expect(ids(roles)).toEqual(expect.arrayContaining([`${base}def/role/deputy-chair`, `${base}def/role/partner`]));
    for (const role of roles) expect((role.scheme as Ref).id).toBe(`${base}def/role`);
  });

  it('timeline_of_berlin_is_in_date_order_and_about_berlin', async () => {
    const items = await getJson('/api/timeline?subject=berlin');
    const dates = items.map((i) => i.date as string);
    expect(dates.length).toBeGreaterThan(3);
    expect([...dates].sort()).toEqual(dates);
    expect(items).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'membership', date: '2023-11' }),
      expect.objectContaining({ kind: 'event', id: `${base}id/event/c4r-berlin-2024` }),
      expect.objectContaining({ kind: 'founding', id: `${base}id/network/eurocities`, date: '1986' }),
    ]));
    expect(items.map((i) => i.id)).not.toContain(`${base}id/event/c4r-zagreb-2023`);
  });

  it.each([['STÄDTE'], ['stadte'], ['Städte']])('search_is_case_and_accent_insensitive_%s', async (q) => {
    const items = await getJson(`/api/search?q=${encodeURIComponent(q)}`);
    expect(ids(items)).toContain(`${base}id/network/staedte-sicherer-haefen`);
  });

  it('search_finds_german_and_english_names', async () => {
    expect(ids(await getJson('/api/search?q=safe%20harbours'))).toContain(`${base}id/network/iash`);
    expect(ids(await getJson('/api/search?q=sicherer%20hafen'))).toContain(`${base}id/network/iash`);
  });
});

describe('languages and formats', () => {
  it('labels_follow_lang_and_accept_language', async () => {
    const url = '/api/organisations?type=government';
    const de = await getJson(`${url}&lang=de`);
    const en = await getJson(url, { 'accept-language': 'en' });
    const deByHeader = await getJson(url, { 'accept-language': 'de-DE,de;q=0.9' });
    const find = (items: Item[]) => items.find((i) => i.id === `${base}id/organisation/integrationsbeauftragte`)!.label;
    expect(find(de)).toBe('Beauftragte des Berliner Senats für Partizipation, Integration und Migration');
    expect(find(en)).toBe('Berlin Senate Commissioner for Participation, Integration and Migration');
    expect(find(deByHeader)).toBe(find(de));
  });

  it('jsonld_means_the_same_facts', async () => {
    const response = await app.inject({ url: '/api/cities?memberOf=iash&memberOf=cities4refugees', headers: { accept: 'application/ld+json' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/ld\+json/);
    const quads = (await jsonld.toRDF(response.json() as jsonld.JsonLdDocument)) as unknown as Array<{ subject: { value: string }; predicate: { value: string }; object: { value: string; language?: string } }>;
    const has = (s: string, p: string, o: string, lang?: string) =>
      quads.some((q) => q.subject.value === s && q.predicate.value === p && q.object.value === o && (lang === undefined || q.object.language === lang));
    expect(has(`${base}id/city/berlin`, 'http://www.w3.org/ns/org#memberOf', `${base}id/network/iash`)).toBe(true);
    expect(has(`${base}id/city/berlin`, 'http://www.w3.org/2000/01/rdf-schema#label', 'Berlin', 'de')).toBe(true);
    expect(has(`${base}id/city/berlin`, 'http://www.w3.org/2002/07/owl#sameAs', 'http://www.wikidata.org/entity/Q64')).toBe(true);
  });

  it('csv_has_one_line_per_object', async () => {
    const response = await app.inject({ url: '/api/cities?memberOf=cities4refugees', headers: { accept: 'text/csv' } });
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const lines = response.body.trim().split('\r\n');
    expect(lines[0]).toBe('id,label,country,countryLabel,memberOf,memberOfLabel,sameAs');
    expect(lines).toHaveLength(4);
  });

  it('raw_sparql_results_json_on_request', async () => {
    const response = await app.inject('/api/cities?memberOf=iash&memberOf=cities4refugees&format=srj');
    expect(response.headers['content-type']).toMatch(/^application\/sparql-results\+json/);
    const body = response.json() as { head: { vars: string[] }; results: { bindings: Array<Record<string, { value: string }>> } };
    expect(body.head.vars).toContain('memberOf');
    expect(new Set(body.results.bindings.map((b) => b.id!.value))).toEqual(new Set([`${base}id/city/berlin`]));
  });

  it('unacceptable_accept_answers_406', async () => {
    const response = await app.inject({ url: '/api/cities', headers: { accept: 'image/png' } });
    expect(response.statusCode).toBe(406);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('pagination and caching', () => {
  it('limit_and_offset_page_the_objects_with_link_headers', async () => {
    const all = await getJson('/api/events?limit=1000');
    const first = await app.inject('/api/events?limit=3');
    expect(first.json()).toEqual(all.slice(0, 3));
    expect(first.headers.link).toContain(`<${base}api/events?limit=3&offset=3>; rel="next"`);
    expect(first.headers.link).not.toContain('rel="prev"');
    const second = await app.inject('/api/events?limit=3&offset=3');
    expect(second.json()).toEqual(all.slice(3, 6));
    expect(second.headers.link).toContain('rel="prev"');
    const last = await app.inject(`/api/events?limit=3&offset=${all.length - 1}`);
    expect(last.headers.link ?? '').not.toContain('rel="next"');
  });

  it.each([
    // [limit, offset, expected prev offset (null: none), expected next]: over the 6 cities of the graph.
    [100, 500, 0, false],
    [4, 500, 2, false],
    [4, 4, 0, false],
    [1000, 0, null, false],
    [2, 2, 0, true],
  ] as const)('link_headers_at_the_edges_limit_%i_offset_%i', async (limit, offset, prev, next) => {
    const all = JSON.parse((await app.inject({ url: '/api/cities?limit=1000' })).body) as unknown[];
    expect(all.length).toBe(6);
    const response = await app.inject({ url: `/api/cities?limit=${limit}&offset=${offset}` });
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual(all.slice(offset, offset + limit));
    const link = String(response.headers.link ?? '');
    if (prev === null) expect(link).not.toContain('rel="prev"');
    else expect(link).toContain(`<${base}api/cities?limit=${limit}&offset=${prev}>; rel="prev"`);
    expect(link.includes('rel="next"')).toBe(next);
  });

  it('etag_answers_304_and_differs_between_requests', async () => {
    const a = await app.inject('/api/cities?memberOf=iash');
    const b = await app.inject('/api/cities?memberOf=cities4refugees');
    expect(a.headers.etag).toBeDefined();
    expect(a.headers.etag).not.toBe(b.headers.etag);
    const again = await app.inject({ url: '/api/cities?memberOf=iash', headers: { 'if-none-match': a.headers.etag as string } });
    expect(again.statusCode).toBe(304);
  });
});

describe('bad input answers 400 problem+json naming the parameter', () => {
  it.each([
    ['unknown parameter', '/api/cities?memberof=iash', 'memberof'],
    ['wrong type', '/api/cities?limit=ten', 'limit'],
    ['enum value not allowed', '/api/organisations?type=company', 'type'],
    ['missing required', '/api/search', 'q'],
    ['limit out of range', '/api/cities?limit=100000', 'limit'],
    ['limit zero', '/api/cities?limit=0', 'limit'],
    ['negative offset', '/api/cities?offset=-1', 'offset'],
    ['bad language', '/api/cities?lang=fr', 'lang'],
    ['bad format', '/api/cities?format=pdf', 'format'],
    ['malformed date', '/api/events?from=2024-13', 'from'],
    ['impossible date', '/api/events?from=2023-02-30', 'from'],
    ['not a date', '/api/events?from=yesterday', 'from'],
    ['unknown slug', '/api/cities?memberOf=nowhere', 'memberOf'],
    ['slug of the wrong kind', '/api/partners?project=iash', 'project'],
    ['iri outside the allowed kinds', `/api/cities?memberOf=${encodeURIComponent(`${base}id/city/berlin`)}`, 'memberOf'],
    ['foreign iri', '/api/cities?memberOf=http%3A%2F%2Fevil.example%2Fx', 'memberOf'],
    ['single parameter given twice', '/api/cities?lang=de&lang=en', 'lang'],
  ])('%s', async (_case, url, parameter) => {
    const response = await app.inject(url);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json() as { parameter: string; detail: string; status: number };
    expect(problem.status).toBe(400);
    expect(problem.parameter).toBe(parameter);
    expect(problem.detail).toContain(`"${parameter}"`);
  });

  it('the_message_says_what_was_expected', async () => {
    const problem = (await app.inject('/api/cities?limit=100000')).json() as { detail: string };
    expect(problem.detail).toMatch(/1 to 1000/);
    const type = (await app.inject('/api/organisations?type=company')).json() as { detail: string };
    expect(type.detail).toMatch(/one of city, network/);
  });
});

describe('methods other than GET and HEAD', () => {
  it.each(['POST', 'PUT', 'DELETE', 'PATCH'] as const)('%s on an endpoint answers 405 problem+json with Allow: GET, HEAD', async (method) => {
    // A JSON body that does not even parse: the method is refused before any body is read.
    const response = await app.inject({ method, url: '/api/cities', headers: { 'content-type': 'application/json' }, payload: '{' });
    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD');
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 405, code: 'METHOD_NOT_ALLOWED' });
  });

  it('HEAD answers like GET, and an unknown endpoint stays 404 whatever the method', async () => {
    const head = await app.inject({ method: 'HEAD', url: '/api/cities' });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    const unknown = await app.inject({ method: 'POST', url: '/api/no-such-endpoint' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('refuses a value whose percent-escapes are not UTF-8 with 400 naming the parameter', async () => {
    for (const [url, parameter] of [['/api/search?q=Berl%FFin', 'q'], ['/api/cities?memberOf=%C3', 'memberOf']] as const) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(400);
      expect(response.json()).toMatchObject({ code: 'BAD_PARAMETER', parameter });
    }
  });
});

describe('values never change what the query does (grlc #101)', () => {
  const attempts = [
    '" ) } SELECT * WHERE { ?s ?p ?o } #',
    "' || true || '",
    'x") || CONTAINS(?folded, "',
    '\\u0022) || true || (\\u0022',
    '> } UNION { ?id ?p ?o',
    '} ; DROP ALL ; SELECT * {',
    'FILTER(true) } UNION { ?id a ?t',
    '"""\n} #',
  ];

  it.each(attempts)('search_binds_%j_as_a_plain_literal', async (q) => {
    const response = await app.inject(`/api/search?q=${encodeURIComponent(q)}`);
    expect(response.statusCode, response.body).toBe(200);
    // No name in the graph contains these texts: an answer with rows means the query was changed.
    expect(response.json()).toEqual([]);
  });

  it('a_value_with_quotes_is_found_as_text_when_it_occurs', async () => {
    // The real label "Bündnis Städte Sicherer Häfen" carries no quotes, but “Städte” searches still match after folding.
    expect(ids(await getJson('/api/search?q=sicherer'))).toContain(`${base}id/network/staedte-sicherer-haefen`);
  });

  it.each(['iash> } UNION { ?id ?p ?o', 'iash" ', `${base}id/network/iash> . ?id ?p ?o . <x`, 'IASH'])('iri_parameters_refuse_%j', async (value) => {
    const response = await app.inject(`/api/cities?memberOf=${encodeURIComponent(value)}`);
    expect(response.statusCode).toBe(400);
    expect((response.json() as { parameter: string }).parameter).toBe('memberOf');
  });
});
