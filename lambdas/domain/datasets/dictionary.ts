/**
 * The data dictionary of one dataset version (`describedBy` of the DCAT-US
 * catalog). Pure: no I/O, no AWS.
 *
 * The document is a Frictionless Table Schema (https://specs.frictionlessdata.io/table-schema/)
 * with a few extra properties, so tools that read Table Schema (frictionless-py,
 * CKAN's datastore, csvkit's schema readers …) can read it as is:
 * - `fields` (in file order) with `name`, `title`, `type`, `description`: Table
 *   Schema properties. `type` uses Table Schema's vocabulary: the platform's
 *   `text` is Table Schema `string`; `integer`, `number`, `boolean`, `date` and
 *   `datetime` are the same words. `platformType` keeps the platform's own word,
 *   the one the rows API and the dataset metadata use.
 * - `primaryKey`: Table Schema property (a single field name here).
 * - Extra, platform-specific: `datasetId`, `title`, `version`, `rowCount`,
 *   `dataset` (metadata URL), and per field `sortable` and
 *   `clearedInPersonalDataGate` (+ `personalDataDecisions` when true).
 *
 * `clearedInPersonalDataGate` is true when the personal-data gate found
 * something in the column (an SSN-like number, a birth date …) and staff
 * recorded that the values are public by law, with the pattern(s) found and the
 * reason; false when the gate found nothing in the column.
 */
import { datasetUrl, multiLine, singleLine } from './dcat';
import type { DatasetRecord } from './dataset';
import type { DatasetVersion } from './versions';

export type DictionaryColumnType = 'text' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime';
export type TableSchemaType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime';

export interface PersonalDataDecisionInput {
  /** What the gate recognised, e.g. "ssn" or "date-of-birth". */
  pattern: string;
  decision: 'public-by-law';
  /** Why the values may be published (statute, policy …). */
  reason: string;
  /** ISO 8601 instant of the staff decision. */
  decidedAt: string;
}

export interface DictionaryColumnInput {
  field: string;
  title: string;
  type: DictionaryColumnType;
  description: string;
  sortable: boolean;
  /** Findings of the personal-data gate in this column, each cleared by a staff decision. */
  personalData?: PersonalDataDecisionInput[];
}

export interface DataDictionaryInput {
  datasetId: string;
  title: string;
  version: number;
  rowCount: number;
  columns: DictionaryColumnInput[];
  /** Field that identifies a row across versions. */
  primaryKey?: string;
}

export interface PersonalDataDecision {
  pattern: string;
  decision: 'public-by-law';
  reason: string;
  decidedAt: string;
}

export interface DataDictionaryField {
  name: string;
  title: string;
  type: TableSchemaType;
  platformType: DictionaryColumnType;
  description: string;
  sortable: boolean;
  clearedInPersonalDataGate: boolean;
  /** Present only when `clearedInPersonalDataGate` is true. */
  personalDataDecisions?: PersonalDataDecision[];
}

export interface DataDictionary {
  datasetId: string;
  title: string;
  version: number;
  rowCount: number;
  /** The dataset's metadata URL (its DCAT identifier). */
  dataset: string;
  primaryKey?: string;
  fields: DataDictionaryField[];
}

const TABLE_SCHEMA_TYPE: Record<DictionaryColumnType, TableSchemaType> = {
  text: 'string',
  integer: 'integer',
  number: 'number',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
};

/**
 * Builds the dictionary. Throws (a programming or data error, not a client
 * error) when two columns share a name or the primary key is not a column.
 */
export function buildDataDictionary(input: DataDictionaryInput, baseUrl: string): DataDictionary {
  const names = new Set<string>();
  for (const c of input.columns) {
    if (names.has(c.field)) throw new Error(`Dataset ${input.datasetId}: duplicate column "${c.field}"`);
    names.add(c.field);
  }
  if (input.primaryKey !== undefined && !names.has(input.primaryKey)) {
    throw new Error(`Dataset ${input.datasetId}: primary key "${input.primaryKey}" is not a column`);
  }
  return {
    datasetId: input.datasetId,
    title: singleLine(input.title) || input.datasetId,
    version: input.version,
    rowCount: input.rowCount,
    dataset: datasetUrl(baseUrl, input.datasetId),
    ...(input.primaryKey !== undefined ? { primaryKey: input.primaryKey } : {}),
    fields: input.columns.map(dictionaryField),
  };
}

function dictionaryField(c: DictionaryColumnInput): DataDictionaryField {
  const decisions = (c.personalData ?? []).map((d) => ({
    pattern: singleLine(d.pattern),
    decision: d.decision,
    reason: multiLine(d.reason),
    decidedAt: d.decidedAt,
  }));
  const cleared = decisions.length > 0;
  return {
    name: c.field,
    title: singleLine(c.title) || c.field,
    type: TABLE_SCHEMA_TYPE[c.type],
    platformType: c.type,
    description: multiLine(c.description),
    sortable: c.sortable,
    clearedInPersonalDataGate: cleared,
    ...(cleared ? { personalDataDecisions: decisions } : {}),
  };
}

/** A published version's dictionary: its columns, and what the personal-data gate cleared in each. */
export function versionDictionary(
  dataset: Pick<DatasetRecord, 'datasetId' | 'title' | 'primaryKey'>,
  version: Pick<DatasetVersion, 'version' | 'rowCount' | 'columns' | 'decisions'>,
  baseUrl: string,
): DataDictionary {
  const clearedIn = (column: { field: string; title: string }) =>
    version.decisions
      .filter((d) => d.column === column.title || d.column === column.field)
      .map(({ pattern, decision, reason, decidedAt }) => ({ pattern, decision, reason, decidedAt }));
  return buildDataDictionary(
    {
      datasetId: dataset.datasetId,
      title: dataset.title,
      version: version.version,
      rowCount: version.rowCount ?? 0,
      ...(dataset.primaryKey ? { primaryKey: dataset.primaryKey } : {}),
      columns: (version.columns ?? []).map((c) => ({
        field: c.field,
        title: c.title,
        type: c.type,
        description: c.description,
        sortable: c.sortable,
        personalData: clearedIn(c),
      })),
    },
    baseUrl,
  );
}
