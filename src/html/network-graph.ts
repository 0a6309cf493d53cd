// The organisations and their ties (memberships, partnerships, funding, parts) as nodes and edges, laid out once by d3-force.
import { DataFactory, type Store } from 'n3';
import { forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationNodeDatum } from 'd3-force';
import type { PageLanguage } from './format.js';
import { labelOf } from '../linked-data/page-labels.js';
import { docPathOf, pagePath } from '../linked-data/paths.js';
import { ns, prefixes } from '../rdf/namespaces.js';

const { namedNode } = DataFactory;

export const nodeKinds = ['city', 'network', 'project', 'ngo', 'funder', 'government', 'organisation'] as const;
export type NodeKind = (typeof nodeKinds)[number];
export const edgeKinds = ['member', 'partner', 'funding', 'part'] as const;
export type EdgeKind = (typeof edgeKinds)[number];

export interface GraphNode {
  id: string;
  label: string;
  kind: NodeKind;
  /** Root-relative address of the node's page. */
  href: string;
  x: number;
  y: number;
  /** Networks and projects the node belongs to, for the filter by network. */
  networks: string[];
}

export interface GraphEdge {
  source: string;
  target: string;
  kind: EdgeKind;
}

export interface OrganisationGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

function kindOf(store: Store, iri: string, funders: Set<string>, baseIri: string): NodeKind {
  const is = (type: string) => store.countQuads(namedNode(iri), ns.rdf('type'), namedNode(type), null) > 0;
  if (is(`${prefixes.schema}City`)) return 'city';
  if (is(`${prefixes.schema}Project`)) return 'project';
  if (iri.startsWith(`${baseIri}id/network/`)) return 'network';
  if (funders.has(iri)) return 'funder';
  if (is(`${prefixes.schema}NGO`)) return 'ngo';
  if (is(`${prefixes.schema}GovernmentOrganization`)) return 'government';
  return 'organisation';
}

/** Every organisation (`a org:Organization`) and the ties among them, without positions. */
function collect(store: Store, baseIri: string, lang: PageLanguage): { nodes: Omit<GraphNode, 'x' | 'y'>[]; edges: GraphEdge[] } {
  const ids = [...new Set(store.getSubjects(ns.rdf('type'), ns.org('Organization'), null).filter((s) => s.termType === 'NamedNode').map((s) => s.value))].sort();
  const known = new Set(ids);
  const funders = new Set(store.getObjects(null, ns.schema('funder'), null).map((o) => o.value));
  const partnership = (iri: string) => store.countQuads(namedNode(iri), ns.rdf('type'), namedNode(`${baseIri}def/CityPartnership`), null) > 0;
  const edges = new Map<string, GraphEdge>();
  const add = (source: string, target: string, kind: EdgeKind) => {
    if (known.has(source) && known.has(target) && source !== target) edges.set(`${source} ${target} ${kind}`, { source, target, kind });
  };
  for (const q of store.getQuads(null, ns.org('memberOf'), null, null)) add(q.subject.value, q.object.value, partnership(q.object.value) ? 'partner' : 'member');
  for (const q of store.getQuads(null, ns.schema('funder'), null, null)) add(q.object.value, q.subject.value, 'funding');
  for (const q of store.getQuads(null, ns.org('subOrganizationOf'), null, null)) add(q.subject.value, q.object.value, 'part');
  const nodes = ids.map((id) => {
    const docPath = docPathOf(id, baseIri);
    const networks = [...new Set(store.getObjects(namedNode(id), ns.org('memberOf'), null).map((o) => o.value))].filter((n) => known.has(n)).sort();
    return {
      id,
      label: labelOf(store, id, lang, baseIri),
      kind: kindOf(store, id, funders, baseIri),
      href: docPath ? `${pagePath(baseIri, docPath)}${lang === 'de' ? '?lang=de' : ''}` : id,
      networks,
    };
  });
  return { nodes, edges: [...edges.values()].sort((a, b) => `${a.source} ${a.target}`.localeCompare(`${b.source} ${b.target}`)) };
}

type SimNode = SimulationNodeDatum & { id: string };

/** Positions from a force simulation; deterministic, because d3-force starts from a fixed spiral and nodes come sorted. */
export function layout(ids: string[], edges: GraphEdge[], spread = 1): Map<string, { x: number; y: number }> {
  const simNodes: SimNode[] = ids.map((id) => ({ id }));
  const links = edges.map((e) => ({ source: e.source, target: e.target }));
  const simulation = forceSimulation(simNodes)
    .force('link', forceLink<SimNode, { source: string; target: string }>(links).id((d) => d.id).distance(70 * spread))
    .force('charge', forceManyBody().strength(-200 * spread).distanceMax(400))
    .force('collide', forceCollide(26 * spread))
    .force('center', forceCenter(0, 0))
    // A weak pull to the middle keeps organisations without ties from drifting off the picture.
    .force('x', forceX(0).strength(0.07))
    .force('y', forceY(0).strength(0.07))
    .stop();
  simulation.tick(400);
  return new Map(simNodes.map((n) => [n.id, { x: Math.round(n.x ?? 0), y: Math.round(n.y ?? 0) }]));
}

const cache = new WeakMap<Store, Map<string, OrganisationGraph>>();

/** The organisation graph of a store in one language, laid out; cached per loaded graph. */
export function organisationGraph(store: Store, baseIri: string, lang: PageLanguage): OrganisationGraph {
  const perStore = cache.get(store) ?? new Map<string, OrganisationGraph>();
  cache.set(store, perStore);
  const hit = perStore.get(lang);
  if (hit) return hit;
  const { nodes, edges } = collect(store, baseIri, lang);
  const positions = layout(nodes.map((n) => n.id), edges);
  const graph = { nodes: nodes.map((n) => ({ ...n, ...positions.get(n.id)! })), edges };
  perStore.set(lang, graph);
  return graph;
}

/** One organisation and its direct ties, laid out on their own: the small picture on its page. */
export function neighbourhood(store: Store, baseIri: string, lang: PageLanguage, iri: string): OrganisationGraph | undefined {
  const whole = organisationGraph(store, baseIri, lang);
  if (!whole.nodes.some((n) => n.id === iri)) return undefined;
  const edges = whole.edges.filter((e) => e.source === iri || e.target === iri);
  if (edges.length === 0) return undefined;
  const ids = new Set([iri, ...edges.flatMap((e) => [e.source, e.target])]);
  const nodes = whole.nodes.filter((n) => ids.has(n.id));
  // The organisation in the middle, its ties on a circle grouped by kind: easier to read than a force layout for a star.
  const order = (kind: string) => nodeKinds.indexOf(kind as NodeKind);
  const around = nodes.filter((n) => n.id !== iri).sort((a, b) => order(a.kind) - order(b.kind) || a.label.localeCompare(b.label, lang));
  const radius = 60 + 14 * around.length;
  const positions = new Map<string, { x: number; y: number }>([[iri, { x: 0, y: 0 }]]);
  around.forEach((n, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / around.length;
    positions.set(n.id, { x: Math.round(radius * 1.6 * Math.cos(angle)), y: Math.round(radius * Math.sin(angle)) });
  });
  return { nodes: nodes.map((n) => ({ ...n, ...positions.get(n.id)! })), edges };
}
