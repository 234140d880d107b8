import { usageRows } from '../../../lambdas/ui/pages/api-keys';
import { subjectLabel, transitionsFrom } from '../../../lambdas/ui/pages/enforcement';

describe('usageRows', () => {
  it('puts the days oldest first, each scaled to the busiest day', () => {
    const rows = usageRows(
      [
        { day: '2026-11-26', requests: 40, throttled: 2 },
        { day: '2026-11-25', requests: 10, throttled: 0 },
      ],
      10_000,
    );
    expect(rows).toEqual([
      { day: '2026-11-25', requests: 10, throttled: 0, max: 40 },
      { day: '2026-11-26', requests: 40, throttled: 2, max: 40 },
    ]);
  });

  it('keeps a positive scale when nothing was requested', () => {
    expect(usageRows([{ day: '2026-11-26', requests: 0, throttled: 0 }], 10_000)[0]!.max).toBe(1);
  });
});

describe('transitionsFrom', () => {
  it('offers what the transition table allows from each status', () => {
    expect(transitionsFrom('received')).toEqual(['start-review', 'find-no-violation', 'refer']);
    expect(transitionsFrom('under-review')).toEqual(['find-no-violation', 'refer']);
    expect(transitionsFrom('action-taken')).toEqual(['close']);
    expect(transitionsFrom('closed')).toEqual(['reopen']);
  });
});

describe('subjectLabel', () => {
  it('names what the case is about', () => {
    expect(subjectLabel({ subject: { datasetId: 'crashes', version: 2 } })).toBe('dataset crashes v2');
    expect(subjectLabel({ subject: { apiKeyLast4: 'AB12', keyId: 'k123456' } })).toBe('API key …AB12');
    expect(subjectLabel({ subject: {} })).toBe('—');
  });
});
