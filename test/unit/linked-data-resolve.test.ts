// Linked Data resolution without a server: which paths under the base redirect, name a document, or name nothing.
import { describe, expect, it } from 'vitest';
import { Parser, Store } from 'n3';
import { resolve, type Resolved } from '../../src/linked-data/resolve.js';
import { relativePath } from '../../src/linked-data/paths.js';
import { html, rdfTypes } from '../../src/rdf/media-types.js';
import { entitiesByKind } from '../../src/store/entities.js';

const base = 'https://lod.example.org/';
const offered = [rdfTypes.turtle, rdfTypes.jsonld, html];
const store = new Store(
  new Parser({ baseIRI: base }).parse(`
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    <https://lod.example.org/src/a> {
      <id/city/berlin> a <def/City> ; rdfs:label "Berlin" ; <def/memberOf> <id/network/eurocities> .
      <id/network/eurocities> a <def/CityNetwork> .
    }
    <https://lod.example.org/def/> { <def/City> a rdfs:Class ; rdfs:label "City" . }
  `),
);
const graph = { store, kinds: entitiesByKind(store, base) };

/** What resolve says for a request path, in a form a table can state. */
function outcome(path: string): string {
  const resolved: Resolved = resolve(relativePath(path, '/'), base, graph, offered);
  if (resolved.kind === 'missing') return 'missing';
  if (resolved.kind === 'redirect') return `${resolved.status} ${resolved.location}`;
  const { target, suffix } = resolved.request;
  return `${target.kind} ${target.iri}${suffix ? ` .${suffix}` : ''}${resolved.members.length ? ` [${resolved.members.length}]` : ''}`;
}

describe('resolve', () => {
  it.each([
    // Things redirect to their documents (303).
    ['/id/city/berlin', `303 doc/city/berlin`],
    ['/id/network/eurocities', `303 doc/network/eurocities`],
    ['/def/City', `303 doc/def/City`],
    ['/def/', `303 doc/def/`],
    ['/id/city/', `303 doc/city/`],
    // The slash-less index is a typo: 301 to the index, for things and documents alike.
    ['/id/city', `301 id/city/`],
    ['/doc/city', `301 doc/city/`],
    // Documents: resources, indexes, the ontology, with or without a format suffix.
    ['/doc/city/berlin', `resource ${base}id/city/berlin`],
    ['/doc/city/berlin.ttl', `resource ${base}id/city/berlin .ttl`],
    ['/doc/def/City', `resource ${base}def/City`],
    ['/doc/city/', `index ${base}id/city/ [1]`],
    ['/doc/city/index.jsonld', `index ${base}id/city/ .jsonld [1]`],
    ['/doc/def/', `ontology ${base}def/`],
    // Nothing described: unknown things, kinds, suffixes not offered, unsafe paths.
    ['/id/city/paris', 'missing'],
    ['/doc/city/paris', 'missing'],
    ['/id/person/', 'missing'],
    ['/doc/person/', 'missing'],
    ['/id/person', 'missing'],
    ['/def/Unknown', 'missing'],
    ['/doc/city/berlin.nt', 'missing'],
    ['/doc/../sparql', 'missing'],
    ['/other/thing', 'missing'],
  ])('%s -> %s', (path, expected) => {
    expect(outcome(path)).toBe(expected);
  });
});
