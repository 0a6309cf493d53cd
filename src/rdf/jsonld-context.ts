// The project's one published JSON-LD context ({base}context.jsonld): short keys, language maps for labels.
import { prefixes } from './namespaces.js';

/**
 * Builds the context for a base IRI. Every term maps to exactly one IRI so that expanding a compacted
 * document gives back the same graph (tested by isomorphism).
 */
export function jsonLdContext(baseIri: string): Record<string, unknown> {
  return {
    '@version': 1.1,
    ...prefixes,
    cn: `${baseIri}def/`,
    id: `${baseIri}id/`,
  };
}
