/**
 * The few S3 operations the Lambdas need, as signed HTTP calls (aws4fetch:
 * SigV4 for fetch, ~3 KB; PutObject, ingestion's hot path, over node:http). The AWS SDK's S3 client would add ~170 KB and
 * ~20 ms of cold start to every Lambda that also talks to DynamoDB, which is
 * over the platform's bundle budget. Tested against s3rver.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { setTimeout as sleep } from 'node:timers/promises';
import { AwsClient, AwsV4Signer } from 'aws4fetch';
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
  /** A PUT that sends or hears nothing for this long is abandoned and tried again (default 30 s). */
  putIdleTimeoutMs?: number;
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

/** Retries of a request S3 answered with 5xx or 429 (as aws4fetch's client does for the other calls). */
const RETRIES = 3;
const FIRST_BACKOFF_MS = 50;
const IDLE_TIMEOUT_MS = 30_000;

/**
 * Network failures worth another try: a kept-alive socket that died while the Lambda was frozen
 * (reset, broken pipe), a refused or stalled connection.
 */
const RETRYABLE_NETWORK_ERRORS = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'ETIMEDOUT']);

/** One HTTP exchange with node:http(s): the status and the body (S3's error document, or nothing). */
function exchange(
  url: URL,
  headers: Record<string, string>,
  body: string | Uint8Array,
  idleTimeoutMs: number,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, { method: 'PUT', headers }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.setTimeout(idleTimeoutMs, () =>
      req.destroy(Object.assign(new Error(`S3 PUT idle for ${idleTimeoutMs} ms`), { code: 'ETIMEDOUT' })),
    );
    req.on('error', reject);
    req.end(body);
  });
}

export class S3Http {
  private readonly client: AwsClient;
  private readonly endpoint?: URL;

  constructor(private readonly settings: S3HttpSettings) {
    this.client = new AwsClient({
      ...settings.credentials,
      service: 's3',
      region: settings.region,
      retries: RETRIES,
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

  /**
   * PutObject over node:http(s) rather than fetch: a dataset version is thousands of PUTs (one per
   * 1,000-row chunk), and fetch's Request and body-stream machinery cost about three times the CPU
   * per PUT of a plain request (`npm run bench -- --only ingest-speed`, variant (c)). aws4fetch
   * still signs; 5xx, 429, a dropped connection and a stalled PUT are tried again with backoff.
   */
  async putObject(
    bucket: string,
    key: string,
    body: string | Uint8Array,
    contentType: string,
  ): Promise<void> {
    const url = this.objectUrl(bucket, key);
    const length = String(typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);
    for (let attempt = 0; ; attempt++) {
      const signed = await new AwsV4Signer({
        ...this.settings.credentials,
        url,
        method: 'PUT',
        headers: { 'content-type': contentType },
        service: 's3',
        region: this.settings.region,
        // The client's cache of derived signing keys: four HMACs saved per PUT.
        cache: this.client.cache,
      }).sign();
      const headers: Record<string, string> = { 'content-length': length };
      signed.headers.forEach((value, name) => {
        headers[name] = value;
      });
      let answer: { status: number; text: string };
      try {
        answer = await exchange(signed.url, headers, body, this.settings.putIdleTimeoutMs ?? IDLE_TIMEOUT_MS);
      } catch (err) {
        const code = (err as { code?: string }).code ?? '';
        if (!RETRYABLE_NETWORK_ERRORS.has(code) || attempt >= RETRIES) throw err;
        await sleep(Math.random() * FIRST_BACKOFF_MS * 2 ** attempt);
        continue;
      }
      const { status, text } = answer;
      if (status >= 200 && status < 300) return;
      if ((status >= 500 || status === 429) && attempt < RETRIES) {
        await sleep(Math.random() * FIRST_BACKOFF_MS * 2 ** attempt);
        continue;
      }
      throw new Error(`S3 PutObject ${key} failed: ${status} ${xmlValue(text, 'Code') ?? status}`);
    }
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
