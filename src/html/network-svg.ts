// Draws an organisation graph as SVG on the server: the picture without JavaScript, the image links share, and the small neighbourhood on a page.
import type { PageLanguage } from './format.js';
import { html, raw, type Html } from './template.js';
import type { EdgeKind, NodeKind, OrganisationGraph } from './network-graph.js';

/** Colours that keep 3:1 contrast on white and differ for the common colour-vision deficiencies (Okabe–Ito). */
export const kindColours: Record<NodeKind, string> = {
  city: '#0072B2',
  network: '#D55E00',
  project: '#009E73',
  ngo: '#CC79A7',
  funder: '#B8860B',
  government: '#56B4E9',
  organisation: '#6b7280',
};

export const kindNames: Record<PageLanguage, Record<NodeKind, string>> = {
  en: { city: 'Cities', network: 'Networks', project: 'Projects', ngo: 'NGOs', funder: 'Funders', government: 'Public bodies', organisation: 'Other organisations' },
  de: { city: 'Städte', network: 'Netzwerke', project: 'Projekte', ngo: 'NGOs', funder: 'Geldgeber', government: 'Behörden', organisation: 'Weitere Organisationen' },
};

export const edgeNames: Record<PageLanguage, Record<EdgeKind, string>> = {
  en: { member: 'member of', partner: 'partner in', funding: 'funds', part: 'part of' },
  de: { member: 'Mitglied von', partner: 'Partner in', funding: 'fördert', part: 'Teil von' },
};

const edgeStyle: Record<EdgeKind, string> = {
  member: 'stroke="#8a94a6" stroke-width="1.4"',
  partner: 'stroke="#D55E00" stroke-width="1.6"',
  funding: 'stroke="#B8860B" stroke-width="1.6" stroke-dasharray="5 3"',
  part: 'stroke="#8a94a6" stroke-width="1.2" stroke-dasharray="2 3"',
};

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

interface SvgOptions {
  lang: PageLanguage;
  /** The accessible name of the picture. */
  title: string;
  /** Label every node (small pictures) or only those with at least this many ties. */
  labelMinDegree?: number;
  /** The node drawn larger (the page's own organisation). */
  focus?: string;
  /** Labels beside the node, away from the middle (a star around `focus`), rather than under it. */
  radialLabels?: boolean;
  /** A standalone document (with the XML namespace, for /explore.svg) rather than inline SVG. */
  standalone?: boolean;
}

/** The graph as an SVG: edges as lines, nodes as linked circles with a <title> (hover shows the name). */
export function graphSvg(graph: OrganisationGraph, options: SvgOptions): Html {
  const { lang, title, labelMinDegree = 0, focus, standalone = false, radialLabels = false } = options;
  const at = new Map(graph.nodes.map((n) => [n.id, n]));
  const degree = new Map<string, number>();
  for (const e of graph.edges) for (const id of [e.source, e.target]) degree.set(id, (degree.get(id) ?? 0) + 1);
  const xs = graph.nodes.map((n) => n.x);
  const ys = graph.nodes.map((n) => n.y);
  const pad = radialLabels ? 270 : 90;
  const minX = Math.min(...xs) - pad;
  const minY = Math.min(...ys) - 40;
  const width = Math.max(...xs) - minX + pad;
  const height = Math.max(...ys) - minY + 40;
  const label = (x: number, y: number, r: number, text: string) => {
    if (!radialLabels || (x === 0 && y === 0)) return html`<text x="${x}" y="${y + r + 12}" text-anchor="middle">${text}</text>`;
    const side = Math.abs(x) < 20 ? 'middle' : x > 0 ? 'start' : 'end';
    const dx = side === 'start' ? r + 4 : side === 'end' ? -r - 4 : 0;
    const dy = side === 'middle' ? (y < 0 ? -r - 4 : r + 12) : 4;
    return html`<text x="${x + dx}" y="${y + dy}" text-anchor="${side}">${text}</text>`;
  };
  const lines = graph.edges.map((e) => {
    const a = at.get(e.source)!;
    const b = at.get(e.target)!;
    return html`<line x1="${a.x}" y1="${a.y}" x2="${b.x}" y2="${b.y}" data-kind="${e.kind}" ${raw(edgeStyle[e.kind])}><title>${`${a.label} – ${edgeNames[lang][e.kind]} – ${b.label}`}</title></line>`;
  });
  const circles = graph.nodes.map((n) => {
    const r = n.id === focus ? 13 : 6 + Math.min(6, degree.get(n.id) ?? 0);
    const showLabel = n.id === focus || (degree.get(n.id) ?? 0) >= labelMinDegree;
    return html`<a href="${n.href}" data-kind="${n.kind}"><circle cx="${n.x}" cy="${n.y}" r="${r}" fill="${kindColours[n.kind]}" stroke="#fff" stroke-width="1.5"><title>${n.label}</title></circle>${
      showLabel ? label(n.x, n.y, r, n.id === focus ? n.label : shorten(n.label, 34)) : ''
    }</a>`;
  });
  const ns = standalone ? raw(' xmlns="http://www.w3.org/2000/svg"') : '';
  return html`<svg${ns} class="network" viewBox="${minX} ${minY} ${width} ${height}" width="${Math.round(width)}" height="${Math.round(height)}" role="group" aria-label="${title}" font-family="system-ui, sans-serif" font-size="${radialLabels ? 13 : 11}" fill="#1c2230"><title>${title}</title>${standalone ? raw('<rect x="-10000" y="-10000" width="20000" height="20000" fill="#fff"/>') : ''}<g>${lines}</g><g>${circles}</g></svg>`;
}

