// Names on pages: the label of any IRI in the reader's language, property labels read forwards and backwards, term names in notes said in words.
import type { Store } from 'n3';
import type { Literal } from '@rdfjs/types';
import type { PageLanguage } from '../html/format.js';
import { allPrefixes, ns } from '../rdf/namespaces.js';
import { literalsOf } from '../store/literals.js';
import { classLabels, projectInverseLabels, projectLabels, propertyLabels, shortIri, type TermLabel } from './vocabulary-labels.js';

/** Picks the literal in the page language, then the other language, then one without a language. */
export function pickLiteral(literals: Literal[], lang: PageLanguage): Literal | undefined {
  return literals.find((l) => l.language === lang) ?? literals.find((l) => l.language !== '') ?? literals[0];
}

/** The label of any IRI: from the graph (rdfs:label, skos:prefLabel) in the page language, a built-in table, or its short form. */
export function labelOf(store: Store, iri: string, lang: PageLanguage, baseIri: string): string {
  for (const p of [ns.rdfs('label'), ns.skos('prefLabel'), ns.schema('name'), ns.dct('title')]) {
    const chosen = pickLiteral(literalsOf(store, iri, p), lang);
    if (chosen) return chosen.value;
  }
  const known: TermLabel | undefined = propertyLabels[iri] ?? classLabels[iri];
  if (known) return known[lang];
  return shortIri(iri, { cn: `${baseIri}def/` });
}

/** A property's label for a page; `inverse` reads it backwards, for the links that point here ("members"). */
export function propertyLabel(store: Store, iri: string, lang: PageLanguage, baseIri: string, inverse = false): string {
  const ownLocal = iri.startsWith(`${baseIri}def/`) ? iri.slice(`${baseIri}def/`.length) : undefined;
  const known = propertyLabels[iri] ?? (ownLocal === undefined ? undefined : projectLabels[ownLocal]);
  if (inverse) {
    const ownTerm = ownLocal === undefined ? undefined : projectInverseLabels[ownLocal];
    const reversed = known?.[lang === 'de' ? 'inverseDe' : 'inverseEn'] ?? ownTerm?.[lang];
    if (reversed) return reversed;
    return lang === 'de' ? `ist „${labelOf(store, iri, lang, baseIri)}“ von` : `is “${labelOf(store, iri, lang, baseIri)}” of`;
  }
  return known ? known[lang] : labelOf(store, iri, lang, baseIri);
}

interface LabelContext {
  store: Store;
  lang: PageLanguage;
  baseIri: string;
}

/**
 * Notes written for data modellers name terms ("hence org:memberOf", "(schema:attendee)"). The page leaves
 * bracketed term names out and says the others in words, by the term's label ("hence “member of”").
 */
export function termsInWords(text: string, ctx: LabelContext): string {
  const known = allPrefixes(ctx.baseIri);
  const term = /(?<![\w/])([a-z][a-zA-Z]*):([A-Za-z][\w-]*[A-Za-z0-9])/g;
  const bracketed = /\s*\((?:[a-z][a-zA-Z]*:[A-Za-z][\w-]*)(?:(?:,\s*|\s+(?:and|und|or|oder)\s+)[a-z][a-zA-Z]*:[A-Za-z][\w-]*)*\)/g;
  const withoutBrackets = text.replace(bracketed, (match) =>
    [...match.matchAll(term)].every((n) => known[n[1] as keyof typeof known] !== undefined) ? '' : match,
  );
  return withoutBrackets.replace(term, (match, prefix: string, local: string) => {
    const namespace = known[prefix as keyof typeof known];
    if (namespace === undefined) return match;
    const iri = `${namespace}${local}`;
    const label = propertyLabels[iri]?.[ctx.lang] ?? classLabels[iri]?.[ctx.lang] ?? labelOf(ctx.store, iri, ctx.lang, ctx.baseIri);
    const words = label.includes(':') ? local.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() : label;
    return ctx.lang === 'de' ? `„${words}“` : `“${words}”`;
  });
}
