import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

// Local servers accept any credentials; giving fixed ones keeps the SDK from looking for real ones.
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * DYNAMODB_ENDPOINT is set only in local mode and tests (DynamoDB Local); in
 * AWS the SDK's defaults (region, role credentials) apply.
 */
export function createDocumentClient(endpoint = process.env.DYNAMODB_ENDPOINT): DynamoDBDocumentClient {
  const client = new DynamoDBClient(endpoint ? { endpoint, credentials: LOCAL_CREDENTIALS } : {});
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

let shared: DynamoDBDocumentClient | undefined;

/** The one document client of this container, made on first use (a handler's cold start). */
export function sharedDocumentClient(): DynamoDBDocumentClient {
  shared ??= createDocumentClient();
  return shared;
}
