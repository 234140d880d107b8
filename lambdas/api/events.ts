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
    // A 1 GB file streams through in bounded memory; 1 GB also buys the CPU to parse it fast.
    memoryMb: 1024,
    timeoutSeconds: 900,
    ephemeralStorageMb: 10_240,
  },
} satisfies Record<string, EventHandlerDefinition>;

export const EVENT_HANDLER_LIST: readonly EventHandlerDefinition[] = Object.values(eventHandlers);
