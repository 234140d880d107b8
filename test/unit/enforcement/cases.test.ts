import {
  ACTION_ALLOWED_IN,
  CASE_STATUSES,
  CASE_TRANSITIONS,
  canSeeCase,
  formatReportNumber,
  nextCaseStatus,
  offenceLevel,
  REPORT_NUMBER_PATTERN,
  routeCase,
  type CaseStatus,
} from '../../../lambdas/domain/enforcement/cases';
import { crossesAbuseThreshold } from '../../../lambdas/domain/api-access/abuse-detection';
import { caseReporterView, type EnforcementCase } from '../../../lambdas/domain/enforcement/enforcement-case';
import { PlatformError } from '../../../lambdas/shared/errors';
import type { StaffPrincipal } from '../../../lambdas/shared/staff';

describe('the case workflow table', () => {
  const pairs = CASE_STATUSES.flatMap((status) => CASE_TRANSITIONS.map((t) => [status, t] as const));
  it.each(pairs)('from %s, %o is allowed only where the table says', (status, transition) => {
    if ((transition.from as readonly CaseStatus[]).includes(status)) {
      expect(nextCaseStatus(status, transition.action)).toBe(transition.to);
    } else {
      const error = (() => {
        try {
          nextCaseStatus(status, transition.action);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(PlatformError);
      expect((error as PlatformError).code).toBe('ILLEGAL_TRANSITION');
      expect((error as PlatformError).statusCode).toBe(409);
    }
  });

  it('takes actions on the party only while the case is being worked', () => {
    expect(ACTION_ALLOWED_IN).toEqual(['received', 'under-review', 'action-taken']);
    expect(nextCaseStatus('closed', 'reopen')).toBe('under-review');
  });
});

describe('routing rules', () => {
  it('sends personal data in a dataset to the owner and City IT, API abuse to IT, unanswered requests to the Clerk', () => {
    expect(routeCase('personal-data', 'police')).toEqual(['police', 'information-technology']);
    expect(routeCase('personal-data')).toEqual(['information-technology']);
    expect(routeCase('personal-data', 'information-technology')).toEqual(['information-technology']);
    expect(routeCase('api-abuse', 'police')).toEqual(['information-technology']);
    expect(routeCase('records-not-answered')).toEqual(['city-clerk']);
    expect(routeCase('other')).toEqual(['city-clerk']);
  });
});

describe('offence levels and visibility', () => {
  it('derives first, repeat and continuing from the party’s earlier cases with action', () => {
    expect([0, 1, 2, 7].map(offenceLevel)).toEqual(['first', 'repeat', 'continuing', 'continuing']);
  });

  const staff = (roles: StaffPrincipal['roles'], department?: string): StaffPrincipal => ({
    userId: 'u',
    username: 'u',
    roles,
    ...(department ? { department } : {}),
  });
  it('shows a case to the offices it is routed to, and to IT admins', () => {
    const offices = ['public-works', 'information-technology'];
    expect(canSeeCase(staff(['department-staff'], 'public-works'), offices)).toBe(true);
    expect(canSeeCase(staff(['department-staff'], 'police'), offices)).toBe(false);
    expect(canSeeCase(staff(['clerk'], 'city-clerk'), offices)).toBe(false);
    expect(canSeeCase(staff(['clerk'], 'city-clerk'), ['city-clerk'])).toBe(true);
    expect(canSeeCase(staff(['it-admin'], 'information-technology'), ['city-clerk'])).toBe(true);
    expect(canSeeCase(staff(['department-staff']), offices)).toBe(false);
  });

  it('numbers reports VR-<year>-<6 digits>', () => {
    expect(formatReportNumber(2026, 12)).toBe('VR-2026-000012');
    expect(REPORT_NUMBER_PATTERN.test('VR-2026-000012')).toBe(true);
    expect(REPORT_NUMBER_PATTERN.test('2026-000012')).toBe(false);
  });
});

describe('the reporter’s view', () => {
  it('shows status, offices and outcome, never evidence, staff names or the party', () => {
    const c: EnforcementCase = {
      reportNumber: 'VR-2026-000001',
      revision: 3,
      status: 'closed',
      category: 'api-abuse',
      source: 'public-report',
      description: 'Scraping',
      subject: { keyId: 'k123' },
      receivedAt: '2026-11-20T10:00:00Z',
      offices: ['information-technology'],
      party: { kind: 'api-key', id: 'k123' },
      evidence: { gatheredAt: '2026-11-20T10:00:00Z', summary: ['API key …ab12: 9000 requests'] },
      actions: [
        {
          actionId: 'a',
          kind: 'suspend-api-key',
          at: '2026-11-21T10:00:00Z',
          by: { userId: 'i', username: 'itadmin' },
          reason: 'Scraping',
          result: {},
        },
      ],
      outcome: {
        status: 'action-taken',
        reason: 'Key suspended',
        at: '2026-11-22T10:00:00Z',
        by: { userId: 'i', username: 'itadmin' },
      },
      closedAt: '2026-11-22T10:00:00Z',
      accessTokenHash: 'f'.repeat(64),
      reporterReachable: true,
      createdAt: '2026-11-20T10:00:00Z',
      updatedAt: '2026-11-22T10:00:00Z',
    };
    const view = caseReporterView(c);
    expect(view).toMatchObject({
      status: 'closed',
      handledBy: ['information-technology'],
      outcome: { reason: 'Key suspended' },
    });
    expect(JSON.stringify(view)).not.toMatch(/itadmin|k123|ab12|ffff/);
  });
});

describe('abuse signals', () => {
  it('fires exactly once per day: when the refusals first pass the threshold', () => {
    const fired = Array.from({ length: 200 }, (_, i) => i + 1).filter((n) => crossesAbuseThreshold(n, 50));
    expect(fired).toEqual([51]);
  });
});
