/**
 * Enforcement adapters, built once per container: the case store, the
 * evidence the platform already holds (records requests, datasets, API keys),
 * and the owning features' use cases that case actions go through.
 */
import { requiredEnv } from '../../shared/config';
import type { StaffPrincipal } from '../../shared/staff';
import { systemClock } from '../../shared/clock';
import { usageReport } from '../../domain/api-access/usage-counters';
import { sanctionKey } from '../../domain/api-access/use-cases';
import { withdrawDatasetVersion } from '../../domain/datasets/publishing';
import {
  apiKeyEvidenceSummary,
  datasetEvidenceSummary,
  requestEvidenceSummary,
} from '../../domain/enforcement/evidence';
import type { CaseEffectsPort, EvidencePort } from '../../domain/enforcement/use-cases';
import { actOnRequest, clocksOf } from '../../domain/records/casework';
import { currentCalendar } from '../../domain/records/intake';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { notFound } from '../../shared/errors';
import { apiKeyManager } from '../api-keys/key-manager-wiring';
import { emailSender } from '../email/email-wiring';
import { apiAccessStore } from '../api-access/api-access-wiring';
import { sharedDocumentClient } from '../clients/dynamodb';
import { datasetRegistry } from '../datasets-wiring';
import { recordsStore, requestFiles } from '../records/records-wiring';
import type { AttachmentFilesPort } from '../../domain/enforcement/attachments';
import { keys } from '../table-design';
import { CaseStore } from './case-store';

let store: CaseStore | undefined;
export function caseStore(): CaseStore {
  store ??= new CaseStore(sharedDocumentClient(), requiredEnv('TABLE_NAME'));
  return store;
}

export function caseEvidence(): EvidencePort {
  const records = recordsStore();
  const registry = datasetRegistry();
  const access = apiAccessStore();
  return {
    async records(trackingNumber) {
      const request = await records.getRequest(trackingNumber);
      if (!request) return undefined;
      const now = systemClock.now();
      const clocks = clocksOf(request, await currentCalendar(records), now);
      const timeline = (await records.auditTrail(trackingNumber)).map((e) => ({
        at: e.at,
        action: e.action,
      }));
      return {
        department: request.department ?? request.receivingOffice,
        facts: {
          trackingNumber,
          status: request.status,
          receivedAt: request.receivedAt,
          clocks,
          timeline,
        },
        summary: [requestEvidenceSummary(trackingNumber, request, clocks)],
      };
    },
    async dataset(datasetId, versionNumber) {
      const dataset = await registry.getDataset(datasetId);
      if (!dataset) return undefined;
      const version = versionNumber ?? (dataset.currentVersion || undefined);
      const found = version ? await registry.getVersion(datasetId, version) : undefined;
      const findings = (found?.findings ?? []).map((f) => ({
        column: f.column,
        pattern: f.pattern,
        count: f.count,
      }));
      return {
        owner: dataset.ownerDepartment,
        ...(version ? { version } : {}),
        facts: {
          datasetId,
          status: dataset.status,
          version: version ?? null,
          versionState: found?.state ?? null,
          publishedAt: found?.publishedAt ?? null,
          findings,
          decisions: found?.decisions ?? [],
        },
        summary: [
          datasetEvidenceSummary({
            datasetId,
            owner: dataset.ownerDepartment,
            ...(version ? { version } : {}),
            ...(found ? { state: found.state } : {}),
            findings,
            decisions: found?.decisions.length ?? 0,
          }),
        ],
      };
    },
    async apiKey(subject) {
      let keyId = subject.keyId;
      if (!keyId && subject.applicationId)
        keyId = (await access.getApplication(subject.applicationId))?.keyId;
      if (!keyId && subject.apiKeyLast4) {
        const matches = await access.keysByLast4(subject.apiKeyLast4);
        if (matches.length === 1) keyId = matches[0]!.keyId;
      }
      const key = keyId ? await access.getKey(keyId) : undefined;
      if (!key) return undefined;
      const now = Date.now();
      const days = usageReport(
        await access.usageDays(key.keyId, new Date(now - 29 * 86_400_000).toISOString().slice(0, 10)),
        now,
      );
      return {
        keyId: key.keyId,
        facts: {
          keyId: key.keyId,
          last4: key.last4,
          tier: key.tier,
          status: key.status,
          days,
          sanctions: key.sanctions,
        },
        summary: [
          apiKeyEvidenceSummary({
            last4: key.last4,
            tier: key.tier,
            status: key.status,
            days,
            sanctions: key.sanctions.length,
          }),
        ],
      };
    },
  };
}

/** The owning features' use cases, for one request (they audit with its request id). */
export function caseEffects(context: { requestId: string; baseUrl: string }): CaseEffectsPort {
  const records = recordsStore();
  const registry = datasetRegistry();
  return {
    async sanctionKey(principal: StaffPrincipal, keyId, action, reason) {
      const { key } = await sanctionKey(
        { store: apiAccessStore(), email: emailSender(), keys: apiKeyManager(), clock: systemClock },
        principal,
        keyId,
        { action, reason },
        context.requestId,
      );
      return { keyId: key.keyId, status: key.status };
    },
    async unpublishVersion(principal, datasetId, version, reason) {
      const before = await registry.getVersion(datasetId, version);
      const { withdrawn, dataset } = await withdrawDatasetVersion(
        registry,
        systemClock,
        principal,
        datasetId,
        version,
        reason,
        undefined,
        context.requestId,
      );
      return {
        ...(before?.publishedAt ? { publishedAt: before.publishedAt } : {}),
        findings: (before?.findings ?? []).map((f) => ({
          column: f.column,
          pattern: f.pattern,
          count: f.count,
        })),
        result: {
          datasetId,
          version: withdrawn.version,
          versionState: withdrawn.state,
          datasetStatus: dataset.status,
        },
      };
    },
    async downloads(datasetId, version) {
      const { Item } = await sharedDocumentClient().send(
        new GetCommand({
          TableName: requiredEnv('TABLE_NAME'),
          Key: keys.versionDownloads(datasetId, version),
        }),
      );
      return Number(Item?.downloads ?? 0);
    },
    async reopenRequest(principal, trackingNumber, reason) {
      const request = await records.getRequest(trackingNumber);
      if (!request) throw notFound(`There is no records request ${trackingNumber}.`);
      const reopened = await actOnRequest(
        { store: records, email: emailSender(), clock: systemClock },
        principal,
        trackingNumber,
        { action: 'reopen', revision: request.revision, reason },
        context,
      );
      return { trackingNumber, status: reopened.status };
    },
  };
}

/** The records bucket, for reporters' attachments (presigned PUT in, 5-minute GET out for staff). */
export function attachmentFiles(): AttachmentFilesPort {
  const files = requestFiles();
  return {
    presignUpload: (key, expiresInSeconds) =>
      files.presignUpload(key, 'application/octet-stream', expiresInSeconds),
    presignDownload: (key, fileName, expiresInSeconds) =>
      files.presignDownload(key, fileName, expiresInSeconds),
    openFile: (key) => files.openFile(key),
    fileSize: (key) => files.fileSize(key),
  };
}
