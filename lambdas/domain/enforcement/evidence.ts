/**
 * The sentences a case's evidence summary is made of: what the platform
 * already knows about the request, dataset version or API key a report
 * names, in the words the enforcing office reads. Pure: the adapters fetch
 * the facts, these say what they mean.
 */
import type { RequestClocks } from '../records/clocks';
import { PERSONNEL_FILES_BUSINESS_DAYS, RESPONSE_BUSINESS_DAYS } from '../records/clocks';

export function requestEvidenceSummary(
  trackingNumber: string,
  request: { status: string; personnelFiles: boolean },
  clocks: RequestClocks,
): string {
  const { response } = clocks;
  const answer =
    response.state === 'answered'
      ? `answered on ${response.answeredOn} (within the statutory time)`
      : response.state === 'deemed-denied'
        ? `not answered by the due date: deemed denied on ${response.deemedDeniedOn}${response.answeredOn ? `, answered late on ${response.answeredOn}` : ''}`
        : `not answered yet; ${response.businessDaysLeft} business day(s) left`;
  const days = request.personnelFiles ? PERSONNEL_FILES_BUSINESS_DAYS : RESPONSE_BUSINESS_DAYS;
  return `Records request ${trackingNumber}: received ${clocks.receivedOn}, statutory due date ${clocks.statutoryDueDate} (${days} business days, C.G.S. 1-206(a)); ${answer}. Status: ${request.status}.`;
}

export function datasetEvidenceSummary(input: {
  datasetId: string;
  owner: string;
  version?: number;
  state?: string;
  findings: { column: string; pattern: string; count: number }[];
  decisions: number;
}): string {
  const found = input.findings.length
    ? input.findings.map((f) => `${f.pattern} in ${f.column} (${f.count})`).join(', ')
    : 'nothing';
  const cleared = input.decisions ? `; ${input.decisions} column(s) cleared by a staff decision` : '';
  return `Dataset ${input.datasetId} (owner ${input.owner}), version ${input.version ?? 'none'} is ${input.state ?? 'missing'}; the personal-data gate found ${found}${cleared}.`;
}

export function apiKeyEvidenceSummary(input: {
  last4: string;
  tier: string;
  status: string;
  days: readonly { requests: number; throttled: number }[];
  sanctions: number;
}): string {
  const requests = input.days.reduce((sum, d) => sum + d.requests, 0);
  const throttled = input.days.reduce((sum, d) => sum + d.throttled, 0);
  return `API key …${input.last4} (${input.tier} tier, ${input.status}): ${requests} requests and ${throttled} refused with 429 in the last 30 days; ${input.sanctions} earlier sanction(s).`;
}
