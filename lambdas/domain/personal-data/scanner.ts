/**
 * The personal-data scanner: ingestion calls scanRow for every data row of a
 * CSV, then findings() to decide whether the version is quarantined.
 *
 * Column names are analysed once here; per cell the work is scanCell (one pass
 * over character codes, no allocation in the common case). Findings hold column
 * names, pattern ids, counts and row numbers, never a cell value, and nothing
 * here logs.
 */
import {
  COL_ADDRESS,
  COL_BANK_ACCOUNT,
  COL_BIRTH,
  COL_DRIVERS_LICENSE,
  COL_PHONE,
  COL_ROUTING,
  COL_SSN,
  scanCell,
} from './cell-scan';
import { classifyColumnName, type ColumnNameTraits } from './column-names';
import { PATTERN_COUNT, PERSONAL_DATA_PATTERNS, type PersonalDataPattern } from './patterns';

export interface ColumnFinding {
  /** Column name as in the header. */
  column: string;
  pattern: PersonalDataPattern;
  /** Cells of this column that matched the pattern. */
  count: number;
  /** Up to 5 data row numbers (1-based, header excluded), ascending. Never values. */
  sampleRows: number[];
}

export interface PersonalDataScanner {
  /** Raw cell strings as parsed from the CSV. Cells beyond the header's columns are ignored. */
  scanRow(rowNumber: number, cells: readonly string[]): void;
  /** Sorted by column order, then pattern order (PERSONAL_DATA_PATTERNS). */
  findings(): ColumnFinding[];
}

export const MAX_SAMPLE_ROWS = 5;

/** How the scanner reads each column, decided from the header alone (for reports and tests). */
export interface ColumnScanPlan {
  column: string;
  traits: ColumnNameTraits;
  /** Street addresses are looked for in this column. */
  addresses: boolean;
}

export function planColumns(columnNames: readonly string[]): ColumnScanPlan[] {
  const traits = columnNames.map(classifyColumnName);
  const datasetNamesPeople = traits.some((t) => t.personName);
  return columnNames.map((column, i) => ({
    column,
    traits: traits[i]!,
    addresses: datasetNamesPeople || traits[i]!.personAddress,
  }));
}

/** The COL_* traits of cell-scan.ts for one planned column (also used by the release scan of free text). */
export function columnFlags(plan: ColumnScanPlan): number {
  const t = plan.traits;
  return (
    (t.ssn ? COL_SSN : 0) |
    (t.birth ? COL_BIRTH : 0) |
    (t.phone ? COL_PHONE : 0) |
    (t.driversLicense ? COL_DRIVERS_LICENSE : 0) |
    (t.bankAccount ? COL_BANK_ACCOUNT : 0) |
    (t.routingNumber ? COL_ROUTING : 0) |
    (plan.addresses ? COL_ADDRESS : 0)
  );
}

/** Keeps the smallest MAX_SAMPLE_ROWS distinct row numbers, ascending. */
function addSample(samples: number[], row: number): void {
  const n = samples.length;
  if (n === MAX_SAMPLE_ROWS && row >= samples[n - 1]!) return;
  let i = n;
  while (i > 0 && samples[i - 1]! > row) i--;
  if (i > 0 && samples[i - 1] === row) return;
  samples.splice(i, 0, row);
  if (samples.length > MAX_SAMPLE_ROWS) samples.pop();
}

export function createPersonalDataScanner(columnNames: readonly string[]): PersonalDataScanner {
  const names = [...columnNames];
  const width = names.length;
  const flags = Int32Array.from(planColumns(names), columnFlags);
  const counts = new Float64Array(width * PATTERN_COUNT);
  const samples: number[][] = [];
  for (let i = 0; i < width * PATTERN_COUNT; i++) samples.push([]);

  return {
    scanRow(rowNumber, cells) {
      const n = cells.length < width ? cells.length : width;
      for (let c = 0; c < n; c++) {
        let cell: unknown = cells[c];
        if (typeof cell !== 'string') {
          if (cell === undefined || cell === null) continue;
          cell = String(cell);
        }
        const value = cell as string;
        if (value.length === 0) continue;
        const found = scanCell(value, flags[c]!);
        if (found === 0) continue;
        for (let p = 0; p < PATTERN_COUNT; p++) {
          if ((found & (1 << p)) === 0) continue;
          const slot = c * PATTERN_COUNT + p;
          counts[slot]!++;
          addSample(samples[slot]!, rowNumber);
        }
      }
    },

    findings() {
      const out: ColumnFinding[] = [];
      for (let c = 0; c < width; c++) {
        for (let p = 0; p < PATTERN_COUNT; p++) {
          const slot = c * PATTERN_COUNT + p;
          const count = counts[slot]!;
          if (count === 0) continue;
          out.push({
            column: names[c]!,
            pattern: PERSONAL_DATA_PATTERNS[p]!.pattern,
            count,
            sampleRows: [...samples[slot]!],
          });
        }
      }
      return out;
    },
  };
}
