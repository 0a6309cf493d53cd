// Generates a graph of any size in the shape of the real data (cities, networks, memberships, events, labels in two languages) as N-Quads.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  schema: 'http://schema.org/',
  org: 'http://www.w3.org/ns/org#',
  prov: 'http://www.w3.org/ns/prov#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
};

/** A small deterministic PRNG (mulberry32), so two runs generate the same graph. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Writes about `triples` triples to `file`, one named graph per generated "source" (as data/ has one per page).
 * Per city: 9 triples; per network: 8; per membership: 6; per event: 8. Memberships link cities to networks.
 */
export async function generateGraph(file: string, triples: number, baseIri: string): Promise<{ triples: number; cities: number; networks: number }> {
  const next = random(42);
  const out = createWriteStream(file);
  let written = 0;
  let buffer = '';
  const iri = (path: string) => `<${baseIri}${path}>`;
  const lit = (text: string, lang: string) => `"${text}"@${lang}`;
  const typed = (text: string, type: string) => `"${text}"^^<${NS.xsd}${type}>`;
  const emit = async (s: string, p: string, o: string, g: string) => {
    buffer += `${s} <${p}> ${o} ${g} .\n`;
    written++;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  };
  const networks = Math.max(5, Math.round(triples / 2000));
  for (let n = 0; n < networks; n++) {
    const g = iri(`graph/source-${n % 50}`);
    const s = iri(`id/network/network-${n}`);
    await emit(s, NS.rdf + 'type', `<${NS.org}OrganizationalCollaboration>`, g);
    await emit(s, NS.rdf + 'type', `<${NS.org}Organization>`, g);
    await emit(s, NS.rdfs + 'label', lit(`Netzwerk ${n}`, 'de'), g);
    await emit(s, NS.rdfs + 'label', lit(`Network ${n}`, 'en'), g);
    await emit(s, NS.skos + 'prefLabel', lit(`Netzwerk ${n}`, 'de'), g);
    await emit(s, NS.skos + 'prefLabel', lit(`Network ${n}`, 'en'), g);
    await emit(s, NS.schema + 'foundingDate', typed(`${1980 + (n % 40)}`, 'gYear'), g);
    await emit(s, NS.prov + 'wasDerivedFrom', iri(`id/source/source-${n % 50}`), g);
  }
  let c = 0;
  let m = 0;
  let e = 0;
  while (written < triples) {
    const g = iri(`graph/source-${c % 50}`);
    const city = iri(`id/city/city-${c}`);
    await emit(city, NS.rdf + 'type', `<${NS.schema}City>`, g);
    await emit(city, NS.rdf + 'type', `<${NS.org}Organization>`, g);
    await emit(city, NS.rdfs + 'label', lit(`Stadt ${c}`, 'de'), g);
    await emit(city, NS.rdfs + 'label', lit(`City ${c}`, 'en'), g);
    await emit(city, NS.skos + 'prefLabel', lit(`Stadt ${c}`, 'de'), g);
    await emit(city, NS.skos + 'prefLabel', lit(`City ${c}`, 'en'), g);
    await emit(city, NS.schema + 'containedInPlace', iri(`id/country/country-${c % 30}`), g);
    await emit(city, NS.schema + 'description', lit(`Eine Stadt, die in ${1 + (c % 4)} Netzwerken mitarbeitet.`, 'de'), g);
    await emit(city, NS.prov + 'wasDerivedFrom', iri(`id/source/source-${c % 50}`), g);
    for (let k = 0; k < 1 + (c % 4) && written < triples; k++) {
      const net = Math.floor(next() * networks);
      const ms = iri(`id/membership/membership-${m++}`);
      await emit(ms, NS.rdf + 'type', `<${NS.org}Membership>`, g);
      await emit(ms, NS.org + 'member', city, g);
      await emit(ms, NS.org + 'organization', iri(`id/network/network-${net}`), g);
      await emit(ms, NS.schema + 'startDate', typed(`${1990 + Math.floor(next() * 35)}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}`, 'gYearMonth'), g);
      await emit(ms, NS.prov + 'wasDerivedFrom', iri(`id/source/source-${c % 50}`), g);
      await emit(city, NS.org + 'memberOf', iri(`id/network/network-${net}`), g);
    }
    if (c % 3 === 0) {
      const ev = iri(`id/event/event-${e++}`);
      await emit(ev, NS.rdf + 'type', `<${NS.schema}Event>`, g);
      await emit(ev, NS.rdfs + 'label', lit(`Treffen ${e}`, 'de'), g);
      await emit(ev, NS.rdfs + 'label', lit(`Meeting ${e}`, 'en'), g);
      await emit(ev, NS.schema + 'startDate', typed(`${2015 + (e % 10)}-${String(1 + (e % 12)).padStart(2, '0')}-${String(1 + (e % 28)).padStart(2, '0')}`, 'date'), g);
      await emit(ev, NS.schema + 'location', city, g);
      await emit(ev, NS.schema + 'organizer', iri(`id/network/network-${e % networks}`), g);
      await emit(ev, NS.schema + 'about', lit(`Integration und Teilhabe ${e % 17}`, 'de'), g);
      await emit(ev, NS.prov + 'wasDerivedFrom', iri(`id/source/source-${c % 50}`), g);
    }
    c++;
  }
  out.end(buffer);
  await once(out, 'finish');
  return { triples: written, cities: c, networks };
}
