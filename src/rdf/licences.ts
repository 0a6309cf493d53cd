// Human names of the licences a deployment is likely to configure (DATASET_LICENSE), for pages, the catalogue and OpenAPI.

/** Names of licences a deployment is likely to configure; any other IRI is shown as the IRI itself. */
const licenceNames: Record<string, string> = {
  'http://creativecommons.org/licenses/by/4.0/': 'CC BY 4.0',
  'https://creativecommons.org/licenses/by/4.0/': 'CC BY 4.0',
  'http://creativecommons.org/licenses/by-sa/4.0/': 'CC BY-SA 4.0',
  'https://creativecommons.org/licenses/by-sa/4.0/': 'CC BY-SA 4.0',
  'http://creativecommons.org/publicdomain/zero/1.0/': 'CC0 1.0',
  'https://creativecommons.org/publicdomain/zero/1.0/': 'CC0 1.0',
  'https://www.govdata.de/dl-de/by-2-0': 'Datenlizenz Deutschland – Namensnennung – Version 2.0',
};

/** The licence's short name, or its IRI when it is not one of the known ones. */
export function licenceName(iri: string): string {
  return licenceNames[iri] ?? iri;
}
