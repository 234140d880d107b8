/** A titled plain-text table: what every benchmark section returns. */
export type Align = 'left' | 'right';

export interface Column {
  header: string;
  align?: Align;
}

export interface SectionResult {
  title: string;
  columns: Column[];
  rows: string[][];
  /** Printed under the table (method, thresholds, caveats). */
  notes?: string[];
  /** Targets missed: reported, and fail the run only with `--check`. */
  failures?: string[];
  /** Broken benchmarks (a bundle that does not build or import): always fail the run. */
  errors?: string[];
}

function pad(text: string, width: number, align: Align): string {
  return align === 'right' ? text.padStart(width) : text.padEnd(width);
}

/** A Markdown pipe table, padded so it also reads as-is in a terminal. */
export function renderTable(columns: Column[], rows: string[][]): string {
  const cell = (text: string) => text.replaceAll('|', '\\|');
  const widths = columns.map((c, i) =>
    Math.max(3, cell(c.header).length, ...rows.map((r) => cell(r[i] ?? '').length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((text, i) => pad(cell(text), widths[i] ?? 3, columns[i]?.align ?? 'left')).join(' | ')} |`;
  const rule = `|${widths
    .map((w, i) => (columns[i]?.align === 'right' ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2)))
    .join('|')}|`;
  return [line(columns.map((c) => c.header)), rule, ...rows.map(line)].join('\n');
}

export function renderSection(section: SectionResult): string {
  const parts = [`## ${section.title}`, '', renderTable(section.columns, section.rows)];
  if (section.notes?.length) parts.push('', ...section.notes.map((note) => `- ${note}`));
  return parts.join('\n');
}

export const kb = (bytes: number): string => (bytes / 1024).toFixed(1);
export const ms = (value: number): string => value.toFixed(1);
export const passFail = (ok: boolean): string => (ok ? 'PASS' : 'FAIL');
