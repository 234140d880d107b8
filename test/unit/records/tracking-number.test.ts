import {
  formatTrackingNumber,
  isTrackingNumber,
  parseTrackingNumber,
  trackingYear,
} from '../../../lambdas/domain/records/tracking-number';

describe('tracking numbers', () => {
  it('formats the year and a six-digit sequence', () => {
    expect(formatTrackingNumber(2026, 123)).toBe('2026-000123');
    expect(formatTrackingNumber(2026, 1)).toBe('2026-000001');
    expect(formatTrackingNumber(2999, 999_999)).toBe('2999-999999');
  });

  it.each([
    [2026, 0],
    [2026, 1_000_000],
    [2026, 1.5],
    [2026, -1],
    [2026, Number.NaN],
    [1999, 1],
    [3000, 1],
    [2026.5, 1],
  ])('refuses year %p, sequence %p', (year, sequence) => {
    expect(() => formatTrackingNumber(year, sequence)).toThrow(RangeError);
  });

  it('parses what it formats', () => {
    expect(parseTrackingNumber('2026-000123')).toEqual({ year: 2026, sequence: 123 });
    for (const [year, sequence] of [
      [2000, 1],
      [2026, 42],
      [2999, 999_999],
    ] as const) {
      expect(parseTrackingNumber(formatTrackingNumber(year, sequence))).toEqual({ year, sequence });
    }
  });

  it.each([
    '2026-123',
    '2026-0000123',
    '26-000123',
    ' 2026-000123',
    '2026-000123 ',
    '2026-000123\n',
    '2026_000123',
    '2026-000000',
    '1999-000001',
    '3000-000001',
    '２０２６-000123',
    'FOI-2026-000123',
    '',
  ])('rejects %p', (s) => {
    expect(parseTrackingNumber(s)).toBeUndefined();
    expect(isTrackingNumber(s)).toBe(false);
  });

  it('accepts a well-formed number', () => {
    expect(isTrackingNumber('2026-000123')).toBe(true);
  });

  it('numbers by the year of receipt in the city, not in UTC', () => {
    expect(trackingYear('2027-01-01T01:00:00Z', 'America/New_York')).toBe(2026);
    expect(trackingYear('2027-01-01T05:00:00Z', 'America/New_York')).toBe(2027);
    expect(() => trackingYear('not a date', 'America/New_York')).toThrow(RangeError);
  });
});
