/**
 * The row query language of `GET /v1/datasets/{id}/rows`: `select`, `where`
 * and `order` parameters → a RowQuery the storage layer runs. Pure: no I/O,
 * no AWS. The language is described in docs/query-language.md.
 *
 * Every rejection is a 400 PlatformError (`badRequest`) whose issues carry
 * the path `query.select`, `query.where` or `query.order` and a message with
 * the 1-based position and the offending token; nothing else is ever thrown.
 */
import { badRequest, PlatformError, type FieldIssue } from '../../shared/errors';
import type { ColumnType } from '../datasets/dataset';
import { ColumnNames, listNames, type QueryColumn } from './columns';
import { Source, tokenize, type QueryField, type Token } from './lexer';
import { parseInstant } from './literals';
import type { WhereNode } from './where-ast';
import { compileWhere, type CellValue, type RowFilter } from './where-compiler';
import { parseWhere } from './where-parser';
import { printWhere } from './where-printer';

export type { QueryColumn } from './columns';
export type { LiteralValue } from './literals';
export { WHERE_LIMITS, type ComparisonOperator, type WhereNode } from './where-ast';
export { compileWhere, type CellValue, type RowFilter } from './where-compiler';
export { parseWhere } from './where-parser';
export { printWhere } from './where-printer';

export interface RowQuery {
  /** Column indexes in the order asked; all columns, in dataset order, when select is absent. */
  select: number[];
  /** The compiled filter; absent when there is none. */
  where?: RowFilter;
  /** Normalized text of the filter (printWhere), for cache keys and cursors; equal texts are equal filters. */
  whereText?: string;
  /** The checked filter tree, for a store that can use it (e.g. an index on an `=` column). */
  whereAst?: WhereNode;
  order?: { column: number; direction: 'asc' | 'desc' };
}

/** A parameter that is absent, empty or only spaces is no parameter (`?select=&where=` asks for nothing). */
const given = (value: string | undefined): value is string =>
  typeof value === 'string' && value.trim() !== '';

/**
 * Parses and checks the three parameters against the dataset's columns. All
 * problems found are reported together, one issue per parameter.
 */
export function parseRowQuery(
  input: { select?: string; where?: string; order?: string },
  columns: readonly QueryColumn[],
): RowQuery {
  const issues: FieldIssue[] = [];
  const attempt = <T>(field: QueryField, run: () => T): T | undefined => {
    const value = input?.[field];
    try {
      if (value !== undefined && typeof value !== 'string')
        throw new Source(field, '').error('give it once, as text');
      return run();
    } catch (err) {
      if (!(err instanceof PlatformError) || !err.details?.issues) throw err;
      issues.push(...err.details.issues);
      return undefined;
    }
  };

  const select = attempt('select', () => parseSelect(input.select, columns));
  const ast = attempt('where', () => (given(input.where) ? parseWhere(input.where, columns) : undefined));
  const order = attempt('order', () => (given(input.order) ? parseOrder(input.order, columns) : undefined));
  if (issues.length > 0) {
    throw badRequest(issues.map((i) => `${i.path.slice('query.'.length)}: ${i.message}`).join('; '), issues);
  }

  const query: RowQuery = { select: select! };
  if (ast) {
    query.where = compileWhere(ast, columns);
    query.whereText = printWhere(ast);
    query.whereAst = ast;
  }
  if (order) query.order = order;
  return query;
}

const isName = (token: Token) => token.kind === 'word' || token.kind === 'quoted';

/** `select=street_name, ward` → column indexes; absent, empty or `*` → every column. */
export function parseSelect(text: string | undefined, columns: readonly QueryColumn[]): number[] {
  if (!given(text) || text.trim() === '*') return columns.map((_, i) => i);
  const source = new Source('select', text);
  const tokens = tokenize(source);
  const names = new ColumnNames(columns);
  const picked: number[] = [];
  const seen = new Set<number>();
  for (let k = 0; ; k += 2) {
    const token = tokens[k]!;
    if (!isName(token)) {
      const after = k > 0 ? ` after ${source.show(tokens[k - 1]!)}` : '';
      const got = token.kind === 'end' ? '' : `, got ${source.show(token)}`;
      throw source.error(`expected a column name${after} ${source.at(token)}${got}`);
    }
    const index = names.resolve(source, token);
    if (seen.has(index)) {
      throw source.error(
        `column ${JSON.stringify(columns[index]!.name)} ${source.at(token)} is already selected`,
      );
    }
    seen.add(index);
    picked.push(index);
    const sep = tokens[k + 1]!;
    if (sep.kind === 'end') return picked;
    if (sep.kind !== 'punct' || sep.value !== ',') {
      throw source.error(`expected "," between column names ${source.at(sep)}, got ${source.show(sep)}`);
    }
  }
}

/** `order=reported_date desc` → the column and direction; the column must be sortable. */
export function parseOrder(text: string, columns: readonly QueryColumn[]): NonNullable<RowQuery['order']> {
  const source = new Source('order', text);
  const tokens = tokenize(source);
  const [first, second, third] = tokens as [Token, Token, Token | undefined];
  if (!isName(first)) {
    const got = first.kind === 'end' ? '' : `, got ${source.show(first)}`;
    throw source.error(`expected a column name ${source.at(first)}${got}`);
  }
  const index = new ColumnNames(columns).resolve(source, first);
  let direction: 'asc' | 'desc' = 'asc';
  if (second.kind !== 'end') {
    const word = second.kind === 'word' ? second.value.toLowerCase() : '';
    if (word !== 'asc' && word !== 'desc') {
      const hint = second.kind === 'punct' && second.value === ',' ? '; sort by one column' : '';
      throw source.error(`expected "asc" or "desc" ${source.at(second)}, got ${source.show(second)}${hint}`);
    }
    direction = word;
    if (third && third.kind !== 'end') {
      const hint = third.kind === 'punct' && third.value === ',' ? '; sort by one column' : '';
      throw source.error(
        `expected the end of the order ${source.at(third)}, got ${source.show(third)}${hint}`,
      );
    }
  }
  const column = columns[index]!;
  if (column.sortable !== true) {
    const sortable = columns.filter((c) => c.sortable === true).map((c) => c.name);
    const which =
      sortable.length === 0
        ? 'this dataset has no sortable columns'
        : `sortable columns are: ${listNames(sortable)}`;
    throw source.error(`column ${JSON.stringify(column.name)} ${source.at(first)} is not sortable; ${which}`);
  }
  return { column: index, direction };
}

/** A cell as a sort key of its column type; undefined for null and bad data. */
function sortKey(cell: CellValue | undefined, type: ColumnType): string | number | boolean | undefined {
  switch (type) {
    case 'integer':
    case 'number':
      return typeof cell === 'number' && cell === cell ? cell : undefined;
    case 'boolean':
      return typeof cell === 'boolean' ? cell : undefined;
    case 'datetime': {
      const t = typeof cell === 'string' ? parseInstant(cell) : NaN;
      return t === t ? t : undefined;
    }
    default:
      return typeof cell === 'string' ? cell : undefined;
  }
}

/**
 * Orders two cells of a column the way the filter compares them (text by
 * UTF-16 code units, datetimes as instants, false before true). Null (and
 * bad data) sorts after every value, so ascending puts nulls last and the
 * reverse of it, descending, puts them first, as PostgreSQL does.
 */
export function compareCells(a: CellValue | undefined, b: CellValue | undefined, type: ColumnType): number {
  const x = sortKey(a, type);
  const y = sortKey(b, type);
  if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1;
  return x < y ? -1 : x > y ? 1 : 0;
}
