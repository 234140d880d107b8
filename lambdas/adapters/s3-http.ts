/**
 * The few S3 operations the Lambdas need, as signed HTTP calls over node:http,
 * signed by the AWS SDK's own SigV4 signer (@smithy/signature-v4, already in
 * every bundle that has the DynamoDB client) with node:crypto hashes. The SDK's
 * S3 client would add ~170 KB and ~20 ms of cold start to every Lambda that
 * also talks to DynamoDB, which is over the platform's bundle budget. Tested
 * against s3rver.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
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
  /** A request that hears no answer for this long is abandoned and tried again (default 30 s). */
  idleTimeoutMs?: number;
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

/** Retries of a request S3 answered with 5xx or 429, or that lost its connection. */
const RETRIES = 3;
const FIRST_BACKOFF_MS = 50;
/** A request that hears no answer for this long is abandoned (and tried again). */
const IDLE_TIMEOUT_MS = 30_000;

/**
 * Network failures worth another try: a kept-alive socket that died while the Lambda was frozen
 * (reset, broken pipe), a refused or stalled connection.
 */
const RETRYABLE_NETWORK_ERRORS = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'ETIMEDOUT']);

const backoff = (attempt: number) => sleep(Math.random() * FIRST_BACKOFF_MS * 2 ** attempt);

/** S3's answer: the status, the headers, and the body as a Node stream (read it or drop it). */
interface S3Response {
  status: number;
  ok: boolean;
  headers: IncomingMessage['headers'];
  body: IncomingMessage;
}

async function textOf(response: S3Response): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of response.body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * One HTTP exchange over node:http(s). The idle timeout runs until S3 answers; reading the body
 * afterwards has none, as a consumer may pause a long download.
 */
function exchange(
  method: string,
  url: URL,
  headers: Record<string, string>,
  body: string | Uint8Array | undefined,
  idleTimeoutMs: number,
): Promise<S3Response> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, { method, headers }, (res: IncomingMessage) => {
      req.setTimeout(0);
      const status = res.statusCode ?? 0;
      resolve({ status, ok: status >= 200 && status < 300, headers: res.headers, body: res });
    });
    req.setTimeout(idleTimeoutMs, () =>
      req.destroy(
        Object.assign(new Error(`S3 ${method} idle for ${idleTimeoutMs} ms`), { code: 'ETIMEDOUT' }),
      ),
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Every call goes over node:http(s), signed with the SDK's signer (which caches the derived
 * signing key) over synchronous node:crypto hashes. A dataset version is thousands of PUTs (one
 * per chunk; 1,200 per million rows): fetch's Request and body-stream machinery cost about three times the CPU
 * per request of plain node:http, and a WebCrypto signer (aws4fetch) two thread-pool round trips
 * per request (`npm run bench -- --only ingest-speed`, variant (c)). 5xx, 429, a dropped
 * connection and a stalled request are tried again with backoff.
 */
export class S3Http {
  private readonly endpoint?: URL;
  private readonly signer: SignatureV4;

  constructor(private readonly settings: S3HttpSettings) {
    if (settings.endpoint) this.endpoint = new URL(settings.endpoint);
    this.signer = new SignatureV4({
      service: 's3',
      region: settings.region,
      credentials: settings.credentials,
      sha256: Sha256,
      // Keys are encoded once, by objectUrl; S3 signs the path as sent.
      uriEscapePath: false,
      applyChecksum: false,
    });
  }

  /** SigV4 headers for one request; the body is not hashed (UNSIGNED-PAYLOAD, as the SDK's presigned PUTs). */
  private async sign(
    method: string,
    url: URL,
    headers: Record<string, string>,
  ): Promise<Record<string, string>> {
    const query: Record<string, string> = {};
    url.searchParams.forEach((value, name) => {
      query[name] = value;
    });
    const signed = await this.signer.sign({
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: url.pathname,
      query,
      headers: { ...headers, host: url.host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    });
    return signed.headers;
  }

  objectUrl(bucket: string, key: string, query = ''): string {
    const path = encodeS3Key(key);
    const base = this.endpoint
      ? `${this.endpoint.origin}/${bucket}/${path}`
      : `https://${bucket}.s3.${this.settings.region}.amazonaws.com/${path}`;
    return query ? `${base}?${query}` : base;
  }

  private async send(
    method: string,
    url: string,
    init: { headers?: Record<string, string>; body?: string | Uint8Array } = {},
  ): Promise<S3Response> {
    const { body } = init;
    const target = new URL(url);
    for (let attempt = 0; ; attempt++) {
      const headers = await this.sign(method, target, init.headers ?? {});
      // A PUT or POST says its length (an empty one too): S3 refuses chunked bodies without it.
      if (body !== undefined || method === 'PUT' || method === 'POST') {
        headers['content-length'] = String(
          body === undefined ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength,
        );
      }
      let response: S3Response;
      try {
        response = await exchange(
          method,
          target,
          headers,
          body,
          this.settings.idleTimeoutMs ?? IDLE_TIMEOUT_MS,
        );
      } catch (err) {
        const code = (err as { code?: string }).code ?? '';
        if (!RETRYABLE_NETWORK_ERRORS.has(code) || attempt >= RETRIES) throw err;
        await backoff(attempt);
        continue;
      }
      if ((response.status >= 500 || response.status === 429) && attempt < RETRIES) {
        response.body.resume();
        await backoff(attempt);
        continue;
      }
      return response;
    }
  }

  private async fail(response: S3Response, what: string): Promise<never> {
    const body = await textOf(response).catch(() => '');
    const code = xmlValue(body, 'Code') ?? String(response.status);
    throw new Error(`S3 ${what} failed: ${response.status} ${code}`);
  }

  /** The object's bytes as a Node stream, for parsing files too big for memory, and its size. */
  async openObject(bucket: string, key: string): Promise<{ body: Readable; sizeBytes: number }> {
    const response = await this.send('GET', this.objectUrl(bucket, key));
    if (response.status === 404) {
      response.body.resume();
      throw new S3ObjectNotFound(bucket, key);
    }
    if (!response.ok) return this.fail(response, `GetObject ${key}`);
    return { body: response.body, sizeBytes: Number(response.headers['content-length'] ?? 0) };
  }

  /** The object's bytes as a Node stream. */
  async getObjectStream(bucket: string, key: string): Promise<Readable> {
    return (await this.openObject(bucket, key)).body;
  }

  async getObjectText(bucket: string, key: string): Promise<string> {
    const response = await this.send('GET', this.objectUrl(bucket, key));
    if (response.status === 404) {
      response.body.resume();
      throw new S3ObjectNotFound(bucket, key);
    }
    if (!response.ok) return this.fail(response, `GetObject ${key}`);
    return textOf(response);
  }

  async headObject(bucket: string, key: string): Promise<{ sizeBytes: number; etag: string } | undefined> {
    const response = await this.send('HEAD', this.objectUrl(bucket, key));
    response.body.resume();
    if (response.status === 404) return undefined;
    if (!response.ok) return this.fail(response, `HeadObject ${key}`);
    return {
      sizeBytes: Number(response.headers['content-length'] ?? 0),
      etag: String(response.headers.etag ?? ''),
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
    if (!response.ok) return this.fail(response, `PutObject ${key}`);
    response.body.resume();
  }

  /** Server-side copy (up to 5 GB), so a large upload is never read twice. */
  async copyObject(bucket: string, fromKey: string, toKey: string): Promise<void> {
    const response = await this.send('PUT', this.objectUrl(bucket, toKey), {
      headers: { 'x-amz-copy-source': `/${bucket}/${encodeS3Key(fromKey)}` },
    });
    const body = await textOf(response);
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
    if (!response.ok && response.status !== 404) return this.fail(response, `DeleteObject ${key}`);
    response.body.resume();
  }

  async createMultipartUpload(bucket: string, key: string, contentType: string): Promise<string> {
    const response = await this.send('POST', this.objectUrl(bucket, key, 'uploads='), {
      headers: { 'content-type': contentType },
    });
    const body = await textOf(response);
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
    const body = await textOf(response);
    if (!response.ok || body.includes('<Error>')) {
      throw new Error(
        `S3 CompleteMultipartUpload failed: ${response.status} ${xmlValue(body, 'Code') ?? ''}`,
      );
    }
  }
}
