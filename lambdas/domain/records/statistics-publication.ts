/**
 * Records-request statistics as open data. The daily statistics job counts
 * every request of the last three years (counts per department and month,
 * median days to first response and to close, deemed denials, exemptions
 * cited, fees charged and waived: never a requester, a description or a
 * tracking number), keeps the table for `GET /v1/records-requests/statistics`,
 * and publishes it as the City Clerk's dataset `records-request-statistics`
 * through the same publishing path as any dataset: a new version, ingestion
 * behind the personal-data gate, then publication. A version the gate holds
 * stays for a clerk to look at; the job never publishes around the gate.
 */
import type { StaffPrincipal } from '../../shared/staff';
import type { Clock } from '../audit';
import {
  publishDatasetVersion,
  registerDataset,
  startVersionUpload,
  type DatasetRegistryPort,
  type UploadPort,
} from '../datasets/publishing';
import type { DatasetVersion } from '../datasets/versions';
import { nyDate } from './clocks';
import { currentCalendar } from './intake';
import type { RecordsStorePort } from './ports';
import type { RecordsRequest } from './records-request';
import { computeRequestStatistics, statisticsCsv, type RequestStatisticsRow } from './statistics';

export const STATISTICS_DATASET_ID = 'records-request-statistics';
/** Three years of months: enough for trends, small enough for one stored item. */
export const STATISTICS_YEARS = 3;

/** The job acts as the City Clerk's office, whose dataset this is. */
export const STATISTICS_PUBLISHER: StaffPrincipal = {
  userId: 'system:records-statistics',
  username: 'records-statistics-job',
  roles: ['clerk'],
  department: 'city-clerk',
};

export interface StatisticsPorts {
  store: RecordsStorePort & {
    saveStatistics(rows: RequestStatisticsRow[], computedAt: string): Promise<void>;
  };
  registry: DatasetRegistryPort;
  uploads: UploadPort;
  /** PUTs the file to a presigned URL (what any uploader does). */
  putFile(url: string, body: string, contentType: string): Promise<void>;
  clock: Clock;
  /** How long to wait for ingestion before leaving publication to the next run. */
  waitForIngestionMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

async function requestsOfLastYears(store: RecordsStorePort, now: string): Promise<RecordsRequest[]> {
  const all: RecordsRequest[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.openRequestsDueBy('9999-12-31', cursor, 500);
    all.push(...page.requests);
    cursor = page.nextCursor;
  } while (cursor);
  const thisYear = Number(nyDate(now).slice(0, 4));
  for (let year = thisYear - STATISTICS_YEARS + 1; year <= thisYear; year++) {
    do {
      const page = await store.closedRequests(year, cursor, 500);
      all.push(...page.requests);
      cursor = page.nextCursor;
    } while (cursor);
  }
  return all;
}

export interface StatisticsRunReport {
  rows: number;
  publishedVersion?: number;
  uploadedVersion?: number;
  heldVersion?: { version: number; state: string };
}

export async function publishRequestStatistics(ports: StatisticsPorts, now = ports.clock.now()) {
  const { store, registry, clock } = ports;
  const calendar = await currentCalendar(store);
  const requests = await requestsOfLastYears(store, now);
  const rows = computeRequestStatistics(requests, calendar, now);
  await store.saveStatistics(rows, now);
  const report: StatisticsRunReport = { rows: rows.length };

  if (!(await registry.getDataset(STATISTICS_DATASET_ID))) {
    await registerDataset(registry, clock, STATISTICS_PUBLISHER, {
      datasetId: STATISTICS_DATASET_ID,
      title: 'Public records requests: monthly statistics',
      description:
        'Public records requests under the Connecticut FOI Act, per department and month of receipt: requests received and closed, median business days to the first response and to closing, answers within the statutory time, deemed denials, outcomes, exemptions cited, copy fees charged and waived. Counts only: no requester, no description. Updated daily.',
      keywords: ['foi', 'public records', 'transparency', 'city clerk'],
      ownerDepartment: 'city-clerk',
      contactName: 'Office of the City Clerk',
      contactEmail: 'cityclerk@danbury-ct.gov',
      license: 'https://creativecommons.org/publicdomain/zero/1.0/',
      updateFrequency: 'R/P1D',
      accessLevel: 'public',
    });
  }
  // A version left ready by an earlier run (ingestion took longer than we waited) goes out first.
  const waiting = (await registry.listVersions(STATISTICS_DATASET_ID)).filter((v) => v.state === 'ready');
  for (const version of waiting) {
    await publishDatasetVersion(
      registry,
      clock,
      STATISTICS_PUBLISHER,
      STATISTICS_DATASET_ID,
      version.version,
    );
    report.publishedVersion = version.version;
  }

  const csv = statisticsCsv(rows);
  const { version, upload } = await startVersionUpload(
    registry,
    ports.uploads,
    clock,
    STATISTICS_PUBLISHER,
    STATISTICS_DATASET_ID,
    {
      fileName: `${STATISTICS_DATASET_ID}-${nyDate(now)}.csv`,
      sizeBytes: Buffer.byteLength(csv),
      sortable: [],
      acceptBreakingChange: false,
    },
  );
  if (upload.method !== 'PUT')
    throw new Error('The statistics file is never large enough for a multipart upload.');
  await ports.putFile(upload.url, csv, 'text/csv');
  report.uploadedVersion = version.version;

  const ingested = await waitForIngestion(ports, version.version);
  if (ingested?.state === 'ready') {
    await publishDatasetVersion(
      registry,
      clock,
      STATISTICS_PUBLISHER,
      STATISTICS_DATASET_ID,
      version.version,
    );
    report.publishedVersion = version.version;
  } else {
    report.heldVersion = { version: version.version, state: ingested?.state ?? 'awaiting-upload' };
  }
  return report;
}

async function waitForIngestion(
  ports: StatisticsPorts,
  version: number,
): Promise<DatasetVersion | undefined> {
  const sleep = ports.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));
  const deadline = Date.now() + (ports.waitForIngestionMs ?? 120_000);
  for (;;) {
    const current = await ports.registry.getVersion(STATISTICS_DATASET_ID, version);
    if (!current || !['awaiting-upload', 'ingesting'].includes(current.state)) return current;
    if (Date.now() > deadline) return current;
    await sleep(500);
  }
}
