// The HTML pages of the open-data path: the home page (with its schema.org Dataset) and the human view of the catalogue.
import { kindLabels } from '../rdf/kinds.js';
import { jsonForScript, renderPage } from '../html/layout.js';
import { formatDate, formatNumber, humanValue, type PageLanguage } from '../html/format.js';
import { html, raw, type Html } from '../html/template.js';
import { labelOf } from '../linked-data/page-labels.js';
import { compactIri } from '../rdf/namespaces.js';
import type { Config } from '../config.js';
import type { Dump } from './dumps.js';
import type { Release } from './release.js';
import type { GraphStatistics } from '../store/statistics.js';
import { catalogueIris, citationText, creditText, type SourceInfo } from './catalogue.js';
import { datasetText, themes } from './dataset-texts.js';
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

function link(href: string, text: string): Html {
  return html`<a href="${href}">${text}</a>`;
}

/** The release date as a person reads it (release dates are checked YYYY-MM-DD, so there is always one). */
function humanDate(iso: string, lang: PageLanguage): string {
  return formatDate(iso, lang) ?? iso;
}

/** Format names people know, for media types ("Turtle" rather than text/turtle); the type stays in a tooltip. */
const formatNames: Record<string, string> = {
  'text/turtle': 'Turtle',
  'application/ld+json': 'JSON-LD',
  'application/rdf+xml': 'RDF/XML',
  'application/n-triples': 'N-Triples',
  'application/trig': 'TriG',
  'application/n-quads': 'N-Quads',
  'application/gzip': 'gzip',
};

function formatName(mediaType: string): string {
  return formatNames[mediaType] ?? mediaType;
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

function downloadsTable(input: PageInput, lang: PageLanguage): Html {
  const iri = catalogueIris(input.config.baseIri);
  const head = lang === 'de' ? ['Datei', 'Format', 'Größe', 'SHA-256'] : ['File', 'Format', 'Size', 'SHA-256'];
  const rows = input.dumps.map(
    (dump) =>
      html`<tr><td>${link(iri.download(dump.fileName), dump.fileName)}</td><td>${dump.title[lang]}<br><span class="muted small" title="${dump.mediaType}${dump.compressFormat ? ` + ${dump.compressFormat}` : ''}">${formatName(dump.mediaType)}${
        dump.compressFormat ? `, ${formatName(dump.compressFormat)}` : ''
      }</span></td><td>${formatBytes(dump.bytes.length, lang)}</td><td><code class="hash">${dump.sha256}</code></td></tr>`,
  );
  return html`<div class="table-scroll"><table class="downloads"><thead><tr>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

function citationBlock(input: PageInput, lang: PageLanguage): Html {
  const text = citationText(input.config.baseIri, input.release, lang);
  const version = html`<strong>${input.release.version}</strong>`;
  const date = humanDate(input.release.date, lang);
  const intro =
    lang === 'de'
      ? html`Version ${version}, veröffentlicht am ${date}. Bitte zitieren Sie die Version, die Sie abgefragt haben:`
      : html`Version ${version}, released on ${date}. Please cite the version you queried:`;
  const unreleased = input.release.released
    ? ''
    : html`<p class="muted">${lang === 'de' ? 'Entwicklungsstand: Der Datenordner hat kein CHANGELOG.md.' : 'Development state: the data folder has no CHANGELOG.md.'}</p>`;
  return html`<p>${intro}</p><blockquote class="citation"><p id="citation">${text}</p></blockquote>${unreleased}`;
}

/**
 * The sources, named in the reader's language (the graph's label) with the original title beside it when it
 * differs: the German pages are the sources, and their titles stay recognisable.
 */
function sourcesList(input: PageInput, lang: PageLanguage): Html {
  const base = input.config.baseIri;
  const collator = new Intl.Collator(lang);
  const items = input.sources[lang]
    .map((s) => {
      const label = input.graph ? labelOf(input.graph.store, s.iri, lang, base) : s.title;
      return { ...s, label };
    })
    .sort((a, b) => collator.compare(a.label, b.label))
    .map(
      (s) =>
        html`<li>${link(s.iri.replace(`${base}id/`, `${base}doc/`), s.label)}${
          s.label !== s.title ? html` <span class="muted small">(${lang === 'de' ? 'Originaltitel' : 'original title'}: <span lang="de">${s.title}</span>)</span>` : ''
        }${s.publisher ? html` <span class="muted">– ${s.publisher}</span>` : ''}</li>`,
    );
  return html`<ul>${items}</ul>`;
}

/** Alternate links shared by the home and catalogue pages, so a harvester finds the catalogue from either. */
function alternateLinks(baseIri: string): Html {
  const iri = catalogueIris(baseIri);
  return html`<link rel="describedby" type="text/turtle" href="${iri.document}" title="DCAT-AP catalogue">
<link rel="alternate" type="text/turtle" href="${iri.document}?format=turtle" title="DCAT-AP catalogue (Turtle)">
<link rel="alternate" type="application/ld+json" href="${iri.document}?format=jsonld" title="DCAT-AP catalogue (JSON-LD)">
<link rel="alternate" type="text/turtle" href="${iri.void}" title="VoID">
<link rel="sitemap" type="application/xml" href="${baseIri}sitemap.xml">`;
}

/** The home page: what the dataset is, what happened when, every way in, the counts, the downloads and the citation. */
export function homePage(input: PageInput, lang: PageLanguage): string {
  const { config, statistics } = input;
  const base = config.baseIri;
  const iri = catalogueIris(base);
  const de = lang === 'de';
  const collator = new Intl.Collator(lang);
  const kinds = [...statistics.entitiesByKind.entries()]
    .map(([kind, list]) => ({ kind, name: kindName(kind, lang), count: list.length }))
    .sort((a, b) => collator.compare(a.name, b.name))
    .map(({ kind, name, count }) => html`<tr><td>${link(`${base}id/${kind}/`, name)}</td><td>${formatNumber(count, lang)}</td></tr>`);
  // People read the class's name; the prefixed name is there on hover for those who write queries.
  const classes = [...statistics.classes.entries()]
    .sort(([a, n], [b, m]) => m - n || (a < b ? -1 : 1))
    .map(([cls, n]) => html`<tr><td><span title="${compactIri(cls, base)}">${classLabels[cls]?.[lang] ?? compactIri(cls, base)}</span></td><td>${formatNumber(n, lang)}</td></tr>`);
  const otherLang = de ? 'en' : 'de';
  const timeline = input.graph ? (timelineHtml(timelineItems(input.graph.store), input.graph.store, lang, base, de ? 'Was wann geschah' : 'What happened when') ?? '') : '';
  const counts = de
    ? `${formatNumber(statistics.triples, lang)} Aussagen über ${formatNumber(statistics.entities, lang)} Dinge, aus ${formatNumber(input.sources[lang].length, lang)} Quellen.`
    : `${formatNumber(statistics.triples, lang)} statements about ${formatNumber(statistics.entities, lang)} things, from ${formatNumber(input.sources[lang].length, lang)} sources.`;
  const body = html`
<h1>${datasetText.title[lang]}</h1>
<p>${datasetText.description[lang]}</p>
<p class="muted">${link(`${base}?lang=${otherLang}`, de ? 'English' : 'Deutsch')}</p>

${timeline}

<h2>${de ? 'Zugänge' : 'Ways in'}</h2>
<ul>
<li>${link(`${base}explore${de ? '?lang=de' : ''}`, de ? 'Die Netzwerke als Bild' : 'The networks as a picture')} – ${de ? 'wer zu welchem Netzwerk gehört und wer wen fördert' : 'who belongs to which network, and who funds whom'}</li>
<li>${link(iri.document, de ? 'Katalog (DCAT-AP)' : 'Catalogue (DCAT-AP)')} – ${de ? 'Metadaten für Datenportale, in allen RDF-Formaten' : 'metadata for data portals, in every RDF format'}</li>
<li>${link(iri.sparqlEndpoint, de ? 'SPARQL-Abfragen' : 'SPARQL queries')} – <code>${iri.sparqlEndpoint}</code></li>
<li>${link(`${base}docs`, de ? 'REST-Schnittstelle (Dokumentation)' : 'REST API (documentation)')} · ${link(iri.openApi, 'OpenAPI')}</li>
<li>${link(iri.void, de ? 'VoID-Beschreibung (Statistik)' : 'VoID description (statistics)')}</li>
<li>${link(`${base}sitemap.xml`, 'sitemap.xml')}</li>
</ul>

<h2>${de ? 'Inhalt' : 'Contents'}</h2>
<p>${counts}</p>
<table><thead><tr><th scope="col">${de ? 'Verzeichnis' : 'Index'}</th><th scope="col">${de ? 'Anzahl' : 'Count'}</th></tr></thead><tbody>${kinds}</tbody></table>
<details><summary>${de ? 'Anzahl je Art' : 'Count per kind'}</summary>
<table><thead><tr><th scope="col">${de ? 'Art' : 'Kind'}</th><th scope="col">${de ? 'Anzahl' : 'Count'}</th></tr></thead><tbody>${classes}</tbody></table>
</details>

<h2>${de ? 'Downloads' : 'Downloads'}</h2>
${downloadsTable(input, lang)}

<h2>${de ? 'Zitieren' : 'How to cite'}</h2>
${citationBlock(input, lang)}

<h2>${de ? 'Lizenz und Quellen' : 'Licence and sources'}</h2>
<p>${de ? 'Lizenz' : 'Licence'}: ${link(config.datasetLicense, licenceName(config.datasetLicense))}. ${creditText(input.sources[lang], lang)}</p>
${sourcesList(input, lang)}
`;
  // Link previews show the picture of the networks (server-drawn SVG: see /explore.svg).
  const head = html`${alternateLinks(base)}
<meta property="og:title" content="${datasetText.title[lang]}">
<meta property="og:description" content="${datasetText.description[lang]}">
<meta property="og:image" content="${base}explore.svg${de ? '?lang=de' : ''}">
<meta property="og:image:type" content="image/svg+xml">
<script type="application/ld+json">${raw(jsonForScript(schemaOrgDataset(input, lang)))}</script>`;
  return renderPage({ lang, title: datasetText.title[lang], body, head, baseIri: base, current: 'home', selfUrl: base });
}

/** A date value of the graph (year, month or day) as a person reads it, keeping its precision. */
function humanDateValue(value: { literal: { value: string; datatype: { value: string } } }, lang: PageLanguage): string {
  return humanValue(value.literal.value, value.literal.datatype.value, lang) ?? value.literal.value;
}

/** The catalogue for people: the same facts as the RDF, with links to the RDF formats. */
export function cataloguePage(input: PageInput, lang: PageLanguage, formats: ReadonlyArray<{ name: string; type: string }>): string {
  const { config, release, statistics } = input;
  const base = config.baseIri;
  const iri = catalogueIris(base);
  const de = lang === 'de';
  const row = (label: string, value: Html | string) => html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`;
  const temporal = statistics.temporal ? `${humanDateValue(statistics.temporal.start, lang)} – ${humanDateValue(statistics.temporal.end, lang)}` : '–';
  const contact = [link(iri.home, iri.home), ...(config.datasetContactEmail ? [link(`mailto:${config.datasetContactEmail}`, config.datasetContactEmail)] : [])];
  const formatLinks = formats.map((f, i) => html`${i > 0 ? ' · ' : ''}<a href="${iri.document}?format=${f.name}" title="${f.type}">${formatName(f.type)}</a>`);
  const body = html`
<h1>${datasetText.catalogueTitle[lang]}</h1>
<p>${datasetText.catalogueDescription[lang]}</p>
<p class="muted">${de ? 'Als RDF' : 'As RDF'}: ${formatLinks} · ${link(`${iri.document}?lang=${de ? 'en' : 'de'}`, de ? 'English' : 'Deutsch')}</p>
<h2>${de ? 'Datensatz' : 'Dataset'}</h2>
<table class="props"><tbody>
${row(de ? 'Titel' : 'Title', datasetText.title[lang])}
${row(de ? 'Beschreibung' : 'Description', datasetText.description[lang])}
${row(de ? 'Herausgeber' : 'Publisher', datasetText.publisher[lang])}
${row(de ? 'Kontakt' : 'Contact', html`${contact.map((c, i) => html`${i > 0 ? ' · ' : ''}${c}`)}`)}
${row(de ? 'Lizenz' : 'Licence', link(config.datasetLicense, licenceName(config.datasetLicense)))}
${row(de ? 'Namensnennung' : 'Attribution', creditText(input.sources[lang], lang))}
${row(de ? 'Themen' : 'Themes', html`${themes.map((t, i) => html`${i > 0 ? ', ' : ''}${link(`http://publications.europa.eu/resource/authority/data-theme/${t.code}`, t.label[lang])}`)}`)}
${row(de ? 'Räumliche Abdeckung' : 'Spatial coverage', link('http://publications.europa.eu/resource/authority/continent/EUROPE', de ? 'Europa' : 'Europe'))}
${row(de ? 'Zeitliche Abdeckung' : 'Temporal coverage', temporal)}
${row(de ? 'Version' : 'Version', release.version)}
${row(de ? 'Erstmals veröffentlicht' : 'Issued', humanDate(release.firstDate, lang))}
${row(de ? 'Geändert' : 'Modified', humanDate(release.date, lang))}
${row(de ? 'Schlagwörter' : 'Keywords', datasetText.keywords[lang].join(', '))}
${row(de ? 'Zitat' : 'Citation', html`<span id="citation">${citationText(base, release, lang)}</span>`)}
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
  // The same schema.org Dataset as on the home page: dataset search engines may land on either.
  const head = html`${alternateLinks(base)}
<script type="application/ld+json">${raw(jsonForScript(schemaOrgDataset(input, lang)))}</script>`;
  return renderPage({ lang, title: datasetText.catalogueTitle[lang], body, head, baseIri: base, current: 'catalogue', selfUrl: iri.document });
}
