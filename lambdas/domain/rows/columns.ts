/**
 * Column names in queries: exact match first, then a unique case-insensitive
 * match (SQL users type `Ward` for `ward`); otherwise a 400 naming the closest
 * column or listing them.
 */
import type { ColumnType } from '../datasets/dataset';
import { shorten, type Source, type Token } from './lexer';

export interface QueryColumn {
  name: string;
  type: ColumnType;
  /** Whether `order` may sort on this column (ingestion keeps a sorted copy for it). */
  sortable?: boolean;
}

export class ColumnNames {
  private readonly exact = new Map<string, number>();
  private readonly folded = new Map<string, number[]>();

  constructor(readonly columns: readonly QueryColumn[]) {
    columns.forEach((column, index) => {
      if (!this.exact.has(column.name)) this.exact.set(column.name, index);
      const key = column.name.toLowerCase();
      const list = this.folded.get(key);
      if (list) list.push(index);
      else this.folded.set(key, [index]);
    });
  }

  /** Whether a name refers to some column (exactly or ignoring case). */
  has(name: string): boolean {
    return this.exact.has(name) || this.folded.has(name.toLowerCase());
  }

  /** The index of the column a name token refers to, or a 400 pointing at the token. */
  resolve(source: Source, token: Token): number {
    const name = token.value;
    const exact = this.exact.get(name);
    if (exact !== undefined) return exact;
    const folded = this.folded.get(name.toLowerCase());
    if (folded && folded.length === 1) return folded[0]!;
    const shown = JSON.stringify(shorten(name));
    if (folded) {
      const names = folded.map((i) => JSON.stringify(this.columns[i]!.name)).join(', ');
      throw source.error(
        `column ${shown} ${source.at(token)} is ambiguous; write it exactly as one of ${names}`,
      );
    }
    throw source.error(`unknown column ${shown} ${source.at(token)}${this.hint(name)}`);
  }

  /** `; did you mean "street"?` or `; the columns are: a, b, c`. */
  hint(name: string): string {
    const close = closest(
      name,
      this.columns.map((c) => c.name),
    );
    if (close !== undefined) return `; did you mean ${JSON.stringify(close)}?`;
    if (this.columns.length === 0) return '; this dataset has no columns';
    return `; the columns are: ${listNames(this.columns.map((c) => c.name))}`;
  }
}

/** `a, b, c` (at most 20, then how many more). */
export function listNames(names: readonly string[]): string {
  const shown = names.slice(0, 20).join(', ');
  return names.length > 20 ? `${shown} and ${names.length - 20} more` : shown;
}

/** The candidate nearest to `name` by edit distance (case-insensitive), if it is near enough to be a typo. */
export function closest(name: string, candidates: readonly string[]): string | undefined {
  if (name.length > 100) return undefined;
  const lower = name.toLowerCase();
  const limit = lower.length <= 3 ? 1 : lower.length <= 6 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (candidate.length > 100 || Math.abs(candidate.length - lower.length) >= bestDistance) continue;
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1);
    row[0] = i;
    rows.push(row);
  }
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}
