// Names, titles and EU-vocabulary twins of the licences a deployment is likely to configure (DATASET_LICENSE).

interface KnownLicence {
  /** Short name for pages and credit lines. */
  readonly name: string;
  /**
   * Title as the Open Definition licence register (which CKAN portals load) spells it: ckanext-dcat matches a
   * licence by IRI, then by dct:title, and that register lists the https IRI, so the title is what matches there.
   */
  readonly title: string;
  /** The same licence in the EU Vocabularies licence list, which DCAT-AP recommends. */
  readonly eu: string;
}

const euLicence = 'http://publications.europa.eu/resource/authority/licence/';
const ccBy: KnownLicence = { name: 'CC BY 4.0', title: 'Creative Commons Attribution 4.0', eu: `${euLicence}CC_BY_4_0` };
const ccBySa: KnownLicence = { name: 'CC BY-SA 4.0', title: 'Creative Commons Attribution Share-Alike 4.0', eu: `${euLicence}CC_BYSA_4_0` };
const cc0: KnownLicence = { name: 'CC0 1.0', title: 'CC0 1.0', eu: `${euLicence}CC0` };
const dlDeBy: KnownLicence = {
  name: 'Datenlizenz Deutschland – Namensnennung – Version 2.0',
  title: 'Datenlizenz Deutschland – Namensnennung – Version 2.0',
  eu: `${euLicence}DL_DE_BY_2_0`,
};

/** Licences by IRI, http and https alike (CKAN's licence register maps the http form of Creative Commons IRIs). */
const licences: Record<string, KnownLicence> = {
  'http://creativecommons.org/licenses/by/4.0/': ccBy,
  'https://creativecommons.org/licenses/by/4.0/': ccBy,
  'http://creativecommons.org/licenses/by-sa/4.0/': ccBySa,
  'https://creativecommons.org/licenses/by-sa/4.0/': ccBySa,
  'http://creativecommons.org/publicdomain/zero/1.0/': cc0,
  'https://creativecommons.org/publicdomain/zero/1.0/': cc0,
  'https://www.govdata.de/dl-de/by-2-0': dlDeBy,
};

/** The licence's short name, or its IRI when it is not one of the known ones. */
export function licenceName(iri: string): string {
  return licences[iri]?.name ?? iri;
}

/** The licence's full title, or its IRI when it is not one of the known ones. */
export function licenceTitle(iri: string): string {
  return licences[iri]?.title ?? iri;
}

/** The same licence in the EU Vocabularies licence list, when it is there. */
export function euLicenceOf(iri: string): string | undefined {
  return licences[iri]?.eu;
}
