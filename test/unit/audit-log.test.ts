import {
  actorName,
  auditDayWindow,
  auditDetailLines,
  auditLogFilter,
  mayReadAuditLog,
} from '../../lambdas/domain/audit-log';
import type { StaffPrincipal } from '../../lambdas/shared/staff';

const staff = (roles: StaffPrincipal['roles'], department?: string): StaffPrincipal => ({
  userId: 'u-1',
  username: 'someone',
  roles,
  ...(department ? { department } : {}),
});

describe('who reads the audit log', () => {
  it('lets the City Clerk and City IT read it, not department staff', () => {
    expect(mayReadAuditLog(staff(['clerk'], 'city-clerk'))).toBe(true);
    expect(mayReadAuditLog(staff(['it-admin'], 'information-technology'))).toBe(true);
    expect(mayReadAuditLog(staff(['department-staff'], 'public-works'))).toBe(false);
    expect(mayReadAuditLog(staff([]))).toBe(false);
  });
});

describe('auditDayWindow', () => {
  it('spans two UTC days for a winter city day (EST, UTC−5), newest partition first', () => {
    expect(auditDayWindow('2026-11-26')).toEqual({
      from: '2026-11-26T05:00:00.000Z',
      to: '2026-11-27T05:00:00.000Z',
      partitions: ['2026-11-27', '2026-11-26'],
    });
  });

  it('uses the summer offset (EDT, UTC−4) and the day clocks change', () => {
    expect(auditDayWindow('2026-07-04').from).toBe('2026-07-04T04:00:00.000Z');
    // 2026-11-01: midnight is still EDT; the next midnight is EST.
    expect(auditDayWindow('2026-11-01')).toMatchObject({
      from: '2026-11-01T04:00:00.000Z',
      to: '2026-11-02T05:00:00.000Z',
    });
    // 2026-03-08: midnight is EST; the next midnight is EDT (a 23-hour day).
    expect(auditDayWindow('2026-03-08')).toMatchObject({
      from: '2026-03-08T05:00:00.000Z',
      to: '2026-03-09T04:00:00.000Z',
    });
  });
});

describe('auditLogFilter', () => {
  it('reads today when neither a day nor a record is given', () => {
    expect(auditLogFilter({}, '2026-11-26')).toEqual({ filter: { day: '2026-11-26' }, issues: [] });
  });

  it('keeps a record trail without a day, trims and lower-cases the action', () => {
    expect(
      auditLogFilter(
        {
          subjectType: 'records-request',
          subjectId: ' 2026-000123 ',
          action: ' Records-Request. ',
          actor: 'clerk',
        },
        '2026-11-26',
      ).filter,
    ).toEqual({
      subjectType: 'records-request',
      subjectId: '2026-000123',
      action: 'records-request.',
      actor: 'clerk',
    });
  });

  it('names each field that is wrong', () => {
    const { issues } = auditLogFilter(
      { day: '2026-02-30', subjectType: 'people', actor: 'a b', action: 'DROP TABLE;' },
      '2026-11-26',
    );
    expect(issues.map((i) => i.path).sort()).toEqual(['action', 'actor', 'day', 'subjectType']);
  });

  it('asks for the type when a record id is given alone', () => {
    const { filter, issues } = auditLogFilter({ subjectId: '2026-000123' }, '2026-11-26');
    expect(issues).toEqual([{ path: 'subjectType', message: 'Choose the type of the record.' }]);
    expect(filter.subjectId).toBeUndefined();
  });
});

describe('auditDetailLines', () => {
  it('shows each change as before → after, then the other details', () => {
    expect(
      auditDetailLines({
        changes: [{ field: 'statutoryDueDate', before: '2026-12-01', after: '2026-12-02' }],
        movedDueDates: 3,
        added: [{ date: '2026-12-24', name: 'Water main break' }],
      }),
    ).toEqual([
      { label: 'statutoryDueDate', value: '2026-12-01 → 2026-12-02' },
      { label: 'movedDueDates', value: '3' },
      { label: 'added', value: 'date 2026-12-24, name Water main break' },
    ]);
  });

  it('withholds personal data an event should never carry: contact keys and e-mail-like values', () => {
    const lines = auditDetailLines({
      requesterEmail: 'pat@example.com',
      changes: [{ field: 'requester.phone', before: '203-555-0100', after: '203-555-0199' }],
      note: 'wrote to pat@example.com',
      contact: { address: '12 Main St' },
    });
    const text = JSON.stringify(lines);
    expect(text).not.toContain('pat@example.com');
    expect(text).not.toContain('555-01');
    expect(text).not.toContain('12 Main St');
    expect(lines.every((l) => l.value === '(withheld: personal data)')).toBe(true);
  });
});

describe('actorName', () => {
  it('names staff by username and department, the system by its part', () => {
    expect(actorName({ userId: 'u', username: 'clerk', department: 'city-clerk', roles: ['clerk'] })).toBe(
      'clerk (city-clerk)',
    );
    expect(actorName({ system: 'online-intake' })).toBe('System: online-intake');
  });
});
