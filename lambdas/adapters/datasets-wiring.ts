/**
 * Builds the dataset adapters once per container from the Lambda's
 * environment (set by the CDK construct, or by the local platform).
 */
import { requiredEnv } from '../shared/config';
import { sharedDocumentClient } from './clients/dynamodb';
import { DynamoDatasetRegistry } from './dataset-registry';

let registry: DynamoDatasetRegistry | undefined;
export function datasetRegistry(): DynamoDatasetRegistry {
  registry ??= new DynamoDatasetRegistry(sharedDocumentClient(), requiredEnv('TABLE_NAME'));
  return registry;
}
