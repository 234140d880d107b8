/**
 * WhereNode → RowFilter: a tree of small closures built once per query, so a
 * scan over millions of rows does no parsing and no allocation per row
 * (datetime cells are read by an allocation-free ISO parser).
 *
 * Nulls follow SQL: a comparison with a null cell is unknown, `not unknown`
 * is unknown, and a row matches only when the filter is true. The compiler
 * pushes every `not` down to the conditions (De Morgan), where a negated
 * condition is still false on null: so `not (x = 1)` and `x != 1` both skip
 * rows where x is null, as in SQL. A cell that is not of its column's type
 * (bad data; NaN in a number column) counts as unknown like null, but
 * `is null` does not match it. A cell past the end of a short row is null.
 */
import type { ColumnType } from '../datasets/dataset';
import type { QueryColumn } from './columns';
import { Source } from './lexer';
import { isCalendarDate, parseInstant, type LiteralValue } from './literals';
import type { ComparisonOperator, WhereNode } from './where-ast';

/** A cell: date = `'YYYY-MM-DD'`, datetime = ISO 8601 UTC like `'2026-06-01T14:03:00.000Z'`. */
export type CellValue = string | number | boolean | null;
export type RowFilter = (row: readonly CellValue[]) => boolean;

const invalid = (message: string) => new Source('where', '').error(`invalid filter: ${message}`);

/** Epoch ms of a datetime cell; NaN for null and anything not an ISO 8601 instant. */
const instantOf = (cell: CellValue | undefined): number =>
  typeof cell === 'string' ? parseInstant(cell) : NaN;

/** Whether the value is of the column type, as WhereNode requires. */
export function fitsType(type: ColumnType, value: unknown): value is LiteralValue {
  switch (type) {
    case 'text':
      return typeof value === 'string';
    case 'integer':
      return Number.isSafeInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'date':
      return typeof value === 'string' && isCalendarDate(value);
    case 'datetime':
      return typeof value === 'string' && !Number.isNaN(parseInstant(value));
  }
}

const NEGATED: Record<ComparisonOperator, ComparisonOperator> = {
  '=': '!=',
  '!=': '=',
  '<': '>=',
  '<=': '>',
  '>': '<=',
  '>=': '<',
};

/**
 * Compiles a filter (from parseWhere, or built by code) into a row predicate.
 * Checks the tree against the columns first and throws a 400 if it does not
 * fit them. Closures only: no eval, no generated code.
 */
export function compileWhere(ast: WhereNode, columns: readonly QueryColumn[]): RowFilter {
  const byName = new Map<string, number>();
  columns.forEach((c, i) => {
    if (!byName.has(c.name)) byName.set(c.name, i);
  });
  const columnOf = (name: unknown) => {
    const index = typeof name === 'string' ? byName.get(name) : undefined;
    if (index === undefined) throw invalid(`unknown column ${JSON.stringify(String(name))}`);
    return { index, type: columns[index]!.type, name: name as string };
  };
  const checked = (type: ColumnType, name: string, value: unknown): LiteralValue => {
    if (!fitsType(type, value))
      throw invalid(`${JSON.stringify(value)} is not a ${type} value for ${JSON.stringify(name)}`);
    return value;
  };

  const build = (node: WhereNode, negate: boolean, depth: number): RowFilter => {
    if (depth > 200) throw invalid('the filter nests too deeply');
    switch (node?.kind) {
      case 'and':
      case 'or': {
        if (!Array.isArray(node.items) || node.items.length === 0)
          throw invalid(`"${node.kind}" without conditions`);
        const parts = node.items.map((item) => build(item, negate, depth + 1));
        return (node.kind === 'and') !== negate ? allOf(parts) : anyOf(parts);
      }
      case 'not':
        return build(node.item, !negate, depth + 1);
      case 'is_null': {
        const i = columnOf(node.column).index;
        return negate ? (row) => row[i] != null : (row) => row[i] == null;
      }
      case 'compare': {
        const { index, type, name } = columnOf(node.column);
        if (!(node.op in NEGATED)) throw invalid(`unknown operator ${JSON.stringify(node.op)}`);
        if (type === 'boolean' && node.op !== '=' && node.op !== '!=') {
          throw invalid(`"${node.op}" does not apply to boolean column ${JSON.stringify(name)}`);
        }
        const value = checked(type, name, node.value);
        return compare(index, type, negate ? NEGATED[node.op] : node.op, value);
      }
      case 'between': {
        const { index, type, name } = columnOf(node.column);
        if (type === 'boolean')
          throw invalid(`"between" does not apply to boolean column ${JSON.stringify(name)}`);
        return between(index, type, checked(type, name, node.low), checked(type, name, node.high), negate);
      }
      case 'in': {
        const { index, type, name } = columnOf(node.column);
        if (!Array.isArray(node.values) || node.values.length === 0) throw invalid('"in" without values');
        return inList(
          index,
          type,
          node.values.map((v) => checked(type, name, v)),
          negate,
        );
      }
      case 'starts_with': {
        const { index, type, name } = columnOf(node.column);
        if (type !== 'text')
          throw invalid(`starts_with needs a text column; ${JSON.stringify(name)} is ${type}`);
        if (typeof node.prefix !== 'string') throw invalid('starts_with needs a text prefix');
        const prefix = node.prefix.toLowerCase();
        return negate
          ? (row) => {
              const c = row[index];
              return typeof c === 'string' && !startsWithFolded(c, prefix);
            }
          : (row) => {
              const c = row[index];
              return typeof c === 'string' && startsWithFolded(c, prefix);
            };
      }
      default:
        throw invalid(`unknown node ${JSON.stringify((node as { kind?: unknown } | null)?.kind ?? null)}`);
    }
  };
  return build(ast, false, 0);
}

function allOf(parts: RowFilter[]): RowFilter {
  if (parts.length === 1) return parts[0]!;
  if (parts.length === 2) {
    const [a, b] = parts as [RowFilter, RowFilter];
    return (row) => a(row) && b(row);
  }
  return (row) => {
    for (let k = 0; k < parts.length; k++) if (!parts[k]!(row)) return false;
    return true;
  };
}

function anyOf(parts: RowFilter[]): RowFilter {
  if (parts.length === 1) return parts[0]!;
  if (parts.length === 2) {
    const [a, b] = parts as [RowFilter, RowFilter];
    return (row) => a(row) || b(row);
  }
  return (row) => {
    for (let k = 0; k < parts.length; k++) if (parts[k]!(row)) return true;
    return false;
  };
}

/**
 * Whether `cell` starts with `prefix` ignoring case, where `prefix` is already
 * lower-cased: `cell.toLowerCase().startsWith(prefix)`, without allocating
 * while both sides are ASCII.
 */
export function startsWithFolded(cell: string, prefix: string): boolean {
  for (let k = 0; k < prefix.length; k++) {
    // Past the end of an all-ASCII cell: its lower case is no longer than itself.
    if (k >= cell.length) return false;
    let c = cell.charCodeAt(k);
    const p = prefix.charCodeAt(k);
    if (c >= 128 || p >= 128) return cell.toLowerCase().startsWith(prefix);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== p) return false;
  }
  return true;
}

/*
 * One closure per (kind of cell, operator), so each stays small and
 * monomorphic. Text and date cells compare as strings (UTF-16 code units;
 * `YYYY-MM-DD` sorts by date), integer and number cells as numbers, datetime
 * cells as instants.
 */

function compare(i: number, type: ColumnType, op: ComparisonOperator, value: LiteralValue): RowFilter {
  if (type === 'datetime') {
    const v = parseInstant(value as string);
    switch (op) {
      case '=':
        return (row) => instantOf(row[i]) === v;
      case '!=':
        return (row) => {
          const t = instantOf(row[i]);
          return t === t && t !== v;
        };
      case '<':
        return (row) => instantOf(row[i]) < v;
      case '<=':
        return (row) => instantOf(row[i]) <= v;
      case '>':
        return (row) => instantOf(row[i]) > v;
      case '>=':
        return (row) => instantOf(row[i]) >= v;
    }
  }
  if (op === '=') return (row) => row[i] === value;
  if (type === 'integer' || type === 'number') {
    const v = value as number;
    switch (op) {
      case '!=':
        return (row) => {
          const c = row[i];
          return typeof c === 'number' && c === c && c !== v;
        };
      case '<':
        return (row) => {
          const c = row[i];
          return typeof c === 'number' && c < v;
        };
      case '<=':
        return (row) => {
          const c = row[i];
          return typeof c === 'number' && c <= v;
        };
      case '>':
        return (row) => {
          const c = row[i];
          return typeof c === 'number' && c > v;
        };
      case '>=':
        return (row) => {
          const c = row[i];
          return typeof c === 'number' && c >= v;
        };
    }
  }
  if (type === 'boolean') {
    return (row) => {
      const c = row[i];
      return typeof c === 'boolean' && c !== value;
    };
  }
  const v = value as string;
  switch (op) {
    case '!=':
      return (row) => {
        const c = row[i];
        return typeof c === 'string' && c !== v;
      };
    case '<':
      return (row) => {
        const c = row[i];
        return typeof c === 'string' && c < v;
      };
    case '<=':
      return (row) => {
        const c = row[i];
        return typeof c === 'string' && c <= v;
      };
    case '>':
      return (row) => {
        const c = row[i];
        return typeof c === 'string' && c > v;
      };
    case '>=':
      return (row) => {
        const c = row[i];
        return typeof c === 'string' && c >= v;
      };
  }
}

/** `low <= x <= high`; with low > high it matches nothing (and its negation every non-null x). */
function between(
  i: number,
  type: ColumnType,
  low: LiteralValue,
  high: LiteralValue,
  negate: boolean,
): RowFilter {
  if (type === 'datetime') {
    const lo = parseInstant(low as string);
    const hi = parseInstant(high as string);
    return negate
      ? (row) => {
          const t = instantOf(row[i]);
          return t < lo || t > hi;
        }
      : (row) => {
          const t = instantOf(row[i]);
          return t >= lo && t <= hi;
        };
  }
  if (type === 'integer' || type === 'number') {
    const lo = low as number;
    const hi = high as number;
    return negate
      ? (row) => {
          const c = row[i];
          return typeof c === 'number' && (c < lo || c > hi);
        }
      : (row) => {
          const c = row[i];
          return typeof c === 'number' && c >= lo && c <= hi;
        };
  }
  const lo = low as string;
  const hi = high as string;
  return negate
    ? (row) => {
        const c = row[i];
        return typeof c === 'string' && (c < lo || c > hi);
      }
    : (row) => {
        const c = row[i];
        return typeof c === 'string' && c >= lo && c <= hi;
      };
}

/** Membership: a linear scan for short lists, a Set for longer ones. */
function inList(i: number, type: ColumnType, values: LiteralValue[], negate: boolean): RowFilter {
  if (type === 'datetime') {
    const instants = new Set(values.map((v) => parseInstant(v as string)));
    return negate
      ? (row) => {
          const t = instantOf(row[i]);
          return t === t && !instants.has(t);
        }
      : (row) => instants.has(instantOf(row[i]));
  }
  const kind = type === 'integer' || type === 'number' ? 'number' : type === 'boolean' ? 'boolean' : 'string';
  const distinct = [...new Set(values)];
  if (distinct.length <= 8) {
    return negate
      ? (row) => {
          const c = row[i];
          if (typeof c !== kind || c !== c) return false;
          for (let k = 0; k < distinct.length; k++) if (c === distinct[k]) return false;
          return true;
        }
      : (row) => {
          const c = row[i];
          for (let k = 0; k < distinct.length; k++) if (c === distinct[k]) return true;
          return false;
        };
  }
  const set = new Set<CellValue | undefined>(distinct);
  return negate
    ? (row) => {
        const c = row[i];
        return typeof c === kind && c === c && !set.has(c);
      }
    : (row) => set.has(row[i]);
}
