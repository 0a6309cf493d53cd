// Compacted JSON-LD for documents: the published context by reference, native numbers and booleans where exact, blank nodes nested.
import type { Quad } from '@rdfjs/types';
import { prefixes } from '../rdf/namespaces.js';
import { compactJsonLd, expandTriples } from '../rdf/serialize.js';

const XSD = prefixes.xsd;

type JsonObject = Record<string, unknown>;

/** The URL the context is published at. */
export function contextUrl(baseIri: string): string {
  return `${baseIri}context.jsonld`;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Turns `"200"^^xsd:integer` and `"true"^^xsd:boolean` into JSON numbers and booleans, but only when
 * expanding them gives back exactly the same literal (canonical form). jsonld.js's own `useNativeTypes`
 * also converts doubles, which loses lexical forms like "1.50E0"; this is why the pass is written here.
 */
function nativeValue(value: JsonObject): JsonObject {
  const lexical = value['@value'];
  if (typeof lexical !== 'string') return value;
  if (value['@type'] === `${XSD}integer`) {
    const n = Number(lexical);
    if (/^-?[1-9]\d*$|^0$/.test(lexical) && Number.isSafeInteger(n)) return { '@value': n };
  }
  if (value['@type'] === `${XSD}boolean` && (lexical === 'true' || lexical === 'false')) return { '@value': lexical === 'true' };
  return value;
}

/**
 * Nests blank nodes that are referenced exactly once inside the node that references them, so an
 * interval or a count reads as part of its owner. Nodes referenced twice or never (cycles) stay at the top;
 * a node referenced once has one place to go, so the graph is unchanged (the isomorphism test checks it).
 */
function nestBlankNodes(nodes: JsonObject[]): JsonObject[] {
  const references = new Map<string, number>();
  const visit = (value: unknown, count: (id: string) => void): void => {
    if (Array.isArray(value)) for (const v of value) visit(v, count);
    else if (isObject(value) && typeof value['@id'] === 'string' && Object.keys(value).length === 1) count(value['@id']);
  };
  for (const node of nodes) {
    for (const [key, value] of Object.entries(node)) if (key !== '@id' && key !== '@type') visit(value, (id) => references.set(id, (references.get(id) ?? 0) + 1));
  }
  const byId = new Map(nodes.map((n) => [n['@id'] as string, n]));
  const nestable = new Set([...references].filter(([id, n]) => n === 1 && id.startsWith('_:') && byId.has(id)).map(([id]) => id));
  const nested = new Set<string>();
  const embed = (node: JsonObject, path: Set<string>): JsonObject => {
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === '@id' || key === '@type' || !Array.isArray(value)) {
        out[key] = value;
        continue;
      }
      out[key] = value.map((v: unknown) => {
        if (!isObject(v) || typeof v['@id'] !== 'string' || Object.keys(v).length !== 1) return v;
        const id = v['@id'];
        if (!nestable.has(id) || path.has(id)) return v;
        nested.add(id);
        const { '@id': _dropped, ...rest } = byId.get(id)!;
        void _dropped;
        return embed(rest, new Set([...path, id]));
      });
    }
    return out;
  };
  const roots = nodes.filter((n) => !nestable.has(n['@id'] as string)).map((n) => embed(n, new Set([n['@id'] as string])));
  // Nestable nodes that no root reached (a cycle of blank nodes) keep their place at the top.
  const leftovers = nodes.filter((n) => nestable.has(n['@id'] as string) && !nested.has(n['@id'] as string));
  return [...roots, ...leftovers];
}

function nativeValues(nodes: JsonObject[]): JsonObject[] {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (!isObject(value)) return value;
    if ('@value' in value) return nativeValue(value);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === '@id' || k === '@type' ? v : walk(v)]));
  };
  return nodes.map((n) => walk(n) as JsonObject);
}

/**
 * Compacts triples (graphs dropped) with the project's context and refers to the published context by
 * URL. The main resource's node comes first in `@graph`, so readers see it before its neighbours.
 */
export async function documentJsonLd(quads: Iterable<Quad>, baseIri: string, main?: string): Promise<JsonObject> {
  // Same expansion and context as serializeQuads; the shaping in between is what documents add.
  const shaped = nestBlankNodes(nativeValues(await expandTriples(quads, baseIri)));
  if (main !== undefined) shaped.sort((a, b) => Number(b['@id'] === main) - Number(a['@id'] === main));
  const compacted = await compactJsonLd(shaped, baseIri);
  const { '@context': _inline, ...body } = compacted;
  void _inline;
  return { '@context': contextUrl(baseIri), ...body };
}
