/**
 * The few AWS REST-JSON calls the Lambdas make outside DynamoDB and S3 (SES v2
 * SendEmail, API Gateway key management), as SigV4-signed fetch requests
 * (aws4fetch, ~3 KB) instead of the SDK clients (~100 KB each in a bundle).
 *
 * It does what the SDK did for these calls, and no more:
 * - errors: the code from the `x-amzn-ErrorType` header, else the body's
 *   `code` or `__type` (namespace and URL parts stripped), the text from
 *   `message`/`Message`, thrown as `AwsServiceError` named after the code, so
 *   callers map `err.name` exactly as they mapped the SDK's exceptions;
 * - retries: the SDK's "standard" mode. Throttling (429, or a throttling code
 *   such as TooManyRequestsException) and transient failures (500/502/503/504,
 *   timeouts, connection errors) are tried again, up to `maxAttempts` in all,
 *   after `random × min(base × 2^retry, 20 s)` (base 1 s for throttling,
 *   50 ms otherwise), never sooner than a `Retry-After` the service sent (at
 *   most 5 s past the computed delay); a per-client retry budget (500,
 *   5 per throttled retry, 14 per other retry, paid back on success) stops a
 *   failing service from being hammered.
 *
 * In Lambda the execution role's credentials are in the environment (the only
 * place the SDK looked too, see lambdas/shared/lambda-credentials.ts); they are
 * read per request, so a client can be made before they are needed.
 */
import { AwsV4Signer } from 'aws4fetch';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export type AwsFetch = (request: Request) => Promise<Response>;

export interface AwsJsonHttpSettings {
  /** SigV4 signing name, e.g. `ses`, `apigateway`. */
  service: string;
  region: string;
  /** Origin of the service, e.g. `https://email.us-east-1.amazonaws.com`. */
  endpoint: string;
  /** Attempts in all, the first included (the SDK's `maxAttempts`). Default 3. */
  maxAttempts?: number;
  /** Default: the Lambda environment's (AWS_ACCESS_KEY_ID, ...). */
  credentials?: () => AwsCredentials;
  /** Extra headers on every request (API Gateway wants `accept: application/json`). */
  headers?: Record<string, string>;
  /** For tests: recorded HTTP instead of the network. */
  fetch?: AwsFetch;
  /** For tests: the signing time (`x-amz-date`). */
  now?: () => Date;
  /** For tests: the backoff wait and its jitter. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface AwsJsonRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path with its segments already encoded (see `pathOf`). */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
}

export const DEFAULT_MAX_ATTEMPTS = 3;

// The SDK's error classification (@smithy/core retry constants).
const THROTTLING_CODES = new Set([
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionInProgressException',
]);
const TRANSIENT_CODES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
const TRANSIENT_STATUSES = new Set([500, 502, 503, 504]);

const THROTTLING_DELAY_BASE_MS = 1_000;
const TRANSIENT_DELAY_BASE_MS = 50;
const MAX_DELAY_MS = 20_000;
const RETRY_AFTER_CAP_MS = 5_000;
const RETRY_BUDGET = 500;
const THROTTLING_RETRY_COST = 5;
const TRANSIENT_RETRY_COST = 14;
const SUCCESS_REFUND = 1;

/** An error response from an AWS service; `name` is the service's error code. */
export class AwsServiceError extends Error {
  constructor(
    code: string,
    message: string,
    readonly status: number,
    readonly requestId: string | undefined,
    /** A wait the service asked for (Retry-After), in ms. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = code;
  }
}

/** The request never got an answer (connection refused or reset, DNS, socket closed). */
export class AwsNetworkError extends Error {
  constructor(cause: unknown) {
    const code = (cause as { cause?: { code?: unknown } }).cause?.code;
    super(`No response from AWS${typeof code === 'string' ? ` (${code})` : ''}`, { cause });
    this.name = 'NetworkError';
  }
}

/** Reads the Lambda execution role's credentials from the environment. */
export function environmentCredentials(): AwsCredentials {
  const accessKeyId = process.env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) {
    // The name the SDK's credential providers used.
    throw Object.assign(new Error('No AWS credentials in the environment'), {
      name: 'CredentialsProviderError',
    });
  }
  return {
    accessKeyId,
    secretAccessKey,
    ...(process.env.AWS_SESSION_TOKEN ? { sessionToken: process.env.AWS_SESSION_TOKEN } : {}),
  };
}

/** The Lambda's Region (`AWS_REGION`, always set by Lambda). */
export function environmentRegion(): string {
  return process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || 'us-east-1';
}

/** A path from literal parts and values, each value one encoded segment. */
export function pathOf(strings: TemplateStringsArray, ...values: string[]): string {
  return strings.reduce((path, part, i) => path + encodeURIComponent(values[i - 1]!) + part);
}

/** What the SDK does with an error code value: `Code:http://…` and `ns#Code` become `Code`. */
function sanitizeCode(raw: string): string {
  let code = raw.split(',')[0]!.split(':')[0]!;
  if (code.includes('#')) code = code.split('#')[1]!;
  return code.trim();
}

/** `Retry-After` (seconds or an HTTP date) or `x-amz-retry-after` (ms), as a wait in ms. */
function retryAfterMs(headers: Headers, nowMs: number): number | undefined {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) {
    if (/^\d+(\.\d+)?$/.test(retryAfter.trim())) return Number(retryAfter) * 1000;
    const date = Date.parse(retryAfter);
    return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
  }
  const amz = headers.get('x-amz-retry-after');
  if (amz !== null && amz.trim() !== '' && !Number.isNaN(Number(amz))) return Number(amz);
  return undefined;
}

async function serviceError(response: Response, nowMs: number): Promise<AwsServiceError> {
  const text = await response.text().catch(() => '');
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = text ? JSON.parse(text) : {};
    if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
  } catch {
    // Not JSON (a load balancer's HTML page): the status still classifies it.
  }
  const header = response.headers.get('x-amzn-errortype');
  const codeKey = Object.keys(body).find((k) => k.toLowerCase() === 'code');
  const raw = header ?? (codeKey ? body[codeKey] : undefined) ?? body.__type;
  const code =
    (typeof raw === 'string' || typeof raw === 'number') && String(raw) ? sanitizeCode(String(raw)) : '';
  const message = body.message ?? body.Message;
  return new AwsServiceError(
    code || 'Unknown',
    typeof message === 'string' ? message : `HTTP ${response.status}`,
    response.status,
    response.headers.get('x-amzn-requestid') ?? undefined,
    retryAfterMs(response.headers, nowMs),
  );
}

/** An error's name, also for a DOMException from another realm (AbortSignal.timeout()). */
function errorName(err: unknown): unknown {
  return typeof err === 'object' && err !== null ? (err as { name?: unknown }).name : undefined;
}

type RetryKind = 'throttling' | 'transient' | undefined;

function retryKind(err: unknown): RetryKind {
  if (err instanceof AwsServiceError) {
    if (err.status === 429 || THROTTLING_CODES.has(err.name)) return 'throttling';
    if (TRANSIENT_STATUSES.has(err.status) || TRANSIENT_CODES.has(err.name)) return 'transient';
    return undefined;
  }
  // AbortSignal.timeout() aborts with a TimeoutError; a plain abort is the caller's choice.
  if (err instanceof AwsNetworkError || errorName(err) === 'TimeoutError') return 'transient';
  return undefined;
}

export class AwsJsonHttp {
  readonly maxAttempts: number;
  private readonly origin: string;
  private readonly credentials: () => AwsCredentials;
  private readonly doFetch: AwsFetch;
  private readonly now: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly signingKeys = new Map<string, ArrayBuffer>();
  private retryBudget = RETRY_BUDGET;

  constructor(private readonly settings: AwsJsonHttpSettings) {
    this.maxAttempts = Math.max(1, settings.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
    this.origin = new URL(settings.endpoint).origin;
    this.credentials = settings.credentials ?? environmentCredentials;
    // Looked up per call, so a test can stand in for the global fetch.
    this.doFetch = settings.fetch ?? ((request) => fetch(request));
    this.now = settings.now ?? (() => new Date());
    this.sleep = settings.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = settings.random ?? Math.random;
  }

  get region(): string {
    return this.settings.region;
  }

  /** The parsed JSON answer (undefined when empty); an `AwsServiceError` for an error answer. */
  async request<T>(call: AwsJsonRequest): Promise<T> {
    let lastRetryCost: number | undefined;
    for (let retries = 0; ; retries++) {
      try {
        const result = await this.attempt<T>(call);
        // As the SDK: a success pays back what its last retry cost, or a little.
        this.retryBudget = Math.min(RETRY_BUDGET, this.retryBudget + (lastRetryCost ?? SUCCESS_REFUND));
        return result;
      } catch (err) {
        const kind = retryKind(err);
        const cost = kind === 'throttling' ? THROTTLING_RETRY_COST : TRANSIENT_RETRY_COST;
        if (!kind || retries + 1 >= this.maxAttempts || this.retryBudget < cost) throw err;
        this.retryBudget -= cost;
        lastRetryCost = cost;
        await this.sleep(this.backoff(kind, retries, err));
      }
    }
  }

  private backoff(kind: NonNullable<RetryKind>, retries: number, err: unknown): number {
    const base = kind === 'throttling' ? THROTTLING_DELAY_BASE_MS : TRANSIENT_DELAY_BASE_MS;
    const delay = Math.floor(this.random() * Math.min(base * 2 ** retries, MAX_DELAY_MS));
    const asked = err instanceof AwsServiceError ? err.retryAfterMs : undefined;
    return asked === undefined ? delay : Math.max(delay, Math.min(asked, delay + RETRY_AFTER_CAP_MS));
  }

  private async attempt<T>(call: AwsJsonRequest): Promise<T> {
    const url = new URL(call.path, this.origin);
    for (const [name, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    const signedAt = this.now();
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    const signed = await new AwsV4Signer({
      ...this.credentials(),
      service: this.settings.service,
      region: this.settings.region,
      cache: this.signingKeys,
      url: url.toString(),
      method: call.method,
      headers: {
        ...this.settings.headers,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body,
      datetime: signedAt.toISOString().replace(/[:-]|\.\d{3}/g, ''),
    }).sign();
    const request = new Request(signed.url, { method: signed.method, headers: signed.headers, body });
    let response: Response;
    try {
      response = await this.doFetch(request);
    } catch (err) {
      const name = errorName(err);
      if (name === 'AbortError' || name === 'TimeoutError') throw err;
      throw new AwsNetworkError(err);
    }
    if (!response.ok) throw await serviceError(response, this.now().getTime());
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
