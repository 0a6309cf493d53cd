// Data truth: each correction of issue 14 asked as a question over the served graph (/sparql, /api, /doc), so an edit that brings an error back fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../src/config.js';
import { buildServer } from '../src/server.js';

let app: FastifyInstance;
const config = loadConfig({ LOG_LEVEL: 'silent', QUERY_WORKERS: '1' });
const base = config.baseIri;

beforeAll(async () => {
  app = await buildServer(config);
});
afterAll(async () => {
  await app?.close();
});

// The contract's vocabularies (MODEL.md) plus the project's own terms under def/.
const PREFIXES = `
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX schema: <http://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX dcat: <http://www.w3.org/ns/dcat#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX cn: <${base}def/>
PREFIX city: <${base}id/city/>
PREFIX network: <${base}id/network/>
PREFIX project: <${base}id/project/>
PREFIX organisation: <${base}id/organisation/>
PREFIX event: <${base}id/event/>
PREFIX document: <${base}id/document/>
PREFIX membership: <${base}id/membership/>
PREFIX src: <${base}id/source/>
PREFIX inference: <${base}id/inference/>
`;

/** Our IRIs relative to the base (`id/city/berlin`), everything else as it is. */
const short = (value: string) => (value.startsWith(base) ? value.slice(base.length) : value);

async function sparql(query: string): Promise<unknown> {
  const response = await app.inject({ url: `/sparql?query=${encodeURIComponent(PREFIXES + query)}`, headers: { accept: 'application/sparql-results+json' } });
  expect(response.statusCode, response.body).toBe(200);
  return JSON.parse(response.body);
}

async function ask(query: string): Promise<boolean> {
  return ((await sparql(query)) as { boolean: boolean }).boolean;
}

/** The rows of a SELECT, each variable's value shortened; sorted, so comparisons do not depend on engine order. */
async function rows(query: string): Promise<string[]> {
  const result = (await sparql(query)) as { head: { vars: string[] }; results: { bindings: Array<Record<string, { value: string }>> } };
  return result.results.bindings.map((b) => result.head.vars.map((v) => (b[v] ? short(b[v].value) : '-')).join(' ')).sort();
}

async function api(url: string): Promise<Array<Record<string, unknown>>> {
  const response = await app.inject({ url, headers: { accept: 'application/json' } });
  expect(response.statusCode, response.body).toBe(200);
  return JSON.parse(response.body) as Array<Record<string, unknown>>;
}

const idsOf = (items: Array<Record<string, unknown>>) => items.map((i) => short(String(i.id))).sort();

describe('one organisation, one resource, one membership', () => {
  const membersOf = (organisation: string) => rows(`SELECT DISTINCT ?m WHERE { ?m org:memberOf ${organisation} }`);

  it('counts the Cities4Refugees consortium of six, Berlin once', async () => {
    expect(await membersOf('project:cities4refugees')).toEqual(
      ['city/berlin', 'city/villeurbanne', 'city/zagreb', 'organisation/bbag', 'organisation/berlin-governance-platform', 'organisation/studio-rizoma'].map((x) => `id/${x}`),
    );
    expect(idsOf(await api('/api/partners?project=cities4refugees'))).toEqual(await membersOf('project:cities4refugees'));
  });

  it('names the Senatsverwaltung as the unit acting for Berlin in Cities4Refugees, not as a second partner', async () => {
    expect(await rows(`SELECT ?member ?unit ?role WHERE { ?m org:organization project:cities4refugees ; org:member ?member ; cn:actingUnit ?unit ; org:role ?role }`)).toEqual([
      'id/city/berlin id/organisation/senasgiva def/role/partner',
    ]);
    expect(await ask(`ASK { organisation:senasgiva org:subOrganizationOf city:berlin }`)).toBe(true);
  });

  it('counts two members of the Berlin–Istanbul partnership, Istanbul and its administration being one resource', async () => {
    expect(await membersOf('network:berlin-istanbul')).toEqual(['id/city/berlin', 'id/city/istanbul']);
    expect(await rows(`SELECT ?x WHERE { ?x skos:altLabel "Istanbuler Großstadtverwaltung"@de }`)).toEqual(['id/city/istanbul']);
    expect(await rows(`SELECT ?member ?unit WHERE { ?m org:organization network:berlin-istanbul ; org:member ?member ; cn:actingUnit ?unit }`)).toEqual([
      'id/city/berlin id/organisation/abteilung-integration-migration',
    ]);
  });

  it('counts Berlin once in the EUROCITIES working group Migration & Integration, with the Abteilung acting for it', async () => {
    expect(await membersOf('network:eurocities-migration-integration')).toEqual(['id/city/berlin']);
    const networks = await api('/api/networks');
    expect(networks.find((n) => short(String(n.id)) === 'id/network/eurocities-migration-integration')?.membersInGraph).toBe(1);
    // Two memberships for two roles with their own times, but one member.
    expect(await rows(`SELECT ?role WHERE { ?m org:organization network:eurocities-migration-integration ; org:member city:berlin ; org:role ?role }`)).toEqual([
      'def/role/deputy-chair',
      'def/role/member',
    ]);
  });

  it('never makes a unit that acts for a member a member of the same organisation', async () => {
    expect(await ask(`ASK { ?m cn:actingUnit ?unit ; org:organization ?o . ?unit org:memberOf ?o }`)).toBe(false);
    expect(await ask(`ASK { ?x cn:actingUnit ?unit . ?unit org:memberOf ?anything }`)).toBe(false);
  });
});

describe('what the sources say, and no more', () => {
  it('keeps EUROCITIES’ 200 cities exact: "mittlerweile" is "by now", not "about"', async () => {
    expect(await rows(`SELECT ?v WHERE { network:eurocities cn:reportedMemberCount ?c . ?c schema:value ?v }`)).toEqual(['200']);
    expect(await ask(`ASK { network:eurocities cn:reportedMemberCount ?c . ?c cn:approximate true }`)).toBe(false);
    const eurocities = (await api('/api/networks')).find((n) => short(String(n.id)) === 'id/network/eurocities');
    expect(eurocities?.reportedMembersBound).toBe('exactly');
  });

  it('gives the "rund 20 Initiativen" to the 2019 networking process, not to the Palermo platform', async () => {
    expect(await ask(`ASK { network:palermo-plattform cn:reportedMemberCount|cn:reportedCount ?c }`)).toBe(false);
    expect(await rows(`SELECT ?process ?v ?approximate WHERE { network:moving-cities cn:originatedIn ?process . ?process cn:inContextOf network:palermo-plattform ; cn:reportedCount ?c . ?c schema:value ?v ; cn:approximate ?approximate }`)).toEqual([
      'id/event/palermo-plattform-vernetzungsprozess 20 true',
    ]);
  });

  it('names no publisher for the Moving Cities page, and the Rosa-Luxemburg-Stiftung only as implementing partner', async () => {
    expect(await ask(`ASK { src:moving-cities dct:publisher ?p }`)).toBe(false);
    expect(await ask(`ASK { ?page dct:publisher organisation:rosa-luxemburg-stiftung }`)).toBe(false);
    expect(await ask(`ASK { ?m org:member organisation:rosa-luxemburg-stiftung ; org:organization network:moving-cities ; org:role <${base}def/role/implementing-partner> }`)).toBe(true);
  });

  it('has the BUA own its initiative instead of being its member', async () => {
    expect(await ask(`ASK { organisation:bua org:memberOf ?x }`)).toBe(false);
    expect(await ask(`ASK { project:grand-challenge-social-cohesion org:subOrganizationOf organisation:bua }`)).toBe(true);
  });

  it('keeps the European Integration and Development Fund a proposal of the Berlin Governance Platform, with no members', async () => {
    expect(await rows(`SELECT ?x WHERE { ?x rdfs:label ?l . FILTER(CONTAINS(STR(?l), "Integrations- und Entwicklungsfonds")) }`)).toEqual([
      'id/document/europaeischer-integrations-und-entwicklungsfonds',
    ]);
    expect(await ask(`ASK { document:europaeischer-integrations-und-entwicklungsfonds a cn:Proposal ; schema:author organisation:berlin-governance-platform }`)).toBe(true);
    expect(await ask(`ASK { { document:europaeischer-integrations-und-entwicklungsfonds a schema:Project } UNION { document:europaeischer-integrations-und-entwicklungsfonds a org:Organization } UNION { ?m org:memberOf document:europaeischer-integrations-und-entwicklungsfonds } }`)).toBe(false);
  });

  it('does not make the Berlin Governance Platform a member of the BUA’s trialogue series', async () => {
    expect(await ask(`ASK { ?x org:memberOf project:trialog-reihe-social-cohesion }`)).toBe(false);
  });

  it('has the Transfer-city selection as a one-off event, so Berlin is in EUROCITIES since the mid-90s, not from 2022-10', async () => {
    expect(await ask(`ASK { ?m org:member city:berlin ; org:organization network:eurocities ; org:memberDuring ?t }`)).toBe(false);
    expect(await rows(`SELECT DISTINCT ?e ?date ?by WHERE { ?e a schema:Event ; schema:about city:berlin ; schema:startDate ?date ; schema:organizer ?by ; rdfs:label ?l . FILTER(CONTAINS(?l, "Transfer city")) }`)).toEqual([
      'id/event/eurocities-transfer-city-selection-2022 2022-10 id/network/eurocities',
    ]);
    const memberships = await api('/api/memberships?member=berlin&organisation=eurocities');
    expect(memberships.map((m) => m.startDate)).toEqual([null]);
  });

  it('attaches the four focus topics to Berlin’s work in the working group, not to the working group', async () => {
    expect(await ask(`ASK { network:eurocities-migration-integration cn:focusTopic ?t }`)).toBe(false);
    expect(await rows(`SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?m org:member city:berlin ; org:organization network:eurocities-migration-integration ; cn:focusTopic ?t }`)).toEqual(['4']);
  });

  it('dates the Gesamtkonzept’s status and plan instead of serving them as current', async () => {
    expect(await ask(`ASK { document:gesamtkonzept schema:creativeWorkStatus ?s }`)).toBe(false);
    expect(await rows(`SELECT ?status ?completion ?by ?from ?to WHERE {
      document:gesamtkonzept cn:snapshot ?s . ?s schema:creativeWorkStatus ?status ; cn:plannedCompletion ?completion ; cn:toBeAgreedBy ?by ;
        cn:asOf ?t . ?t dcat:startDate ?from ; dcat:endDate ?to . FILTER(LANG(?status) = "de") }`)).toEqual(['in Erarbeitung 2018 id/organisation/senat-berlin 2017-11-09 2018']);
  });

  it('translates without changing the meaning', async () => {
    const english = await rows(`SELECT DISTINCT ?text WHERE { ?s ?p ?text . FILTER(LANG(?text) = "en") FILTER(REGEX(?text, "welcoming municipalit|voted on|Department of Integration|Professional associations|approximately 200", "i")) }`);
    expect(english).toEqual([]);
    expect(await rows(`SELECT ?l WHERE { organisation:abteilung-integration-migration rdfs:label ?l FILTER(LANG(?l) = "en") }`)).toEqual(['Division of Integration and Migration']);
    expect(await rows(`SELECT ?l WHERE { <${base}def/organisation-kind/specialist-associations> rdfs:label ?l FILTER(LANG(?l) = "en") }`)).toEqual(['Specialist and welfare associations']);
  });
});

describe('who organised what', () => {
  it('gives only the organisers the page names as stated, and the Berlin Governance Platform for the other three as inferred', async () => {
    const organisers = (filter: string) =>
      rows(`SELECT ?event ?organiser WHERE { GRAPH ?g { ?event schema:organizer ?organiser } ?event schema:superEvent project:cities4refugees . ${filter} }`);
    expect(await organisers('FILTER NOT EXISTS { ?g a cn:InferenceGraph }')).toEqual([
      'id/event/c4r-best-practice-exchange-2024 id/network/moving-cities',
      'id/event/c4r-best-practice-exchange-2024 id/organisation/berlin-governance-platform',
      'id/event/c4r-brussels-2023 id/network/moving-cities',
      'id/event/c4r-brussels-2023 id/organisation/berlin-governance-platform',
      'id/event/c4r-online-meeting-2023 id/organisation/studio-rizoma',
      'id/event/c4r-webinar-2024 id/network/eurocities',
      'id/event/c4r-webinar-2024 id/organisation/berlin-governance-platform',
    ]);
    expect(await organisers('?g a cn:InferenceGraph')).toEqual([
      'id/event/c4r-berlin-2024 id/organisation/berlin-governance-platform',
      'id/event/c4r-villeurbanne-2023 id/organisation/berlin-governance-platform',
      'id/event/c4r-zagreb-2023 id/organisation/berlin-governance-platform',
    ]);
  });
});

describe('stated and inferred', () => {
  it('holds exactly these inferred statements, each in a graph that names its source and rule', async () => {
    expect(await rows(`SELECT ?g ?s ?p ?o WHERE { ?g a cn:InferenceGraph . GRAPH ?g { ?s ?p ?o } FILTER(?p != rdf:type && ?p != rdfs:label && ?p != skos:note && ?p != prov:wasDerivedFrom) FILTER(!isBlank(?o)) }`)).toEqual(
      [
        'id/inference/cities4refugees-event-organiser id/event/c4r-berlin-2024 http://schema.org/organizer id/organisation/berlin-governance-platform',
        'id/inference/cities4refugees-event-organiser id/event/c4r-villeurbanne-2023 http://schema.org/organizer id/organisation/berlin-governance-platform',
        'id/inference/cities4refugees-event-organiser id/event/c4r-zagreb-2023 http://schema.org/organizer id/organisation/berlin-governance-platform',
        'id/inference/cities4refugees-related-projects id/organisation/berlin-governance-platform http://www.w3.org/ns/org#memberOf id/project/netzwerke-fuer-ein-welcoming-europe',
        'id/inference/eurocities-working-groups id/city/berlin http://www.w3.org/ns/org#memberOf id/network/eurocities-roma-inclusion',
        `id/inference/eurocities-working-groups id/membership/berlin-roma-inclusion def/actingUnit id/organisation/abteilung-integration-migration`,
        'id/inference/eurocities-working-groups id/membership/berlin-roma-inclusion http://www.w3.org/ns/org#member id/city/berlin',
        'id/inference/eurocities-working-groups id/membership/berlin-roma-inclusion http://www.w3.org/ns/org#organization id/network/eurocities-roma-inclusion',
        `id/inference/eurocities-working-groups id/membership/berlin-roma-inclusion http://www.w3.org/ns/org#role def/role/member`,
        'id/inference/gesamtkonzept-office id/organisation/beauftragter-fuer-integration-und-migration http://www.w3.org/ns/prov#alternateOf id/organisation/integrationsbeauftragte',
        ...['emv-lii', 'getcohesive', 'cities4refugees'].map((p) => `id/inference/staedtenetzwerkarbeit-memberships id/city/berlin http://www.w3.org/ns/org#memberOf id/project/${p}`).sort(),
        ...['iash', 'staedte-sicherer-haefen'].map((n) => `id/inference/staedtenetzwerkarbeit-memberships id/city/berlin http://www.w3.org/ns/org#memberOf id/network/${n}`),
      ].sort(),
    );
    expect(await rows(`SELECT ?g ?source (COUNT(DISTINCT ?rule) AS ?rules) WHERE { ?g a cn:InferenceGraph ; prov:wasDerivedFrom ?source ; rdfs:comment ?rule . FILTER(LANG(?rule) IN ("de", "en")) } GROUP BY ?g ?source`)).toEqual([
      'id/inference/cities4refugees-event-organiser id/source/cities4refugees 2',
      'id/inference/cities4refugees-related-projects id/source/cities4refugees 2',
      'id/inference/eurocities-working-groups id/source/eurocities 2',
      'id/inference/gesamtkonzept-office id/source/gesamtkonzept 2',
      'id/inference/staedtenetzwerkarbeit-memberships id/source/staedtenetzwerkarbeit 2',
    ]);
  });

  it('counts per source what it states and what is inferred from it (/api/sources)', async () => {
    const sources = await api('/api/sources');
    const inferredFacts = Object.fromEntries(sources.map((x) => [short(String(x.id)), x.inferredFacts]));
    expect(inferredFacts).toEqual({
      'id/source/staedtenetzwerkarbeit': 5,
      'id/source/cities4refugees': 4,
      'id/source/eurocities': 11,
      'id/source/moving-cities': 0,
      'id/source/gesamtkonzept': 1,
    });
  });

  it('keeps the client’s example true and sourced: Berlin belongs to IASH (inferred from 000) and Cities4Refugees (stated in 001)', async () => {
    expect(await rows(`SELECT ?g WHERE { GRAPH ?g { city:berlin org:memberOf network:iash } }`)).toEqual(['id/inference/staedtenetzwerkarbeit-memberships']);
    expect(await rows(`SELECT ?g WHERE { GRAPH ?g { city:berlin org:memberOf project:cities4refugees } }`)).toEqual([
      'id/inference/staedtenetzwerkarbeit-memberships',
      'id/source/cities4refugees',
    ]);
    expect(idsOf(await api('/api/cities?memberOf=iash&memberOf=cities4refugees'))).toEqual(['id/city/berlin']);
  });

  it('leaves inferred statements out of the REST API with inferred=false', async () => {
    expect(idsOf(await api('/api/cities?memberOf=iash&memberOf=cities4refugees&inferred=false'))).toEqual([]);
    expect(idsOf(await api('/api/cities?memberOf=cities4refugees&inferred=false'))).toEqual(['id/city/berlin', 'id/city/villeurbanne', 'id/city/zagreb']);
    const events = await api('/api/events?project=cities4refugees&inferred=false');
    const zagreb = events.find((e) => short(String(e.id)) === 'id/event/c4r-zagreb-2023');
    expect(zagreb?.organizer).toEqual([]);
    const all = await api('/api/events?project=cities4refugees');
    expect((all.find((e) => short(String(e.id)) === 'id/event/c4r-zagreb-2023')?.organizer as Array<{ id: string }>).map((o) => short(o.id))).toEqual([
      'id/organisation/berlin-governance-platform',
    ]);
    const openapi = JSON.parse((await app.inject('/openapi.json')).body) as { paths: Record<string, { get: { parameters: Array<{ name: string; schema: { default?: unknown } }> } }> };
    expect(openapi.paths['/api/cities']?.get.parameters.find((p) => p.name === 'inferred')?.schema.default).toBe(true);
    const bad = await app.inject('/api/cities?inferred=perhaps');
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ parameter: 'inferred' });
  });

  it('marks an inferred value on the HTML page and says why in its footnote', async () => {
    const response = await app.inject({ url: '/doc/city/berlin', headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(200);
    const html = response.body;
    // The page may list several inference footnotes; the membership rule must be one of them.
    const footnotes = [...html.matchAll(/<li id="source-(\d+)"><a [^>]*>([^<]*)<\/a><p class="inference-rule">([\s\S]*?)<\/p><\/li>/g)];
    const item = footnotes.find((footnote) => footnote[3]!.includes('Berlin works in national, European and international city networks'));
    expect(item, footnotes.map((f) => f[3]).join('\n')).toBeDefined();
    // The IASH value carries the mark pointing at that footnote; EUROCITIES (stated) does not.
    const iash = new RegExp(`International Alliance of Safe Harbours</a><sup class="src">[^]*?href="#source-${item?.[1]}" class="inferred"`);
    expect(html).toMatch(iash);
    expect(html).not.toMatch(/>EUROCITIES<\/a><sup class="src">[^<]*<a [^>]*class="inferred"/);
  });
});

describe('stated facts that were text only', () => {
  it('answers them in SPARQL', async () => {
    expect(await rows(`SELECT ?start ?v ?unit WHERE { project:cities4refugees cn:activityStart ?start ; cn:reportedCount ?c . ?c schema:value ?v ; schema:unitCode ?unit }`)).toEqual([
      '2023 14 MON',
      '2023 2 ANN',
    ]);
    expect(await rows(`SELECT ?x ?g WHERE { ?x cn:targetGroup ?g . VALUES ?x { project:cities4refugees project:getcohesive network:staedte-sicherer-haefen <${base}def/demand/funding-for-cities> } }`)).toEqual(
      [
        'def/demand/funding-for-cities def/target-group/eu-citizens',
        'def/demand/funding-for-cities def/target-group/refugees',
        'def/demand/funding-for-cities def/target-group/third-country-nationals',
        'id/network/staedte-sicherer-haefen def/target-group/refugees',
        'id/project/cities4refugees def/target-group/migrants',
        'id/project/cities4refugees def/target-group/refugees',
        'id/project/getcohesive def/target-group/migrants',
        'id/project/getcohesive def/target-group/refugees',
      ],
    );
    expect(await rows(`SELECT ?unit WHERE { city:berlin cn:actingUnit ?unit }`)).toEqual([
      'id/organisation/abteilung-integration-migration',
      'id/organisation/integrationsbeauftragte',
    ]);
    expect(await rows(`SELECT ?m WHERE { ?m org:memberOf network:berlin-utrecht }`)).toEqual(['id/city/berlin', 'id/city/utrecht']);
    expect(await rows(`SELECT ?k WHERE { event:utrecht-delegation-berlin-2024 cn:participantKind ?k }`)).toHaveLength(4);
    expect(await ask(`ASK { event:utrecht-delegation-berlin-2024 cn:focusTopic ?t ; cn:inContextOf network:berlin-utrecht }`)).toBe(true);
    expect(await rows(`SELECT ?k WHERE { network:gesamtkonzept-facharbeitsgruppen cn:leadKind ?k }`)).toEqual(['def/organisation-kind/competent-senate-department']);
  });
});
