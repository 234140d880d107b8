/**
 * Recorded HTTP for the signed-fetch AWS clients (lambdas/adapters/clients/
 * aws-json-http.ts): a `fetch` that keeps every signed request and answers
 * with recorded AWS responses, fixed credentials and signing time (so the
 * signature itself is recorded), and a `sleep` that records the backoff
 * instead of waiting. Nothing leaves the process.
 *
 * The recorded signatures in the tests were produced by aws4fetch and match
 * the AWS SDK's own signer (@smithy/signature-v4) for the same requests.
 */
import type { AwsJsonHttpSettings } from '../../lambdas/adapters/clients/aws-json-http';

export const SIGNED_AT = new Date('2025-03-01T12:00:00.000Z');
export const AMZ_DATE = '20250301T120000Z';
export const FAKE_CREDENTIALS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'session-token-example',
};

export interface SentRequest {
  method: string;
  url: string;
  /** Path and query, e.g. `/usageplans?limit=500`. */
  target: string;
  headers: Record<string, string>;
  /** The JSON body, parsed; undefined when there is none. */
  body: unknown;
}

export interface RecordedReply {
  status: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON, a string as is; absent → empty body. */
  body?: unknown;
}

/** A reply, or what fetch throws instead (a TypeError, a TimeoutError DOMException). */
export type Answer = RecordedReply | Error | DOMException;
export type Responder = (request: SentRequest) => Answer;

/** A responder by `METHOD /path` (no query); a list is answered in order, its last entry from then on. */
export function routes(table: Record<string, Answer | Answer[]>): Responder {
  const served = new Map<string, number>();
  return (request) => {
    const route = `${request.method} ${new URL(request.url).pathname}`;
    const entry = table[route];
    if (entry === undefined) return { status: 404, body: { message: `No recorded reply for ${route}` } };
    if (!Array.isArray(entry)) return entry;
    const n = served.get(route) ?? 0;
    served.set(route, n + 1);
    return entry[Math.min(n, entry.length - 1)]!;
  };
}

/** AWS's JSON error response: the code in `x-amzn-ErrorType` (with its URL suffix), the text in `message`. */
export function awsError(
  status: number,
  code: string,
  message = 'nope',
  headers: Record<string, string> = {},
) {
  return {
    status,
    headers: {
      'x-amzn-errortype': `${code}:http://internal.amazon.com/coral/com.amazonaws.backplane.controlplane/`,
      'x-amzn-requestid': 'd0e6f7a1-0000-4000-8000-000000000000',
      ...headers,
    },
    body: { message },
  } satisfies RecordedReply;
}

/** A connection that failed before any answer, as Node's fetch reports it. */
export function connectionReset(): Error {
  return new TypeError('fetch failed', {
    cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
  });
}

export function recordedAws(respond: Responder | Answer[]) {
  const requests: SentRequest[] = [];
  const sleeps: number[] = [];
  const queue = Array.isArray(respond) ? [...respond] : undefined;

  const fetch = async (request: Request): Promise<Response> => {
    const text = await request.text();
    const url = new URL(request.url);
    const sent: SentRequest = {
      method: request.method,
      url: request.url,
      target: `${url.pathname}${url.search}`,
      headers: Object.fromEntries(request.headers),
      body: text ? (JSON.parse(text) as unknown) : undefined,
    };
    requests.push(sent);
    const answer = queue ? queue.shift() : (respond as Responder)(sent);
    if (answer === undefined) throw new Error(`No recorded reply for ${request.method} ${sent.target}`);
    if (!('status' in answer)) throw answer;
    const body =
      answer.body === undefined
        ? null
        : typeof answer.body === 'string'
          ? answer.body
          : JSON.stringify(answer.body);
    return new Response(body, {
      status: answer.status,
      headers: { 'content-type': 'application/json', ...answer.headers },
    });
  };

  const settings = {
    region: 'us-east-1',
    fetch,
    credentials: () => FAKE_CREDENTIALS,
    now: () => SIGNED_AT,
    sleep: async (ms: number) => {
      sleeps.push(ms);
    },
    // The jitter's middle: backoff = half the exponential cap.
    random: () => 0.5,
  } satisfies Partial<AwsJsonHttpSettings>;

  return { settings, requests, sleeps };
}
