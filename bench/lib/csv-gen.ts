/**
 * A deterministic CSV of any length for the data benchmarks: six columns of
 * the platform's types (integer id, date, text, integer, number, boolean).
 * Every row is a pure function of its position, so a reader can check that
 * the page at position p really starts with `id` p + 1, and two runs of the
 * bench read byte-identical files. Nothing in it looks like personal data
 * (no digits in text, no column named like a person), so a version ingested
 * from it is `ready`, never quarantined.
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export const GENERATED_HEADER = ['id', 'reported_on', 'note', 'quantity', 'amount', 'resolved'] as const;

const WORDS = [
  'pothole',
  'streetlight',
  'hydrant',
  'sidewalk',
  'crosswalk',
  'signal',
  'bench',
  'tree',
  'branch',
  'leaves',
  'snow',
  'plowing',
  'salt',
  'drain',
  'culvert',
  'flooding',
  'graffiti',
  'litter',
  'bulky',
  'pickup',
  'recycling',
  'compost',
  'noise',
  'parking',
  'meter',
  'permit',
  'inspection',
  'repair',
  'replaced',
  'cleared',
  'reported',
  'pending',
  'crew',
  'assigned',
  'near',
  'park',
  'library',
  'school',
  'field',
  'lake',
  'trail',
  'bridge',
  'ramp',
  'curb',
  'paint',
  'faded',
  'broken',
  'missing',
  'damaged',
  'leaning',
  'blocked',
  'overflowing',
  'loose',
  'cracked',
  'uneven',
  'dark',
  'bright',
  'north',
  'south',
  'east',
  'west',
  'downtown',
  'weekend',
  'morning',
] as const;

/** 32-bit integer hash (lowbias32): a cheap, well-mixed function of the position. */
function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

const DAYS = 3650;
const DATES: string[] = Array.from({ length: DAYS }, (_, d) =>
  new Date(Date.UTC(2015, 0, 1) + d * 86_400_000).toISOString().slice(0, 10),
);

/** The CSV line of the row at 0-based `position` (its `id` is position + 1), without the line break. */
export function generatedLine(position: number): string {
  const a = mix(position + 1);
  const b = mix(a ^ 0x9e3779b9);
  const words = 3 + (a % 4);
  let note: string = WORDS[b % WORDS.length]!;
  for (let k = 1; k < words; k++) note += ` ${WORDS[mix(b + k) % WORDS.length]!}`;
  // One row in 16 has a comma in its text, so the parser meets quoted fields too.
  if ((a & 0xf0) === 0) note = `"${note}, ${WORDS[a % WORDS.length]!}"`;
  const cents = b % 10_000_000;
  const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
  return `${position + 1},${DATES[a % DAYS]!},${note},${(a >>> 8) % 100_000},${amount},${b & 1 ? 'true' : 'false'}`;
}

/** The file as blocks of text: the header, then `rows` lines, `\n` line ends. */
export function* generatedCsv(rows: number, blockRows = 4096): Generator<string> {
  yield `${GENERATED_HEADER.join(',')}\n`;
  for (let start = 0; start < rows; start += blockRows) {
    const end = Math.min(rows, start + blockRows);
    let block = '';
    for (let p = start; p < end; p++) block += `${generatedLine(p)}\n`;
    yield block;
  }
}

/** Writes the generated CSV to `file`; resolves with its size in bytes. */
export async function writeGeneratedCsv(file: string, rows: number): Promise<number> {
  let bytes = 0;
  const source = Readable.from(
    (function* () {
      for (const block of generatedCsv(rows)) {
        const buffer = Buffer.from(block, 'utf8');
        bytes += buffer.length;
        yield buffer;
      }
    })(),
  );
  await pipeline(source, createWriteStream(file));
  return bytes;
}
