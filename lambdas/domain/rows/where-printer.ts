/**
 * WhereNode → its normalized text: lower-case keywords, single spaces, only
 * the parentheses precedence needs, `'…'` strings with `''`, plain decimals
 * (parseWhere has already made datetimes `YYYY-MM-DDTHH:MM:SS.sssZ`), column
 * names as the dataset spells them. parseWhere reads it back to the same
 * filter, so it serves as a cache key or a cursor check.
 */
import { formatNumber, quoteText, type LiteralValue } from './literals';
import { KEYWORDS } from './where-parser';
import type { WhereNode } from './where-ast';

const BARE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A column name as the language reads it: bare, or in backticks if it is a keyword or not a plain name. */
export function printColumn(name: string): string {
  return BARE_NAME.test(name) && !KEYWORDS.has(name.toLowerCase()) ? name : `\`${name}\``;
}

/** A value: numbers as plain decimals, booleans as words, text, dates and datetimes quoted as they are. */
export function printValue(value: LiteralValue): string {
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return String(value);
  return quoteText(value);
}

const OR = 1;
const AND = 2;
const NOT = 3;

export function printWhere(node: WhereNode): string {
  return print(node, 0);
}

function print(node: WhereNode, context: number): string {
  switch (node.kind) {
    case 'or':
    case 'and': {
      const level = node.kind === 'or' ? OR : AND;
      if (node.items.length === 1) return print(node.items[0]!, context);
      const text = node.items.map((item) => print(item, level)).join(` ${node.kind} `);
      return context > level ? `(${text})` : text;
    }
    case 'not': {
      const item = node.item;
      const column = 'column' in item ? printColumn(item.column) : '';
      if (item.kind === 'is_null') return `${column} is not null`;
      if (item.kind === 'in') return `${column} not in (${item.values.map(printValue).join(', ')})`;
      if (item.kind === 'between') {
        return `${column} not between ${printValue(item.low)} and ${printValue(item.high)}`;
      }
      return `not ${print(item, NOT)}`;
    }
    case 'compare':
      return `${printColumn(node.column)} ${node.op} ${printValue(node.value)}`;
    case 'in':
      return `${printColumn(node.column)} in (${node.values.map(printValue).join(', ')})`;
    case 'between':
      return `${printColumn(node.column)} between ${printValue(node.low)} and ${printValue(node.high)}`;
    case 'starts_with':
      return `starts_with(${printColumn(node.column)}, ${quoteText(node.prefix)})`;
    case 'is_null':
      return `${printColumn(node.column)} is null`;
  }
}
