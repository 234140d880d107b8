/**
 * Starts DynamoDB Local and s3rver once for the integration and e2e projects,
 * on free ports, and hands their endpoints to the test workers via env.
 */
import { startLocalAwsServices, type LocalAwsServices } from '../../local/aws-services';

declare global {
  var __LOCAL_AWS__: LocalAwsServices | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (globalThis.__LOCAL_AWS__) return; // both projects share one pair of servers
  const services = await startLocalAwsServices();
  globalThis.__LOCAL_AWS__ = services;
  process.env.TEST_DYNAMODB_ENDPOINT = services.dynamoDbEndpoint;
  process.env.TEST_S3_ENDPOINT = services.s3Endpoint;
  process.env.AWS_REGION = 'us-east-1';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
}
