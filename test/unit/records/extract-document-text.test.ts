import path from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { definePDFJSModule } from 'unpdf';
import { releaseNeedsDecision, type DocumentScanReport } from '../../../lambdas/domain/records/release-scan';
import {
  MAX_LINE_CHARS,
  scanDocument,
  type ScanDocumentOptions,
} from '../../../lambdas/ingestion/extract-document-text';

/**
 * unpdf loads pdf.js (an ES module) with `import('unpdf/pdfjs')`. Jest runs
 * this project as CommonJS on Node 20, where that dynamic import fails
 * (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG without --experimental-vm-modules),
 * and transforming the 1.6 MB ESM bundle with ts-jest does not help (it stays
 * ESM and uses import.meta). So the tests load pdf.js with Node's own module
 * loader and hand it to unpdf, which then works as in production (an ESM bundle
 * that imports pdf.js itself). Node prints an ExperimentalWarning for this once.
 */
beforeAll(async () => {
  const pdfjs = pathToFileURL(path.join(path.dirname(require.resolve('unpdf')), 'pdfjs.mjs')).href;
  const nativeImport = vm.runInThisContext('(specifier) => import(specifier)', {
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  }) as (specifier: string) => Promise<unknown>;
  await definePDFJSModule(() => nativeImport(pdfjs));
});

const SSN = '123-45-6789';
const PROTECTED = [{ id: 'pa-1', address: '12 N Main St', category: 'police-officer' }];

/** The bytes in pieces of `size` (cutting inside characters), as S3 streams a body. */
async function* pieces(bytes: Uint8Array, size = 7): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

function scan(
  content: string | Uint8Array,
  fileName: string,
  options: Partial<ScanDocumentOptions> = {},
): Promise<DocumentScanReport> {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return scanDocument(pieces(bytes, options.maxScanBytes ? 5 : 7), {
    fileName,
    protectedAddresses: PROTECTED,
    ...options,
  });
}

/** A PDF with one page per entry; each line of a page drawn on its own text line. */
async function pdf(pages: readonly (readonly string[])[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage([612, 792]);
    lines.forEach((text, i) => page.drawText(text, { x: 72, y: 720 - i * 18, size: 11, font }));
  }
  return doc.save();
}

const PAGE_TEXT = 'This page of the inspection report lists the findings of the visit.';

function expectNoValues(report: DocumentScanReport, values: readonly string[]): void {
  const json = JSON.stringify(report);
  for (const value of values) expect(json).not.toContain(value);
}

describe('scanDocument: CSV', () => {
  const csv = [
    'case_no,applicant_name,ssn,notes',
    `2025-001,Jane Doe,${SSN},none`,
    '2025-002,"Roe, John",212345678,"DOB 3/12/85, call back"',
    '2025-003,Ann Poe,,"multi-line',
    'note with jane@example.com"',
    '',
  ].join('\r\n');

  it('finds an SSN column with the dataset rules, row by row', async () => {
    const report = await scan(csv, 'applicants.csv');
    expect(report.scannedAs).toBe('csv');
    expect(report.bytesScanned).toBe(new TextEncoder().encode(csv).length);
    expect(report.truncated).toBe(false);
    expect(report.findings.map((f) => [f.where, f.pattern, f.count, f.sampleLocations])).toEqual([
      ['column "ssn"', 'us-ssn', 2, ['row 1', 'row 2']],
      ['column "notes"', 'date-of-birth', 1, ['row 2']],
      ['column "notes"', 'email-address', 1, ['row 3']],
    ]);
    expectNoValues(report, [SSN, '212345678', '3/12/85', 'jane@example.com', 'Jane Doe']);
    expect(releaseNeedsDecision(report)).toBe(true);
  });

  it('reads a CSV with a byte-order mark and characters cut between pieces', async () => {
    const report = await scan(`\uFEFFnom,ssn\nJosé Ñúñez ☃,${SSN}\n`, 'x.csv');
    expect(report.findings.map((f) => f.where)).toEqual(['column "ssn"']);
  });

  it('reports a CSV that stops being CSV, keeping what was found before', async () => {
    const report = await scan(`name,ssn\nA,${SSN}\n"unclosed,1\nB,2\n`, 'broken.csv');
    expect(report.scannedAs).toBe('csv');
    expect(report.truncated).toBe(true);
    expect(report.note).toMatch(/stopped being valid CSV at line \d+ \(CSV_QUOTE_NOT_CLOSED\)/);
    expect(report.findings.map((f) => f.pattern)).toEqual(['us-ssn']);
    expectNoValues(report, ['unclosed', SSN]);
  });

  it('stops at maxScanBytes and says so', async () => {
    const body = `name,ssn\n${'A,\n'.repeat(100)}B,${SSN}\n`;
    const report = await scan(body, 'long.csv', { maxScanBytes: 200 });
    expect(report).toMatchObject({ scannedAs: 'csv', bytesScanned: 200, truncated: true, findings: [] });
    expect(report.note).toMatch(/first 200 bytes/);
    expect(releaseNeedsDecision(report)).toBe(true);
  });
});

describe('scanDocument: text and JSON', () => {
  const letter = [
    'City of Danbury, Office of the Corporation Counsel',
    '',
    'Dear Ms. Doe,',
    '',
    `Your Social Security number ${SSN} was included in the file by mistake.`,
    'Please write to jane.doe@gmail.com if you have questions.',
    '',
    'Sincerely,',
  ].join('\n');

  it('finds an SSN and an e-mail address in a letter, by line', async () => {
    const report = await scan(letter, 'letter.txt');
    expect(report).toEqual({
      scannedAs: 'text',
      bytesScanned: letter.length,
      truncated: false,
      findings: [
        {
          pattern: 'us-ssn',
          label: 'Social Security number',
          where: 'text',
          count: 1,
          sampleLocations: ['line 5'],
        },
        {
          pattern: 'email-address',
          label: 'E-mail address',
          where: 'text',
          count: 1,
          sampleLocations: ['line 6'],
        },
      ],
    });
    expectNoValues(report, [SSN, '123456789', 'jane.doe']);
  });

  it('finds a protected address written differently from the list', async () => {
    const text = 'Re: Officer personnel file\nThe officer lives at 12 North Main Street, Apt 4.\n';
    const report = await scan(text, 'memo.txt');
    const found = report.findings.filter((f) => f.pattern === 'protected-address');
    expect(found).toEqual([
      {
        pattern: 'protected-address',
        label:
          'Residential address of a protected person (C.G.S. \u00a71-217): Sworn police or law enforcement officer',
        where: 'text',
        count: 1,
        sampleLocations: ['line 2'],
      },
    ]);
    expectNoValues(report, ['North Main', '12 N Main', 'pa-1']);
  });

  it('reports a clean document as clean', async () => {
    const text = 'Minutes of the Planning Commission\nThe meeting opened at 7:00 p.m. on 03/12/2025.\n';
    const report = await scan(text, 'minutes.txt', { protectedAddresses: [] });
    expect(report).toEqual({ scannedAs: 'text', bytesScanned: text.length, truncated: false, findings: [] });
    expect(releaseNeedsDecision(report)).toBe(false);
  });

  it('scans JSON line by line, reading keys as labels', async () => {
    const json = JSON.stringify(
      {
        request: '2025-0042',
        applicant: { name: 'Jane Doe', ssn: '123456789', date_of_birth: '1985-03-12' },
        filed: '2025-03-12',
        contact: 'jane@example.com',
      },
      null,
      2,
    );
    const report = await scan(json, 'export.json');
    expect(report.scannedAs).toBe('json');
    expect(report.findings.map((f) => [f.pattern, f.sampleLocations])).toEqual([
      ['us-ssn', ['line 5']],
      ['date-of-birth', ['line 6']],
      ['email-address', ['line 9']],
    ]);
    expectNoValues(report, ['123456789', '1985-03-12', 'jane@example.com']);
  });

  it('scans a minified JSON line longer than MAX_LINE_CHARS in pieces', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => ({ id: i, note: 'nothing personal here' }));
    rows.push({ id: -1, note: `ssn ${SSN}` });
    const json = JSON.stringify({ rows });
    expect(json.length).toBeGreaterThan(MAX_LINE_CHARS);
    const report = await scanDocument(pieces(new TextEncoder().encode(json), 65536), {
      fileName: 'min.json',
      protectedAddresses: [],
    });
    expect(report.findings.map((f) => [f.pattern, f.sampleLocations])).toEqual([['us-ssn', ['line 1']]]);
  });

  it('reads UTF-16 text with a byte-order mark', async () => {
    const text = `Dear resident,\r\nyour SSN ${SSN} is on file.\r\n`;
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      bytes[2 + 2 * i] = text.charCodeAt(i) & 0xff;
      bytes[3 + 2 * i] = text.charCodeAt(i) >> 8;
    }
    const report = await scan(bytes, 'utf16.txt');
    expect(report.findings.map((f) => [f.pattern, f.sampleLocations])).toEqual([['us-ssn', ['line 2']]]);
  });

  it('reports text that is not UTF-8 as not scannable, naming bytes but no content', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode(`SSN ${SSN}\nabc `), 0xff, 0xfe, 0x41, 0x0a]);
    const report = await scan(bytes, 'latin1.txt');
    expect(report.scannedAs).toBe('not-scannable');
    // The first line, and the part of the second line before the bad byte, are scanned.
    expect(report.note).toMatch(/^The file is not valid UTF-8 text \(a bad byte at byte 21\)/);
    expect(report.findings.map((f) => f.pattern)).toEqual(['us-ssn']);
    expect(releaseNeedsDecision(report)).toBe(true);
    expectNoValues(report, [SSN]);
  });

  it('reports a file ending inside a UTF-8 character as not scannable', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('caf'), 0xc3]);
    const report = await scan(bytes, 'cut.txt');
    expect(report.scannedAs).toBe('not-scannable');
    expect(report.note).toMatch(/a bad byte at byte 4\)/);
  });

  it('reports text holding NUL characters (UTF-16 without a byte-order mark) as not scannable', async () => {
    const bytes = new Uint8Array([...'SSN 123'].flatMap((c) => [c.charCodeAt(0), 0]));
    const report = await scan(bytes, 'notes.txt');
    expect(report.scannedAs).toBe('not-scannable');
    expect(report.note).toMatch(/NUL/);
  });

  it('reports an empty file as clean', async () => {
    expect(await scan('', 'empty.txt')).toEqual({
      scannedAs: 'text',
      bytesScanned: 0,
      truncated: false,
      findings: [],
    });
  });
});

describe('scanDocument: PDF', () => {
  it('finds an SSN on page 2 and says page 2', async () => {
    const bytes = await pdf([
      [PAGE_TEXT, 'Page 1 of 2'],
      [PAGE_TEXT, `Applicant SSN: ${SSN}`, 'Page 2 of 2'],
    ]);
    const report = await scan(bytes, 'report.pdf');
    expect(report.scannedAs).toBe('pdf');
    expect(report.bytesScanned).toBe(bytes.length);
    expect(report.truncated).toBe(false);
    expect(report.note).toBeUndefined();
    expect(report.findings).toEqual([
      {
        pattern: 'us-ssn',
        label: 'Social Security number',
        where: 'text',
        count: 1,
        sampleLocations: ['page 2'],
      },
    ]);
    expectNoValues(report, [SSN, '123456789']);
  });

  it('joins text drawn in separate pieces on one line with a space', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const page = doc.addPage([612, 792]);
    page.drawText(PAGE_TEXT, { x: 72, y: 720, size: 11, font });
    page.drawText('SSN', { x: 72, y: 700, size: 11, font });
    page.drawText('123456789', { x: 160, y: 700, size: 11, font });
    page.drawText('Date of Birth', { x: 72, y: 680, size: 11, font });
    page.drawText('03/12/1985', { x: 160, y: 680, size: 11, font });
    const report = await scan(await doc.save(), 'form.pdf');
    expect(report.findings.map((f) => [f.pattern, f.count])).toEqual([
      ['us-ssn', 1],
      ['date-of-birth', 1],
    ]);
  });

  it('reports a PDF without text (a scan) as not scannable', async () => {
    const doc = await PDFDocument.create();
    for (let i = 0; i < 2; i++) {
      doc.addPage([612, 792]).drawRectangle({ x: 50, y: 50, width: 500, height: 600, borderWidth: 2 });
    }
    const bytes = await doc.save();
    const report = await scan(bytes, 'scan.pdf');
    expect(report).toMatchObject({ scannedAs: 'not-scannable', bytesScanned: bytes.length, findings: [] });
    expect(report.note).toMatch(/no text layer.*2 pages/);
    expect(releaseNeedsDecision(report)).toBe(true);
  });

  it('scans the pages with text and lists the pages without', async () => {
    const report = await scan(await pdf([[PAGE_TEXT], [], [`${PAGE_TEXT} SSN ${SSN}`]]), 'mixed.pdf');
    expect(report.scannedAs).toBe('pdf');
    expect(report.truncated).toBe(true);
    expect(report.note).toBe(
      '1 of 3 pages have little or no text (blank, or scanned images) and were not fully checked: page 2.',
    );
    expect(report.findings.map((f) => f.sampleLocations)).toEqual([['page 3']]);
  });

  it('finds a protected address in a PDF', async () => {
    const report = await scan(
      await pdf([[PAGE_TEXT, 'Home address: 12 North Main Street, Apt 4, Danbury']]),
      'personnel.pdf',
    );
    expect(report.findings.map((f) => [f.pattern, f.sampleLocations])).toEqual([
      ['street-address-of-person', ['page 1']],
      ['protected-address', ['page 1']],
    ]);
  });

  it('reports a clean PDF as clean', async () => {
    const report = await scan(
      await pdf([[PAGE_TEXT, 'Inspected 155 Deer Hill Avenue on 03/12/2025.']]),
      'ok.pdf',
    );
    expect(report.findings).toEqual([]);
    expect(releaseNeedsDecision(report)).toBe(false);
  });

  it('does not buffer a PDF larger than maxPdfBytes', async () => {
    const bytes = await pdf([[PAGE_TEXT, `SSN ${SSN}`]]);
    const report = await scan(bytes, 'big.pdf', { maxPdfBytes: 100 });
    expect(report).toMatchObject({
      scannedAs: 'not-scannable',
      truncated: true,
      bytesScanned: 0,
      findings: [],
    });
    expect(report.note).toMatch(/larger than/);
  });

  it('reports a file named .pdf that is not a PDF, or a damaged one, as not scannable', async () => {
    const notPdf = await scan(`SSN ${SSN}`, 'fake.pdf');
    expect(notPdf).toMatchObject({ scannedAs: 'not-scannable', findings: [] });
    expect(notPdf.note).toMatch(/not a PDF/);
    const damaged = await scan('%PDF-1.7\n1 0 obj garbage', 'damaged.pdf');
    expect(damaged.scannedAs).toBe('not-scannable');
    expect(damaged.note).toMatch(/could not be read/);
  });
});

describe('scanDocument: other files', () => {
  it('reports an image as not scannable without reading it', async () => {
    let read = 0;
    let closed = false;
    const source: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]: () => ({
        next: async () => {
          read++;
          return { done: false, value: new Uint8Array(10) };
        },
        return: async () => {
          closed = true;
          return { done: true, value: undefined };
        },
      }),
    };
    const report = await scanDocument(source, {
      fileName: 'IMG 123-45-6789.JPG',
      contentType: 'image/jpeg',
      protectedAddresses: [],
    });
    expect(report).toEqual({
      scannedAs: 'not-scannable',
      bytesScanned: 0,
      truncated: false,
      findings: [],
      note: 'Files of this type (.jpg) are not scanned for personal data (images, scans, office documents and archives are not read); review it before release.',
    });
    expect(read).toBe(0);
    expect(closed).toBe(true);
  });
});
