/**
 * The enforcement help over HTTP against the local platform: the public
 * contacts and help page (defaults until the city saves), a clerk's edit of
 * the FAQ showing on the public page, who may edit (clerks and City IT; not
 * department staff, not anonymous callers), malformed content refused with
 * nothing changed, and a stale revision refused with 409.
 */
import { startLocalPlatform, type LocalPlatform } from '../../local/platform';
import {
  DEFAULT_HELP_CONTENT,
  OWNING_DEPARTMENT,
  PLACEHOLDER_MARK,
  VIOLATION_IDS,
} from '../../lambdas/domain/enforcement/help-content';
import { localEndpoints, uniquePrefix } from '../support/local-aws';
import { platformClient, signInAll, type Json } from '../support/platform-client';

let platform: LocalPlatform;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  platform = await startLocalPlatform({ services: localEndpoints(), resourcePrefix: uniquePrefix('help') });
  Object.assign(tokens, await signInAll(platform.baseUrl, ['clerk', 'publicworks', 'itadmin']));
}, 90_000);
afterAll(() => platform?.stop());

const call = platformClient(() => platform.baseUrl, tokens);

/** The five sections of the public help, ready to send back with a revision. */
function editable(help: Json): Json {
  const { enforcers, violations, faq, howTo, penalties } = structuredClone(help);
  return { enforcers, violations, faq, howTo, penalties };
}

describe('Enforcement help, end to end', () => {
  it('GET /v1/enforcement/contacts: who enforces what, public and cacheable', async () => {
    const response = await call('GET', '/v1/enforcement/contacts');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    const etag = response.headers.get('etag');
    expect(etag).toBeTruthy();

    const enforcers = response.body.enforcers as { office: string; handles: { id: string }[] }[];
    expect(enforcers.map((e) => e.office)).toEqual([
      'information-technology',
      'city-clerk',
      OWNING_DEPARTMENT,
    ]);
    expect(enforcers.flatMap((e) => e.handles.map((h) => h.id))).toEqual(
      expect.arrayContaining([...VIOLATION_IDS]),
    );
    expect(response.body).toMatchObject({
      revision: 0,
      reporting: { method: 'POST', path: '/v1/violation-reports', anonymousAllowed: true },
      appeals: { deadlineDays: 30, citation: 'C.G.S. §1-206(b)(1)' },
    });
    expect(JSON.stringify(response.body)).not.toContain(PLACEHOLDER_MARK);

    const again = await call('GET', '/v1/enforcement/contacts', { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
  });

  it('GET /v1/enforcement/help: the violations, FAQ, how-to guides and sanctions', async () => {
    const response = await call('GET', '/v1/enforcement/help');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    const body = response.body as Json & {
      violations: { id: string }[];
      faq: { id: string }[];
      howTo: { id: string }[];
      penalties: { finesNote: string; apiMisuse: { level: string; sanction: string }[] };
    };
    expect(body.violations.map((v) => v.id)).toEqual([...VIOLATION_IDS]);
    expect(body.faq).toEqual(DEFAULT_HELP_CONTENT.faq);
    expect(body.howTo.map((g) => g.id)).toEqual(DEFAULT_HELP_CONTENT.howTo.map((g) => g.id));
    expect(body.penalties.finesNote).toMatch(/ordinance/);
    expect(body.penalties.apiMisuse.map((s) => s.sanction)).toEqual(['notice', 'suspend', 'revoke']);
    expect(body).toMatchObject({ revision: 0, version: 'help-r0' });
    expect(JSON.stringify(body)).not.toContain(PLACEHOLDER_MARK);
  });

  it('lets only clerks and City IT edit: 401 anonymous, 403 department staff', async () => {
    const help = (await call('GET', '/v1/enforcement/help')).body;
    const body = { ...editable(help), revision: 0 };
    const anonymous = await call('PUT', '/v1/staff/enforcement/help', { body });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error).toMatchObject({ code: 'UNAUTHORIZED' });
    const department = await call('PUT', '/v1/staff/enforcement/help', { as: 'publicworks', body });
    expect(department.status).toBe(403);
    expect(department.body.error).toMatchObject({ code: 'FORBIDDEN' });
    expect((await call('GET', '/v1/enforcement/help')).body).toEqual(help);
  });

  it('refuses malformed content with 400 and the field paths, and changes nothing', async () => {
    const help = (await call('GET', '/v1/enforcement/help')).body;
    const good = editable(help);
    const faq = good.faq as Json[];
    const cases: [string, unknown][] = [
      ['not JSON-shaped content', { revision: 0, faq: 'everything' }],
      ['no revision', good],
      ['an unknown field', { ...good, revision: 0, theme: 'dark' }],
      [
        'a javascript: link',
        { ...good, revision: 0, faq: [{ ...faq[0], links: [{ label: 'x', href: 'javascript:alert(1)' }] }] },
      ],
      ['a missing category', { ...good, revision: 0, violations: (good.violations as Json[]).slice(0, 3) }],
      ['placeholder text', { ...good, revision: 0, faq: [{ ...faq[0], answer: 'TODO write this answer' }] }],
      [
        'an unknown enforcer',
        {
          ...good,
          revision: 0,
          violations: (good.violations as Json[]).map((v) => ({ ...v, handledBy: ['police'] })),
        },
      ],
    ];
    for (const [what, body] of cases) {
      const response = await call('PUT', '/v1/staff/enforcement/help', { as: 'clerk', body });
      expect([what, response.status]).toEqual([what, 400]);
      expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', issues: expect.any(Array) });
    }
    const linkCase = await call('PUT', '/v1/staff/enforcement/help', { as: 'clerk', body: cases[3]![1] });
    expect((linkCase.body.error as { issues: { path: string }[] }).issues.map((i) => i.path)).toContain(
      'body.faq.0.links.0.href',
    );
    const notJson = await fetch(`${platform.baseUrl}/v1/staff/enforcement/help`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${tokens.clerk}`, 'content-type': 'application/json' },
      body: '{"revision": 0,',
    });
    expect(notJson.status).toBe(400);
    expect((await call('GET', '/v1/enforcement/help')).body).toEqual(help);
  });

  it('shows a clerk’s FAQ edit on the public page; a stale revision then gets 409', async () => {
    const help = (await call('GET', '/v1/enforcement/help')).body;
    const edited = editable(help);
    const faq = edited.faq as Json[];
    faq[0] = {
      ...faq[0],
      answer: 'Danbury’s City IT and the City Clerk. Call City Hall if you are not sure.',
    };
    faq.push({
      id: 'report-by-phone',
      question: 'Can I report a violation by phone?',
      answer: 'Yes: call the City Clerk during business hours. The clerk enters your report for you.',
    });

    const saved = await call('PUT', '/v1/staff/enforcement/help', {
      as: 'clerk',
      body: { ...edited, revision: 0 },
    });
    expect(saved.status).toBe(200);
    expect(saved.headers.get('cache-control')).toBe('no-store');
    expect(saved.body.content).toMatchObject({
      revision: 1,
      version: 'help-r1',
      updatedBy: 'Office of the City Clerk',
    });
    // The public page leaves placeholder phones out; the answer still says which ones to give.
    expect(saved.body.phonesToFillIn).toEqual(['enforcers.0.contact.phone', 'enforcers.1.contact.phone']);

    const after = await call('GET', '/v1/enforcement/help');
    expect(after.body).toMatchObject({
      revision: 1,
      version: 'help-r1',
      updatedBy: 'Office of the City Clerk',
    });
    expect(after.body.faq).toEqual(faq);
    expect(JSON.stringify(after.body)).not.toMatch(/"(username|userId|actor)"/); // the office, never the person
    expect((await call('GET', '/v1/enforcement/contacts')).body).toMatchObject({ revision: 1 });

    // City IT, still holding revision 0, loses: 409 with the current revision, and nothing changes.
    const stale = await call('PUT', '/v1/staff/enforcement/help', {
      as: 'itadmin',
      body: { ...editable(help), revision: 0 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'STALE_REVISION', context: { currentRevision: 1 } });
    expect((await call('GET', '/v1/enforcement/help')).body).toEqual(after.body);

    // With the fresh revision, City IT may edit too.
    const itEdit = editable(after.body);
    (itEdit.enforcers as { contact?: Json }[])[0]!.contact!.phone = '(203) 555-0100';
    const fresh = await call('PUT', '/v1/staff/enforcement/help', {
      as: 'itadmin',
      body: { ...itEdit, revision: 1 },
    });
    expect(fresh.status).toBe(200);
    expect(fresh.body.content).toMatchObject({ revision: 2, updatedBy: 'Information Technology' });
    expect(fresh.body.phonesToFillIn).toEqual(['enforcers.1.contact.phone']);
    const contacts = (await call('GET', '/v1/enforcement/contacts')).body;
    expect((contacts.enforcers as { contact?: Json }[])[0]!.contact).toMatchObject({
      phone: '(203) 555-0100',
    });
  });
});
