// The kinds of things in `{base}id/{kind}/{slug}` IRIs, with their names for indexes and pages.

/** Labels of the kinds of things, for index titles. */
export const kindLabels: Record<string, { de: string; en: string }> = {
  city: { de: 'Städte', en: 'Cities' },
  country: { de: 'Länder', en: 'Countries' },
  network: { de: 'Netzwerke', en: 'Networks' },
  project: { de: 'Projekte', en: 'Projects' },
  organisation: { de: 'Organisationen', en: 'Organisations' },
  person: { de: 'Personen', en: 'People' },
  event: { de: 'Veranstaltungen', en: 'Events' },
  document: { de: 'Dokumente', en: 'Documents' },
  membership: { de: 'Mitgliedschaften', en: 'Memberships' },
  grant: { de: 'Förderungen', en: 'Grants' },
  'funding-scheme': { de: 'Förderprogramme', en: 'Funding schemes' },
  source: { de: 'Quellen', en: 'Sources' },
  inference: { de: 'Abgeleitete Aussagen', en: 'Inferred statements' },
};
