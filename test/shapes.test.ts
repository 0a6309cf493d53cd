// The SHACL shapes: the real graph conforms, a valid sample passes clean, and each shape rejects its broken fixture.
import { copyFile, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { loadGraph } from '../src/store/load.js';
import { validateGraph, type ValidationIssue, type ValidationReport } from '../src/validate/shacl.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const shapesDir = path.join(root, 'shapes');
const fixturesDir = path.join(root, 'test/fixtures/shapes');
const base = 'http://localhost:3000/';
const sh = 'http://www.w3.org/ns/shacl#';

const scratch: string[] = [];

/** Validates one fixture together with the small valid context (a source, its publisher, a country, a city, a role). */
async function validateFixture(name: string): Promise<ValidationReport> {
  const dir = await mkdtemp(path.join(tmpdir(), 'shapes-fixture-'));
  scratch.push(dir);
  await copyFile(path.join(fixturesDir, 'context', 'context.ttl'), path.join(dir, 'context.ttl'));
  await copyFile(path.join(fixturesDir, name), path.join(dir, name));
  const graph = await loadGraph({ baseIri: base, ontologyDir: null, dataDir: dir });
  return validateGraph(graph, shapesDir);
}

/** "Violation Membership-member urn:x:m": severity, shape name, focus (a blank node by the property leading to it). */
function key(issue: ValidationIssue): string {
  const shape = (issue.shape ?? '(no shape)').replace(`${base}shapes/`, '');
  let focus = issue.focusNode.replace(base, '');
  if (issue.focusOwner) {
    const [owner = '', property = ''] = issue.focusOwner.split(' ');
    focus = `${owner.replace(base, '')} ${property.slice(Math.max(property.lastIndexOf('#'), property.lastIndexOf('/')) + 1)} []`;
  }
  return `${issue.severity} ${shape} ${focus}`;
}

/** Every shape's sh:message, by shape IRI and language, read straight from shapes/. */
async function shapeMessages(): Promise<Map<string, { de?: string; en?: string }>> {
  const messages = new Map<string, { de?: string; en?: string }>();
  for (const name of (await readdir(shapesDir)).filter((n) => n.endsWith('.ttl'))) {
    const quads = new Parser({ baseIRI: base }).parse(await readFile(path.join(shapesDir, name), 'utf8'));
    for (const quad of quads) {
      if (quad.predicate.value !== `${sh}message` || quad.object.termType !== 'Literal') continue;
      const entry = messages.get(quad.subject.value) ?? {};
      if (quad.object.language === 'de' || quad.object.language === 'en') entry[quad.object.language] = quad.object.value;
      messages.set(quad.subject.value, entry);
    }
  }
  return messages;
}

/** What each broken fixture must produce: exactly these results, no more, no fewer. */
const expected: Record<string, string[]> = {
  'membership.ttl': [
    'Violation Membership urn:x:m',
    'Violation Membership-member urn:x:m',
    'Violation Membership-organization urn:x:m',
    'Violation Derived-wasDerivedFrom urn:x:m',
    'Warning MembershipDetail urn:x:m',
    'Violation Membership-role id/membership/berlin-publisher',
    'Violation Membership-memberDuring id/membership/berlin-publisher',
    'Violation TimeInterval id/membership/berlin-publisher memberDuring []',
  ],
  'organisation.ttl': [
    'Violation Organization id/thing/ngo',
    'Violation Named-label id/thing/ngo',
    'Violation Organization-location id/thing/ngo',
    'Violation Organization-memberOf id/thing/ngo',
    'Violation Organization-subOrganizationOf id/thing/ngo',
    'Violation Organization-reportedMemberCount id/thing/ngo',
    'Violation OrganizationType-type id/organisation/department',
  ],
  'city.ttl': [
    'Violation City id/organisation/paris',
    'Violation City-containedInPlace id/organisation/paris',
    'Violation SameAs-wikidata id/organisation/paris',
    'Warning City-country id/city/villeurbanne',
    'Violation Country id/land/france',
  ],
  'network.ttl': [
    'Violation Network id/organisation/wg',
    'Violation WorkingGroup-subOrganizationOf id/organisation/wg',
    'Warning Platform-datePublished id/network/platform',
    'Violation Project id/network/project',
  ],
  'event.ttl': [
    'Violation Event id/events/conference',
    'Violation EventDate id/events/conference',
    'Violation Event-name id/events/conference',
    'Warning Event-location id/events/conference',
    'Violation Event-place id/event/meeting',
    'Violation Event-organizer id/event/meeting',
    'Violation Event-superEvent id/event/meeting',
    'Violation Event-eventKind id/event/meeting',
  ],
  'document.ttl': [
    'Violation Document id/doc/paper',
    'Violation Document-author id/doc/paper',
    'Violation Document-encodingFormat id/doc/paper',
    'Violation Document-contentSize id/doc/paper',
    'Violation LanguageCodes-inLanguage id/doc/paper',
    'Warning DigitalDocument-datePublished id/doc/paper',
    'Warning DigitalDocument-inLanguage id/document/no-language',
  ],
  'inference.ttl': [
    'Violation SourcePublisherOrNote id/source/anonymous',
    'Violation InferenceGraph id/source/reading',
    'Violation InferenceGraph-source id/source/reading',
    'Violation InferenceGraph-rule id/source/reading',
    'Violation Snapshot-asOf id/thing/concept snapshot []',
    'Violation Proposal-author id/document/fund',
    'Violation ActingUnit-memberOf id/organisation/unit',
    'Violation ActingUnit "the Senate"',
  ],
  'source.ttl': [
    'Violation Source id/page/news',
    'Violation Source-entity id/page/news',
    'Violation Source-title id/page/news',
    'Violation Source-publisher id/page/news',
    'Violation Source-language id/page/news',
    'Violation Source-fileName id/page/news',
    'Violation Provenance-source id/document/paper',
  ],
  'funding.ttl': [
    'Violation Grant id/grants/cerv-grant',
    'Violation Grant-funder id/grants/cerv-grant',
    'Violation Grant-fundedItem id/grants/cerv-grant',
    'Violation Grant-fundingScheme id/grants/cerv-grant',
    'Violation FundingScheme id/scheme/cerv',
    'Violation Funded-funder id/project/p',
  ],
  'person.ttl': [
    'Violation Person id/people/lea-rau',
    'Violation Named-label id/people/lea-rau',
    'Violation Derived-wasDerivedFrom id/people/lea-rau',
  ],
  'quantity.ttl': [
    'Violation QuantitativeValue id/thing/a reportedCount []',
    'Violation QuantitativeValue-value id/thing/a reportedCount []',
    'Violation QuantitativeValue-minValue id/thing/a reportedCount []',
    'Violation QuantitativeValue-maxValue id/thing/a reportedCount []',
    'Violation QuantitativeValue-approximate id/thing/a reportedCount []',
    'Violation QuantitativeValue-exclusiveBound id/thing/a reportedCount []',
    'Warning QuantitativeValue-unitText id/thing/a reportedCount []',
    'Violation UnitTexts-unitText id/thing/a reportedCount []',
    'Violation ReportedCount-value id/thing/a',
  ],
  'labels.ttl': [
    'Violation Labels-languages id/thing/texts',
    'Violation PrefLabels-languages id/thing/texts',
    'Violation AltLabels-languages id/thing/texts',
    'Violation DescriptionPairs id/thing/texts',
    'Violation Descriptions-definition id/thing/texts',
    'Violation Comments-comment id/thing/texts',
    'Violation Notes-note id/thing/texts',
    'Violation Comments-title id/thing/texts',
    'Violation Descriptions-description id/thing/french',
  ],
  'dates.ttl': [
    'Violation Dates-startDate id/thing/dates',
    'Violation Dates-endDate id/thing/dates',
    'Violation Dates-foundingDate id/thing/dates',
    'Violation Dates-datePublished id/thing/dates',
    'Violation Dates-dissolutionDate id/thing/dates',
    'Violation Dates-ideaDate id/thing/dates',
    'Violation Dates-activityStart id/thing/dates',
    'Violation Dates-plannedCompletion id/thing/dates',
    'Violation LanguageCodes-language id/thing/dates',
    'Violation LanguageCodes-availableLanguage id/thing/dates',
    'Violation Dates-intervalStart id/thing/interval',
    'Violation Dates-intervalEnd id/thing/interval',
  ],
  'code-lists.ttl': [
    'Violation ConceptScheme def/Scheme_X',
    'Violation ConceptScheme-prefLabel def/Scheme_X',
    'Violation Concept def/loose',
    'Violation Concept-inScheme def/loose',
    'Violation Concept-prefLabel def/loose',
    'Violation Role def/roles/chair',
    'Violation Role-type def/roles/chair',
    'Violation Role-scheme def/roles/chair',
    'Violation OntologyTerm def/my-class',
    'Violation OntologyTerm-comment def/my-class',
    'Violation OntologyTerm-isDefinedBy def/my-class',
    'Violation OntologyClass-subClassOf def/my-class',
    'Warning OntologyProperty-subPropertyOf def/someProperty',
  ],
};

const reports = new Map<string, ValidationReport>();
let messages: Map<string, { de?: string; en?: string }>;

beforeAll(async () => {
  messages = await shapeMessages();
  for (const name of Object.keys(expected)) reports.set(name, await validateFixture(name));
});

afterAll(async () => {
  for (const dir of scratch) await rm(dir, { recursive: true, force: true });
});

describe('the real graph', () => {
  it('has no violation (ontology + data, as npm run validate loads them)', async () => {
    const config = loadConfig({});
    const graph = await loadGraph({ baseIri: config.baseIri, ontologyDir: config.ontologyDir, dataDir: config.dataDir });
    const report = await validateGraph(graph, shapesDir);
    const violations = report.results
      .filter((r) => r.severity === 'Violation')
      .map((r) => `${r.focusNode} ${r.path ?? ''} ${r.value ?? ''}: ${r.message.en} (${r.files.join(', ')})`);
    expect(violations).toEqual([]);
    expect(report.classCounts.find((c) => c.class === 'http://www.w3.org/ns/org#Organization')?.count).toBeGreaterThan(0);
  });
});

describe('shapes', () => {
  it('every shape that reports has a message in German and in English', () => {
    expect(messages.size).toBeGreaterThan(50);
    const incomplete = [...messages].filter(([, m]) => !m.de || !m.en || m.de === m.en).map(([shape]) => shape);
    expect(incomplete).toEqual([]);
  });

  it('a valid sample of every class gives no result at all, not even a warning', async () => {
    const report = await validateFixture('valid.ttl');
    expect(report.results.map(key)).toEqual([]);
    expect(report.conforms).toBe(true);
  });

  for (const [name, keys] of Object.entries(expected)) {
    it(`${name} is rejected with exactly the expected results`, () => {
      const report = reports.get(name)!;
      expect([...new Set(report.results.map(key))].sort()).toEqual([...keys].sort());
      expect(report.conforms).toBe(false);
      for (const result of report.results) {
        const shapeMessage = messages.get(result.shape ?? '');
        expect(result.message).toEqual({ en: shapeMessage?.en, de: shapeMessage?.de });
        expect(result.files).toEqual([expect.stringMatching(new RegExp(`${name.replace('.', '\\.')}$`))]);
      }
    });
  }

  it('every shape with a message is shown to fire by some fixture', () => {
    const fired = new Set([...reports.values()].flatMap((r) => r.results.map((x) => x.shape)));
    const silent = [...messages.keys()].filter((shape) => !fired.has(shape));
    expect(silent).toEqual([]);
  });

  it('names a stray membership by its IRI, whatever its IRI, with the messages a reader needs', () => {
    const results = reports.get('membership.ttl')!.results.filter((r) => r.focusNode === 'urn:x:m');
    expect(results.map((r) => r.message.en)).toEqual(
      expect.arrayContaining([
        'A membership names exactly one member (org:member, an organisation or person).',
        'A membership names exactly one organisation (org:organization).',
        'Must name at least one source it was taken from, with prov:wasDerivedFrom.',
      ]),
    );
    expect(results.find((r) => r.path === 'http://www.w3.org/ns/org#member')?.message.de).toBe(
      'Eine Mitgliedschaft nennt genau ein Mitglied (org:member, eine Organisation oder Person).',
    );
  });

  it('rejects impossible dates that the datatype check alone lets through', () => {
    const interval = reports.get('dates.ttl')!.results.find((r) => r.shape === `${base}shapes/Dates-intervalStart`);
    expect(interval?.value).toBe('"2023-13"^^http://www.w3.org/2001/XMLSchema#gYearMonth');
  });
});
