// Inventory tests: every item of MODEL.md's inventory answers from ontology/ + data/, asked in SPARQL with the contract's terms only.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { QueryEngine } from '@comunica/query-sparql';
import type { Term } from '@rdfjs/types';
import { DataFactory, Parser, Store } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';

const BASE = 'http://localhost:3000/';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const XSD = 'http://www.w3.org/2001/XMLSchema#';

const SOURCE = {
  s000: 'id/source/staedtenetzwerkarbeit',
  s001: 'id/source/cities4refugees',
  s002: 'id/source/eurocities',
  s003: 'id/source/moving-cities',
  s004: 'id/source/gesamtkonzept',
} as const;

// Only the contract's vocabularies (MODEL.md), plus xsd for datatypes.
const PREFIXES = `
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX schema: <http://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcat: <http://www.w3.org/ns/dcat#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX id: <${BASE}id/>
PREFIX city: <${BASE}id/city/>
PREFIX country: <${BASE}id/country/>
PREFIX network: <${BASE}id/network/>
PREFIX project: <${BASE}id/project/>
PREFIX organisation: <${BASE}id/organisation/>
PREFIX event: <${BASE}id/event/>
PREFIX document: <${BASE}id/document/>
PREFIX membership: <${BASE}id/membership/>
PREFIX src: <${BASE}id/source/>
PREFIX inference: <${BASE}id/inference/>
PREFIX def: <${BASE}def/>
`;

let store: Store;
const engine = new QueryEngine();

/** Parses ontology/ (into the graph {base}def/) and data/ (keeping their TriG graphs) exactly as the loader does. */
function loadStore(): Store {
  const result = new Store();
  const ontologyGraph = DataFactory.namedNode(`${BASE}def/`);
  for (const dir of ['ontology', 'data']) {
    for (const name of readdirSync(path.join(ROOT, dir)).sort()) {
      const ext = path.extname(name);
      if (ext !== '.ttl' && ext !== '.trig') continue;
      const text = readFileSync(path.join(ROOT, dir, name), 'utf8');
      const format = ext === '.trig' ? 'application/trig' : 'text/turtle';
      for (const q of new Parser({ baseIRI: BASE, format }).parse(text)) {
        const graph = q.graph.termType === 'DefaultGraph' ? (dir === 'ontology' ? ontologyGraph : DataFactory.namedNode(`${BASE}graph/${path.basename(name, ext)}`)) : q.graph;
        result.addQuad(DataFactory.quad(q.subject, q.predicate, q.object, graph));
      }
    }
  }
  return result;
}

/** A term as a short string: our IRIs relative to the base, literals as value@lang or value^^xsd:type. */
function show(term: Term): string {
  if (term.termType === 'NamedNode') return term.value.startsWith(BASE) ? term.value.slice(BASE.length) : term.value;
  if (term.termType === 'BlankNode') return '_:';
  if (term.termType === 'Literal') {
    if (term.language) return `${term.value}@${term.language}`;
    const dt = term.datatype.value;
    if (dt === `${XSD}string`) return term.value;
    return `${term.value}^^${dt.startsWith(XSD) ? `xsd:${dt.slice(XSD.length)}` : dt}`;
  }
  return term.value;
}

/** Runs a SELECT as DISTINCT: the union default graph repeats a triple once per source that states it. */
async function select(query: string): Promise<Array<Record<string, string>>> {
  const distinct = query.replace(/^\s*SELECT\s+(?!DISTINCT)/, 'SELECT DISTINCT ');
  const stream = await engine.queryBindings(PREFIXES + distinct, { sources: [store], unionDefaultGraph: true });
  const rows = await stream.toArray();
  return rows.map((b) => Object.fromEntries([...b].map(([k, v]) => [k.value, show(v)])));
}

/** The sorted, distinct values of one variable. */
async function values(query: string, variable: string): Promise<string[]> {
  const rows = await select(query);
  return [...new Set(rows.map((r) => r[variable]).filter((v): v is string => v !== undefined))].sort();
}

async function ask(query: string): Promise<boolean> {
  return engine.queryBoolean(PREFIXES + query, { sources: [store], unionDefaultGraph: true });
}

beforeAll(() => {
  store = loadStore();
});

describe('sources and graphs', () => {
  it('has exactly one named graph per source, named by the source IRI and holding its description', async () => {
    const rows = await select(`SELECT ?g ?file ?publisher WHERE { GRAPH ?g { ?g a foaf:Document , prov:Entity ; dct:title ?t ; dct:language "de" ; schema:inLanguage "de" ; ?fileName ?file . FILTER(STRENDS(STR(?file), ".txt")) OPTIONAL { ?g dct:publisher ?publisher } } }`);
    // 003 names no publisher (the Rosa-Luxemburg-Stiftung only as one of four implementers), so it has none.
    expect(rows.map((r) => [r.g, r.file, r.publisher ?? '-']).sort()).toEqual([
      [SOURCE.s001, '001_43582a0d65d8121a.txt', 'id/organisation/berlin-governance-platform'],
      [SOURCE.s004, '004_436fecd49d7bb318.txt', 'id/organisation/senat-berlin'],
      [SOURCE.s002, '002_625092703dc5ef03.txt', 'id/organisation/integrationsbeauftragte'],
      [SOURCE.s003, '003_eee423147c9e988c.txt', '-'],
      [SOURCE.s000, '000_e24907b6034d983c.txt', 'id/organisation/integrationsbeauftragte'],
    ].sort());
    // Besides the source graphs and the ontology, only graphs of inferred statements, each derived from one source.
    const graphs = [...new Set(store.getQuads(null, null, null, null).map((q) => show(q.graph)))].sort();
    expect(graphs.filter((g) => !g.startsWith('id/inference/'))).toEqual(['def/', ...Object.values(SOURCE)].sort());
    const inferenceGraphs = await values(`SELECT ?g WHERE { ?g a def:InferenceGraph ; prov:wasDerivedFrom ?source }`, 'g');
    expect(graphs.filter((g) => g.startsWith('id/inference/'))).toEqual(inferenceGraphs);
  });

  it('gives every source its German title', async () => {
    expect(await values(`SELECT ?t WHERE { ?s a foaf:Document ; dct:title ?t }`, 't')).toEqual([
      'Cities4Refugees@de',
      'EUROCITIES: Städte vernetzen für Europa@de',
      'Gesamtkonzept zur Integration und Partizipation Geflüchteter@de',
      'Online-Plattform «Moving Cities» gestartet@de',
      'Städtenetzwerkarbeit im Kontext Flucht, Migration und Partizipation@de',
    ]);
  });
});

describe('000: city-network work (overview)', () => {
  it('Berlin takes part in exactly the networks and projects the overview names: two stated, five inferred', async () => {
    // The page says Berlin is "Teil des EUROCITIES-Netzwerks" and partner of Istanbul; the others it only lists.
    expect(await values(`SELECT ?o WHERE { GRAPH src:staedtenetzwerkarbeit { city:berlin org:memberOf ?o } }`, 'o')).toEqual([
      'id/network/berlin-istanbul',
      'id/network/eurocities',
    ]);
    expect(await values(`SELECT ?o WHERE { GRAPH inference:staedtenetzwerkarbeit-memberships { city:berlin org:memberOf ?o } }`, 'o')).toEqual([
      'id/network/iash',
      'id/network/staedte-sicherer-haefen',
      'id/project/cities4refugees',
      'id/project/emv-lii',
      'id/project/getcohesive',
    ]);
  });

  it('names the Abteilung Integration und Migration and the Beauftragte as Berlin bodies taking part', async () => {
    const labels = await values(
      `SELECT ?l WHERE { GRAPH src:staedtenetzwerkarbeit { ?o a org:Organization ; rdfs:label ?l ; schema:description ?d . FILTER(LANG(?l) = "de" && CONTAINS(LCASE(?d), "bringt sich aktiv")) } }`,
      'l',
    );
    expect(labels).toEqual([
      'Abteilung Integration und Migration@de',
      'Beauftragte des Berliner Senats für Partizipation, Integration und Migration@de',
    ]);
  });

  it('lists the four aims of city cooperation, pursued by Berlin', async () => {
    const rows = await select(`SELECT ?n ?l WHERE { ?c skos:inScheme def:cooperation-aim ; skos:notation ?n ; rdfs:label ?l ; skos:definition ?d . city:berlin org:purpose ?c . FILTER(LANG(?l) = "en") }`);
    expect(rows.sort((a, b) => (a.n ?? '').localeCompare(b.n ?? '')).map((r) => r.l)).toEqual([
      'Networking of cities and civil-society actors@en',
      'Exchange of experience@en',
      'Capacity building through cooperation@en',
      'Berlin as a model@en',
    ]);
  });

  it('models the bilateral partnership Berlin–Istanbul with Istanbul’s metropolitan administration and its focus', async () => {
    // One organisation, one resource: Istanbul and its metropolitan administration are the one member city:istanbul.
    expect(await values(`SELECT ?m WHERE { ?m org:memberOf network:berlin-istanbul }`, 'm')).toEqual(['id/city/berlin', 'id/city/istanbul']);
    expect(await ask(`ASK { city:istanbul skos:altLabel "Istanbuler Großstadtverwaltung"@de }`)).toBe(true);
    expect(await ask(`ASK { network:berlin-istanbul schema:description ?d . FILTER(LANG(?d) = "de" && CONTAINS(?d, "Teilhabe von Geflüchteten und Migrant*innen")) }`)).toBe(true);
    // The focus names both groups: refugees and migrants.
    expect(
      await values(`SELECT ?l WHERE { network:berlin-istanbul <${BASE}def/targetGroup> ?g . ?g skos:prefLabel ?l FILTER(LANG(?l) = "de") }`, 'l'),
    ).toEqual(['Geflüchtete@de', 'Migrant*innen@de']);
  });

  it('gives each network and project of the overview its one-line purpose', async () => {
    const rows = await select(`SELECT ?o ?text WHERE { city:berlin org:memberOf ?o . GRAPH src:staedtenetzwerkarbeit { { ?o schema:description ?text } UNION { ?o skos:note ?text } FILTER(LANG(?text) = "de") } }`);
    const byOrg = new Map(rows.map((r) => [r.o, r.text ?? '']));
    expect([...byOrg.keys()].sort()).toHaveLength(7);
    expect(byOrg.get('id/network/eurocities')).toContain('grenzüberschreitenden Austausch');
    expect(byOrg.get('id/network/staedte-sicherer-haefen')).toContain('zivilen Seenotrettung');
    expect(byOrg.get('id/project/cities4refugees')).toContain('Vernetzung und Wissenstransfer');
    expect(byOrg.get('id/project/getcohesive')).toContain('Pilotprojekte in europäischen Städten und Regionen');
    expect(byOrg.get('id/network/iash')).toContain('zivilgesellschaftlichen Initiativen');
    expect(byOrg.get('id/project/emv-lii')).toContain('Frauen, junge Menschen und Schutzsuchende');
  });

  it('keeps "über 120 Kommunen" of Städte Sicherer Häfen as an exclusive lower bound, in Germany', async () => {
    const rows = await select(`SELECT ?min ?value ?unit WHERE { network:staedte-sicherer-haefen ?p ?q ; schema:location country:germany . ?q a schema:QuantitativeValue ; schema:minValue ?min ; schema:unitText ?unit . OPTIONAL { ?q schema:value ?value } FILTER(LANG(?unit) = "en") }`);
    expect(rows).toEqual([{ min: '120^^xsd:integer', unit: 'municipalities@en' }]);
  });

  it('names IASH and EMV-LII by their acronyms and marks GEtCoheSive and EMV-LII as projects', async () => {
    expect(await values(`SELECT ?a WHERE { network:iash skos:altLabel ?a }`, 'a')).toContain('IASH@en');
    expect(await values(`SELECT ?a WHERE { project:emv-lii skos:altLabel ?a }`, 'a')).toContain('EMV-LII@de');
    expect(await ask(`ASK { project:getcohesive a schema:Project , org:Organization . project:emv-lii a schema:Project , org:Organization }`)).toBe(true);
  });
});

describe('001: Cities4Refugees', () => {
  it('is a consortium of Berlin (through its Senate department), Villeurbanne, Zagreb and the three NGOs', async () => {
    expect(await values(`SELECT ?m WHERE { ?m org:memberOf project:cities4refugees }`, 'm')).toEqual([
      'id/city/berlin',
      'id/city/villeurbanne',
      'id/city/zagreb',
      'id/organisation/bbag',
      'id/organisation/berlin-governance-platform',
      'id/organisation/studio-rizoma',
    ]);
    expect(await values(`SELECT ?l WHERE { ?m org:memberOf project:cities4refugees ; a schema:NGO ; rdfs:label ?l . FILTER(LANG(?l) = "de") }`, 'l')).toEqual([
      'BBAG Berlin-Brandenburgische Auslandsgesellschaft e.V.@de',
      'Berlin Governance Platform@de',
      'Studio Rizoma@de',
    ]);
  });

  it('states the partners’ countries', async () => {
    const rows = await select(`SELECT ?m ?country WHERE { ?m org:memberOf project:cities4refugees . { ?m schema:containedInPlace ?c } UNION { ?m schema:location ?c } ?c a schema:Country ; rdfs:label ?country . FILTER(LANG(?country) = "en") }`);
    expect(rows.map((r) => `${r.m} ${r.country}`).sort()).toEqual([
      'id/city/berlin Germany@en',
      'id/city/villeurbanne France@en',
      'id/city/zagreb Croatia@en',
      'id/organisation/bbag Germany@en',
      'id/organisation/studio-rizoma Italy@en',
    ]);
  });

  it('has the Senatsverwaltung für Arbeit, Soziales, … as the Berlin partner', async () => {
    // "Stadt Berlin – Senatsverwaltung …": Berlin is the partner, the Senatsverwaltung the unit named with its membership.
    expect(await ask(`ASK { organisation:senasgiva org:subOrganizationOf city:berlin ; schema:location country:germany ; rdfs:label "Senatsverwaltung für Arbeit, Soziales, Gleichstellung, Integration, Vielfalt und Antidiskriminierung"@de . ?m org:member city:berlin ; org:organization project:cities4refugees ; org:role ?r ; ?acting organisation:senasgiva . ?r rdfs:label "Partner"@en }`)).toBe(true);
    expect(await ask(`ASK { organisation:senasgiva org:memberOf ?anything }`)).toBe(false);
  });

  it('runs 12/2022–12/2024 at month precision, two years, with events over 14 months', async () => {
    expect(await select(`SELECT ?s ?e WHERE { project:cities4refugees schema:startDate ?s ; schema:endDate ?e }`)).toEqual([
      { s: '2022-12^^xsd:gYearMonth', e: '2024-12^^xsd:gYearMonth' },
    ]);
    const notes = await values(`SELECT ?n WHERE { project:cities4refugees skos:note ?n . FILTER(LANG(?n) = "de") }`, 'n');
    expect(notes.some((n) => n.includes('zweijährig') && n.includes('14 Monaten'))).toBe(true);
  });

  it('records the context: CEAS (GEAS) reform and the EU elections', async () => {
    const notes = await values(`SELECT ?n WHERE { project:cities4refugees skos:note ?n . FILTER(LANG(?n) = "de") }`, 'n');
    expect(notes.some((n) => n.includes('GEAS') && n.includes('EU-Wahl'))).toBe(true);
    expect(await values(`SELECT ?l WHERE { project:cities4refugees ?p ?c . ?c a skos:Concept ; rdfs:label ?l . FILTER(LANG(?l) = "en" && (CONTAINS(?l, "CEAS") || CONTAINS(?l, "elections"))) }`, 'l')).toEqual([
      'EU elections@en',
      'Reform of the Common European Asylum System (CEAS)@en',
    ]);
  });

  it('aims to strengthen IASH, founded in June 2021', async () => {
    expect(await ask(`ASK { project:cities4refugees ?p network:iash . FILTER(?p != org:memberOf) }`)).toBe(true);
    expect(await values(`SELECT ?d WHERE { network:iash schema:foundingDate ?d }`, 'd')).toEqual(['2021-06^^xsd:gYearMonth']);
  });

  it('gives the Berlin Governance Platform its roles: events and strategic advice', async () => {
    expect(await values(`SELECT ?l WHERE { ?m a org:Membership ; org:member organisation:berlin-governance-platform ; org:organization project:cities4refugees ; org:role ?r ; prov:wasDerivedFrom src:cities4refugees . ?r a org:Role ; rdfs:label ?l . FILTER(LANG(?l) = "en") }`, 'l')).toEqual([
      'Event organisation@en',
      'Strategic advice@en',
    ]);
  });

  it('is funded by the European Union through a CERV grant', async () => {
    expect(await values(`SELECT ?f WHERE { project:cities4refugees schema:funder ?f }`, 'f')).toEqual(['id/organisation/european-union']);
    const rows = await select(`SELECT ?g ?scheme WHERE { ?g a schema:MonetaryGrant ; schema:funder organisation:european-union ; schema:fundedItem project:cities4refugees ; ?p ?scheme . ?scheme a schema:FundingScheme ; rdfs:label "CERV-Programm"@de }`);
    expect(rows).toEqual([{ g: 'id/grant/cities4refugees-cerv', scheme: 'id/funding-scheme/cerv' }]);
  });

  it('names the contacts Lea Rau and Giulia Fellin', async () => {
    expect(await values(`SELECT ?name WHERE { project:cities4refugees ?p ?person . ?person a foaf:Person ; rdfs:label ?name ; prov:wasDerivedFrom src:cities4refugees . FILTER(LANG(?name) = "en") }`, 'name')).toEqual([
      'Giulia Fellin@en',
      'Lea Rau@en',
    ]);
  });

  it('has the seven activities with their dates, places (or online) and organisers', async () => {
    const rows = await select(`
      SELECT ?e ?start ?end ?place ?title WHERE {
        ?e a schema:Event ; schema:superEvent project:cities4refugees ; schema:startDate ?start ; schema:location ?loc .
        OPTIONAL { ?e schema:endDate ?end }
        OPTIONAL { ?e schema:name ?title }
        OPTIONAL { ?loc a schema:City . BIND(?loc AS ?city) }
        OPTIONAL { ?loc a schema:VirtualLocation . BIND("online" AS ?online) }
        BIND(COALESCE(?city, ?online) AS ?place)
      }`);
    const table = rows.map((r) => [r.start, r.end ?? '', r.place, r.title ?? '']).sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
    expect(table).toEqual([
      ['2023-04-19^^xsd:date', '2023-04-21^^xsd:date', 'id/city/zagreb', ''],
      ['2023-06-27^^xsd:date', '', 'online', 'Cooperation for a welcoming Europe@en'],
      ['2023-10-09^^xsd:date', '2023-10-11^^xsd:date', 'id/city/brussels', 'Solidarity Cities Reshaping Migration in Europe@en'],
      ['2023-11^^xsd:gYearMonth', '', 'id/city/villeurbanne', ''],
      ['2024-03-21^^xsd:date', '', 'online', 'Local Innovation in Migration Governance: Exchanging Best Practices in Cities@en'],
      ['2024-06-27^^xsd:date', '', 'online', 'Amplifying Local Voices, Shaping CEAS Implementation Plans@en'],
      ['2024-10^^xsd:gYearMonth', '', 'id/city/berlin', 'Cities as Change Makers in European Asylum and Migration Policy@en'],
    ]);
    const organisers = await select(`SELECT ?e ?o WHERE { ?e schema:superEvent project:cities4refugees ; schema:organizer ?o }`);
    const byEvent = new Map<string, string[]>();
    for (const r of organisers) byEvent.set(r.e ?? '', [...(byEvent.get(r.e ?? '') ?? []), r.o ?? ''].sort());
    expect(byEvent.get('id/event/c4r-online-meeting-2023')).toEqual(['id/organisation/studio-rizoma']);
    expect(byEvent.get('id/event/c4r-brussels-2023')).toEqual(['id/network/moving-cities', 'id/organisation/berlin-governance-platform']);
    expect(byEvent.get('id/event/c4r-best-practice-exchange-2024')).toEqual(['id/network/moving-cities', 'id/organisation/berlin-governance-platform']);
    expect(byEvent.get('id/event/c4r-webinar-2024')).toEqual(['id/network/eurocities', 'id/organisation/berlin-governance-platform']);
    // Events without an organiser of their own: the BGP, which the source makes responsible for event organisation.
    for (const event of ['c4r-zagreb-2023', 'c4r-villeurbanne-2023', 'c4r-berlin-2024']) {
      expect(byEvent.get(`id/event/${event}`)).toEqual(['id/organisation/berlin-governance-platform']);
    }
  });

  it('places Brussels and Zagreb in their countries', async () => {
    expect(await select(`SELECT ?c WHERE { city:brussels schema:containedInPlace ?c }`)).toEqual([{ c: 'id/country/belgium' }]);
    expect(await select(`SELECT ?c WHERE { city:zagreb schema:containedInPlace ?c }`)).toEqual([{ c: 'id/country/croatia' }]);
  });

  it('lists the related projects of the Berlin Governance Platform, each with its one-line description', async () => {
    const rows = await select(`SELECT ?p ?l ?d WHERE { organisation:berlin-governance-platform org:memberOf ?p . ?p rdfs:label ?l ; schema:description ?d . FILTER(?p != project:cities4refugees && LANG(?l) = "de" && LANG(?d) = "de") }`);
    // The trialogue series is the BUA's and the fund only a proposal; "Netzwerke für ein Welcoming Europe" is inferred.
    expect(rows.map((r) => r.l).sort()).toEqual([
      'From the Sea to the City@de',
      'Kommunale Integrations- und Entwicklungsinitiative@de',
      'Netzwerke für ein Welcoming Europe@de',
      'Re:Match@de',
      'Unterkunft von Geflüchteten in Berlin@de',
    ]);
    expect(await values(`SELECT ?d WHERE { ?p schema:author organisation:berlin-governance-platform ; rdfs:label ?l ; schema:description ?d . FILTER(CONTAINS(?l, "Entwicklungsfonds") && LANG(?d) = "de") }`, 'd')).toHaveLength(1);
    expect(await ask(`ASK { project:trialog-reihe-social-cohesion dct:isPartOf ?i . ?i org:subOrganizationOf organisation:bua }`)).toBe(true);
    expect(await values(`SELECT ?a WHERE { project:midi skos:altLabel ?a }`, 'a')).toContain('MIDI@de');
    expect(await values(`SELECT ?r WHERE { project:cities4refugees dct:relation ?r }`, 'r')).toHaveLength(7);
  });

  it('answers "which cities belong to both IASH and Cities4Refugees" with exactly Berlin', async () => {
    expect(await values(`SELECT ?c WHERE { ?c a schema:City ; org:memberOf network:iash , project:cities4refugees }`, 'c')).toEqual(['id/city/berlin']);
  });
});

describe('002: EUROCITIES', () => {
  it('was founded in 1986 (a year, not a day)', async () => {
    expect(await values(`SELECT ?d WHERE { network:eurocities schema:foundingDate ?d }`, 'd')).toEqual(['1986^^xsd:gYear']);
  });

  it('reports 200 cities ("mittlerweile": by now, an exact figure) from 39 states', async () => {
    const rows = await select(`SELECT ?v ?unit ?comment WHERE { GRAPH src:eurocities { network:eurocities ?p ?q . ?q a schema:QuantitativeValue ; schema:value ?v ; schema:unitText ?unit . OPTIONAL { ?q rdfs:comment ?comment } FILTER(LANG(?unit) = "en") } }`);
    expect(rows.map((r) => [r.v, r.unit]).sort()).toEqual([
      ['200^^xsd:integer', 'cities@en'],
      ['39^^xsd:integer', 'states@en'],
    ]);
    expect(rows.find((r) => r.v === '200^^xsd:integer')?.comment).toContain('mittlerweile');
    expect(await ask(`ASK { network:eurocities ?p ?q . ?q a schema:QuantitativeValue ; ?approximate true }`)).toBe(false);
  });

  it('has Berlin as a member since the mid-90s, kept as a note and not as a date', async () => {
    const rows = await select(`SELECT ?m ?note WHERE { ?m a org:Membership ; org:member city:berlin ; org:organization network:eurocities ; org:role ?r ; skos:note ?note . ?r rdfs:label "Member"@en . FILTER(LANG(?note) = "en") }`);
    expect(rows).toEqual([{ m: 'id/membership/berlin-eurocities', note: 'Berlin has been an active member since the mid-1990s.@en' }]);
    expect(await ask(`ASK { membership:berlin-eurocities org:memberDuring ?i }`)).toBe(false);
    expect(await ask(`ASK { city:berlin org:memberOf network:eurocities }`)).toBe(true);
  });

  it('lists the three aims of EUROCITIES', async () => {
    expect(await values(`SELECT ?l WHERE { network:eurocities org:purpose ?a . ?a a skos:Concept ; rdfs:label ?l . FILTER(LANG(?l) = "de") }`, 'l')).toEqual([
      'Einfluss der Städte stärken@de',
      'Netzwerke aufbauen@de',
      'Zusammenarbeit fördern@de',
    ]);
  });

  it('has Berlin in the Social Affairs Forum for over ten years', async () => {
    expect(await ask(`ASK { network:eurocities-social-affairs-forum org:subOrganizationOf network:eurocities . ?m org:member city:berlin ; org:organization network:eurocities-social-affairs-forum ; skos:note ?n . FILTER(CONTAINS(?n, "seit über zehn Jahren")) }`)).toBe(true);
  });

  it('has the department (Abteilung) in the working groups Migration & Integration and Roma Inclusion, acting for Berlin', async () => {
    // One organisation, one membership: Berlin is the member, the Abteilung the unit named with each membership.
    expect(await values(`SELECT ?wg WHERE { ?m org:member city:berlin ; org:organization ?wg ; ?acting organisation:abteilung-integration-migration . ?wg org:subOrganizationOf network:eurocities }`, 'wg')).toEqual([
      'id/network/eurocities-migration-integration',
      'id/network/eurocities-roma-inclusion',
    ]);
    expect(await ask(`ASK { organisation:abteilung-integration-migration org:memberOf ?wg }`)).toBe(false);
  });

  it('has Berlin as deputy chair of Migration & Integration since November 2023', async () => {
    const rows = await select(`SELECT ?m ?start WHERE { ?m a org:Membership ; org:member city:berlin ; org:organization ?wg ; org:role ?r ; org:memberDuring ?i ; prov:wasDerivedFrom src:eurocities . ?wg rdfs:label "EUROCITIES working group Migration & Integration"@en . ?r a org:Role ; rdfs:label "Deputy chair"@en . ?i a time:Interval ; dcat:startDate ?start . FILTER NOT EXISTS { ?i dcat:endDate ?end } }`);
    expect(rows).toEqual([{ m: 'id/membership/berlin-migration-integration-deputy-chair', start: '2023-11^^xsd:gYearMonth' }]);
    expect(await ask(`ASK { city:berlin org:memberOf network:eurocities-migration-integration }`)).toBe(true);
  });

  it('has the position paper "A better inclusion of migrants starts in cities" (English PDF, April 2024, 231 KB) and its four demands', async () => {
    const rows = await select(`SELECT ?doc ?date ?lang ?size ?format ?author WHERE { ?doc a schema:DigitalDocument ; schema:name "A better inclusion of migrants starts in cities"@en ; schema:datePublished ?date ; schema:inLanguage ?lang ; schema:contentSize ?size ; schema:encodingFormat ?format ; schema:author ?author }`);
    expect(rows).toEqual([{ doc: 'id/document/eurocities-position-paper-2024', date: '2024-04^^xsd:gYearMonth', lang: 'en', size: '231 KB', format: 'application/pdf', author: 'id/network/eurocities' }]);
    expect(await values(`SELECT ?l WHERE { document:eurocities-position-paper-2024 ?p ?d . ?d skos:inScheme def:demand ; rdfs:label ?l . FILTER(LANG(?l) = "en") }`, 'l')).toEqual([
      'Funding for cities and simpler procedures@en',
      'Give more weight to the needs of vulnerable groups@en',
      'Intensify direct exchange between cities and the EU Commission@en',
      'Monitor the effects of the CEAS reform@en',
    ]);
    expect(await ask(`ASK { document:eurocities-position-paper-2024 schema:contributor city:berlin ; ?p organisation:european-commission }`)).toBe(true);
  });

  it('has the European Pillar of Social Rights (PDF, November 2017, 478 KB)', async () => {
    expect(await select(`SELECT ?date ?size WHERE { ?doc a schema:DigitalDocument ; rdfs:label "European Pillar of Social Rights"@en ; schema:datePublished ?date ; schema:contentSize ?size ; schema:encodingFormat "application/pdf" }`)).toEqual([
      { date: '2017-11^^xsd:gYearMonth', size: '478 KB' },
    ]);
  });

  it('lists the four focus topics Berlin set in the working group', async () => {
    // They are Berlin's priorities within the working group, so they sit on Berlin's membership of it.
    expect(await values(`SELECT ?l WHERE { ?m org:member city:berlin ; org:organization network:eurocities-migration-integration ; ?p ?t . ?t skos:inScheme def:focus-topic ; rdfs:label ?l . FILTER(LANG(?l) = "de") }`, 'l')).toEqual([
      'Effektive Umsetzung der Europäischen Säule sozialer Rechte im Bereich Migration@de',
      'Erleichterte Anerkennung ausländischer Abschlüsse@de',
      'Strategien zur Sicherung von Arbeits- und Fachkräften@de',
      'Verbesserung der Teilhabe von Unionsbürger*innen@de',
    ]);
  });

  it('has Berlin chosen as "Transfer city" in October 2022 and the conference "Mobile EU citizens & the city"', async () => {
    // A one-off selection, not a membership from 2022-10.
    expect(await select(`SELECT ?start ?by WHERE { ?e a schema:Event ; schema:about city:berlin ; schema:organizer ?by ; schema:startDate ?start ; rdfs:label ?l . FILTER(CONTAINS(?l, "Transfer city") && LANG(?l) = "en") }`)).toEqual([
      { start: '2022-10^^xsd:gYearMonth', by: 'id/network/eurocities' },
    ]);
    expect(await ask(`ASK { ?m org:member city:berlin ; org:organization network:eurocities ; org:memberDuring ?i }`)).toBe(false);
    expect(await values(`SELECT ?e WHERE { ?e a schema:Event ; schema:name ?n ; schema:performer city:berlin . FILTER(STRSTARTS(?n, "Mobile EU citizens & the city")) }`, 'e')).toEqual([
      'id/event/eurocities-mobile-eu-citizens-and-the-city',
    ]);
    // The source dates only the selection as Transfer city, not the conference: no date may be invented.
    expect(await ask(`ASK { event:eurocities-mobile-eu-citizens-and-the-city schema:startDate ?d }`)).toBe(false);
  });

  it('has the visit of a 30-person delegation from Utrecht to Berlin in March 2024', async () => {
    const rows = await select(`SELECT ?e ?start ?n WHERE { ?e a schema:Event ; schema:startDate ?start ; schema:location city:berlin ; schema:attendee city:utrecht ; ?p ?q ; schema:description ?d . ?q a schema:QuantitativeValue ; schema:value ?n . FILTER(LANG(?d) = "de" && CONTAINS(?d, "Wohnungslosenhilfe")) }`);
    expect(rows).toEqual([{ e: 'id/event/utrecht-delegation-berlin-2024', start: '2024-03^^xsd:gYearMonth', n: '30^^xsd:integer' }]);
  });
});

describe('003: Moving Cities', () => {
  it('went online on 21 October 2021', async () => {
    expect(await values(`SELECT ?d WHERE { network:moving-cities schema:datePublished ?d }`, 'd')).toEqual(['2021-10-21^^xsd:date']);
  });

  it('was launched with an online conference interpreted into German, English and Greek', async () => {
    const rows = await select(`SELECT ?e ?d WHERE { ?e a schema:Event ; schema:startDate ?d ; schema:location ?l ; schema:about network:moving-cities . ?l a schema:VirtualLocation }`);
    expect(rows.map((r) => [r.e, r.d])).toEqual([['id/event/moving-cities-launch-conference-2021', '2021-10-21^^xsd:date']]);
    expect(await values(`SELECT ?lang WHERE { event:moving-cities-launch-conference-2021 schema:availableLanguage ?lang }`, 'lang')).toEqual(['de', 'el', 'en']);
  });

  it('maps 28 cities in ten countries, more than 45 approaches, and names more than 600 municipalities as lower bound', async () => {
    const rows = await select(`SELECT ?v ?min WHERE { network:moving-cities ?p ?q . ?q a schema:QuantitativeValue . OPTIONAL { ?q schema:value ?v } OPTIONAL { ?q schema:minValue ?min } }`);
    expect(rows.filter((r) => r.v).map((r) => r.v).sort()).toEqual(['10^^xsd:integer', '28^^xsd:integer', '7^^xsd:integer']);
    expect(rows.filter((r) => r.min).map((r) => r.min).sort()).toEqual(['45^^xsd:integer', '600^^xsd:integer']);
  });

  it('describes approaches in the six named policy areas', async () => {
    expect(await values(`SELECT ?l WHERE { network:moving-cities ?p ?a . ?a skos:inScheme def:policy-area ; rdfs:label ?l . FILTER(LANG(?l) = "de") }`, 'l')).toEqual([
      'Aufnahme und Aufenthaltssicherheit@de',
      'Interkulturelle Inklusion und Antirassismus@de',
      'Politische Partizipation@de',
      'Soziale Rechte und Inklusion@de',
      'Vernetzung und Lobbyarbeit@de',
      'Zusammenarbeit mit zivilgesellschaftlichen Initiativen@de',
    ]);
  });

  it('has seven language versions', async () => {
    expect(await values(`SELECT ?lang WHERE { network:moving-cities schema:availableLanguage ?lang }`, 'lang')).toEqual(['de', 'el', 'en', 'es', 'fr', 'it', 'pl']);
  });

  it('goes back to an idea of 2019 in the Palermo platform process (about 20 initiatives)', async () => {
    // The about 20 initiatives took part in the networking process within the platform, not in the platform.
    expect(await ask(`ASK { network:moving-cities ?p ?process ; ?q "2019"^^xsd:gYear . ?process ?r network:palermo-plattform }`)).toBe(true);
    expect(await ask(`ASK { network:palermo-plattform ?p ?q . ?q a schema:QuantitativeValue }`)).toBe(false);
    const rows = await select(`SELECT ?v ?comment WHERE { network:moving-cities ?p ?process . ?process ?r network:palermo-plattform ; ?s ?q . ?q a schema:QuantitativeValue ; schema:value ?v ; rdfs:comment ?comment }`);
    expect(rows.map((r) => r.v)).toEqual(['20^^xsd:integer']);
    expect(rows[0]?.comment).toContain('rund 20');
  });

  it('is run by Seebrücke, Rosa-Luxemburg-Stiftung, Heinrich-Böll-Stiftung and Tesserae', async () => {
    expect(await values(`SELECT ?l WHERE { ?o org:memberOf network:moving-cities ; rdfs:label ?l . FILTER(LANG(?l) = "de") }`, 'l')).toEqual([
      'Heinrich-Böll-Stiftung@de',
      'Rosa-Luxemburg-Stiftung@de',
      'Seebrücke@de',
      'Tesserae@de',
    ]);
    expect(await values(`SELECT ?m WHERE { ?m a org:Membership ; org:organization network:moving-cities ; org:role ?r }`, 'm')).toHaveLength(4);
  });

  it('is co-funded by the Robert-Bosch-Stiftung and the Stiftungsfonds Zivile Seenotrettung', async () => {
    expect(await values(`SELECT ?f WHERE { network:moving-cities schema:funder ?f }`, 'f')).toEqual([
      'id/organisation/robert-bosch-stiftung',
      'id/organisation/stiftungsfonds-zivile-seenotrettung',
    ]);
  });
});

describe('004: Gesamtkonzept', () => {
  it('states the Senate’s goal', async () => {
    expect(await ask(`ASK { organisation:senat-berlin schema:description ?d . FILTER(CONTAINS(?d, "zum Ziel gesetzt")) }`)).toBe(true);
  });

  it('is developed by the commissioner with all Senate departments, the districts, civil society, and refugees taking part', async () => {
    // The office as this page names it; that it is today's office of the Beauftragte is an inference of its own.
    expect(await values(`SELECT ?a WHERE { document:gesamtkonzept schema:author ?a }`, 'a')).toEqual(['id/organisation/beauftragter-fuer-integration-und-migration']);
    expect(await values(`SELECT ?g WHERE { GRAPH ?g { organisation:beauftragter-fuer-integration-und-migration prov:alternateOf organisation:integrationsbeauftragte } }`, 'g')).toEqual([
      'id/inference/gesamtkonzept-office',
    ]);
    expect(await values(`SELECT ?l WHERE { document:gesamtkonzept ?p ?k . ?k a skos:Concept ; rdfs:label ?l . FILTER(?p != schema:about && LANG(?l) = "de") }`, 'l')).toEqual(
      expect.arrayContaining(['Bezirke@de', 'Geflüchtete@de', 'Senatsverwaltungen@de', 'Zivilgesellschaft@de']),
    );
  });

  it('is to be finished in spring 2018 and agreed by the Senate: a note, and a dated plan', async () => {
    const notes = await values(`SELECT ?n WHERE { document:gesamtkonzept skos:note ?n }`, 'n');
    expect(notes.some((n) => n.includes('Frühjahr 2018') && n.includes('im Senat abgestimmt'))).toBe(true);
    expect(await ask(`ASK { document:gesamtkonzept schema:datePublished ?d }`)).toBe(false);
  });

  it('has nine fields of action, counted but not named', async () => {
    expect(await values(`SELECT ?v WHERE { document:gesamtkonzept ?p ?q . ?q a schema:QuantitativeValue ; schema:value ?v ; schema:unitText "fields of action"@en }`, 'v')).toEqual(['9^^xsd:integer']);
    expect(await ask(`ASK { ?x rdfs:label ?l . FILTER(REGEX(?l, "^Handlungsfeld")) }`)).toBe(false);
  });

  it('has one expert working group per field, one of them on the participation of refugees', async () => {
    expect(await ask(`ASK { network:gesamtkonzept-facharbeitsgruppe-partizipation org:subOrganizationOf network:gesamtkonzept-facharbeitsgruppen ; rdfs:label "Facharbeitsgruppe Partizipation"@de . network:gesamtkonzept-facharbeitsgruppen ?p ?q . ?q schema:value 9 }`)).toBe(true);
  });

  it('lists the kinds of organisations taking part in the working groups, and the Regionaldirektion', async () => {
    expect(await values(`SELECT ?l WHERE { network:gesamtkonzept-facharbeitsgruppen def:leadKind ?k . ?k rdfs:label ?l . FILTER(LANG(?l) = "de") }`, 'l')).toEqual([
      'Jeweils fachnächste Senatsverwaltung@de',
    ]);
    expect(await values(`SELECT ?l WHERE { network:gesamtkonzept-facharbeitsgruppen ?p ?k . ?k skos:inScheme def:organisation-kind ; rdfs:label ?l . FILTER(?p != def:leadKind && LANG(?l) = "de") }`, 'l')).toEqual([
      'Fachverbände@de',
      'Gewerkschaften@de',
      'Kammern@de',
      'Migrantenorganisationen@de',
      'Mitarbeitende von in diesem Feld aktiven NGOs@de',
      'Vertretungen des Ehrenamts@de',
      'Wirtschafts- und Sozialpartner@de',
    ]);
    expect(await ask(`ASK { organisation:regionaldirektion-berlin-brandenburg org:memberOf network:gesamtkonzept-facharbeitsgruppen ; org:subOrganizationOf organisation:bundesagentur-fuer-arbeit }`)).toBe(true);
  });

  it('has the event of 9 November 2017 "Partizipation und Teilhabe – was bedeutet das für SIE?"', async () => {
    expect(await select(`SELECT ?e ?o WHERE { ?e a schema:Event ; schema:name "Partizipation und Teilhabe – was bedeutet das für SIE?"@de ; schema:startDate "2017-11-09"^^xsd:date ; schema:organizer ?o }`)).toEqual([
      { e: 'id/event/partizipation-und-teilhabe-2017', o: 'id/organisation/beauftragter-fuer-integration-und-migration' },
    ]);
  });

  it('has the dialogue series "Integration im Dialog" with up to three cross-district events planned', async () => {
    const rows = await select(`SELECT ?max WHERE { ?s a schema:EventSeries ; schema:name "Integration im Dialog"@de ; schema:location city:berlin ; ?p ?q . ?q a schema:QuantitativeValue ; schema:maxValue ?max }`);
    expect(rows).toEqual([{ max: '3^^xsd:integer' }]);
  });
});

describe('whole graph', () => {
  const kinds = ['org:Organization', 'schema:City', 'schema:Project', 'schema:Event', 'schema:DigitalDocument', 'schema:CreativeWork', 'org:Membership', 'foaf:Person', 'schema:MonetaryGrant', 'schema:FundingScheme', 'schema:Country'];

  it('derives every organisation, city, project, event, document, membership, person and grant from a source', async () => {
    for (const kind of kinds) {
      const missing = await values(`SELECT ?x WHERE { ?x a ${kind} . FILTER NOT EXISTS { ?x prov:wasDerivedFrom ?s } }`, 'x');
      expect(missing, kind).toEqual([]);
    }
    const bad = await values(`SELECT ?s WHERE { ?x prov:wasDerivedFrom ?s . FILTER NOT EXISTS { ?s a foaf:Document } }`, 's');
    expect(bad).toEqual([]);
  });

  it('says in each source graph that every resource described there is derived from that source', async () => {
    const rows = await select(`SELECT DISTINCT ?x ?g WHERE { GRAPH ?g { ?x ?p ?o . FILTER(isIRI(?x) && STRSTARTS(STR(?x), "${BASE}id/") && ?x != ?g) FILTER NOT EXISTS { ?x prov:wasDerivedFrom ?g } } ?g a foaf:Document }`);
    expect(rows).toEqual([]);
    // A graph of inferred statements speaks only of resources derived from the source it was read from.
    const inferred = await select(`SELECT DISTINCT ?x ?g WHERE { ?g a def:InferenceGraph ; prov:wasDerivedFrom ?source . GRAPH ?g { ?x ?p ?o . FILTER(isIRI(?x)) } FILTER NOT EXISTS { ?x prov:wasDerivedFrom ?source } }`);
    expect(inferred).toEqual([]);
  });

  it('gives every labelled resource exactly one German and one English rdfs:label', () => {
    const counts = new Map<string, { de: Set<string>; en: Set<string>; other: number }>();
    for (const q of store.getQuads(null, 'http://www.w3.org/2000/01/rdf-schema#label', null, null)) {
      const key = q.subject.termType === 'BlankNode' ? `${q.subject.value}@${q.graph.value}` : q.subject.value;
      const entry = counts.get(key) ?? { de: new Set(), en: new Set(), other: 0 };
      const lang = q.object.termType === 'Literal' ? q.object.language : '';
      if (lang === 'de') entry.de.add(q.object.value);
      else if (lang === 'en') entry.en.add(q.object.value);
      else entry.other += 1;
      counts.set(key, entry);
    }
    const wrong = [...counts].filter(([, c]) => c.de.size !== 1 || c.en.size !== 1 || c.other !== 0).map(([s]) => s);
    expect(wrong).toEqual([]);
    expect(counts.size).toBeGreaterThan(150);
  });

  it('gives skos:prefLabel and schema:description exactly once in German and once in English where given', () => {
    for (const predicate of ['http://www.w3.org/2004/02/skos/core#prefLabel', 'http://schema.org/description']) {
      const texts = new Map<string, string[]>();
      for (const q of store.getQuads(null, predicate, null, null)) {
        const lang = q.object.termType === 'Literal' ? q.object.language : '';
        const key = q.subject.value;
        const list = texts.get(key) ?? [];
        if (!list.includes(`${lang}:${q.object.value}`)) list.push(`${lang}:${q.object.value}`);
        texts.set(key, list);
      }
      const wrong = [...texts]
        .filter(([, list]) => list.length !== 2 || !list.some((t) => t.startsWith('de:')) || !list.some((t) => t.startsWith('en:')))
        .map(([s]) => s);
      expect(wrong, predicate).toEqual([]);
    }
  });

  it('gives every organisation, city, project, event, document, person and grant a label', async () => {
    for (const kind of kinds) {
      const missing = await values(`SELECT ?x WHERE { ?x a ${kind} . FILTER NOT EXISTS { ?x rdfs:label ?l } }`, 'x');
      expect(missing, kind).toEqual([]);
    }
  });

  it('uses no host but the base for IRIs of its own, and only the vocabularies it declares', () => {
    const allowed = [
      BASE,
      'http://www.w3.org/ns/org#',
      'http://schema.org/',
      'http://www.w3.org/2004/02/skos/core#',
      'http://www.w3.org/ns/prov#',
      'http://www.w3.org/ns/dcat#',
      'http://www.w3.org/2006/time#',
      'http://purl.org/dc/terms/',
      'http://xmlns.com/foaf/0.1/',
      'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
      'http://www.w3.org/2000/01/rdf-schema#',
      'http://www.w3.org/2002/07/owl#',
      'http://www.w3.org/2001/XMLSchema#',
      'http://www.wikidata.org/entity/',
    ];
    const foreign = new Set<string>();
    for (const q of store.getQuads(null, null, null, null)) {
      for (const t of [q.subject, q.predicate, q.object, q.graph]) {
        if (t.termType === 'NamedNode' && !allowed.some((a) => t.value.startsWith(a))) foreign.add(t.value);
      }
    }
    expect([...foreign]).toEqual([]);
  });

  it('links only the five attested Wikidata items, each to the right city', () => {
    const links = store
      .getQuads(null, null, null, null)
      .filter((q) => q.object.value.startsWith('http://www.wikidata.org/') || q.subject.value.startsWith('http://www.wikidata.org/'))
      .map((q) => `${show(q.subject)} ${q.predicate.value.split('#')[1]} ${q.object.value.split('/').pop()}`);
    expect([...new Set(links)].sort()).toEqual([
      'id/city/berlin sameAs Q64',
      'id/city/brussels sameAs Q239',
      'id/city/istanbul sameAs Q406',
      'id/city/utrecht sameAs Q803',
      'id/city/zagreb sameAs Q1435',
    ]);
  });

  it('invents no countries the sources do not state (Istanbul, Utrecht)', async () => {
    expect(await ask(`ASK { VALUES ?c { city:istanbul city:utrecht } ?c schema:containedInPlace ?x }`)).toBe(false);
  });

  it('has one city resource per city, each a schema:City and an org:Organization', async () => {
    expect(await values(`SELECT ?c WHERE { ?c a schema:City , org:Organization }`, 'c')).toEqual([
      'id/city/berlin',
      'id/city/brussels',
      'id/city/istanbul',
      'id/city/utrecht',
      'id/city/villeurbanne',
      'id/city/zagreb',
    ]);
  });

  it('writes every date of the contract as xsd:date, xsd:gYearMonth or xsd:gYear', async () => {
    const rows = await select(`SELECT ?d WHERE { VALUES ?p { schema:startDate schema:endDate schema:foundingDate schema:datePublished dcat:startDate dcat:endDate } ?x ?p ?d . FILTER(DATATYPE(?d) NOT IN (xsd:date, xsd:gYearMonth, xsd:gYear)) }`);
    expect(rows).toEqual([]);
  });

  it('types every organisation explicitly as org:Organization, also when a subclass is given', async () => {
    const rows = await select(`SELECT ?x WHERE { VALUES ?k { org:FormalOrganization org:OrganizationalUnit org:OrganizationalCollaboration schema:Project schema:City schema:NGO schema:GovernmentOrganization } ?x a ?k . FILTER NOT EXISTS { ?x a org:Organization } }`);
    expect(rows).toEqual([]);
  });
});
