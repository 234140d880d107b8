import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DYNAMODB_LOCAL_CREDENTIALS, localDynamoDbEndpoint } from './local-endpoints';

export function createDocumentClient(endpoint = localDynamoDbEndpoint()): DynamoDBDocumentClient {
  const client = new DynamoDBClient(endpoint ? { endpoint, credentials: DYNAMODB_LOCAL_CREDENTIALS } : {});
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

let shared: DynamoDBDocumentClient | undefined;

/** The one document client of this container, made on first use (a handler's cold start). */
export function sharedDocumentClient(): DynamoDBDocumentClient {
  shared ??= createDocumentClient();
  return shared;
}
