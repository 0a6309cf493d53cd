// The escapers for the markup the service writes: XML (SPARQL XML results, RDF/XML, the sitemap) and HTML (the page template).
const entities: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for XML element content or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => entities[c]!);
}

/** Text for HTML element content or an attribute quoted either way (hence the apostrophe too). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c]!);
}
