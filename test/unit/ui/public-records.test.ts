import { RecordsRequestBody } from '../../../lambdas/api/schemas/records';
import { ViolationReportBody } from '../../../lambdas/api/schemas/enforcement';
import type { RequestClocks } from '../../../lambdas/domain/records/clocks';
import { parseForm } from '../../../lambdas/ui/forms';
import { PlatformError, badRequest, notFound } from '../../../lambdas/shared/errors';
import {
  clientIpOf,
  formKeyOf,
  formRefusalOf,
  formValues,
  newFormKey,
  receiptLinks,
  reportStatusPath,
  requestStatusPath,
  tokenOfStatusUrl,
} from '../../../lambdas/ui/public/site-forms';
import { receiptContent, responseClockText } from '../../../lambdas/ui/public/pages/records';
import { requestBodyOf } from '../../../lambdas/ui/public/records-form-pages';
import { reportBodyOf } from '../../../lambdas/ui/public/report-pages';

const form = (fields: Record<string, string>) => new URLSearchParams(fields);

describe('the caller’s address for the hourly limits', () => {
  it('takes the last X-Forwarded-For entry: the one API Gateway appended, not one the caller sent', () => {
    expect(clientIpOf({ headers: { 'x-forwarded-for': '10.0.0.1, 203.0.113.7' } })).toBe('203.0.113.7');
    expect(clientIpOf({ headers: { 'x-forwarded-for': '198.51.100.2' } })).toBe('198.51.100.2');
  });

  it('answers "unknown" without the header', () => {
    expect(clientIpOf({ headers: {} })).toBe('unknown');
    expect(clientIpOf({ headers: { 'x-forwarded-for': ' , ' } })).toBe('unknown');
  });
});

describe('status links on this site', () => {
  it('takes the token out of the link the use case built, and points at the page', () => {
    const token = 'AbCdEfGhIjKlMnOpQrStUv_-12';
    const url = `https://data.example.gov/v1/records-requests/2026-000123?token=${token}`;
    expect(tokenOfStatusUrl(url)).toBe(token);
    expect(requestStatusPath('2026-000123', token)).toBe(`/records/status/2026-000123?token=${token}`);
    expect(reportStatusPath('VR-2026-000004', token)).toBe(`/report/status/VR-2026-000004?token=${token}`);
  });

  it('answers undefined for a link without a token or no link at all', () => {
    expect(tokenOfStatusUrl('https://data.example.gov/v1/records-requests/2026-000123')).toBeUndefined();
    expect(tokenOfStatusUrl('not a url')).toBeUndefined();
  });
});

describe('a receipt’s links', () => {
  it('gives the page path (with the stage) and the absolute link to copy', () => {
    const token = 'AbCdEfGhIjKlMnOpQrStUv_-12';
    const links = receiptLinks(
      { origin: 'https://abc.execute-api.us-east-1.amazonaws.com', basePath: '/dev' },
      `https://abc.execute-api.us-east-1.amazonaws.com/dev/v1/records-requests/2026-000123?token=${token}`,
      (t) => requestStatusPath('2026-000123', t),
    );
    expect(links).toEqual({
      statusPath: `/dev/records/status/2026-000123?token=${token}`,
      statusLink: `https://abc.execute-api.us-east-1.amazonaws.com/dev/records/status/2026-000123?token=${token}`,
    });
  });

  it('refuses to show a receipt whose link has no token', () => {
    expect(() =>
      receiptLinks(
        { origin: 'https://x', basePath: '' },
        'https://x/v1/records-requests/2026-000123',
        (t) => t,
      ),
    ).toThrow('no status link token');
  });
});

describe('refusals a form shows on itself', () => {
  it('says "too many" plainly, with Retry-After', () => {
    const err = new PlatformError(429, 'THROTTLED', 'Too many requests', { retryAfterSeconds: 120 });
    expect(formRefusalOf(err, 'Wait an hour.')).toEqual({
      errors: { '': 'Wait an hour.' },
      status: 429,
      headers: { 'Retry-After': '120' },
    });
  });

  it('puts the domain’s field problems on the fields', () => {
    const err = badRequest('Say which request.', [
      { path: 'body.subject.trackingNumber', message: 'give the tracking number' },
    ]);
    expect(formRefusalOf(err, '')).toEqual({
      errors: { 'subject.trackingNumber': 'Give the tracking number' },
      status: 400,
    });
  });

  it('leaves anything else to the site’s error page', () => {
    expect(formRefusalOf(notFound('gone'), '')).toBeUndefined();
    expect(formRefusalOf(new Error('boom'), '')).toBeUndefined();
  });
});

describe('the one-time form key', () => {
  it('is fresh for each form and accepted back', () => {
    const a = newFormKey();
    expect(a).not.toBe(newFormKey());
    expect(formKeyOf(form({ formKey: a }))).toBe(a);
  });

  it('ignores a key it could not have made', () => {
    expect(formKeyOf(form({ formKey: 'short' }))).toBeUndefined();
    expect(formKeyOf(form({ formKey: 'has spaces in it, 1234567890' }))).toBeUndefined();
    expect(formKeyOf(form({}))).toBeUndefined();
  });
});

describe('the records request form as the JSON route’s body', () => {
  it('builds what POST /v1/records-requests takes, leaving empty fields out', () => {
    const body = requestBodyOf(
      form({
        csrf: 'x',
        formKey: 'y',
        description: '  Snow plow routes for 2026.  ',
        delivery: 'paper',
        department: '',
        'requester.name': 'Jordan',
        'requester.email': 'jordan@example.org',
        'requester.postalAddress': '',
        'requester.phone': ' ',
      }),
    );
    expect(body).toEqual({
      description: 'Snow plow routes for 2026.',
      delivery: 'paper',
      requester: { name: 'Jordan', email: 'jordan@example.org' },
    });
    expect(parseForm(RecordsRequestBody, body).ok).toBe(true);
  });

  it('says "not a duplicate" only when the box is ticked', () => {
    expect(requestBodyOf(form({ notADuplicate: 'yes' })).notADuplicate).toBe(true);
    expect(requestBodyOf(form({ notADuplicate: 'no' }))).not.toHaveProperty('notADuplicate');
  });

  it('gets the schema’s errors under the form’s field names', () => {
    const parsed = parseForm(
      RecordsRequestBody,
      requestBodyOf(form({ description: 'short', 'requester.email': 'not-an-address' })),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.errors).sort()).toEqual(['description', 'requester.email', 'requester.name']);
  });

  it('shows the form again without its CSRF token', () => {
    const values = formValues(form({ csrf: 'secret', description: 'kept' }));
    expect(values.has('csrf')).toBe(false);
    expect(values.get('description')).toBe('kept');
  });
});

describe('the report form as the JSON route’s body', () => {
  it('turns the local date-time into an instant with the city’s offset and keeps only the subject given', () => {
    const body = reportBodyOf(
      form({
        category: 'records-not-answered',
        description: 'Not answered in four business days.',
        'subject.trackingNumber': '2026-000123',
        'subject.url': '',
        occurredAt: '2026-11-20T10:15',
        'reporter.name': '',
        'reporter.email': '',
      }),
    );
    expect(body).toEqual({
      category: 'records-not-answered',
      description: 'Not answered in four business days.',
      subject: { trackingNumber: '2026-000123' },
      occurredAt: '2026-11-20T10:15:00-05:00',
    });
    expect(parseForm(ViolationReportBody, body).ok).toBe(true);
  });

  it('leaves a date-time it cannot read for the schema to refuse', () => {
    const body = reportBodyOf(
      form({ category: 'other', description: 'Something else.', occurredAt: 'yesterday' }),
    );
    const parsed = parseForm(ViolationReportBody, body);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(Object.keys(parsed.errors)).toEqual(['occurredAt']);
  });
});

describe('the response clock in words', () => {
  const clocks = (response: RequestClocks['response']): RequestClocks => ({
    calendarVersion: 'v1',
    receivedOn: '2026-11-16',
    statutoryDueDate: '2026-11-20',
    response,
    promptness: { businessDaysElapsed: 1, pausedBusinessDays: 0, paused: false, pauses: [] },
  });

  it('counts the business days left, with today and one day said plainly', () => {
    expect(responseClockText(clocks({ state: 'running', businessDaysLeft: 3 }))).toBe(
      'The city must answer by Fri, Nov 20, 2026 (in 3 business days).',
    );
    expect(responseClockText(clocks({ state: 'running', businessDaysLeft: 1 }))).toContain(
      '(in 1 business day)',
    );
    expect(responseClockText(clocks({ state: 'running', businessDaysLeft: 0 }))).toContain('(today)');
  });

  it('says when the city answered, or that silence counts as a denial', () => {
    expect(responseClockText(clocks({ state: 'answered', answeredOn: '2026-11-18' }))).toBe(
      'The city answered on Wed, Nov 18, 2026.',
    );
    expect(responseClockText(clocks({ state: 'deemed-denied', deemedDeniedOn: '2026-11-23' }))).toContain(
      'deemed denied on Mon, Nov 23, 2026',
    );
  });
});

describe('the receipt', () => {
  it('escapes what it shows and links to the status page', () => {
    const page = receiptContent({
      trackingNumber: '2026-000123',
      receivedAt: '2026-11-16T15:00:00Z',
      statutoryDueDate: '2026-11-20',
      receiptEmailed: false,
      statusLink: 'https://data.example.gov/records/status/2026-000123?token=abc"><script>',
      statusPath: '/records/status/2026-000123?token=abc',
    }).value;
    expect(page).toContain('href="/records/status/2026-000123?token=abc"');
    expect(page).not.toContain('<script>');
    expect(page).toContain('Fri, Nov 20, 2026');
    expect(page).toContain('You gave no e-mail address');
  });
});
