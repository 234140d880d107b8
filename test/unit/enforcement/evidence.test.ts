import { requestClocks } from '../../../lambdas/domain/records/clocks';
import { defaultCalendar } from '../../../lambdas/domain/records/holiday-calendar';
import {
  apiKeyEvidenceSummary,
  datasetEvidenceSummary,
  requestEvidenceSummary,
} from '../../../lambdas/domain/enforcement/evidence';

const calendar = defaultCalendar();
const clocks = (personnelFiles: boolean, now: string, firstResponseAt?: string) =>
  requestClocks(
    {
      receivedAt: '2026-11-02T15:00:00Z',
      personnelFiles,
      pauses: [],
      now,
      ...(firstResponseAt ? { firstResponseAt } : {}),
    },
    calendar,
  );

describe('evidence summaries', () => {
  it('says when a request was deemed denied, with the clock that applies to it', () => {
    expect(
      requestEvidenceSummary(
        '2026-000001',
        { status: 'received', personnelFiles: false },
        clocks(false, '2026-11-20T12:00:00Z'),
      ),
    ).toBe(
      'Records request 2026-000001: received 2026-11-02, statutory due date 2026-11-06 (4 business days, C.G.S. 1-206(a)); not answered by the due date: deemed denied on 2026-11-07. Status: received.',
    );
    expect(
      requestEvidenceSummary(
        '2026-000002',
        { status: 'acknowledged', personnelFiles: true },
        clocks(true, '2026-11-05T12:00:00Z', '2026-11-03T12:00:00Z'),
      ),
    ).toContain('(10 business days, C.G.S. 1-206(a)); answered on 2026-11-03');
  });

  it('names the gate’s findings and the columns staff cleared', () => {
    expect(
      datasetEvidenceSummary({
        datasetId: 'noise',
        owner: 'public-works',
        version: 2,
        state: 'published',
        findings: [{ column: 'caller_phone', pattern: 'phone-number', count: 2 }],
        decisions: 1,
      }),
    ).toBe(
      'Dataset noise (owner public-works), version 2 is published; the personal-data gate found phone-number in caller_phone (2); 1 column(s) cleared by a staff decision.',
    );
    expect(datasetEvidenceSummary({ datasetId: 'x', owner: 'police', findings: [], decisions: 0 })).toContain(
      'version none is missing; the personal-data gate found nothing.',
    );
  });

  it('totals a key’s requests and 429s over the days given', () => {
    expect(
      apiKeyEvidenceSummary({
        last4: 'ab-_',
        tier: 'basic',
        status: 'active',
        days: [
          { requests: 10_000, throttled: 40 },
          { requests: 5, throttled: 0 },
        ],
        sanctions: 1,
      }),
    ).toBe(
      'API key …ab-_ (basic tier, active): 10005 requests and 40 refused with 429 in the last 30 days; 1 earlier sanction(s).',
    );
  });
});
