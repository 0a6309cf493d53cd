// Comunica (@comunica/query-sparql) with the endpoint as a SPARQL source, a /id/ IRI as a Linked Data source, and both at once.
import { QueryEngine } from '@comunica/query-sparql';
import { Parser } from 'n3';
import type { Bindings } from '@rdfjs/types';
import { describe, expect, inject, it } from 'vitest';

const base = inject('base');
const berlin = `${base}id/city/berlin`;
const RDFS_LABEL = 'http://www.w3.org/2000/01/rdf-schema#label';
const endpoint = { type: 'sparql', value: `${base}sparql` } as const;
const engine = new QueryEngine();

async function rows(query: string, sources: unknown[]): Promise<Bindings[]> {
  return (await engine.queryBindings(query, { sources: sources as never, lenient: false })).toArray();
}

/** A binding row as comparable text (term types and languages included). */
const key = (b: Bindings, ...vars: string[]) => vars.map((v) => { const t = b.get(v); return t ? `${t.termType}:${t.value}@${(t as { language?: string }).language ?? ''}` : '-'; }).join(' ');

/** Berlin's triples as the Turtle page states them: what each source must yield. */
async function berlinFromTurtle(): Promise<string[]> {
  const response = await fetch(`${base}doc/city/berlin`, { headers: { accept: 'text/turtle' } });
  const quads = new Parser({ baseIRI: base }).parse(await response.text());
  return quads
    .filter((q) => q.subject.value === berlin && q.object.termType !== 'BlankNode')
    .map((q) => `NamedNode:${q.predicate.value}@ ${q.object.termType}:${q.object.value}@${(q.object as { language?: string }).language ?? ''}`)
    .sort();
}

describe('Comunica', () => {
  it('queries the endpoint as a SPARQL source', async () => {
    const got = await rows(`SELECT ?p ?o WHERE { <${berlin}> ?p ?o FILTER(!isBlank(?o)) }`, [endpoint]);
    expect(got.map((b) => key(b, 'p', 'o')).sort()).toEqual(await berlinFromTurtle());
  });

  it('dereferences /id/city/berlin as a Linked Data source and sees its triples (N-Quads asked first)', async () => {
    const got = await rows(`SELECT ?p ?o WHERE { <${berlin}> ?p ?o FILTER(!isBlank(?o)) }`, [berlin]);
    expect(got.map((b) => key(b, 'p', 'o')).sort()).toEqual(await berlinFromTurtle());
  });

  it('federates over both: each pattern matches the union of the sources, duplicates included; DISTINCT gives the set', async () => {
    const query = `SELECT ?l WHERE { <${berlin}> <${RDFS_LABEL}> ?l }`;
    const fromPage = await rows(query, [berlin]);
    const fromEndpoint = await rows(query, [endpoint]);
    const federated = await rows(query, [berlin, endpoint]);
    expect(fromPage.length).toBeGreaterThan(0);
    expect(federated.map((b) => key(b, 'l')).sort()).toEqual([...fromPage, ...fromEndpoint].map((b) => key(b, 'l')).sort());
    const distinct = await rows(`SELECT DISTINCT ?l WHERE { <${berlin}> <${RDFS_LABEL}> ?l }`, [berlin, endpoint]);
    expect(distinct.map((b) => key(b, 'l')).sort()).toEqual([...new Set(fromEndpoint.map((b) => key(b, 'l')))].sort());
  });

  it('joins across the sources: Berlin\'s networks from its page, their labels from the endpoint', async () => {
    const query = `SELECT DISTINCT ?n ?l WHERE { <${berlin}> <http://www.w3.org/ns/org#memberOf> ?n . ?n <${RDFS_LABEL}> ?l }`;
    const federated = await rows(query, [berlin, endpoint]);
    const endpointOnly = await rows(query, [endpoint]);
    expect(federated.length).toBeGreaterThan(0);
    expect(federated.map((b) => key(b, 'n', 'l')).sort()).toEqual(endpointOnly.map((b) => key(b, 'n', 'l')).sort());
  });
});
