/**
 * Lambdas started by events rather than HTTP. Like the route table, this one
 * list builds the AWS wiring (lib/) and the local stand-in (local/).
 */
import type { RouteAccess } from './route-types';

export interface S3ObjectCreatedTrigger {
  kind: 's3-object-created';
  bucket: 'datasetsBucket' | 'recordsBucket';
  prefix: string;
  suffix?: string;
}

export interface EventHandlerDefinition {
  id: string;
  /** Handler module under `lambdas/handlers/`, without extension; exports `handler`. */
  handler: string;
  description: string;
  trigger: S3ObjectCreatedTrigger;
  access: RouteAccess;
  memoryMb: number;
  timeoutSeconds: number;
  /** /tmp size, for sorting files bigger than memory. */
  ephemeralStorageMb: number;
  environment?: Record<string, string>;
}

export const eventHandlers = {
  ingestDatasetVersion: {
    id: 'ingestDatasetVersion',
    handler: 'events/ingest-dataset-version',
    description: 'Reads an uploaded dataset file: types, personal-data gate, row chunks, sorted copies.',
    trigger: {
      kind: 's3-object-created',
      bucket: 'datasetsBucket',
      prefix: 'staging/',
      suffix: '/upload.csv',
    },
    access: { table: 'RW', datasetsBucket: 'RW' },
    // A 1 GB file streams through in a few hundred MB; the memory buys CPU time: at 3,538 MB two
    // vCPUs' worth, for the parse thread and the storing thread (lambdas/ingestion/parse-thread.ts).
    memoryMb: 3538,
    timeoutSeconds: 900,
    ephemeralStorageMb: 10_240,
    // The parse thread runs the function's own bundle, which NodejsFunction writes as index.mjs.
    environment: { INGEST_PARSE_THREAD_FILE: '/var/task/index.mjs' },
  },
  scanRequestDocument: {
    id: 'scanRequestDocument',
    handler: 'events/scan-request-document',
    description: 'Scans a document uploaded for release: personal data and C.G.S. 1-217 protected addresses.',
    trigger: { kind: 's3-object-created', bucket: 'recordsBucket', prefix: 'request-documents/' },
    access: { table: 'RW', recordsBucket: 'RO' },
    // PDFs are read whole (pdf.js needs random access): room for a 200 MB PDF and its text.
    memoryMb: 2048,
    timeoutSeconds: 900,
    ephemeralStorageMb: 512,
  },
  scanReportAttachment: {
    id: 'scanReportAttachment',
    handler: 'events/scan-report-attachment',
    description: 'Scans a file a reporter attached to a violation report (the same personal-data scan).',
    trigger: { kind: 's3-object-created', bucket: 'recordsBucket', prefix: 'report-attachments/' },
    access: { table: 'RW', recordsBucket: 'RO' },
    memoryMb: 1024,
    timeoutSeconds: 300,
    ephemeralStorageMb: 512,
  },
} satisfies Record<string, EventHandlerDefinition>;

export const EVENT_HANDLER_LIST: readonly EventHandlerDefinition[] = Object.values(eventHandlers);

/** Lambdas run on a schedule (EventBridge in AWS; `npm run jobs` or the local timer locally). */
export interface ScheduledJobDefinition {
  id: string;
  handler: string;
  description: string;
  /** An EventBridge cron expression, in UTC. */
  schedule: string;
  access: RouteAccess;
  memoryMb: number;
  timeoutSeconds: number;
}

export const scheduledJobs = {
  dailyRecordsJob: {
    id: 'dailyRecordsJob',
    handler: 'jobs/daily-records-job',
    description: 'Deemed denials with the appeal notice, due-soon and overdue digests, escalation.',
    // 11:00 UTC is 6 or 7 a.m. in Danbury: digests are waiting when the office opens.
    schedule: 'cron(0 11 * * ? *)',
    access: { table: 'RW', email: 'SEND' },
    memoryMb: 512,
    timeoutSeconds: 900,
  },
  recordsStatisticsJob: {
    id: 'recordsStatisticsJob',
    handler: 'jobs/records-statistics-job',
    description: 'Publishes the records-request statistics as an open dataset (through the publishing path).',
    schedule: 'cron(30 11 * * ? *)',
    // It registers and publishes the City Clerk's statistics dataset and uploads each day's file.
    access: { table: 'RW', datasetsBucket: 'RW' },
    memoryMb: 512,
    timeoutSeconds: 600,
  },
  apiAbuseDetection: {
    id: 'apiAbuseDetection',
    handler: 'jobs/api-abuse-detection',
    description:
      'Opens an enforcement case for City IT for each API key refused with 429 past the day’s threshold.',
    schedule: 'cron(15 * * * ? *)',
    access: { table: 'RW', email: 'SEND' },
    memoryMb: 512,
    timeoutSeconds: 300,
  },
} satisfies Record<string, ScheduledJobDefinition>;

export const SCHEDULED_JOB_LIST: readonly ScheduledJobDefinition[] = Object.values(scheduledJobs);
