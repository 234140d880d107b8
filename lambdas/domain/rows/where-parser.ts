/**
 * `where` text → a type-checked WhereNode. Recursive descent over the tokens,
 * depth bounded by WHERE_LIMITS.maxDepth; every problem is a 400 that names
 * the position and the token.
 */
import type { ColumnType } from '../datasets/dataset';
import { closest, ColumnNames, type QueryColumn } from './columns';
import { Source, tokenize, type Token } from './lexer';
import {
  formatInstant,
  isCalendarDate,
  isNumberLiteral,
  looksLikeDate,
  looksLikeDatetime,
  MAX_INSTANT,
  MIN_INSTANT,
  parseInstant,
  type LiteralValue,
} from './literals';
import { WHERE_LIMITS, type ComparisonOperator, type WhereNode } from './where-ast';

/** Keywords; a predicate may still start with a column of one of these names (or write it in backticks). */
export const KEYWORDS = new Set([
  'and',
  'or',
  'not',
  'in',
  'between',
  'is',
  'null',
  'true',
  'false',
  'starts_with',
]);

const OPERATOR_WORDS = ['in', 'not', 'between', 'is'];
const COMPARISONS = new Set(['=', '!=', '<>', '<', '<=', '>', '>=']);

/** Whether `text` has more than `limit` code points (counting stops there). */
function longerThan(text: string, limit: number): boolean {
  if (text.length <= limit) return false;
  let count = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(k + 1);
      if (next >= 0xdc00 && next <= 0xdfff) k++;
    }
    if (++count > limit) return true;
  }
  return false;
}

/**
 * Parses a filter and checks it against the columns: names exist, operators
 * suit the column type, values are of the column's type. Throws a 400
 * PlatformError (never anything else) for any text it does not accept.
 */
export function parseWhere(text: string, columns: readonly QueryColumn[]): WhereNode {
  const source = new Source('where', typeof text === 'string' ? text : '');
  if (typeof text !== 'string') throw source.error('the filter must be text');
  if (longerThan(text, WHERE_LIMITS.maxLength)) {
    throw source.error(`the filter is longer than the limit of ${WHERE_LIMITS.maxLength} characters`);
  }
  return new WhereParser(source, tokenize(source), new ColumnNames(columns)).parse();
}

const isWord = (token: Token, word: string) =>
  token.kind === 'word' && token.value.length === word.length && token.value.toLowerCase() === word;

class WhereParser {
  private k = 0;
  private depth = 0;
  private predicates = 0;

  constructor(
    private readonly source: Source,
    private readonly tokens: Token[],
    private readonly names: ColumnNames,
  ) {}

  parse(): WhereNode {
    const first = this.peek();
    if (first.kind === 'end') throw this.source.error('the filter is empty');
    const node = this.parseOr();
    const rest = this.peek();
    if (rest.kind !== 'end') {
      const hint =
        rest.kind === 'punct' && rest.value === ')'
          ? `unmatched ")" ${this.source.at(rest)}`
          : `expected "and", "or" or the end of the filter ${this.source.at(rest)}, got ${this.source.show(rest)}`;
      throw this.source.error(hint);
    }
    return node;
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.k + offset, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const token = this.peek();
    if (this.k < this.tokens.length - 1) this.k++;
    return token;
  }

  private previous(): Token {
    return this.tokens[Math.max(0, this.k - 1)]!;
  }

  private fail(message: string): never {
    throw this.source.error(message);
  }

  /** `expected X after "<previous>" at position N, got Y` for the next token. */
  private expected(what: string, hint = ''): never {
    const got = this.peek();
    const after = this.k > 0 ? ` after ${this.source.show(this.previous())}` : '';
    const tail = got.kind === 'end' ? '' : `, got ${this.source.show(got)}`;
    this.fail(`expected ${what}${after} ${this.source.at(got)}${tail}${hint}`);
  }

  private enter(token: Token): void {
    if (++this.depth > WHERE_LIMITS.maxDepth) {
      this.fail(
        `the filter nests too deeply ${this.source.at(token)}; the limit is ${WHERE_LIMITS.maxDepth} levels of parentheses and "not"`,
      );
    }
  }

  private parseOr(): WhereNode {
    const items = [this.parseAnd()];
    while (isWord(this.peek(), 'or')) {
      this.next();
      items.push(this.parseAnd());
    }
    return items.length === 1
      ? items[0]!
      : { kind: 'or', items: items.flatMap((i) => (i.kind === 'or' ? i.items : [i])) };
  }

  private parseAnd(): WhereNode {
    const items = [this.parseNot()];
    while (isWord(this.peek(), 'and')) {
      this.next();
      items.push(this.parseNot());
    }
    return items.length === 1
      ? items[0]!
      : { kind: 'and', items: items.flatMap((i) => (i.kind === 'and' ? i.items : [i])) };
  }

  private parseNot(): WhereNode {
    const token = this.peek();
    if (!isWord(token, 'not')) return this.parsePrimary();
    this.next();
    this.enter(token);
    const item = this.parseNot();
    this.depth--;
    return { kind: 'not', item };
  }

  private parsePrimary(): WhereNode {
    const token = this.peek();
    if (token.kind === 'punct' && token.value === '(') {
      this.next();
      this.enter(token);
      const node = this.parseOr();
      const close = this.peek();
      if (close.kind !== 'punct' || close.value !== ')') {
        const got =
          close.kind === 'end' ? '' : `, got ${this.source.show(close)}; join conditions with "and" or "or"`;
        this.fail(
          `expected ")" ${this.source.at(close)} to close the "(" at position ${this.source.position(token.start)}${got}`,
        );
      }
      this.next();
      this.depth--;
      return node;
    }
    if (isWord(token, 'starts_with') && this.peek(1).kind === 'punct' && this.peek(1).value === '(') {
      return this.parseStartsWith();
    }
    if (token.kind === 'word' || token.kind === 'quoted') {
      if (token.kind === 'word' && KEYWORDS.has(token.value.toLowerCase()) && !this.names.has(token.value)) {
        this.fail(
          `expected a condition ${this.source.at(token)}, got the keyword ${this.source.show(token)}`,
        );
      }
      return this.parsePredicate();
    }
    if (token.kind === 'end') this.expected('a condition');
    this.expected(
      'a condition (like ward = 3)',
      token.kind === 'punct' ? '' : '; a condition starts with a column name',
    );
  }

  private count(token: Token): void {
    if (++this.predicates > WHERE_LIMITS.maxPredicates) {
      this.fail(
        `too many conditions: the one ${this.source.at(token)} is number ${this.predicates}; the limit is ${WHERE_LIMITS.maxPredicates}`,
      );
    }
  }

  private column(): QueryColumn & { token: Token } {
    const token = this.peek();
    if (token.kind !== 'word' && token.kind !== 'quoted') this.expected('a column name');
    this.next();
    const column = this.names.columns[this.names.resolve(this.source, token)]!;
    return { ...column, token };
  }

  private punct(value: string, what = `"${value}"`): Token {
    const token = this.peek();
    if (token.kind !== 'punct' || token.value !== value) this.expected(what);
    return this.next();
  }

  private parseStartsWith(): WhereNode {
    const fn = this.next();
    this.count(fn);
    this.punct('(');
    const column = this.column();
    if (column.type !== 'text') {
      this.fail(
        `starts_with needs a text column; ${JSON.stringify(column.name)} ${this.source.at(column.token)} is ${article(column.type)} column`,
      );
    }
    this.punct(',');
    const prefix = this.peek();
    if (prefix.kind !== 'string') this.expected("a quoted prefix, like 'Main'");
    this.next();
    this.punct(')', `")" to close starts_with(`);
    return { kind: 'starts_with', column: column.name, prefix: prefix.value };
  }

  private parsePredicate(): WhereNode {
    const first = this.peek();
    this.count(first);
    const column = this.column();
    const op = this.peek();
    if (op.kind === 'punct' && COMPARISONS.has(op.value)) {
      this.next();
      const operator = (op.value === '<>' ? '!=' : op.value) as ComparisonOperator;
      if (column.type === 'boolean' && operator !== '=' && operator !== '!=') {
        this.fail(
          `"${op.value}" does not apply to boolean column ${JSON.stringify(column.name)} ${this.source.at(op)}; use = or !=`,
        );
      }
      return { kind: 'compare', column: column.name, op: operator, value: this.value(column) };
    }
    if (isWord(op, 'is')) {
      this.next();
      const negated = isWord(this.peek(), 'not');
      if (negated) this.next();
      if (!isWord(this.peek(), 'null')) this.expected(negated ? '"null"' : '"null" or "not null"');
      this.next();
      const node: WhereNode = { kind: 'is_null', column: column.name };
      return negated ? { kind: 'not', item: node } : node;
    }
    const negated = isWord(op, 'not');
    if (negated) {
      this.next();
      const after = this.peek();
      if (!isWord(after, 'in') && !isWord(after, 'between')) {
        this.expected('"in" or "between"', isWord(after, 'null') ? '; write "is not null"' : '');
      }
    }
    const keyword = this.peek();
    let node: WhereNode;
    if (isWord(keyword, 'in')) {
      this.next();
      node = this.parseIn(column);
    } else if (isWord(keyword, 'between')) {
      this.next();
      if (column.type === 'boolean') {
        this.fail(
          `"between" does not apply to boolean column ${JSON.stringify(column.name)} ${this.source.at(keyword)}`,
        );
      }
      const low = this.value(column);
      if (!isWord(this.peek(), 'and')) this.expected('"and"', '; write between low and high');
      this.next();
      node = { kind: 'between', column: column.name, low, high: this.value(column) };
    } else {
      let hint = '';
      if (isWord(keyword, 'like') || isWord(keyword, 'ilike')) {
        hint = `; to match the start of a text use starts_with(${column.name}, 'prefix')`;
      } else if (keyword.kind === 'word') {
        const near = closest(keyword.value, OPERATOR_WORDS);
        if (near) hint = `; did you mean "${near}"?`;
      }
      this.expected(`an operator (=, !=, <, <=, >, >=, in, between, is null)`, hint);
    }
    return negated ? { kind: 'not', item: node } : node;
  }

  private parseIn(column: QueryColumn & { token: Token }): WhereNode {
    this.punct('(', '"(" to start the list');
    const values: LiteralValue[] = [];
    for (;;) {
      const token = this.peek();
      if (values.length === WHERE_LIMITS.maxInValues) {
        this.fail(
          `too many values in the "in" list: the one ${this.source.at(token)} is number ${values.length + 1}; the limit is ${WHERE_LIMITS.maxInValues}`,
        );
      }
      values.push(this.value(column));
      const after = this.peek();
      if (after.kind === 'punct' && after.value === ',') this.next();
      else if (after.kind === 'punct' && after.value === ')') break;
      else this.expected('"," or ")" in the "in" list');
    }
    this.next();
    return { kind: 'in', column: column.name, values };
  }

  /** A literal of the column's type, or a 400 saying what the column takes. */
  private value(column: QueryColumn & { token: Token }): LiteralValue {
    const token = this.peek();
    const name = JSON.stringify(column.name);
    if (token.kind === 'word' || token.kind === 'quoted') {
      const word = token.value.toLowerCase();
      if (token.kind === 'word' && (word === 'true' || word === 'false')) {
        if (column.type === 'boolean') {
          this.next();
          return word === 'true';
        }
      } else if (token.kind === 'word' && word === 'null') {
        this.fail(`use "is null" or "is not null" to test for null ${this.source.at(token)}`);
      } else if (this.names.has(token.value) || token.kind === 'quoted') {
        this.expected('a value', '; comparing two columns is not supported');
      } else if (column.type === 'text') {
        this.expected('a value', `; quote text values, like '${token.value}'`);
      }
    }
    if (token.kind !== 'string' && token.kind !== 'number' && token.kind !== 'word') this.expected('a value');
    const value = literal(column.type, token);
    if (value === undefined || typeof value === 'object') {
      const got = this.source.show(token);
      const why = value?.why ? ` (${value.why})` : '';
      this.fail(
        `expected ${WANTS[column.type]} for ${column.type} column ${name} ${this.source.at(token)}, got ${got}${why}`,
      );
    }
    this.next();
    return value;
  }
}

const WANTS: Record<ColumnType, string> = {
  text: "quoted text (like 'Main Street')",
  integer: 'a whole number (like 3)',
  number: 'a number (like 2.5)',
  boolean: 'true or false',
  date: "a date (like '2026-01-31')",
  datetime: "a date and time with Z or an offset (like '2026-06-01T14:03:00Z')",
};

const article = (type: ColumnType) => (type === 'integer' ? 'an integer' : `a ${type}`);

/** A token as a value of the type: the value, undefined, or why not. */
function literal(type: ColumnType, token: Token): LiteralValue | { why: string } | undefined {
  const { kind, value } = token;
  switch (type) {
    case 'text':
      return kind === 'string' ? value : undefined;
    case 'integer':
    case 'number': {
      // A quoted number is accepted too, as in SoQL and SQL: ward = '3'.
      if (kind === 'word' || (kind === 'string' && !isNumberLiteral(value))) return undefined;
      const n = Number(value);
      if (!Number.isFinite(n)) return { why: 'too large' };
      if (type === 'integer' && !Number.isInteger(n)) return { why: 'not a whole number' };
      if (type === 'integer' && !Number.isSafeInteger(n)) return { why: 'beyond ±9007199254740991' };
      return n;
    }
    case 'boolean': {
      const word = kind === 'string' ? value.toLowerCase() : '';
      return word === 'true' ? true : word === 'false' ? false : undefined;
    }
    case 'date':
      if (kind !== 'string') return undefined;
      if (isCalendarDate(value)) return value;
      return looksLikeDate(value) ? { why: 'not a calendar date' } : undefined;
    case 'datetime': {
      if (kind !== 'string') return undefined;
      const ms = parseInstant(value);
      if (Number.isNaN(ms)) {
        if (looksLikeDate(value)) return { why: "add a time, like 'T00:00:00Z'" };
        if (looksLikeDatetime(value)) return { why: 'not a valid date-time, or no Z or offset like -05:00' };
        return undefined;
      }
      if (ms < MIN_INSTANT || ms > MAX_INSTANT) return { why: 'outside years 0000-9999 in UTC' };
      return formatInstant(ms);
    }
  }
}
