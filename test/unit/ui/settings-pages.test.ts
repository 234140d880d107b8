import { usageChart, usageRows } from '../../../lambdas/ui/pages/api-keys';
import { filterQuery, subjectPath } from '../../../lambdas/ui/pages/audit-log';
import { calendarPage, previewPage, type CalendarView } from '../../../lambdas/ui/pages/holiday-calendar';

const request = { basePath: '' };

describe('usageChart', () => {
  const rows = usageRows(
    [
      { day: '2026-11-24', requests: 0, throttled: 0 },
      { day: '2026-11-25', requests: 10, throttled: 0 },
      { day: '2026-11-26', requests: 40, throttled: 3 },
    ],
    10_000,
  );
  const svg = usageChart(rows).value;
  const bars = [...svg.matchAll(/<rect\s+class="([^"]+)"\s+data-day="([^"]+)"[^>]*\sheight="(\d+)"/g)].map(
    (m) => ({
      cls: m[1],
      day: m[2],
      height: Number(m[3]),
    }),
  );

  it('draws one bar per day, oldest first, scaled to the busiest day', () => {
    expect(bars.map((b) => b.day)).toEqual(['2026-11-24', '2026-11-25', '2026-11-26']);
    expect(bars[0]!.height).toBe(0);
    expect(bars[2]!.height).toBeGreaterThan(0);
    expect(bars[2]!.height / bars[1]!.height).toBeCloseTo(4, 0); // whole pixels
    expect(bars[2]!.cls).toBe('bar throttled');
  });

  it('is an image with a title and a summary, and no inline style or script (the CSP refuses them)', () => {
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-labelledby="usage-chart-title usage-chart-desc"');
    expect(svg).toContain('The busiest day was 2026-11-26 with 40 requests.');
    expect(svg).not.toMatch(/style=|<script|on[a-z]+=/i);
  });
});

describe('the audit log page helpers', () => {
  it('links each record type to its admin page, where there is one', () => {
    expect(subjectPath({ type: 'records-request', id: '2026-000123' })).toBe(
      '/admin/records-requests/2026-000123',
    );
    expect(subjectPath({ type: 'case', id: 'VR-2026-000001' })).toBe('/admin/enforcement/VR-2026-000001');
    expect(subjectPath({ type: 'api-key', id: 'abc123def' })).toBe('/admin/api-keys/abc123def');
    expect(subjectPath({ type: 'api-key', id: 'application/01J00' })).toBeUndefined();
    expect(subjectPath({ type: 'dataset-version', id: 'crashes/3' })).toBe('/admin/datasets/crashes');
    expect(subjectPath({ type: 'calendar', id: 'holiday-calendar' })).toBe('/admin/holiday-calendar');
    expect(subjectPath({ type: 'protected-addresses', id: 'protected-addresses' })).toBeUndefined();
  });

  it('keeps the filter in the pager links, without empty fields', () => {
    expect(filterQuery({ day: '2026-11-26', actor: 'clerk' }, 'CURSOR')).toBe(
      'day=2026-11-26&actor=clerk&cursor=CURSOR',
    );
  });
});

describe('the holiday calendar pages', () => {
  const calendar: CalendarView = {
    version: 'cgs-1-4+city-r2',
    revision: 2,
    updatedAt: '2026-11-20T15:00:00.000Z',
    cityClosures: [{ date: '2026-12-24', name: 'Christmas Eve' }],
    closedDays: [
      { date: '2026-12-24', name: 'Christmas Eve', kind: 'city-closure' },
      { date: '2026-12-25', name: 'Christmas', kind: 'legal-holiday', citation: 'C.G.S. § 1-4' },
    ],
    years: [2026, 2027],
  };

  it('gives the City Clerk the add and remove forms, each naming the revision it was shown with', () => {
    const page = calendarPage(request, 'tok', calendar, { mayChange: true }).value;
    expect(page).toContain('id="closure"');
    expect(page.match(/name="revision" value="2"/g)).toHaveLength(2);
    expect(page).toContain('name="change" value="remove"');
    expect(page).toContain('Legal holiday, C.G.S. § 1-4');
  });

  it('gives others the calendar without any form', () => {
    const page = calendarPage(request, 'tok', calendar, { mayChange: false }).value;
    expect(page).not.toContain('<form');
    expect(page).toContain('id="read-only"');
    expect(page).toContain('Christmas Eve');
  });

  it('carries the previewed change, unchanged, in the Save form', () => {
    const page = previewPage(request, 'tok', {
      revision: 2,
      change: { kind: 'add', date: '2026-12-01', name: 'Water main break', reason: 'Burst pipe' },
      before: 'cgs-1-4+city-r2',
      after: 'cgs-1-4+city-r3',
      moves: [{ trackingNumber: '2026-000001', from: '2026-12-01', to: '2026-12-02' }],
    }).value;
    const save = page.slice(page.indexOf('id="save-calendar"'));
    for (const field of [
      'name="revision" value="2"',
      'name="change" value="add"',
      'name="date" value="2026-12-01"',
      'name="name" value="Water main break"',
      'name="reason" value="Burst pipe"',
    ])
      expect(save).toContain(field);
    expect(page).toContain('href="/admin/records-requests/2026-000001"');
    expect(page).toContain('1 open request’s due date moves');
  });
});
