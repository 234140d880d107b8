/**
 * The hourly detection job: each abuse signal (a key refused with 429 past the
 * day's threshold) becomes an enforcement case for City IT with the key's
 * usage as evidence, unless an open detection case for that key exists.
 */
import { abuseCaseDescription, type AbuseSignal } from '../api-access/abuse-detection';
import { openAbuseCase, type EnforcementDeps, type EvidencePort } from './use-cases';

export interface AbuseSignalsPort {
  pendingAbuseSignals(): Promise<AbuseSignal[]>;
  settleAbuseSignal(signal: AbuseSignal, caseNumber: string | undefined): Promise<void>;
}

export async function runAbuseDetection(
  deps: EnforcementDeps & { signals: AbuseSignalsPort; evidence: EvidencePort },
): Promise<{ signals: number; opened: string[] }> {
  const signals = await deps.signals.pendingAbuseSignals();
  const opened: string[] = [];
  for (const signal of signals) {
    const usage = await deps.evidence.apiKey({ keyId: signal.keyId });
    const caseNumber = await openAbuseCase(deps, {
      keyId: signal.keyId,
      description: abuseCaseDescription(signal),
      facts: { signal, ...(usage?.facts ?? {}) },
      summary: [
        signal.reason === 'daily-quota-reached'
          ? `The whole daily quota was used on ${signal.day}.`
          : `${signal.throttledToday} refusals (429) on ${signal.day} when the signal was raised.`,
        ...(usage?.summary ?? []),
      ],
    });
    if (caseNumber) opened.push(caseNumber);
    await deps.signals.settleAbuseSignal(signal, caseNumber);
  }
  return { signals: signals.length, opened };
}
