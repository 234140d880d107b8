/**
 * Signed links for S3 objects without the S3 client: AWS's own
 * S3RequestPresigner (SigV4) on a request we address ourselves. The full
 * client + getSignedUrl would add ~170 KB and ~20 ms to a cold start for one
 * signature. test/unit/s3-presigner.test.ts checks the result is byte-identical
 * to getSignedUrl's.
 */
import { formatUrl } from '@aws-sdk/core/util';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
import { Sha256 } from '@smithy/core/checksum';
import { HttpRequest } from '@smithy/core/protocols';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { encodeS3Key as encodeKey } from './s3-keys';

export interface S3PresignerSettings {
  region: string;
  /** Path-style endpoint (local s3rver); absent → AWS virtual-hosted URLs. */
  endpoint?: string;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
}

export interface PresignGetInput {
  bucket: string;
  key: string;
  expiresInSeconds: number;
  responseContentDisposition?: string;
  signingDate?: Date;
}

export class S3Presigner {
  private readonly presigner: S3RequestPresigner;
  private readonly endpoint?: URL;

  constructor(private readonly settings: S3PresignerSettings) {
    this.presigner = new S3RequestPresigner({
      region: settings.region,
      credentials: settings.credentials ?? fromEnv(),
      sha256: Sha256,
    });
    if (settings.endpoint) this.endpoint = new URL(settings.endpoint);
  }

  presignGet(input: PresignGetInput): Promise<string> {
    return this.presign({
      method: 'GET',
      bucket: input.bucket,
      key: input.key,
      expiresInSeconds: input.expiresInSeconds,
      query: {
        ...(input.responseContentDisposition
          ? { 'response-content-disposition': input.responseContentDisposition }
          : {}),
        'x-id': 'GetObject',
      },
      ...(input.signingDate ? { signingDate: input.signingDate } : {}),
    });
  }

  /** A URL the browser PUTs a whole file to (S3 takes up to 5 GB in one PUT). */
  presignPut(input: { bucket: string; key: string; expiresInSeconds: number }): Promise<string> {
    return this.presign({ method: 'PUT', ...input, query: { 'x-id': 'PutObject' } });
  }

  /** A URL for one part of a multipart upload. */
  presignUploadPart(input: {
    bucket: string;
    key: string;
    uploadId: string;
    partNumber: number;
    expiresInSeconds: number;
  }): Promise<string> {
    return this.presign({
      method: 'PUT',
      bucket: input.bucket,
      key: input.key,
      expiresInSeconds: input.expiresInSeconds,
      query: { partNumber: String(input.partNumber), uploadId: input.uploadId, 'x-id': 'UploadPart' },
    });
  }

  /** The origin (scheme, host, port) of this presigner's URLs for a bucket: what a page's CSP must allow. */
  originOf(bucket: string): string {
    return this.endpoint
      ? this.endpoint.origin
      : `https://${bucket}.s3.${this.settings.region}.amazonaws.com`;
  }

  private async presign(input: {
    method: 'GET' | 'PUT';
    bucket: string;
    key: string;
    expiresInSeconds: number;
    query: Record<string, string>;
    signingDate?: Date;
  }): Promise<string> {
    const local = this.endpoint;
    const hostname = local ? local.hostname : `${input.bucket}.s3.${this.settings.region}.amazonaws.com`;
    const port = local?.port ? Number(local.port) : undefined;
    const request = new HttpRequest({
      method: input.method,
      protocol: local ? local.protocol : 'https:',
      hostname,
      ...(port ? { port } : {}),
      path: local ? `/${input.bucket}/${encodeKey(input.key)}` : `/${encodeKey(input.key)}`,
      query: input.query,
      headers: { host: port ? `${hostname}:${port}` : hostname },
    });
    const signed = await this.presigner.presign(request, {
      expiresIn: input.expiresInSeconds,
      ...(input.signingDate ? { signingDate: input.signingDate } : {}),
    });
    return formatUrl(signed);
  }
}
