// The schema.org summary embedded in each resource page (<script type="application/ld+json">) for search engines.
import type { Store } from 'n3';
import type { Quad } from '@rdfjs/types';
import type { PageLanguage } from '../html/format.js';
import { ns, prefixes } from '../rdf/namespaces.js';
import { literalIn, literalsOf } from '../store/literals.js';

const S = prefixes.schema;

/** Our properties written with their schema.org names (ORG and PROV terms mapped to their nearest schema.org term). */
const linkProperties: Record<string, string> = {
  [`${prefixes.org}memberOf`]: 'memberOf',
  [`${prefixes.org}subOrganizationOf`]: 'parentOrganization',
  [`${S}location`]: 'location',
  [`${S}containedInPlace`]: 'containedInPlace',
  [`${S}funder`]: 'funder',
  [`${S}organizer`]: 'organizer',
  [`${S}superEvent`]: 'superEvent',
  [`${S}author`]: 'author',
  [`${S}fundedItem`]: 'fundedItem',
  [`${prefixes.dct}publisher`]: 'publisher',
  [`${prefixes.prov}wasDerivedFrom`]: 'isBasedOn',
};
const literalProperties: Record<string, string> = {
  [`${S}startDate`]: 'startDate',
  [`${S}endDate`]: 'endDate',
  [`${S}foundingDate`]: 'foundingDate',
  [`${S}datePublished`]: 'datePublished',
  [`${S}inLanguage`]: 'inLanguage',
  [`${S}encodingFormat`]: 'encodingFormat',
  [`${S}contentSize`]: 'contentSize',
};

function label(store: Store, iri: string, lang: PageLanguage): string | undefined {
  return literalIn(literalsOf(store, iri, ns.rdfs('label')), lang)?.value;
}

/**
 * A small schema.org object: types from schema.org (org:Organization read as Organization), name and
 * description in the page language, dates, sameAs and links named by label. Built by hand rather than by
 * compacting, because it is a summary for search engines, not the full description (that is the JSON-LD download).
 */
export function schemaOrgJsonLd(store: Store, iri: string, quads: Quad[], lang: PageLanguage, baseIri: string): Record<string, unknown> {
  const types = new Set<string>();
  const out: Record<string, unknown> = { '@context': 'https://schema.org', '@id': iri };
  const add = (key: string, value: unknown) => {
    const existing = out[key];
    out[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  };
  // A fact stated in two sources is two quads but one fact: write it once.
  const seen = new Set<string>();
  for (const q of quads) {
    const p = q.predicate.value;
    const o = q.object;
    const key = `${p} ${o.termType} ${o.value} ${o.termType === 'Literal' ? `${o.language}^^${o.datatype.value}` : ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (p === `${prefixes.rdf}type`) {
      if (o.value.startsWith(S)) types.add(o.value.slice(S.length));
      if (o.value === `${prefixes.org}Organization`) types.add('Organization');
      if (o.value === `${prefixes.foaf}Person`) types.add('Person');
    } else if (p === `${prefixes.owl}sameAs`) add('sameAs', o.value);
    else if (linkProperties[p] && o.termType === 'NamedNode') {
      const name = label(store, o.value, lang);
      add(linkProperties[p], name ? { '@id': o.value, name } : { '@id': o.value });
    } else if (literalProperties[p] && o.termType === 'Literal') add(literalProperties[p], o.value);
  }
  const name = label(store, iri, lang);
  const description = literalsOf(store, iri, ns.schema('description')).find((l) => l.language === lang);
  const typeList = [...types].sort();
  return {
    '@context': out['@context'],
    '@type': typeList.length === 0 ? 'Thing' : typeList.length === 1 ? typeList[0] : typeList,
    '@id': iri,
    ...(name ? { name } : {}),
    ...(description ? { description: description.value } : {}),
    url: iri.startsWith(baseIri) ? iri : undefined,
    ...Object.fromEntries(Object.entries(out).filter(([k]) => k !== '@context' && k !== '@id')),
  };
}
