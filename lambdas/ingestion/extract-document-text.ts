/**
 * Reads a document staff want to release to a records requester and runs the
 * release scan over its text (lambdas/domain/records/release-scan.ts). No AWS
 * imports: the file comes in as a byte stream (S3 body, local file).
 *
 * - CSV: parsed as it streams (csv-parse), one scanRow per record; the first
 *   record is the header.
 * - Text and JSON: decoded as it streams and scanned line by line ("line N");
 *   a line longer than MAX_LINE_CHARS (minified JSON) is scanned in
 *   overlapping pieces, so memory stays bounded.
 * - PDF: pdf.js needs the whole file (random access), so it is buffered up to
 *   maxPdfBytes; larger files are reported not-scannable. Text is read page by
 *   page ("page N"). A PDF with no text at all (a scan) is not-scannable; pages
 *   with little or no text among others are listed in the note and the report
 *   is `truncated`, since an image of text on them was not checked.
 *
 * Text must be UTF-8 (a UTF-16 file with a byte-order mark is read too);
 * anything else, or text holding NUL characters (binary, UTF-16 without a
 * byte-order mark), is reported not-scannable. Text and CSV beyond
 * maxScanBytes are not read: the report is `truncated`.
 *
 * Notes say why a file was not (fully) scanned; they never quote the file or
 * its name. Parser error messages are not passed on, as they can quote the
 * offending text.
 */
import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { TextDecoder } from 'node:util';
import { parse } from 'csv-parse';
import { getDocumentProxy } from 'unpdf';
import type { ProtectedAddress, ProtectedAddressMatcher } from '../domain/records/protected-addresses';
import {
  createReleaseScanner,
  kindOf,
  notScannableReport,
  type DocumentScanReport,
  type ReleaseScanner,
} from '../domain/records/release-scan';
import { sequenceLength } from './utf8';

export const DEFAULT_MAX_SCAN_BYTES = 512 * 1024 * 1024;
export const DEFAULT_MAX_PDF_BYTES = 200 * 1024 * 1024;
/** Longer lines are scanned in pieces of this many characters, overlapping by LINE_OVERLAP. */
export const MAX_LINE_CHARS = 1024 * 1024;
const LINE_OVERLAP = 512;
const MAX_CSV_RECORD_BYTES = 8 * 1024 * 1024;
/** A PDF page with fewer non-blank characters than this is treated as having no text layer. */
const MIN_PAGE_TEXT = 20;
const LISTED_PAGES = 10;

export interface ScanDocumentOptions {
  fileName: string;
  contentType?: string;
  /** The §1-217 list (or a matcher built from it once for many documents). */
  protectedAddresses: readonly ProtectedAddress[] | ProtectedAddressMatcher;
  /** Text, JSON and CSV: bytes read at most; the rest is not scanned (`truncated`). */
  maxScanBytes?: number;
  /** PDFs larger than this are not scanned. */
  maxPdfBytes?: number;
}

export async function scanDocument(
  source: AsyncIterable<Uint8Array>,
  options: ScanDocumentOptions,
): Promise<DocumentScanReport> {
  const kind = kindOf(options.fileName, options.contentType);
  if (kind === 'not-scannable') {
    await closeSource(source);
    return notScannableReport(
      `Files of this type${typeName(options)} are not scanned for personal data (images, scans, office documents and archives are not read); review it before release.`,
    );
  }
  const scanner = createReleaseScanner({ kind, protectedAddresses: options.protectedAddresses });
  if (kind === 'pdf') return scanPdf(source, scanner, options.maxPdfBytes ?? DEFAULT_MAX_PDF_BYTES);
  return scanText(source, scanner, kind === 'csv', options.maxScanBytes ?? DEFAULT_MAX_SCAN_BYTES);
}

/** " (.xyz)" or " (type/subtype)" when it is a plain short name; nothing that could quote a file name. */
function typeName(options: ScanDocumentOptions): string {
  const dot = options.fileName.lastIndexOf('.');
  const extension = dot >= 0 ? options.fileName.slice(dot + 1) : '';
  if (/^[A-Za-z0-9]{1,10}$/.test(extension)) return ` (.${extension.toLowerCase()})`;
  const type = options.contentType?.split(';')[0]?.trim() ?? '';
  return /^[\w.+-]{1,40}\/[\w.+-]{1,60}$/.test(type) ? ` (${type})` : '';
}

async function closeSource(source: AsyncIterable<Uint8Array>): Promise<void> {
  await source[Symbol.asyncIterator]().return?.();
}

// ---------------------------------------------------------------- text and CSV

class NotTextError extends Error {
  constructor(readonly note: string) {
    super(note);
  }
}

interface ReadState {
  bytes: number;
  truncated: boolean;
}

const EMPTY = new Uint8Array(0);

/** Bytes at the end of `data` that start a sequence the next piece completes (0 to 3). */
function unfinishedTail(data: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, data.length); back++) {
    const b = data[data.length - back]!;
    if ((b & 0xc0) !== 0x80) return sequenceLength(b) > back ? back : 0;
  }
  return 0;
}

/** Offset of the first byte that is not well-formed UTF-8 (only called once isUtf8 said no). */
function firstBadByte(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let i = 0;
  while (i < bytes.length) {
    const n = sequenceLength(bytes[i]!);
    if (n === 0 || i + n > bytes.length) return i;
    try {
      decoder.decode(bytes.subarray(i, i + n));
    } catch {
      return i;
    }
    i += n;
  }
  return bytes.length;
}

const notUtf8 = (encoding: string, at: number) =>
  new NotTextError(
    `The file is not valid ${encoding} text (a bad byte at byte ${at + 1}); the rest was not scanned. Save it as UTF-8 text, or review it before release.`,
  );

const NUL_NOTE =
  'The file holds NUL characters: it is binary, or UTF-16 text without a byte-order mark. Save it as UTF-8 text, or review it before release.';

/**
 * The file as strings, decoded as it streams; stops after `maxBytes`
 * (state.truncated). UTF-8 (a byte-order mark is dropped), or UTF-16 after its
 * byte-order mark. Text before a bad byte is passed on, then NotTextError is
 * thrown.
 */
async function* decodedText(
  source: AsyncIterable<Uint8Array>,
  maxBytes: number,
  state: ReadState,
): AsyncGenerator<string> {
  const utf8 = new TextDecoder('utf-8');
  let utf16: TextDecoder | undefined;
  let started = false;
  // Bytes held back: the first byte (until the byte-order mark can be read), or an unfinished UTF-8 sequence.
  let carry: Uint8Array = EMPTY;

  /** Decodes `data` (starting at byte `start` of the file) except an unfinished tail, kept in `carry`. */
  function* decode(data: Uint8Array, start: number, last: boolean): Generator<string> {
    let text: string;
    if (utf16) {
      try {
        text = utf16.decode(data, { stream: !last });
      } catch {
        throw notUtf8(utf16.encoding.toUpperCase(), start);
      }
    } else {
      const tail = last ? 0 : unfinishedTail(data);
      const body = tail > 0 ? data.subarray(0, data.length - tail) : data;
      carry = tail > 0 ? data.slice(data.length - tail) : EMPTY;
      if (!isUtf8(body)) {
        const bad = firstBadByte(body);
        if (bad > 0) yield* decode(body.subarray(0, bad), start, true);
        throw notUtf8('UTF-8', start + bad);
      }
      text = utf8.decode(body);
    }
    if (text.includes('\0')) throw new NotTextError(NUL_NOTE);
    if (text.length > 0) yield text;
  }

  for await (const chunk of source) {
    let bytes = chunk;
    if (state.bytes + bytes.length > maxBytes) {
      bytes = bytes.subarray(0, maxBytes - state.bytes);
      state.truncated = true;
    }
    state.bytes += bytes.length;
    let data = bytes;
    if (carry.length > 0) {
      data = new Uint8Array(carry.length + bytes.length);
      data.set(carry);
      data.set(bytes, carry.length);
      carry = EMPTY;
    }
    const start = state.bytes - data.length;
    if (!started) {
      // The byte-order mark needs the first two bytes, which may come in two pieces.
      if (data.length < 2 && !state.truncated) {
        carry = data.slice();
        continue;
      }
      started = true;
      if (data[0] === 0xff && data[1] === 0xfe) utf16 = new TextDecoder('utf-16le', { fatal: true });
      else if (data[0] === 0xfe && data[1] === 0xff) utf16 = new TextDecoder('utf-16be', { fatal: true });
    }
    yield* decode(data, start, false);
    // Leaving the loop closes the source. An unfinished sequence cut at the cap is dropped.
    if (state.truncated) return;
  }
  // A one-byte file, the end of a UTF-16 file, or a UTF-8 sequence the file never finished (an error).
  if (carry.length > 0 || utf16) yield* decode(carry, state.bytes - carry.length, true);
}

async function scanText(
  source: AsyncIterable<Uint8Array>,
  scanner: ReleaseScanner,
  csv: boolean,
  maxBytes: number,
): Promise<DocumentScanReport> {
  const state: ReadState = { bytes: 0, truncated: false };
  const text = decodedText(source, maxBytes, state);
  let note: string | undefined;
  try {
    if (csv) note = await scanCsvRecords(text, scanner, state);
    else await scanLines(text, scanner);
  } catch (err) {
    if (!(err instanceof NotTextError)) throw err;
    return notScannableReport(err.note, {
      bytesScanned: state.bytes,
      truncated: state.truncated,
      findings: scanner.report().findings,
    });
  }
  if (state.truncated && note === undefined) {
    note = `Only the first ${state.bytes} bytes were scanned (the limit for one file); the rest was not checked.`;
  }
  const truncated = state.truncated || note !== undefined;
  return scanner.report({ bytesScanned: state.bytes, truncated, ...(note !== undefined ? { note } : {}) });
}

/** One scanText call per line ("line N", 1-based); very long lines in overlapping pieces. */
async function scanLines(text: AsyncIterable<string>, scanner: ReleaseScanner): Promise<void> {
  let line = 1;
  let pending = '';
  const scanPending = () => {
    if (pending.endsWith('\r')) pending = pending.slice(0, -1);
    if (pending.length > 0) scanner.scanText(pending, `line ${line}`);
  };
  try {
    for await (const piece of text) {
      let from = 0;
      for (let newline = piece.indexOf('\n'); newline >= 0; newline = piece.indexOf('\n', from)) {
        let content = pending + piece.slice(from, newline);
        if (content.endsWith('\r')) content = content.slice(0, -1);
        scanner.scanText(content, `line ${line++}`);
        pending = '';
        from = newline + 1;
      }
      pending += piece.slice(from);
      if (pending.length > MAX_LINE_CHARS) {
        scanner.scanText(pending, `line ${line}`);
        // Keep an overlap, starting at a space, so a pattern cut at the end is seen whole in the next piece.
        const keepFrom = pending.length - LINE_OVERLAP;
        const space = pending.indexOf(' ', keepFrom);
        pending = pending.slice(space >= 0 ? space + 1 : keepFrom);
      }
    }
  } finally {
    // Also when the text turns out not to be text: what came before the bad byte is scanned.
    scanPending();
  }
}

/**
 * Records to scanRow as the parser produces them (in on_record, so a syntax
 * error later in the file does not lose rows already parsed); returns a note
 * when the file stopped being CSV (the rest is not scanned).
 */
async function scanCsvRecords(
  text: AsyncIterable<string>,
  scanner: ReleaseScanner,
  state: ReadState,
): Promise<string | undefined> {
  const parser = parse({
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: MAX_CSV_RECORD_BYTES,
    on_record: (record: string[]) => {
      scanner.scanRow(record);
      return null;
    },
  });
  const input = Readable.from(text);
  input.on('error', (err) => parser.destroy(err));
  input.pipe(parser);
  parser.resume();
  try {
    await finished(parser);
  } catch (err) {
    if (err instanceof NotTextError) throw err;
    const code = (err as { code?: unknown }).code;
    if (typeof code !== 'string' || !code.startsWith('CSV_')) throw err;
    // Cut off at the size limit in the middle of a record: not a syntax problem of the file.
    if (state.truncated) return undefined;
    const lines = (err as { lines?: unknown }).lines;
    const at = typeof lines === 'number' ? ` at line ${lines}` : '';
    return `The file stopped being valid CSV${at} (${code}); the rest was not scanned. Review it before release.`;
  } finally {
    input.destroy();
  }
  return undefined;
}

// ---------------------------------------------------------------- PDF

/** The whole file, or undefined when it is larger than `maxBytes` (reading stops there). */
async function readAll(source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Uint8Array | undefined> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of source) {
    size += chunk.length;
    if (size > maxBytes) return undefined;
    chunks.push(chunk);
  }
  // A plain Uint8Array of our own: pdf.js refuses Buffers and takes over (detaches) what it is given.
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

/** PDF readers accept the header anywhere in the first kilobyte. */
function looksLikePdf(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 1024) - PDF_MAGIC.length;
  for (let i = 0; i <= end; i++) {
    if (PDF_MAGIC.every((b, k) => bytes[i + k] === b)) return true;
  }
  return false;
}

interface PdfTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL: boolean;
}

/**
 * The text of one page, a line per text line. pdf.js gives positioned pieces;
 * pieces on one line are joined with a space where there is a gap between
 * them (table cells, "SSN" and the number drawn apart) and without one where a
 * word was split, so numbers are not glued to labels nor cut in two.
 */
function pageText(items: readonly unknown[]): string {
  let out = '';
  let open = false;
  let lastY = 0;
  let lastEnd = 0;
  let lastHeight = 0;
  for (const raw of items) {
    if (typeof raw !== 'object' || raw === null || !('str' in raw)) continue;
    const item = raw as PdfTextItem;
    const x = Number(item.transform[4]) || 0;
    const y = Number(item.transform[5]) || 0;
    const height =
      Math.hypot(Number(item.transform[2]) || 0, Number(item.transform[3]) || 0) || item.height || 1;
    if (item.str.length > 0) {
      if (open) {
        if (Math.abs(y - lastY) > Math.max(height, lastHeight) / 2) out += '\n';
        else if (x - lastEnd > height * 0.15 && !/\s$/.test(out) && !/^\s/.test(item.str)) out += ' ';
      }
      out += item.str;
      open = true;
      lastY = y;
      lastEnd = x + (Number(item.width) || 0);
      lastHeight = height;
    }
    if (item.hasEOL) {
      out += '\n';
      open = false;
    }
  }
  return out;
}

function nonBlankCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 32 && s.charCodeAt(i) !== 0xa0) n++;
  return n;
}

function pageList(pages: readonly number[]): string {
  const listed = pages.slice(0, LISTED_PAGES).join(', ');
  return pages.length > LISTED_PAGES ? `${listed} and ${pages.length - LISTED_PAGES} more` : listed;
}

async function scanPdf(
  source: AsyncIterable<Uint8Array>,
  scanner: ReleaseScanner,
  maxBytes: number,
): Promise<DocumentScanReport> {
  const bytes = await readAll(source, maxBytes);
  if (!bytes) {
    return notScannableReport(
      `The PDF is larger than ${Math.floor(maxBytes / (1024 * 1024))} MB, the most that is scanned; it was not checked. Review it before release.`,
      { truncated: true },
    );
  }
  const size = bytes.length;
  if (!looksLikePdf(bytes)) {
    return notScannableReport('The file is not a PDF; it was not checked. Review it before release.', {
      bytesScanned: size,
    });
  }
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // verbosity 0: errors only (pdf.js warns on console about recoverable damage).
    pdf = await getDocumentProxy(bytes, { verbosity: 0, isEvalSupported: false, stopAtErrors: false });
  } catch (err) {
    const name = (err as { name?: unknown }).name;
    return notScannableReport(
      name === 'PasswordException'
        ? 'The PDF is password-protected; its text could not be read. Review it before release.'
        : 'The PDF could not be read (damaged or unsupported); it was not checked. Review it before release.',
      { bytesScanned: size },
    );
  }
  const withoutText: number[] = [];
  const pages = pdf.numPages;
  try {
    for (let n = 1; n <= pages; n++) {
      let text: string;
      try {
        const page = await pdf.getPage(n);
        const content = await page.getTextContent();
        text = pageText(content.items);
        page.cleanup();
      } catch {
        withoutText.push(n);
        continue;
      }
      if (text.length > 0) scanner.scanText(text, `page ${n}`);
      if (nonBlankCount(text) < MIN_PAGE_TEXT) withoutText.push(n);
    }
  } finally {
    await pdf.destroy();
  }
  const findings = scanner.report().findings;
  if (pages === 0 || withoutText.length === pages) {
    return notScannableReport(
      `The PDF has no text layer (a scan or images${pages > 0 ? `, ${pages} page${pages === 1 ? '' : 's'}` : ''}): its text could not be checked. Review it before release, or run OCR and upload the result.`,
      { bytesScanned: size, findings },
    );
  }
  if (withoutText.length > 0) {
    return scanner.report({
      bytesScanned: size,
      truncated: true,
      note: `${withoutText.length} of ${pages} pages have little or no text (blank, or scanned images) and were not fully checked: page ${pageList(withoutText)}.`,
    });
  }
  return scanner.report({ bytesScanned: size });
}
