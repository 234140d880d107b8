/**
 * What every platform Lambda gets from its table entry (a route, an event handler,
 * a job): the `access` it declares, granted by PlatformFunction's bind methods, and
 * nothing more. Shared by the nested stacks that make the functions.
 */
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { RouteAccess } from '../lambdas/api/route-types';
import type { StageConfig } from './config/stages';
import type {
  ApiKeyManagement,
  PlatformFunction,
  PlatformFunctionProps,
} from './constructs/platform-function';

/** The stateful stack's resources the Lambdas may be granted. */
export interface PlatformData {
  table: ITable;
  datasetsBucket: IBucket;
  recordsBucket: IBucket;
}

export interface AccessContext {
  stage: StageConfig;
  data: PlatformData;
  /** The usage plans whose keys `apiKeys: 'MANAGE'` may manage; only the API's own routes have them. */
  apiKeys?: ApiKeyManagement;
}

const BUCKET_ENV = { datasetsBucket: 'DATASETS_BUCKET', recordsBucket: 'RECORDS_BUCKET' } as const;

export function grantAccess(
  fn: PlatformFunction,
  access: RouteAccess,
  { stage, data, apiKeys }: AccessContext,
): void {
  if (access.table) fn.bindTable(data.table, access.table);
  for (const key of ['datasetsBucket', 'recordsBucket'] as const) {
    const grant = access[key];
    if (grant) fn.bindBucket(data[key], BUCKET_ENV[key], grant);
  }
  if (access.email === 'SEND') {
    fn.bindEmail({
      from: stage.emailFrom,
      identity: stage.emailIdentity,
      configurationSet: stage.emailConfigurationSet,
    });
  }
  if (access.apiKeys === 'MANAGE') {
    if (!apiKeys) throw new Error(`${fn.node.path}: only API routes may manage API keys.`);
    fn.bindApiKeys(apiKeys);
  }
}

/** The stage's logging settings, common to every platform Lambda. */
export function stageLogging(
  stage: StageConfig,
): Pick<PlatformFunctionProps, 'logLevel' | 'logRetention' | 'logRemovalPolicy'> {
  return {
    logLevel: stage.logLevel,
    logRetention: stage.logRetention,
    logRemovalPolicy: stage.logRemovalPolicy,
  };
}

/** `listDatasets` → `ListDatasets`: construct ids read like the route. */
export function pascal(id: string): string {
  return id.charAt(0).toUpperCase() + id.slice(1);
}
