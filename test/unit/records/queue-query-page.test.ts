/**
 * The queue page carries its filter: "Next page" repeats every filter with the
 * cursor, the CSV link repeats the filter without it, a page cut short by its
 * reading budget says so, and department staff get no "All departments" choice.
 */
import { queuePage, queueQuery, type QueueFilter } from '../../../lambdas/ui/pages/queue';
import type { StaffRequestView } from '../../../lambdas/domain/records/records-request';
import type { StaffPrincipal } from '../../../lambdas/shared/staff';

const clerk: StaffPrincipal = {
  userId: 'u-c',
  username: 'clerk',
  roles: ['clerk'],
  department: 'city-clerk',
};
const police: StaffPrincipal = {
  userId: 'u-p',
  username: 'police',
  roles: ['department-staff'],
  department: 'police',
};
const filter: QueueFilter = {
  state: 'open',
  q: 'sewer map',
  channel: 'mail',
  assignee: 'jdoe',
  dueFrom: '2026-11-01',
  sort: 'received',
  order: 'asc',
};
const row = {
  trackingNumber: '2026-000042',
  status: 'received',
  channel: 'mail',
  receivedAt: '2026-11-02T15:00:00.000Z',
  receivingOffice: 'public-works',
  description: 'Sewer easement map',
  statutoryDueDate: '2026-11-06',
  clocks: { response: { state: 'running', businessDaysLeft: 3 } },
} as unknown as StaffRequestView;

const CSRF = 'test-csrf-token';

const hrefs = (html: string, text: string) =>
  [...html.matchAll(/<a\s[^>]*href="([^"]*)"[^>]*>\s*([^<]*)/g)]
    .filter((m) => m[2]!.includes(text))
    .map((m) => new URL(m[1]!.replaceAll('&amp;', '&'), 'http://x'));

describe('the queue page’s links', () => {
  it('names every filter but the defaults, the state always', () => {
    expect(queueQuery({ state: 'closed', sort: 'due', order: 'asc' })).toBe('state=closed');
    expect(Object.fromEntries(new URLSearchParams(queueQuery(filter, { cursor: 'abc' })))).toEqual({
      q: 'sewer map',
      state: 'open',
      assignee: 'jdoe',
      channel: 'mail',
      dueFrom: '2026-11-01',
      sort: 'received',
      cursor: 'abc',
    });
  });

  it('goes on with the same filter and the cursor; exports the same filter without it', () => {
    const { q: _q, ...noSearch } = filter;
    const html = String(
      queuePage({ basePath: '/dev' }, clerk, noSearch, { requests: [row], nextCursor: 'next-1' }, CSRF),
    );
    const [next] = hrefs(html, 'Next page');
    expect(next!.pathname).toBe('/dev/admin/records-requests');
    expect(next!.searchParams.get('cursor')).toBe('next-1');
    expect(next!.searchParams.get('channel')).toBe('mail');
    const [csv] = hrefs(html, 'Download this filter as CSV');
    expect(csv!.pathname).toBe('/dev/admin/records-requests.csv');
    expect(csv!.searchParams.get('assignee')).toBe('jdoe');
    expect(csv!.searchParams.has('cursor')).toBe(false);
    expect(html).not.toContain('stopped');
  });

  it('keeps a search’s words out of every address: its pages and its CSV are posted forms', () => {
    const html = String(
      queuePage({ basePath: '/dev' }, clerk, filter, { requests: [row], nextCursor: 'next-1' }, CSRF),
    );
    expect(html).toContain('matching “sewer map”');
    expect(hrefs(html, 'Next page')).toEqual([]);
    expect(hrefs(html, 'Download this filter as CSV')).toEqual([]);
    for (const [, attributes] of html.matchAll(/<a\s([^>]*)>/g)) expect(attributes).not.toMatch(/sewer/);
    const forms = [
      ...html.matchAll(/<form\s[^>]*method="(\w+)"[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g),
    ];
    const posted = (action: string, button: string) =>
      forms.find((f) => f[2] === action && f[3]!.includes(button))!;
    const next = posted('/dev/admin/records-requests', 'Next page');
    const csv = posted('/dev/admin/records-requests.csv', 'Download this filter as CSV');
    for (const form of [next, csv]) {
      expect(form[1]).toBe('post');
      expect(form[3]).toContain(`name="csrf" value="${CSRF}"`);
      expect(form[3]).toContain('name="q" value="sewer map"');
    }
    expect(next[3]).toContain('name="cursor" value="next-1"');
    expect(csv[3]).not.toContain('name="cursor"');
    // The filter form itself posts too.
    expect(html).toMatch(/<form\s+class="panel queue-filter"\s+method="post"/);
  });

  it('says when a page stopped at its reading budget, and where the list ends', () => {
    const cut = String(
      queuePage(
        { basePath: '' },
        clerk,
        filter,
        { requests: [], nextCursor: 'more', readLimitReached: true, searchedUpTo: 1000 },
        CSRF,
      ),
    );
    expect(cut).toContain('looked through 1,000 requests');
    const end = String(queuePage({ basePath: '' }, clerk, filter, { requests: [row] }, CSRF));
    expect(end).toContain('End of the list.');
    expect(hrefs(end, 'Next page')).toEqual([]);
  });

  it('offers department staff their department only', () => {
    const html = String(
      queuePage({ basePath: '' }, police, { ...filter, department: 'police' }, { requests: [] }, CSRF),
    );
    expect(html).not.toContain('All departments');
    expect(html).toMatch(/<option value="police"\s+selected/);
    expect(String(queuePage({ basePath: '' }, clerk, filter, { requests: [] }, CSRF))).toContain(
      'All departments',
    );
  });
});
