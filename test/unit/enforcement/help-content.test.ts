import { ACTION_FOR_LEVEL } from '../../../lambdas/domain/api-access/api-keys';
import type { AuditEvent, Clock } from '../../../lambdas/domain/audit';
import {
  DEFAULT_HELP_CONTENT,
  enforcementContacts,
  HELP_LIMITS,
  isAllowedHref,
  OWNING_DEPARTMENT,
  PHONE_PLACEHOLDER,
  PLACEHOLDER_MARK,
  phonesToFillIn,
  placeholderFields,
  publicHelpView,
  saveHelpContent,
  validateHelpContent,
  VIOLATION_IDS,
  type HelpContent,
  type HelpContentSections,
  type HelpContentStorePort,
} from '../../../lambdas/domain/enforcement/help-content';
import { FOI_COMMISSION } from '../../../lambdas/domain/records/letters';
import { DEPARTMENTS, RECORDS_CONTACTS } from '../../../lambdas/shared/city-profile';
import { PlatformError } from '../../../lambdas/shared/errors';
import type { StaffPrincipal } from '../../../lambdas/shared/staff';

type Json = Record<string, unknown>;

/** The five editable sections of the defaults, as a fresh mutable copy. */
function sections(): HelpContentSections & Json {
  const { enforcers, violations, faq, howTo, penalties } = structuredClone(DEFAULT_HELP_CONTENT);
  return { enforcers, violations, faq, howTo, penalties } as HelpContentSections & Json;
}

function thrown(fn: () => unknown): PlatformError {
  try {
    fn();
  } catch (err) {
    if (err instanceof PlatformError) return err;
    throw err;
  }
  throw new Error('expected a PlatformError');
}

/** The field paths of a validation failure. */
function problemPaths(input: unknown): string[] {
  const error = thrown(() => validateHelpContent(input));
  expect(error.statusCode).toBe(400);
  expect(error.code).toBe('VALIDATION_FAILED');
  return (error.details?.issues ?? []).map((i) => i.path);
}

/** Every string in a value, with its dotted path. */
function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, path ? `${path}.${i}` : String(i)));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  }
  return [];
}

/** Every link in the content. */
const linksOf = (content: HelpContentSections) => [
  ...content.violations.flatMap((v) => v.links ?? []),
  ...content.faq.flatMap((f) => f.links ?? []),
  ...content.howTo.flatMap((g) => g.links ?? []),
];

describe('the default help content', () => {
  it('passes its own validation unchanged', () => {
    expect(validateHelpContent(sections())).toEqual(sections());
    expect(DEFAULT_HELP_CONTENT).toMatchObject({ revision: 0, version: 'help-r0' });
    expect(Object.isFrozen(DEFAULT_HELP_CONTENT.faq[0])).toBe(true);
  });

  it('describes the four violation categories, each once', () => {
    expect(DEFAULT_HELP_CONTENT.violations.map((v) => v.id)).toEqual([...VIOLATION_IDS]);
    expect(VIOLATION_IDS).toEqual(['personal-data', 'api-abuse', 'records-not-answered', 'other']);
    for (const violation of DEFAULT_HELP_CONTENT.violations) {
      expect(violation.afterReport.length).toBeGreaterThan(0);
      expect(violation.handledBy.length).toBeGreaterThan(0);
    }
  });

  it('names the three enforcers, with the e-mail addresses of the city profile', () => {
    const byOffice = new Map(DEFAULT_HELP_CONTENT.enforcers.map((e) => [e.office, e]));
    expect([...byOffice.keys()]).toEqual(['information-technology', 'city-clerk', OWNING_DEPARTMENT]);
    expect(byOffice.get('information-technology')?.contact?.email).toBe(
      RECORDS_CONTACTS.departments['information-technology'].liaison,
    );
    expect(byOffice.get('city-clerk')?.contact?.email).toBe(RECORDS_CONTACTS.cityClerk);
    expect(byOffice.get(OWNING_DEPARTMENT)?.departmentContacts).toEqual(
      DEPARTMENTS.map((d) => ({
        department: d.id,
        name: d.name,
        email: RECORDS_CONTACTS.departments[d.id].liaison,
      })),
    );
  });

  it('routes each violation as the city’s rules say', () => {
    const handledBy = Object.fromEntries(DEFAULT_HELP_CONTENT.violations.map((v) => [v.id, v.handledBy]));
    expect(handledBy).toEqual({
      'personal-data': [OWNING_DEPARTMENT, 'information-technology'],
      'api-abuse': ['information-technology'],
      'records-not-answered': ['city-clerk'],
      other: ['city-clerk'],
    });
  });

  it('states the rules: 4 business days (§1-206), fines by ordinance, the sanction ladder, the FOI appeal', () => {
    const all = JSON.stringify(DEFAULT_HELP_CONTENT);
    expect(all).toContain('4 business days');
    expect(all).toContain('C.G.S. §1-206');
    expect(DEFAULT_HELP_CONTENT.penalties.finesNote).toMatch(/set by city ordinance/);
    expect(DEFAULT_HELP_CONTENT.penalties.apiMisuse.map((s) => [s.level, s.sanction])).toEqual(
      Object.entries(ACTION_FOR_LEVEL),
    );
    const appeal = DEFAULT_HELP_CONTENT.faq.find((f) => f.id === 'appeal')!;
    expect(appeal.answer).toContain('30 days');
    expect(appeal.answer).toContain(FOI_COMMISSION.phone);
    expect(appeal.answer).toContain(FOI_COMMISSION.email);
    expect(DEFAULT_HELP_CONTENT.howTo.map((g) => g.id)).toEqual([
      'request-public-records',
      'apply-for-api-key',
      'report-a-violation',
      'appeal-to-foi-commission',
    ]);
    const anonymous = DEFAULT_HELP_CONTENT.faq.find((f) => f.id === 'report-anonymously')!;
    expect(anonymous.answer).toMatch(/never shown to the person, business or office you report/);
  });

  it('leaves no placeholder text except the marked phone numbers', () => {
    const found = strings(sections());
    const placeholders = found.filter(([, text]) => text.includes(PLACEHOLDER_MARK));
    expect(placeholders.length).toBeGreaterThan(0);
    for (const [path, text] of placeholders) {
      expect(path).toMatch(/\.phone$/);
      expect(text).toBe(PHONE_PLACEHOLDER);
    }
    expect(placeholderFields(sections())).toEqual(placeholders.map(([path]) => path));
    for (const [path, text] of found) {
      if (path.endsWith('.phone')) continue;
      expect([path, text]).toEqual([
        path,
        expect.not.stringMatching(/TODO|TBD|lorem|ipsum|\{\{|\[\[|XXX|FIXME/i),
      ]);
    }
  });

  it('only links to https:// pages or paths on this site', () => {
    const links = linksOf(DEFAULT_HELP_CONTENT);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect([link.href, isAllowedHref(link.href)]).toEqual([link.href, true]);
  });
});

describe('isAllowedHref', () => {
  it.each([
    'https://portal.ct.gov/foi',
    'https://www.danbury-ct.gov/city-clerk?tab=records#hours',
    '/v1/records-exemptions',
    '/v1/datasets?department=public-works',
    'help/records',
  ])('accepts %s', (href) => expect(isAllowedHref(href)).toBe(true));

  it.each([
    'http://portal.ct.gov/foi',
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'mailto:foi@ct.gov',
    '//evil.example/x',
    'https://user:secret@example.org/',
    'https:///no-host',
    '/path with spaces',
    '/back\\slash',
    '',
    `/${'a'.repeat(HELP_LIMITS.href)}`,
  ])('refuses %s', (href) => expect(isAllowedHref(href)).toBe(false));
});

describe('validateHelpContent', () => {
  it('trims text and normalizes line ends', () => {
    const input = sections();
    input.faq[0]!.question = '  Who enforces the rules?  ';
    input.faq[0]!.answer = 'First paragraph.\r\n\r\nSecond paragraph.  ';
    const out = validateHelpContent(input);
    expect(out.faq[0]).toMatchObject({
      question: 'Who enforces the rules?',
      answer: 'First paragraph.\n\nSecond paragraph.',
    });
  });

  it('lets the city edit the wording, add entries and fill in phone numbers', () => {
    const input = sections();
    input.faq.push({ id: 'office-hours', question: 'When is City Hall open?', answer: 'Weekdays, 8 to 4.' });
    input.enforcers[0]!.contact!.phone = '(203) 555-0100 ext. 12';
    input.enforcers[2]!.departmentContacts![0]!.phone = '203-555-0101';
    input.violations[3]!.title = 'Any other problem';
    const out = validateHelpContent(input);
    expect(out.faq).toHaveLength(DEFAULT_HELP_CONTENT.faq.length + 1);
    expect(placeholderFields(out)).toEqual(['enforcers.1.contact.phone']);
    delete out.enforcers[1]!.contact!.phone;
    expect(placeholderFields(out)).toEqual([]);
    // A phone left out (as the public page shows it) is still one to fill in.
    expect(phonesToFillIn(out)).toEqual(['enforcers.1.contact.phone']);
  });

  it('refuses what is not an object or has unknown fields', () => {
    expect(problemPaths(null)).toEqual(['']);
    expect(problemPaths([])).toEqual(['']);
    expect(problemPaths({ ...sections(), version: 'help-r9' })).toEqual(['version']);
    const input = sections();
    (input.faq[0] as unknown as Json).anwser = 'typo';
    expect(problemPaths(input)).toEqual(['faq.0.anwser']);
  });

  it('names every missing section', () => {
    expect(problemPaths({ enforcers: sections().enforcers })).toEqual([
      'violations',
      'faq',
      'howTo',
      'penalties',
    ]);
  });

  it('needs each violation category exactly once', () => {
    const missing = sections();
    missing.violations = missing.violations.filter((v) => v.id !== 'records-not-answered');
    const error = thrown(() => validateHelpContent(missing));
    expect(error.details?.issues).toEqual([
      { path: 'violations', message: expect.stringContaining('missing: records-not-answered') },
    ]);

    const twice = sections();
    twice.violations[3] = { ...twice.violations[0]! };
    expect(problemPaths(twice)).toEqual(['violations.3.id', 'violations']);

    const unknown = sections();
    (unknown.violations[3] as unknown as Json).id = 'littering';
    expect(problemPaths(unknown)).toEqual(['violations.3.id', 'violations']);
  });

  it('only lets a violation be handled by one of the enforcers', () => {
    const input = sections();
    (input.violations[1]!.handledBy as string[]).push('police');
    expect(problemPaths(input)).toEqual(['violations.1.handledBy.1']);
    const noClerk = sections();
    noClerk.enforcers = noClerk.enforcers.filter((e) => e.office !== 'city-clerk');
    expect(problemPaths(noClerk)).toEqual(['violations.2.handledBy.0', 'violations.3.handledBy.0']);
  });

  it('checks the enforcers: department ids, contacts, the owning department’s list', () => {
    const input = sections();
    (input.enforcers[0] as unknown as Json).office = 'parks';
    delete input.enforcers[1]!.contact;
    input.enforcers[2]!.departmentContacts![1]!.department = 'city-clerk';
    input.enforcers[2]!.departmentContacts![2]!.email = 'not an address';
    expect(problemPaths(input)).toEqual([
      'enforcers.0.office',
      'enforcers.1.contact',
      'enforcers.2.departmentContacts.1.department',
      'enforcers.2.departmentContacts.2.email',
      // information-technology is no longer an enforcer
      'violations.0.handledBy.1',
      'violations.1.handledBy.0',
    ]);

    const contactsOnDepartment = sections();
    contactsOnDepartment.enforcers[0]!.departmentContacts =
      contactsOnDepartment.enforcers[2]!.departmentContacts;
    expect(problemPaths(contactsOnDepartment)).toEqual(['enforcers.0.departmentContacts']);

    const twice = sections();
    twice.enforcers.push({ ...twice.enforcers[0]! });
    expect(problemPaths(twice)).toEqual(['enforcers.3.office']);
  });

  it('takes a phone number or the marked placeholder, nothing else', () => {
    for (const phone of ['call us', '12', 'TBD', '(203) 555-0100; (203) 555-0101']) {
      const input = sections();
      input.enforcers[0]!.contact!.phone = phone;
      expect(problemPaths(input)).toEqual(['enforcers.0.contact.phone']);
    }
  });

  it('refuses placeholder text outside phone numbers', () => {
    for (const answer of [
      PHONE_PLACEHOLDER,
      'TODO: write the answer',
      'Lorem ipsum dolor sit amet',
      'Hello {{name}}',
    ]) {
      const input = sections();
      input.faq[1]!.answer = answer;
      const error = thrown(() => validateHelpContent(input));
      expect(error.details?.issues).toEqual([
        { path: 'faq.1.answer', message: expect.stringContaining('placeholder') },
      ]);
    }
  });

  it('refuses links that are not https:// or a path on this site, with their path', () => {
    const input = sections();
    input.faq[0]!.links = [{ label: 'Click', href: 'javascript:alert(document.cookie)' }];
    input.howTo[2]!.links = [{ label: 'Plain', href: 'http://example.org/' }];
    input.violations[0]!.links = [{ label: 'Other site', href: '//evil.example/' }];
    expect(problemPaths(input)).toEqual([
      'violations.0.links.0.href',
      'faq.0.links.0.href',
      'howTo.2.links.0.href',
    ]);
    const tooMany = sections();
    tooMany.faq[0]!.links = Array.from({ length: HELP_LIMITS.links + 1 }, () => ({ label: 'x', href: '/x' }));
    expect(problemPaths(tooMany)).toEqual(['faq.0.links']);
  });

  it('holds text to its limits', () => {
    const input = sections();
    input.faq[0]!.answer = 'a'.repeat(HELP_LIMITS.answer + 1);
    input.faq[1]!.question = 'Line one\nline two?';
    input.howTo[0]!.title = 'ab';
    input.howTo[0]!.steps = [];
    input.violations[0]!.title = 'Bell \u0007 character';
    expect(problemPaths(input)).toEqual([
      'violations.0.title',
      'faq.0.answer',
      'faq.1.question',
      'howTo.0.title',
      'howTo.0.steps',
    ]);
  });

  it('holds lists to their counts, ids to their form and the whole to its size', () => {
    const input = sections();
    input.faq = Array.from({ length: HELP_LIMITS.faq + 1 }, (_, i) => ({
      id: `q-${i}`,
      question: `Question ${i}?`,
      answer: 'An answer.',
    }));
    expect(problemPaths(input)).toEqual(['faq']);

    const ids = sections();
    ids.faq[1]!.id = ids.faq[0]!.id;
    ids.howTo[0]!.id = 'Request Records';
    expect(problemPaths(ids)).toEqual(['faq.1.id', 'howTo.0.id']);

    const big = sections();
    big.faq = Array.from({ length: HELP_LIMITS.faq }, (_, i) => ({
      id: `q-${i}`,
      question: `Question ${i}?`,
      answer: 'é'.repeat(HELP_LIMITS.answer),
    }));
    const error = thrown(() => validateHelpContent(big));
    expect(error.details?.issues).toEqual([{ path: '', message: expect.stringMatching(/at most 150 KB/) }]);
  });

  it('keeps the sanction ladder the platform applies and the ordinance sentence', () => {
    const input = sections();
    input.penalties.apiMisuse[1]!.sanction = 'revoke';
    input.penalties.finesNote = 'The city may fine people who misuse the API up to $500.';
    expect(problemPaths(input)).toEqual(['penalties.finesNote', 'penalties.apiMisuse.1.sanction']);
    const reordered = sections();
    reordered.penalties.apiMisuse.reverse();
    expect(problemPaths(reordered)).toEqual(['penalties.apiMisuse.0.level', 'penalties.apiMisuse.2.level']);
  });
});

describe('public views', () => {
  const withPhone = (): HelpContent => {
    const content = structuredClone(DEFAULT_HELP_CONTENT) as HelpContent;
    content.enforcers[1]!.contact!.phone = '(203) 555-0100';
    return content;
  };

  it('shows the sections as saved, without phone placeholders, with where to report and appeal', () => {
    const view = publicHelpView(withPhone());
    expect(JSON.stringify(view)).not.toContain(PLACEHOLDER_MARK);
    expect(view.enforcers[0]!.contact).toEqual({
      email: RECORDS_CONTACTS.departments['information-technology'].liaison,
      hours: expect.any(String),
    });
    expect(view.enforcers[1]!.contact?.phone).toBe('(203) 555-0100');
    expect(view).toMatchObject({
      revision: 0,
      version: 'help-r0',
      faq: DEFAULT_HELP_CONTENT.faq,
      howTo: DEFAULT_HELP_CONTENT.howTo,
      violations: DEFAULT_HELP_CONTENT.violations,
      penalties: DEFAULT_HELP_CONTENT.penalties,
      reporting: { method: 'POST', path: '/v1/violation-reports', anonymousAllowed: true },
      appeals: { to: FOI_COMMISSION.name, email: FOI_COMMISSION.email, deadlineDays: 30 },
    });
  });

  it('lists who enforces what with the categories each office handles', () => {
    const view = enforcementContacts(DEFAULT_HELP_CONTENT);
    expect(JSON.stringify(view)).not.toContain(PLACEHOLDER_MARK);
    expect(
      view.enforcers.map((e) => [e.office, e.handles.map((h) => `${h.id}${h.leads ? '*' : ''}`)]),
    ).toEqual([
      ['information-technology', ['personal-data', 'api-abuse*']],
      ['city-clerk', ['records-not-answered*', 'other*']],
      [OWNING_DEPARTMENT, ['personal-data*']],
    ]);
    expect(view.enforcers[2]!.departmentContacts).toHaveLength(DEPARTMENTS.length);
    expect(view.reporting.categories).toEqual(VIOLATION_IDS);
  });
});

describe('saveHelpContent', () => {
  const clerk: StaffPrincipal = {
    userId: 'u-clerk',
    username: 'clerk',
    roles: ['clerk'],
    department: 'city-clerk',
  };
  let ids = 0;
  const clock: Clock = { now: () => '2026-11-20T15:00:00.000Z', newId: () => `ID${++ids}` };

  function memoryStore() {
    let saved: HelpContent | undefined;
    const audits: AuditEvent[] = [];
    const store: HelpContentStorePort = {
      current: async () => saved ?? DEFAULT_HELP_CONTENT,
      save: async (content, expected, audit) => {
        expect((saved ?? DEFAULT_HELP_CONTENT).revision).toBe(expected);
        saved = content;
        audits.push(audit);
      },
    };
    return { store, audits, saved: () => saved };
  }

  it('saves the next revision, stamped by office, with an audit event naming what changed', async () => {
    const { store, audits, saved } = memoryStore();
    const input = sections();
    input.faq[0]!.answer = 'City IT and the City Clerk, and each department for its own datasets.';
    const result = await saveHelpContent(
      { store, clock },
      clerk,
      { ...input, revision: 0 },
      { requestId: 'r1' },
    );
    expect(result.content).toMatchObject({
      revision: 1,
      version: 'help-r1',
      updatedAt: '2026-11-20T15:00:00.000Z',
      updatedBy: 'Office of the City Clerk',
    });
    expect(result.phonesToFillIn).toEqual(placeholderFields(DEFAULT_HELP_CONTENT));
    expect(saved()?.faq[0]?.answer).toBe(input.faq[0]!.answer);
    expect(audits).toEqual([
      expect.objectContaining({
        action: 'help-content.updated',
        subject: { type: 'help-content', id: 'enforcement-help' },
        actor: expect.objectContaining({ username: 'clerk' }),
        requestId: 'r1',
        details: expect.objectContaining({
          changes: [{ field: 'version', before: 'help-r0', after: 'help-r1' }],
          sectionsChanged: ['faq'],
        }),
      }),
    ]);
  });

  it('refuses a stale revision with 409 and invalid content with 400, saving nothing', async () => {
    const { store, audits } = memoryStore();
    await saveHelpContent({ store, clock }, clerk, { ...sections(), revision: 0 }, { requestId: 'r1' });
    await expect(
      saveHelpContent({ store, clock }, clerk, { ...sections(), revision: 0 }, { requestId: 'r2' }),
    ).rejects.toMatchObject({
      statusCode: 409,
      code: 'STALE_REVISION',
      details: { context: { currentRevision: 1 } },
    });
    await expect(
      saveHelpContent({ store, clock }, clerk, { ...sections(), faq: [], revision: 1 }, { requestId: 'r3' }),
    ).rejects.toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(audits).toHaveLength(1);
  });
});
