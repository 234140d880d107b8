/** The syntax tree of a `where` filter, and the language's limits. */
import type { LiteralValue } from './literals';

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

/**
 * A filter. Columns are named exactly as the dataset names them; values are
 * already of the column's type: text → string, integer / number → number,
 * boolean → boolean, date → `'YYYY-MM-DD'`, datetime → an ISO 8601 instant
 * (`parseWhere` writes the canonical `YYYY-MM-DDTHH:MM:SS.sssZ`).
 *
 * `x != 1`, `x not in (…)`, `x not between …` and `x is not null` are
 * `not` nodes over `=`, `in`, `between` and `is_null`, except `!=`, which is
 * its own operator (SQL gives both the same meaning; see compileWhere).
 */
export type WhereNode =
  | { kind: 'and'; items: WhereNode[] }
  | { kind: 'or'; items: WhereNode[] }
  | { kind: 'not'; item: WhereNode }
  | { kind: 'compare'; column: string; op: ComparisonOperator; value: LiteralValue }
  | { kind: 'in'; column: string; values: LiteralValue[] }
  | { kind: 'between'; column: string; low: LiteralValue; high: LiteralValue }
  | { kind: 'starts_with'; column: string; prefix: string }
  | { kind: 'is_null'; column: string };

/** Limits on a `where` filter; over any of them is a 400. */
export const WHERE_LIMITS = {
  /** Characters (Unicode code points) in the filter text. */
  maxLength: 2000,
  /** Conditions (comparisons, in, between, starts_with, is null). */
  maxPredicates: 100,
  /** Levels of parentheses and `not`. */
  maxDepth: 20,
  /** Values in one `in (…)` list. */
  maxInValues: 100,
} as const;
