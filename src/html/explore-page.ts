// The explore page: the organisations and their ties as a picture (Cytoscape.js in the browser, server-drawn SVG without JavaScript).
import type { PageLanguage } from './format.js';
import { jsonForScript, renderPage } from './layout.js';
import { html, raw } from './template.js';
import { nodeKinds, type OrganisationGraph } from './network-graph.js';
import { edgeNames, graphSvg, kindColours, kindNames } from './network-svg.js';

const text = {
  en: {
    title: 'The networks as a picture',
    intro: (n: number, e: number) => `${n} organisations (cities, networks, projects, NGOs, funders) and the ${e} ties between them that the sources name. Point at a dot to see its name; click it to open its page.`,
    kinds: 'Show',
    network: 'Only around',
    all: 'all networks and projects',
    picture: 'Who belongs to which network, who works with whom, and who funds whom',
    legend: 'Lines',
    noscript: 'Without JavaScript the picture cannot be filtered; every dot is still a link.',
    list: 'Every organisation in the picture, as a list',
  },
  de: {
    title: 'Die Netzwerke als Bild',
    intro: (n: number, e: number) => `${n} Organisationen (Städte, Netzwerke, Projekte, NGOs, Geldgeber) und die ${e} Verbindungen zwischen ihnen, die die Quellen nennen. Zeigen Sie auf einen Punkt, um seinen Namen zu sehen; ein Klick öffnet seine Seite.`,
    kinds: 'Zeigen',
    network: 'Nur rund um',
    all: 'alle Netzwerke und Projekte',
    picture: 'Wer zu welchem Netzwerk gehört, wer mit wem arbeitet und wer wen fördert',
    legend: 'Linien',
    noscript: 'Ohne JavaScript lässt sich das Bild nicht filtern; jeder Punkt ist trotzdem ein Link.',
    list: 'Alle Organisationen im Bild als Liste',
  },
} as const;

/** The networks and projects that have members, for the "only around" filter, sorted in the reader's language. */
function hubs(graph: OrganisationGraph, lang: PageLanguage): Array<{ id: string; label: string }> {
  const withMembers = new Set(graph.edges.filter((e) => e.kind === 'member' || e.kind === 'partner').map((e) => e.target));
  const collator = new Intl.Collator(lang);
  return graph.nodes.filter((n) => withMembers.has(n.id)).map((n) => ({ id: n.id, label: n.label })).sort((a, b) => collator.compare(a.label, b.label));
}

/** The same organisations as a list by kind: for keyboards and screen readers, which cannot use the canvas. */
function listByKind(graph: OrganisationGraph, lang: PageLanguage) {
  const collator = new Intl.Collator(lang);
  return nodeKinds
    .map((kind) => ({ kind, nodes: graph.nodes.filter((n) => n.kind === kind).sort((a, b) => collator.compare(a.label, b.label)) }))
    .filter((group) => group.nodes.length > 0)
    .map((group) => html`<h2 class="small">${kindNames[lang][group.kind]}</h2><ul>${group.nodes.map((n) => html`<li><a href="${n.href}">${n.label}</a></li>`)}</ul>`);
}

export function explorePage(graph: OrganisationGraph, lang: PageLanguage, baseIri: string): string {
  const t = text[lang];
  const root = new URL(baseIri).pathname;
  const present = new Set(graph.nodes.map((n) => n.kind));
  const kindBoxes = nodeKinds
    .filter((k) => present.has(k))
    .map((k) => html`<label class="kind"><input type="checkbox" name="kind" value="${k}" checked> <span class="swatch" style="background:${kindColours[k]}"></span> ${kindNames[lang][k]}</label>`);
  const options = hubs(graph, lang).map((h) => html`<option value="${h.id}">${h.label}</option>`);
  const legend = (['member', 'partner', 'funding', 'part'] as const)
    .filter((k) => graph.edges.some((e) => e.kind === k))
    .map((k) => html`<li><span class="edge edge-${k}"></span> ${edgeNames[lang][k]}</li>`);
  const head = html`<meta property="og:title" content="${t.title}">
<meta property="og:type" content="website">
<meta property="og:image" content="${baseIri}explore.svg">
<meta property="og:image:type" content="image/svg+xml">
<meta property="og:image:alt" content="${t.picture}">
<script src="${root}assets/cytoscape/cytoscape.min.js" defer></script>
<script src="${root}assets/explore.js" defer></script>`;
  const body = html`<h1>${t.title}</h1>
<p class="lead">${t.intro(graph.nodes.length, graph.edges.length)}</p>
<form class="explore-filters" id="explore-filters">
<fieldset><legend>${t.kinds}</legend>${kindBoxes}</fieldset>
<label class="network-filter">${t.network} <select name="network" id="explore-network"><option value="">${t.all}</option>${options}</select></label>
</form>
<figure class="explore">
<div id="explore-graph" class="explore-graph" data-lang="${lang}" data-graph="${root}explore/graph.json${lang === 'de' ? '?lang=de' : ''}">${graphSvg(graph, { lang, title: t.picture, labelMinDegree: 4 })}</div>
<div id="explore-hover" class="explore-hover" aria-live="polite"></div>
<figcaption><span class="muted small">${t.legend}:</span> <ul class="edge-legend">${legend}</ul></figcaption>
</figure>
<noscript><p class="muted small">${t.noscript}</p></noscript>
<details class="explore-list"><summary>${t.list}</summary>${listByKind(graph, lang)}</details>
<script type="application/json" id="explore-labels">${raw(jsonForScript({ kinds: kindNames[lang], edges: edgeNames[lang], colours: kindColours }))}</script>`;
  return renderPage({ lang, title: t.title, head: String(head), body: String(body), baseIri, current: 'explore' });
}
