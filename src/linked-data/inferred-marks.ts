// Marks, on resource pages, the values that rest on a reading of a source (an inference graph) and says why, in the footnote.
import type { Store } from 'n3';
import { html, raw, type Html } from '../html/template.js';
import type { PageLanguage } from '../html/format.js';
import { ns } from '../rdf/namespaces.js';
import { inferenceGraphs } from '../store/inferences.js';
import { literalsOf } from '../store/literals.js';
import { termsInWords } from './page-labels.js';

const words = {
  de: { inferred: 'abgeleitet', why: 'Abgeleitet, nicht in der Quelle gesagt:' },
  en: { inferred: 'inferred', why: 'Inferred, not said in the source:' },
} as const;

/** The rule of an inference graph (its rdfs:comment) in the page language, or undefined for a graph of stated facts. */
function ruleOf(store: Store, graph: string, baseIri: string, lang: PageLanguage): string | undefined {
  if (!inferenceGraphs(store, baseIri).has(graph)) return undefined;
  const comments = literalsOf(store, graph, ns.rdfs('comment'));
  // The rules are written for modellers ("the acting unit (cn:actingUnit)"); readers get the terms in words.
  return termsInWords((comments.find((c) => c.language === lang) ?? comments[0])?.value ?? '', { store, lang, baseIri });
}

/**
 * The footnote mark of one value's source number: a plain number for a stated fact; for an inferred one the
 * number plus the word "inferred", with the rule as its title, so a reader sees it before following the note.
 */
export function footnoteMark(store: Store, graph: string, number: number, title: string, baseIri: string, lang: PageLanguage): Html {
  const rule = ruleOf(store, graph, baseIri, lang);
  if (rule === undefined) return html`<a href="#source-${number}" title="${title}">${number}</a>`;
  return html`<a href="#source-${number}" class="inferred" title="${`${title}: ${rule}`}">${number}${raw('&#8239;')}${words[lang].inferred}</a>`;
}

/** The text under an inference graph in the list of sources: why its statements are inferred. Empty for stated sources. */
export function footnoteReason(store: Store, graph: string, baseIri: string, lang: PageLanguage): Html | '' {
  const rule = ruleOf(store, graph, baseIri, lang);
  return rule === undefined ? '' : html`<p class="inference-rule"><strong>${words[lang].why}</strong> ${rule}</p>`;
}
