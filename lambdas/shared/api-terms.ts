/**
 * The API terms of use an applicant accepts. The city edits this text; a
 * change of substance gets a new version, and each application records the
 * version it accepted.
 */
export const API_TERMS = {
  version: '2026-11-01',
  title: 'City of Danbury Open Data API: terms of use',
  text: [
    'The data is provided as is, without warranty. Cite the City of Danbury as the source.',
    'Use your own key, keep it secret, and do not share it. One key per application or organization.',
    'Stay within the limits of your usage plan. Do not scrape: use the bulk download or the change list instead of paging through whole datasets repeatedly.',
    'Do not use the API to re-identify people or to harass anyone.',
    'The city may send an order to correct, suspend or revoke a key that breaks these terms (first offence: notice and order to correct; repeat: suspension; continuing: revocation).',
    'Questions: City of Danbury Information Technology.',
  ],
} as const;
