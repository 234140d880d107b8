/**
 * The public DCAT-US 1.1 catalog (`GET /data.json`, Project Open Data metadata
 * schema v1.1) that harvesters such as data.gov, CKAN and ArcGIS Hub read. Pure:
 * no I/O, no AWS.
 *
 * What is in it: the datasets the caller passes whose `accessLevel` is `public`
 * (the caller passes published datasets; anything else is left out here too, so
 * a restricted or non-public dataset can never leak into the public feed). They
 * come out sorted by id, one entry per id (the first one passed wins), so the
 * same datasets always give the same document.
 *
 * Non-federal profile: a city has no OMB `bureauCode`/`programCode`, so they are
 * never emitted. Everything else the federal schema requires (`keyword`,
 * `modified`, `contactPoint.hasEmail` …) is emitted, so the output validates
 * against data.gov's non-federal v1.1 schema and against the federal one except
 * for those two codes (see test/unit/dcat.test.ts).
 *
 * Publisher: DCAT-US expresses the chain of responsibility with nested
 * `org:Organization`s, most specific first: the owning department is the
 * publisher and `subOrganizationOf` is the city.
 */

export const DCAT_US_SCHEMA = 'https://project-open-data.cio.gov/v1.1/schema';
export const DCAT_US_CONTEXT = 'https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld';
export const DCAT_US_CATALOG_SCHEMA = 'https://project-open-data.cio.gov/v1.1/schema/catalog.json';
/** DCAT-US limits `rights` to 255 characters. */
export const RIGHTS_MAX_LENGTH = 255;

export type DcatAccessLevel = 'public' | 'restricted public' | 'non-public';

export interface DcatDatasetInput {
  datasetId: string;
  title: string;
  description: string;
  keywords: string[];
  /** The city (CITY.publisherName): the parent organization of the department. */
  publisherName: string;
  ownerDepartmentName: string;
  contactName: string;
  contactEmail: string;
  /** License URL. Left out when it is not an absolute http(s) URL. */
  license: string;
  accessLevel: DcatAccessLevel;
  /** ISO 8601 repeating duration (e.g. R/P1D) or "irregular"; anything else is published as "irregular". */
  updateFrequency: string;
  /** ISO 8601 instants. */
  issuedAt: string;
  modifiedAt: string;
  /** Named place or bounding box, e.g. "Danbury, CT". */
  spatial?: string;
  /** ISO 8601 interval `start/end` (dates or instants); left out when it is not one. */
  temporal?: string;
  /** Access or use restrictions; cut to 255 characters. */
  rights?: string;
}

export interface DcatBuildOptions {
  /**
   * Also list the rows API (`GET /v1/datasets/{id}/rows`, described by the
   * platform's OpenAPI document) as a second distribution. Off by default: turn
   * it on once that route is deployed, so harvesters never get a dead link.
   */
  rowsApi?: boolean;
}

export interface DcatOrganization {
  '@type': 'org:Organization';
  name: string;
  subOrganizationOf?: DcatOrganization;
}

export interface DcatContact {
  '@type': 'vcard:Contact';
  fn: string;
  hasEmail: string;
}

export interface DcatDistribution {
  '@type': 'dcat:Distribution';
  title: string;
  description: string;
  downloadURL?: string;
  accessURL?: string;
  mediaType?: string;
  format: string;
  conformsTo?: string;
  describedBy?: string;
  describedByType?: string;
}

export interface DcatDataset {
  '@type': 'dcat:Dataset';
  identifier: string;
  title: string;
  description: string;
  keyword: string[];
  issued?: string;
  modified?: string;
  publisher: DcatOrganization;
  contactPoint: DcatContact;
  accessLevel: DcatAccessLevel;
  rights?: string;
  license?: string;
  accrualPeriodicity: string;
  spatial?: string;
  temporal?: string;
  landingPage: string;
  describedBy: string;
  describedByType: 'application/json';
  distribution: DcatDistribution[];
}

export interface DcatCatalog {
  '@context': typeof DCAT_US_CONTEXT;
  '@id': string;
  '@type': 'dcat:Catalog';
  conformsTo: typeof DCAT_US_SCHEMA;
  describedBy: typeof DCAT_US_CATALOG_SCHEMA;
  dataset: DcatDataset[];
}

// ---- URLs of the platform's public routes -------------------------------------------

/** The API's base URL without trailing slashes; throws when it is not an absolute http(s) URL. */
export function normalizeBaseUrl(baseUrl: string): string {
  const trimmed = baseUrl.trim().replace(/\/+$/, '');
  if (!isHttpUrl(trimmed)) throw new Error(`baseUrl must be an absolute http(s) URL, got "${baseUrl}"`);
  return trimmed;
}

/** The canonical URL of a dataset: its metadata route, also its DCAT identifier. */
export function datasetUrl(baseUrl: string, datasetId: string): string {
  return `${normalizeBaseUrl(baseUrl)}/v1/datasets/${encodeURIComponent(datasetId)}`;
}

export function datasetDictionaryUrl(baseUrl: string, datasetId: string): string {
  return `${datasetUrl(baseUrl, datasetId)}/dictionary`;
}

export function datasetDownloadRouteUrl(baseUrl: string, datasetId: string): string {
  return `${datasetUrl(baseUrl, datasetId)}/download`;
}

export function datasetRowsUrl(baseUrl: string, datasetId: string): string {
  return `${datasetUrl(baseUrl, datasetId)}/rows`;
}

export function openApiUrl(baseUrl: string): string {
  return `${normalizeBaseUrl(baseUrl)}/openapi.json`;
}

// ---- The catalog ----------------------------------------------------------------------

export function buildDcatCatalog(
  datasets: DcatDatasetInput[],
  baseUrl: string,
  options: DcatBuildOptions = {},
): DcatCatalog {
  const base = normalizeBaseUrl(baseUrl);
  const byId = new Map<string, DcatDatasetInput>();
  for (const d of datasets) {
    if (d.accessLevel === 'public' && !byId.has(d.datasetId)) byId.set(d.datasetId, d);
  }
  const ids = [...byId.keys()].sort();
  return {
    '@context': DCAT_US_CONTEXT,
    '@id': `${base}/data.json`,
    '@type': 'dcat:Catalog',
    conformsTo: DCAT_US_SCHEMA,
    describedBy: DCAT_US_CATALOG_SCHEMA,
    dataset: ids.map((id) => buildDcatDataset(byId.get(id)!, base, options)),
  };
}

/** One catalog entry. Exported for tests and for a future per-dataset DCAT route. */
export function buildDcatDataset(
  input: DcatDatasetInput,
  baseUrl: string,
  options: DcatBuildOptions = {},
): DcatDataset {
  const base = normalizeBaseUrl(baseUrl);
  const id = input.datasetId;
  const url = datasetUrl(base, id);
  const title = singleLine(input.title) || id;
  const description = multiLine(input.description) || title;
  const department = singleLine(input.ownerDepartmentName);
  const city = singleLine(input.publisherName);
  const issued = isoInstant(input.issuedAt);
  const modified = isoInstant(input.modifiedAt) ?? issued;
  const license = isHttpUrl(input.license.trim()) ? input.license.trim() : undefined;
  const rights =
    input.rights === undefined ? undefined : truncate(multiLine(input.rights), RIGHTS_MAX_LENGTH);
  const spatial = input.spatial === undefined ? undefined : singleLine(input.spatial);
  const temporal = input.temporal === undefined ? undefined : isoInterval(input.temporal);

  const distribution: DcatDistribution[] = [
    {
      '@type': 'dcat:Distribution',
      title: `${title} (CSV)`,
      description:
        'The complete current version as a CSV file (RFC 4180, UTF-8, header row). ' +
        'The download URL requires a free API key sent in the x-api-key header; ' +
        'it answers with a redirect (302) to a short-lived signed link to the file.',
      downloadURL: datasetDownloadRouteUrl(base, id),
      mediaType: 'text/csv',
      format: 'CSV',
      describedBy: datasetDictionaryUrl(base, id),
      describedByType: 'application/json',
    },
  ];
  if (options.rowsApi) {
    distribution.push({
      '@type': 'dcat:Distribution',
      title: `${title} (rows API)`,
      description:
        'JSON API over the rows of the current version: select columns, filter, sort and page. ' +
        'Requires a free API key sent in the x-api-key header. Described by the OpenAPI document.',
      accessURL: datasetRowsUrl(base, id),
      format: 'API',
      conformsTo: openApiUrl(base),
      describedBy: datasetDictionaryUrl(base, id),
      describedByType: 'application/json',
    });
  }

  return {
    '@type': 'dcat:Dataset',
    identifier: url,
    title,
    description,
    keyword: keywords(input.keywords, department || city),
    ...(issued ? { issued } : {}),
    ...(modified ? { modified } : {}),
    publisher: publisher(department, city),
    contactPoint: {
      '@type': 'vcard:Contact',
      fn: singleLine(input.contactName) || department || city || title,
      hasEmail: mailto(input.contactEmail),
    },
    accessLevel: input.accessLevel,
    ...(rights ? { rights } : {}),
    ...(license ? { license } : {}),
    accrualPeriodicity: accrualPeriodicity(input.updateFrequency),
    ...(spatial ? { spatial } : {}),
    ...(temporal ? { temporal } : {}),
    landingPage: url,
    describedBy: datasetDictionaryUrl(base, id),
    describedByType: 'application/json',
    distribution,
  };
}

// ---- Field rules ----------------------------------------------------------------------

function publisher(department: string, city: string): DcatOrganization {
  const cityOrg: DcatOrganization = { '@type': 'org:Organization', name: city || department };
  if (!department || !city || department === city) return cityOrg;
  return { '@type': 'org:Organization', name: department, subOrganizationOf: cityOrg };
}

/**
 * At least one keyword (DCAT-US requires one): trimmed, single-spaced, without
 * case-insensitive duplicates, in the order given. With none left, the owning
 * department's name stands in: it is what a harvester's users browse by.
 */
function keywords(raw: string[], fallback: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const k of raw) {
    const clean = singleLine(k);
    const key = clean.toLowerCase();
    if (clean && !seen.has(key)) {
      seen.add(key);
      out.push(clean);
    }
  }
  if (out.length === 0) out.push((fallback || 'open data').toLowerCase());
  return out;
}

function mailto(email: string): string {
  const address = singleLine(email).replace(/^mailto:/i, '');
  return `mailto:${address}`;
}

// R/P with at least one number, in the order Y M W D T H M S (what DCAT-US and
// the registry accept), or the word "irregular".
const REPEATING_DURATION = /^R\/P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

function accrualPeriodicity(updateFrequency: string): string {
  const value = updateFrequency.trim();
  return REPEATING_DURATION.test(value) ? value : 'irregular';
}

const ISO_DATE_OR_INSTANT =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)?)?$/;

/** An ISO 8601 instant, normalized to UTC (`toISOString`), or undefined. */
function isoInstant(value: string): string | undefined {
  const v = value.trim();
  if (!ISO_DATE_OR_INSTANT.test(v)) return undefined;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** `start/end`, each an ISO 8601 date or instant, start not after end; else undefined. */
function isoInterval(value: string): string | undefined {
  const parts = value.trim().split('/');
  if (parts.length !== 2) return undefined;
  const [start, end] = parts as [string, string];
  if (!ISO_DATE_OR_INSTANT.test(start) || !ISO_DATE_OR_INSTANT.test(end)) return undefined;
  const a = Date.parse(start);
  const b = Date.parse(end);
  if (Number.isNaN(a) || Number.isNaN(b) || a > b) return undefined;
  return `${start}/${end}`;
}

function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\/[^\s/?#]+/i.test(value)) return false;
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
  } catch {
    return false;
  }
}

// ---- Text hygiene: no control characters, no lone surrogates --------------------------

// C0 and C1 controls except tab and line feed; line/paragraph separators; BOM.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFEFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Multi-line text (descriptions): keeps line breaks (as \n) and tabs. */
export function multiLine(value: string): string {
  return value
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(CONTROL, '')
    .replace(LONE_SURROGATE, '')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** One-line text (titles, names, keywords): every run of whitespace becomes one space. */
export function singleLine(value: string): string {
  return value
    .replace(CONTROL, '')
    .replace(LONE_SURROGATE, '')
    .replace(/[\s\u2028\u2029]+/g, ' ')
    .trim();
}

/** At most `max` characters (UTF-16 units), cut at a word boundary when one is near, with an ellipsis. */
function truncate(value: string, max: number): string {
  if (value.length <= max) return value;
  let cut = value.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  if (space > max * 0.6) cut = cut.slice(0, space);
  cut = cut.replace(LONE_SURROGATE, '').trimEnd();
  return `${cut}…`;
}
