/**
 * Tokens of the row query language, and the 400 errors that point at them.
 * One lexer serves `where`, `select` and `order`; it reads each character once.
 */
import { badRequest, type PlatformError } from '../../shared/errors';

export type QueryField = 'where' | 'select' | 'order';

export type TokenKind =
  /** A bare name or keyword: `[A-Za-z_][A-Za-z0-9_]*`. */
  | 'word'
  /** A column name in backticks: `` `not` ``. */
  | 'quoted'
  | 'string'
  | 'number'
  | 'punct'
  | 'end';

export interface Token {
  kind: TokenKind;
  /** The name, the text of a string literal (quotes removed), the digits, or the punctuation. */
  value: string;
  /** UTF-16 offsets of the lexeme in the source text. */
  start: number;
  end: number;
}

/** The text being read and the query parameter it came from, for error messages. */
export class Source {
  constructor(
    readonly field: QueryField,
    readonly text: string,
  ) {}

  /** 1-based position, in Unicode characters (code points), of a UTF-16 offset. */
  position(offset: number): number {
    let count = 1;
    for (let k = 0; k < offset && k < this.text.length; k++) {
      const c = this.text.charCodeAt(k);
      if (c >= 0xd800 && c <= 0xdbff && k + 1 < offset) {
        const next = this.text.charCodeAt(k + 1);
        if (next >= 0xdc00 && next <= 0xdfff) k++;
      }
      count++;
    }
    return count;
  }

  /** The lexeme of a token as written, for quoting in a message. */
  lexeme(token: Token): string {
    return token.kind === 'end' ? '' : this.text.slice(token.start, token.end);
  }

  /** `"ward"`, `'Main St'`, `12`: a token as a message shows it (long ones shortened). */
  show(token: Token): string {
    if (token.kind === 'end') return 'the end of the text';
    const lexeme = shorten(this.lexeme(token));
    return token.kind === 'string' || token.kind === 'number' ? lexeme : JSON.stringify(lexeme);
  }

  /** A 400 whose message and issue say `<message>` about this parameter. */
  error(message: string): PlatformError {
    return badRequest(`${this.field}: ${message}`, [{ path: `query.${this.field}`, message }]);
  }

  /** `<what> at position N` for a token; at the end of the text, says so. */
  at(token: Token): string {
    return token.kind === 'end'
      ? `at position ${this.position(token.start)} (the end of the ${END_NAMES[this.field]})`
      : `at position ${this.position(token.start)}`;
  }
}

const END_NAMES: Record<QueryField, string> = { where: 'filter', select: 'select list', order: 'order' };

/** At most 40 characters of a lexeme (whole code points), with an ellipsis if cut. */
export function shorten(text: string): string {
  const chars = Array.from(text.length > 200 ? text.slice(0, 200) : text);
  return chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : text;
}

const isWordStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isWordPart = (c: number) => isWordStart(c) || isDigit(c);
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** Splits the text into tokens, ending with an `end` token; throws a 400 at the first bad character. */
export function tokenize(source: Source): Token[] {
  const text = source.text;
  const tokens: Token[] = [];
  const n = text.length;
  let k = 0;
  const fail = (start: number, message: (at: string) => string): never => {
    throw source.error(message(`at position ${source.position(start)}`));
  };
  while (k < n) {
    const c = text.charCodeAt(k);
    const start = k;
    if (isSpace(c)) {
      k++;
    } else if (isWordStart(c)) {
      while (k < n && isWordPart(text.charCodeAt(k))) k++;
      tokens.push({ kind: 'word', value: text.slice(start, k), start, end: k });
    } else if (isDigit(c) || (c === 45 && isDigit(text.charCodeAt(k + 1)))) {
      k++;
      while (k < n && isDigit(text.charCodeAt(k))) k++;
      if (text.charCodeAt(k) === 46 && isDigit(text.charCodeAt(k + 1))) {
        k += 2;
        while (k < n && isDigit(text.charCodeAt(k))) k++;
      }
      if (k < n && (isWordPart(text.charCodeAt(k)) || text.charCodeAt(k) === 46)) {
        let e = k;
        while (e < n && (isWordPart(text.charCodeAt(e)) || text.charCodeAt(e) === 46)) e++;
        const bad = JSON.stringify(shorten(text.slice(start, e)));
        fail(start, (at) => `invalid number ${bad} ${at}; numbers look like 42, -7 or 3.25`);
      }
      tokens.push({ kind: 'number', value: text.slice(start, k), start, end: k });
    } else if (c === 39) {
      // '…' with '' for a quote
      let value = '';
      let from = ++k;
      for (;;) {
        const q = text.indexOf("'", k);
        if (q < 0) fail(start, (at) => `unterminated string starting ${at}; end it with '`);
        if (text.charCodeAt(q + 1) === 39) {
          value += text.slice(from, q + 1);
          k = from = q + 2;
        } else {
          value += text.slice(from, q);
          k = q + 1;
          break;
        }
      }
      tokens.push({ kind: 'string', value, start, end: k });
    } else if (c === 96) {
      // `column name`
      const close = text.indexOf('`', k + 1);
      if (close < 0) fail(start, (at) => `unterminated column name starting ${at}; end it with \``);
      if (close === k + 1) fail(start, (at) => `empty column name \`\` ${at}`);
      tokens.push({ kind: 'quoted', value: text.slice(k + 1, close), start, end: close + 1 });
      k = close + 1;
    } else {
      const next = text.charCodeAt(k + 1);
      let punct: string | undefined;
      if (c === 40 || c === 41 || c === 44 || c === 61)
        punct = text[k]; // ( ) , =
      else if (c === 33 && next === 61) punct = '!=';
      else if (c === 60) punct = next === 61 ? '<=' : next === 62 ? '<>' : '<';
      else if (c === 62) punct = next === 61 ? '>=' : '>';
      if (punct === undefined) {
        const ch = String.fromCodePoint(text.codePointAt(k)!);
        const hint =
          ch === '"'
            ? "; text values use single quotes, like 'Main Street'"
            : ch === '!'
              ? '; did you mean "!="?'
              : ch === '.'
                ? '; numbers need a digit before the point, like 0.5'
                : ch === '*' || ch === '%'
                  ? "; to match the start of a text use starts_with(column, 'prefix')"
                  : '';
        fail(start, (at) => `unexpected character ${JSON.stringify(ch)} ${at}${hint}`);
      }
      // '==' is a common slip; say so rather than "expected a value"
      if (punct === '=' && next === 61) fail(start, (at) => `unexpected "==" ${at}; use a single "="`);
      k += punct!.length;
      tokens.push({ kind: 'punct', value: punct!, start, end: k });
    }
  }
  tokens.push({ kind: 'end', value: '', start: n, end: n });
  return tokens;
}
