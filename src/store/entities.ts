// The things of the graph grouped by kind ({base}id/{kind}/{slug}): one rule for the kind indexes, the sitemap, VoID and the home page.
import type { Store } from 'n3';

/**
 * One path segment we serve: ASCII letters, digits, `-`, `_`, `~` and inner dots. A thing whose kind or slug
 * is anything else has no page the routes would answer, so it is in no index and no sitemap either.
 */
export const pathSegment = /^[A-Za-z0-9_~-][A-Za-z0-9._~-]*$/;

/** Groups `{base}id/{kind}/{slug}` IRIs by kind; kinds and each list sorted by code point, so every listing agrees. */
export function groupByKind(iris: Iterable<string>, baseIri: string): Map<string, string[]> {
  const prefix = `${baseIri}id/`;
  const kinds = new Map<string, Set<string>>();
  for (const iri of iris) {
    if (!iri.startsWith(prefix)) continue;
    const parts = iri.slice(prefix.length).split('/');
    if (parts.length !== 2 || !parts.every((p) => pathSegment.test(p))) continue;
    const members = kinds.get(parts[0]!) ?? new Set<string>();
    members.add(iri);
    kinds.set(parts[0]!, members);
  }
  const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return new Map([...kinds.entries()].sort(([a], [b]) => byCodePoint(a, b)).map(([kind, members]) => [kind, [...members].sort(byCodePoint)]));
}

/** Every kind with its members: the `{base}id/{kind}/{slug}` IRIs that are the subject of some triple. */
export function entitiesByKind(store: Store, baseIri: string): Map<string, string[]> {
  return groupByKind(
    store.getSubjects(null, null, null).flatMap((s) => (s.termType === 'NamedNode' ? [s.value] : [])),
    baseIri,
  );
}
