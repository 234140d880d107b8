/**
 * The few S3 operations the Lambdas need, as signed HTTP calls (aws4fetch:
 * SigV4 for fetch, ~3 KB). The AWS SDK's S3 client would add ~170 KB and
 * ~20 ms of cold start to every Lambda that also talks to DynamoDB, which is
 * over the platform's bundle budget. Tested against s3rver.
 */
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { AwsClient } from 'aws4fetch';
import { encodeS3Key } from './s3-keys';

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface S3HttpSettings {
  region: string;
  /** Path-style endpoint (local s3rver); absent → AWS virtual-hosted URLs. */
  endpoint?: string;
  credentials: S3Credentials;
}

export class S3ObjectNotFound extends Error {
  constructor(
    readonly bucket: string,
    readonly key: string,
  ) {
    super(`No object ${key} in ${bucket}`);
    this.name = 'S3ObjectNotFound';
  }
}

function xmlEscape(value: string): string {
  return value.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function xmlValue(xml: string, tag: string): string | undefined {
  return new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1];
}

export class S3Http {
  private readonly client: AwsClient;
  private readonly endpoint?: URL;

  constructor(private readonly settings: S3HttpSettings) {
    this.client = new AwsClient({
      ...settings.credentials,
      service: 's3',
      region: settings.region,
      retries: 3,
    });
    if (settings.endpoint) this.endpoint = new URL(settings.endpoint);
  }

  objectUrl(bucket: string, key: string, query = ''): string {
    const path = encodeS3Key(key);
    const base = this.endpoint
      ? `${this.endpoint.origin}/${bucket}/${path}`
      : `https://${bucket}.s3.${this.settings.region}.amazonaws.com/${path}`;
    return query ? `${base}?${query}` : base;
  }

  private async send(method: string, url: string, init: RequestInit = {}): Promise<Response> {
    return this.client.fetch(url, { method, ...init });
  }

  private async fail(response: Response, what: string): Promise<never> {
    const body = await response.text().catch(() => '');
    const code = xmlValue(body, 'Code') ?? String(response.status);
    throw new Error(`S3 ${what} failed: ${response.status} ${code}`);
  }

  /** The object's bytes as a Node stream, for parsing files too big for memory. */
  async getObjectStream(bucket: string, key: string): Promise<Readable> {
    const response = await this.send('GET', this.objectUrl(bucket, key));
    if (response.status === 404) throw new S3ObjectNotFound(bucket, key);
    if (!response.ok || !response.body) return this.fail(response, `GetObject ${key}`);
    return Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>);
  }

  async getObjectText(bucket: string, key: string): Promise<string> {
    const response = await this.send('GET', this.objectUrl(bucket, key));
    if (response.status === 404) throw new S3ObjectNotFound(bucket, key);
    if (!response.ok) return this.fail(response, `GetObject ${key}`);
    return response.text();
  }

  async headObject(bucket: string, key: string): Promise<{ sizeBytes: number; etag: string } | undefined> {
    const response = await this.send('HEAD', this.objectUrl(bucket, key));
    if (response.status === 404) return undefined;
    if (!response.ok) return this.fail(response, `HeadObject ${key}`);
    return {
      sizeBytes: Number(response.headers.get('content-length') ?? 0),
      etag: response.headers.get('etag') ?? '',
    };
  }

  async putObject(
    bucket: string,
    key: string,
    body: string | Uint8Array,
    contentType: string,
  ): Promise<void> {
    const response = await this.send('PUT', this.objectUrl(bucket, key), {
      body,
      headers: { 'content-type': contentType },
    });
    if (!response.ok) await this.fail(response, `PutObject ${key}`);
  }

  /** Server-side copy (up to 5 GB), so a large upload is never read twice. */
  async copyObject(bucket: string, fromKey: string, toKey: string): Promise<void> {
    const response = await this.send('PUT', this.objectUrl(bucket, toKey), {
      headers: { 'x-amz-copy-source': `/${bucket}/${encodeS3Key(fromKey)}` },
    });
    const body = await response.text();
    // S3 can answer 200 with an error document for a copy.
    if (!response.ok || body.includes('<Error>')) {
      throw new Error(`S3 CopyObject ${fromKey} failed: ${response.status} ${xmlValue(body, 'Code') ?? ''}`);
    }
  }

  /**
   * Writes an object again without reading it, so S3 emits ObjectCreated for
   * it once more: a server-side copy out to a side key and back. (A copy onto
   * itself would do in S3, but s3rver keeps its timestamp, and the local
   * stand-in for S3 events could not see it.)
   */
  async rewriteObject(bucket: string, key: string): Promise<void> {
    const aside = `rewrites/${key}`;
    await this.copyObject(bucket, key, aside);
    await this.copyObject(bucket, aside, key);
    // Functions are not granted DeleteObject: where refused, the bucket's lifecycle rule removes the copy.
    await this.deleteObject(bucket, aside).catch(() => undefined);
  }

  async deleteObject(bucket: string, key: string): Promise<void> {
    const response = await this.send('DELETE', this.objectUrl(bucket, key));
    if (!response.ok && response.status !== 404) await this.fail(response, `DeleteObject ${key}`);
  }

  async createMultipartUpload(bucket: string, key: string, contentType: string): Promise<string> {
    const response = await this.send('POST', this.objectUrl(bucket, key, 'uploads='), {
      headers: { 'content-type': contentType },
    });
    const body = await response.text();
    const uploadId = xmlValue(body, 'UploadId');
    if (!response.ok || !uploadId) throw new Error(`S3 CreateMultipartUpload failed: ${response.status}`);
    return uploadId;
  }

  async completeMultipartUpload(
    bucket: string,
    key: string,
    uploadId: string,
    parts: readonly { partNumber: number; etag: string }[],
  ): Promise<void> {
    const xml =
      '<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
      parts
        .map((p) => `<Part><PartNumber>${p.partNumber}</PartNumber><ETag>${xmlEscape(p.etag)}</ETag></Part>`)
        .join('') +
      '</CompleteMultipartUpload>';
    const response = await this.send(
      'POST',
      this.objectUrl(bucket, key, `uploadId=${encodeURIComponent(uploadId)}`),
      {
        body: xml,
        headers: { 'content-type': 'application/xml' },
      },
    );
    const body = await response.text();
    if (!response.ok || body.includes('<Error>')) {
      throw new Error(
        `S3 CompleteMultipartUpload failed: ${response.status} ${xmlValue(body, 'Code') ?? ''}`,
      );
    }
  }
}
