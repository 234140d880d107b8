import { StaffEntryBody } from '../../../lambdas/api/schemas/records';
import { cityWallTime, cityWallTimeToIso, formatDate } from '../../../lambdas/ui/format';
import { errorsOfIssues, fieldNameOf, parseForm } from '../../../lambdas/ui/forms';
import { csvCell } from '../../../lambdas/ui/records-controller';

describe('city wall-clock times', () => {
  it('gives a datetime-local value the city offset, winter and summer', () => {
    expect(cityWallTimeToIso('2026-11-20T10:15')).toBe('2026-11-20T10:15:00-05:00');
    expect(cityWallTimeToIso('2026-07-01T09:00')).toBe('2026-07-01T09:00:00-04:00');
  });

  it('settles the offset on the days the clocks change', () => {
    expect(cityWallTimeToIso('2026-03-08T12:00')).toBe('2026-03-08T12:00:00-04:00');
    expect(cityWallTimeToIso('2026-11-01T12:00')).toBe('2026-11-01T12:00:00-05:00');
  });

  it('answers undefined for what is not a date-time', () => {
    expect(cityWallTimeToIso('20/11/2026 10:15')).toBeUndefined();
    expect(cityWallTimeToIso('')).toBeUndefined();
  });

  it('round-trips an instant to the input value', () => {
    expect(cityWallTime('2026-11-20T15:15:00Z')).toBe('2026-11-20T10:15');
    expect(cityWallTimeToIso(cityWallTime('2026-07-01T13:00:00Z'))).toBe('2026-07-01T09:00:00-04:00');
  });

  it('shows a calendar date without shifting it', () => {
    expect(formatDate('2026-12-01')).toBe('Tue, Dec 1, 2026');
  });
});

describe('forms', () => {
  it('names the form field of an issue path', () => {
    expect(fieldNameOf('body.requester.email')).toBe('requester.email');
    expect(fieldNameOf('exemptions[2]')).toBe('exemptions');
    expect(fieldNameOf('exemptions.0')).toBe('exemptions');
    expect(fieldNameOf('reason')).toBe('reason');
  });

  it('validates with the JSON route’s schema and answers plain words per field', () => {
    const parsed = parseForm(StaffEntryBody, {
      channel: 'carrier-pigeon',
      receivedAt: 'yesterday',
      receivingOffice: 'city-clerk',
      description: 'short',
      requester: { email: 'not-an-email' },
    });

    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toMatchObject({
      channel: 'Choose one of the options.',
      description: 'Enter at least 10 characters.',
      receivedAt: expect.any(String),
      'requester.email': expect.any(String),
    });
  });

  it('keeps a domain refusal’s issues per field, or the message when it has none', () => {
    expect(errorsOfIssues([{ path: 'body.receivedAt', message: 'must not be in the future' }], 'x')).toEqual({
      receivedAt: 'Must not be in the future',
    });
    expect(errorsOfIssues(undefined, 'Refused.')).toEqual({ '': 'Refused.' });
  });
});

describe('CSV cells', () => {
  it('quotes separators and quotes, and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell(undefined)).toBe('');
  });
});
