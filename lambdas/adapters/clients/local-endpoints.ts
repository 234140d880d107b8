/**
 * Local mode and tests point the AWS SDK at local servers through these env
 * vars; in AWS they are unset and the SDK's defaults apply.
 */
export const localDynamoDbEndpoint = () => process.env.DYNAMODB_ENDPOINT || undefined;
export const localS3Endpoint = () => process.env.S3_ENDPOINT || undefined;

/** s3rver's built-in account. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
/** DynamoDB Local accepts any credentials; fixed ones keep the SDK from looking for real ones. */
export const DYNAMODB_LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
