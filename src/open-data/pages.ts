// The HTML pages of the open-data path: the home page (with its schema.org Dataset) and the human view of the catalogue.
import { kindLabels } from '../rdf/kinds.js';
import { escapeHtml, jsonForScript, renderPage } from '../html/layout.js';
import { formatDate, formatNumber, type PageLanguage } from '../html/format.js';
import { compactIri } from '../rdf/namespaces.js';
import type { Config } from '../config.js';
import type { Dump } from './dumps.js';
import type { Release } from './release.js';
import type { GraphStatistics } from '../store/statistics.js';
import { catalogueIris, citationText, creditText, datasetText, themes, type SourceInfo } from './catalogue.js';
import { licenceName } from '../rdf/licences.js';
import type { LoadedGraph } from '../store/load.js';
import { timelineHtml, timelineItems } from '../html/timeline.js';
import { classLabels } from '../linked-data/vocabulary-labels.js';

interface PageInput {
  readonly config: Config;
  readonly release: Release;
  readonly statistics: GraphStatistics;
  readonly dumps: readonly Dump[];
  readonly sources: Readonly<Record<PageLanguage, readonly SourceInfo[]>>;
  /** The loaded graph, for the home page's timeline. */
  readonly graph?: LoadedGraph;
}

function kindName(kind: string, lang: PageLanguage): string {
  return kindLabels[kind]?.[lang] ?? kind;
}

function formatBytes(n: number, lang: PageLanguage): string {
  const format = (v: number) => formatNumber(v, lang, { maximumFractionDigits: 1 });
  if (n < 1024) return `${format(n)}\u00a0B`;
  if (n < 1024 * 1024) return `${format(n / 1024)}\u00a0KiB`;
  return `${format(n / 1024 / 1024)}\u00a0MiB`;
}

function link(href: string, text: string): string {
  return `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;
}

/** The release date as a person reads it (release dates are checked YYYY-MM-DD, so there is always one). */
function humanDate(iso: string, lang: PageLanguage): string {
  return formatDate(iso, lang) ?? iso;
}

/** The schema.org Dataset that dataset search engines index, built from the same facts as the catalogue. */
function schemaOrgDataset(input: PageInput, lang: PageLanguage): Record<string, unknown> {
  const { config, release, statistics, dumps } = input;
  const iri = catalogueIris(config.baseIri);
  const organisation = { '@type': 'Organization', name: datasetText.publisher[lang], url: iri.home };
  return {
    '@context': 'https://schema.org/',
    '@type': 'Dataset',
    '@id': iri.dataset,
    name: datasetText.title[lang],
    alternateName: datasetText.title[lang === 'de' ? 'en' : 'de'],
    description: datasetText.description[lang],
    url: iri.home,
    version: release.version,
    datePublished: release.firstDate,
    dateModified: release.date,
    license: config.datasetLicense,
    isAccessibleForFree: true,
    creator: organisation,
    publisher: organisation,
    keywords: [...datasetText.keywords.de, ...datasetText.keywords.en],
    inLanguage: ['de', 'en'],
    creditText: citationText(config.baseIri, release, lang),
    citation: citationText(config.baseIri, release, lang),
    ...(statistics.temporal ? { temporalCoverage: `${statistics.temporal.start.literal.value}/${statistics.temporal.end.literal.value}` } : {}),
    spatialCoverage: { '@type': 'Place', name: lang === 'de' ? 'Europa' : 'Europe' },
    isBasedOn: input.sources[lang].map((s) => ({ '@type': 'WebPage', name: s.title, ...(s.publisher ? { publisher: { '@type': 'Organization', name: s.publisher } } : {}) })),
    includedInDataCatalog: { '@type': 'DataCatalog', name: datasetText.catalogueTitle[lang], url: iri.document },
    distribution: dumps.map((dump) => ({
      '@type': 'DataDownload',
      name: dump.title[lang],
      contentUrl: iri.download(dump.fileName),
      encodingFormat: dump.compressFormat ? dump.compressFormat : dump.mediaType,
      contentSize: `${dump.bytes.length} B`,
      sha256: dump.sha256,
    })),
  };
}

function downloadsTable(input: PageInput, lang: PageLanguage): string {
  const iri = catalogueIris(input.config.baseIri);
  const head = lang === 'de' ? ['Datei', 'Format', 'Größe', 'SHA-256'] : ['File', 'Format', 'Size', 'SHA-256'];
  const rows = input.dumps.map(
    (dump) =>
      `<tr><td>${link(iri.download(dump.fileName), dump.fileName)}</td><td>${escapeHtml(dump.title[lang])}<br><span class="muted">${escapeHtml(dump.mediaType)}${
        dump.compressFormat ? ` + ${escapeHtml(dump.compressFormat)}` : ''
      }</span></td><td>${escapeHtml(formatBytes(dump.bytes.length, lang))}</td><td><code class="hash">${escapeHtml(dump.sha256)}</code></td></tr>`,
  );
  return `<table><thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function citationBlock(input: PageInput, lang: PageLanguage): string {
  const text = citationText(input.config.baseIri, input.release, lang);
  const intro =
    lang === 'de'
      ? `Version <strong>${escapeHtml(input.release.version)}</strong>, veröffentlicht am ${escapeHtml(humanDate(input.release.date, lang))}. Bitte zitieren Sie die Version, die Sie abgefragt haben:`
      : `Version <strong>${escapeHtml(input.release.version)}</strong>, released on ${escapeHtml(humanDate(input.release.date, lang))}. Please cite the version you queried:`;
  const unreleased = input.release.released
    ? ''
    : `<p class="muted">${lang === 'de' ? 'Entwicklungsstand: Der Datenordner hat kein CHANGELOG.md.' : 'Development state: the data folder has no CHANGELOG.md.'}</p>`;
  return `<p>${intro}</p><blockquote class="citation"><p id="citation">${escapeHtml(text)}</p></blockquote>${unreleased}`;
}

function sourcesList(input: PageInput, lang: PageLanguage): string {
  const base = input.config.baseIri;
  return `<ul>${input.sources[lang]
    .map((s) => `<li>${link(s.iri.replace(`${base}id/`, `${base}doc/`), s.title)}${s.publisher ? ` <span class="muted">(${escapeHtml(s.publisher)})</span>` : ''}</li>`)
    .join('')}</ul>`;
}

/** Alternate links shared by the home and catalogue pages, so a harvester finds the catalogue from either. */
function alternateLinks(baseIri: string): string {
  const iri = catalogueIris(baseIri);
  return [
    `<link rel="describedby" type="text/turtle" href="${escapeHtml(iri.document)}" title="DCAT-AP catalogue">`,
    `<link rel="alternate" type="text/turtle" href="${escapeHtml(iri.document)}?format=turtle" title="DCAT-AP catalogue (Turtle)">`,
    `<link rel="alternate" type="application/ld+json" href="${escapeHtml(iri.document)}?format=jsonld" title="DCAT-AP catalogue (JSON-LD)">`,
    `<link rel="alternate" type="text/turtle" href="${escapeHtml(iri.void)}" title="VoID">`,
    `<link rel="sitemap" type="application/xml" href="${escapeHtml(baseIri)}sitemap.xml">`,
  ].join('\n');
}

/** The home page: what the dataset is, its counts, every way in, the downloads and the citation. */
export function homePage(input: PageInput, lang: PageLanguage): string {
  const { config, statistics } = input;
  const base = config.baseIri;
  const iri = catalogueIris(base);
  const de = lang === 'de';
  const kinds = [...statistics.entitiesByKind.entries()]
    .map(([kind, list]) => `<tr><td>${link(`${base}id/${kind}/`, kindName(kind, lang))}</td><td>${formatNumber(list.length, lang)}</td></tr>`)
    .join('');
  const classes = [...statistics.classes.entries()]
    .sort(([a, n], [b, m]) => m - n || (a < b ? -1 : 1))
    // People read the class's name; the prefixed name is there on hover for those who write queries.
    .map(([cls, n]) => `<tr><td><span title="${escapeHtml(compactIri(cls, base))}">${escapeHtml(classLabels[cls]?.[lang] ?? compactIri(cls, base))}</span></td><td>${formatNumber(n, lang)}</td></tr>`)
    .join('');
  const otherLang = de ? 'en' : 'de';
  const timeline = input.graph
    ? String(timelineHtml(timelineItems(input.graph.store), input.graph.store, lang, base, de ? 'Was wann geschah' : 'What happened when') ?? '')
    : '';
  const body = `
<h1>${escapeHtml(datasetText.title[lang])}</h1>
<p>${escapeHtml(datasetText.description[lang])}</p>
<p class="muted">${link(`${base}?lang=${otherLang}`, de ? 'English' : 'Deutsch')}</p>

${timeline}

<h2>${de ? 'Zugänge' : 'Ways in'}</h2>
<ul>
<li>${link(`${base}explore${de ? '?lang=de' : ''}`, de ? 'Die Netzwerke als Bild' : 'The networks as a picture')} – ${de ? 'wer zu welchem Netzwerk gehört und wer wen fördert' : 'who belongs to which network, and who funds whom'}</li>
<li>${link(iri.document, de ? 'Katalog (DCAT-AP)' : 'Catalogue (DCAT-AP)')} – ${de ? 'Metadaten für Datenportale, in allen RDF-Formaten' : 'metadata for data portals, in every RDF format'}</li>
<li>${link(iri.sparqlEndpoint, de ? 'SPARQL-Endpunkt' : 'SPARQL endpoint')} – <code>${escapeHtml(iri.sparqlEndpoint)}</code></li>
<li>${link(`${base}docs`, de ? 'REST-Schnittstelle (Dokumentation)' : 'REST API (documentation)')} · ${link(iri.openApi, 'OpenAPI')}</li>
<li>${link(iri.void, de ? 'VoID-Beschreibung (Statistik)' : 'VoID description (statistics)')}</li>
<li>${link(`${base}sitemap.xml`, 'sitemap.xml')}</li>
</ul>

<h2>${de ? 'Inhalt' : 'Contents'}</h2>
<p>${de ? `${formatNumber(statistics.triples, lang)} Tripel über ${formatNumber(statistics.entities, lang)} Ressourcen, aus ${formatNumber(input.sources[lang].length, lang)} Quellen.` : `${formatNumber(statistics.triples, lang)} triples about ${formatNumber(statistics.entities, lang)} resources, from ${formatNumber(input.sources[lang].length, lang)} sources.`}</p>
<table><thead><tr><th scope="col">${de ? 'Verzeichnis' : 'Index'}</th><th scope="col">${de ? 'Anzahl' : 'Count'}</th></tr></thead><tbody>${kinds}</tbody></table>
<details><summary>${de ? 'Anzahl je Klasse' : 'Count per class'}</summary>
<table><thead><tr><th scope="col">${de ? 'Klasse' : 'Class'}</th><th scope="col">${de ? 'Ressourcen' : 'Resources'}</th></tr></thead><tbody>${classes}</tbody></table>
</details>

<h2>${de ? 'Downloads' : 'Downloads'}</h2>
${downloadsTable(input, lang)}

<h2>${de ? 'Zitieren' : 'How to cite'}</h2>
${citationBlock(input, lang)}

<h2>${de ? 'Lizenz und Quellen' : 'Licence and sources'}</h2>
<p>${de ? 'Lizenz' : 'Licence'}: ${link(config.datasetLicense, licenceName(config.datasetLicense))}. ${escapeHtml(creditText(input.sources[lang], lang))}</p>
${sourcesList(input, lang)}
`;
  const head = `${alternateLinks(base)}\n<script type="application/ld+json">${jsonForScript(schemaOrgDataset(input, lang))}</script>`;
  return renderPage({ lang, title: datasetText.title[lang], body, head, baseIri: base, current: 'home' });
}

/** The catalogue for people: the same facts as the RDF, with links to the RDF formats. */
export function cataloguePage(input: PageInput, lang: PageLanguage, formats: ReadonlyArray<{ name: string; type: string }>): string {
  const { config, release, statistics } = input;
  const base = config.baseIri;
  const iri = catalogueIris(base);
  const de = lang === 'de';
  const row = (label: string, value: string) => `<tr><th scope="row">${escapeHtml(label)}</th><td>${value}</td></tr>`;
  const temporal = statistics.temporal ? `${escapeHtml(statistics.temporal.start.literal.value)} – ${escapeHtml(statistics.temporal.end.literal.value)}` : '–';
  const body = `
<h1>${escapeHtml(datasetText.catalogueTitle[lang])}</h1>
<p>${escapeHtml(datasetText.catalogueDescription[lang])}</p>
<p class="muted">RDF: ${formats.map((f) => link(`${iri.document}?format=${f.name}`, f.type)).join(' · ')} · ${link(`${iri.document}?lang=${de ? 'en' : 'de'}`, de ? 'English' : 'Deutsch')}</p>
<h2>${de ? 'Datensatz' : 'Dataset'}</h2>
<table><tbody>
${row(de ? 'Titel' : 'Title', escapeHtml(datasetText.title[lang]))}
${row(de ? 'Beschreibung' : 'Description', escapeHtml(datasetText.description[lang]))}
${row(de ? 'Herausgeber' : 'Publisher', escapeHtml(datasetText.publisher[lang]))}
${row(de ? 'Kontakt' : 'Contact', [link(iri.home, iri.home), ...(config.datasetContactEmail ? [link(`mailto:${config.datasetContactEmail}`, config.datasetContactEmail)] : [])].join(' · '))}
${row(de ? 'Lizenz' : 'Licence', link(config.datasetLicense, licenceName(config.datasetLicense)))}
${row(de ? 'Namensnennung' : 'Attribution', escapeHtml(creditText(input.sources[lang], lang)))}
${row(de ? 'Themen' : 'Themes', themes.map((t) => link(`http://publications.europa.eu/resource/authority/data-theme/${t.code}`, t.label[lang])).join(', '))}
${row(de ? 'Räumliche Abdeckung' : 'Spatial coverage', link('http://publications.europa.eu/resource/authority/continent/EUROPE', de ? 'Europa' : 'Europe'))}
${row(de ? 'Zeitliche Abdeckung' : 'Temporal coverage', temporal)}
${row(de ? 'Version' : 'Version', escapeHtml(release.version))}
${row(de ? 'Erstmals veröffentlicht' : 'Issued', escapeHtml(release.firstDate))}
${row(de ? 'Geändert' : 'Modified', escapeHtml(release.date))}
${row(de ? 'Schlagwörter' : 'Keywords', escapeHtml(datasetText.keywords[lang].join(', ')))}
${row(de ? 'Zitat' : 'Citation', `<span id="citation">${escapeHtml(citationText(base, release, lang))}</span>`)}
${row(de ? 'Quellen' : 'Sources', sourcesList(input, lang))}
</tbody></table>
<h2>${de ? 'Distributionen' : 'Distributions'}</h2>
${downloadsTable(input, lang)}
<h2>${de ? 'Datendienste' : 'Data services'}</h2>
<ul>
<li>${link(iri.sparqlEndpoint, de ? 'SPARQL-1.1-Endpunkt' : 'SPARQL 1.1 endpoint')} <span class="muted">(${de ? 'Dienstbeschreibung am Endpunkt' : 'service description at the endpoint'})</span></li>
<li>${link(iri.apiEndpoint, de ? 'REST-Schnittstelle' : 'REST API')} <span class="muted">(${link(iri.openApi, 'OpenAPI')})</span></li>
</ul>
`;
  return renderPage({ lang, title: datasetText.catalogueTitle[lang], body, head: alternateLinks(base), baseIri: base, current: 'catalogue' });
}
