// Reference: a handler that only constructs a DynamoDB document client, as any
// handler that reads state must. Its import time is the floor for those handlers.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (): Promise<{ statusCode: number; body: string }> => ({
  statusCode: 200,
  body: typeof documentClient.send,
});
