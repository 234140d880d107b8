/**
 * The local gateway's API-key control plane: what API Gateway's CreateApiKey,
 * UpdateApiKey, usage plan keys and DeleteApiKey do in AWS, over HTTP under
 * /local-apigateway (protocol: lambdas/adapters/api-keys/local-control-protocol.ts),
 * on top of the gateway's key registry.
 *
 * The gateway's port is reachable by anything on the machine, so every call
 * must come from the loopback interface AND carry the secret that
 * startLocalPlatform makes at each start and hands to the Lambdas only.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';
import {
  LOCAL_APIGATEWAY_PATH,
  LOCAL_APIGATEWAY_SECRET_HEADER,
  type CreatedKeyView,
  type LocalKeyView,
} from '../lambdas/adapters/api-keys/local-control-protocol';
import type { ErrorCode, FieldIssue } from '../lambdas/shared/errors';
import { USAGE_TIER_NAMES, type UsageTierName } from '../lambdas/shared/usage-tiers';
import type { LocalApiKey, LocalApiKeyRegistry } from './api-key-registry';
import type { LocalControlPlane } from './gateway';

export interface ApiGatewayControlOptions {
  registry: LocalApiKeyRegistry;
  /** Shared with the Lambdas (LOCAL_APIGATEWAY_SECRET); at least 32 characters. */
  secret: string;
}

type ControlRequest = Parameters<LocalControlPlane>[0];
type ControlResponse = { statusCode: number; body: unknown };

/** Control-plane bodies are a few fields: anything bigger is refused. */
export const MAX_CONTROL_BODY_BYTES = 16 * 1024;
const KEY_ID = /^[A-Za-z0-9]{1,64}$/;

const Tier = z.enum(USAGE_TIER_NAMES as [UsageTierName, ...UsageTierName[]]);
const Name = z.string().check(z.trim(), z.minLength(1), z.maxLength(256));
const CreateKeyBody = z.strictObject({
  name: Name,
  tier: Tier,
  description: z.optional(z.string().check(z.maxLength(1024))),
  // API Gateway takes 20 to 128 characters; printable ASCII, no spaces.
  value: z.optional(
    z.string().check(z.regex(/^[\x21-\x7e]{20,128}$/, 'key values are 20 to 128 printable characters')),
  ),
});
const UpdateKeyBody = z.strictObject({
  enabled: z.optional(z.boolean()),
  tier: z.optional(Tier),
  fromTier: z.optional(Tier),
});

function error(statusCode: number, code: ErrorCode, message: string, issues?: FieldIssue[]): ControlResponse {
  return { statusCode, body: { error: { code, message, ...(issues ? { issues } : {}) } } };
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::ffff:127.0.0.1' || address === '::1';
}

const digest = (value: string) => createHash('sha256').update(value).digest();

function view(key: LocalApiKey): LocalKeyView {
  return {
    id: key.keyId,
    name: key.name,
    ...(key.description !== undefined ? { description: key.description } : {}),
    tier: key.tier,
    enabled: key.enabled,
    createdDate: key.createdAt,
  };
}

/** Parses a JSON body against a schema: the parsed value, or the 400 to answer. */
function parseBody<T>(
  schema: z.ZodMiniType<T>,
  body: Buffer,
): { ok: true; value: T } | { ok: false; response: ControlResponse } {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return { ok: false, response: error(400, 'BAD_REQUEST', 'Send the request body as JSON.') };
  }
  const result = z.safeParse(schema, json);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.flatMap((issue) =>
    // Unknown fields are named one by one, so the caller sees which.
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: [...issue.path, key].join('.'), message: 'unknown field' }))
      : [{ path: issue.path.length ? issue.path.join('.') : '(body)', message: issue.message }],
  );
  return {
    ok: false,
    response: error(
      400,
      'VALIDATION_FAILED',
      `Invalid body: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      issues,
    ),
  };
}

export function createApiGatewayControl(options: ApiGatewayControlOptions): LocalControlPlane {
  const { registry } = options;
  if (options.secret.length < 32) throw new Error('The control-plane secret must be at least 32 characters');
  const secretDigest = digest(options.secret);

  function authorized(request: ControlRequest): ControlResponse | undefined {
    if (!isLoopback(request.remoteAddress)) {
      return error(403, 'FORBIDDEN', 'The local control plane answers only on 127.0.0.1.');
    }
    const given = request.headers[LOCAL_APIGATEWAY_SECRET_HEADER];
    // Compare digests: same length whatever was sent, and in constant time.
    if (typeof given !== 'string' || !timingSafeEqual(digest(given), secretDigest)) {
      return error(403, 'FORBIDDEN', `Send the control-plane secret in ${LOCAL_APIGATEWAY_SECRET_HEADER}.`);
    }
    return undefined;
  }

  function createKey(body: Buffer): ControlResponse {
    const parsed = parseBody(CreateKeyBody, body);
    if (!parsed.ok) return parsed.response;
    const input = parsed.value;
    if (input.value !== undefined && registry.findByValue(input.value)) {
      return error(409, 'CONFLICT', 'An API key with this value already exists.');
    }
    const key = registry.createKey({
      name: input.name,
      tier: input.tier,
      ...(input.value !== undefined ? { value: input.value } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
    });
    return { statusCode: 201, body: { ...view(key), value: key.value } satisfies CreatedKeyView };
  }

  function updateKey(key: LocalApiKey, body: Buffer): ControlResponse {
    const parsed = parseBody(UpdateKeyBody, body);
    if (!parsed.ok) return parsed.response;
    const update = parsed.value;
    if (update.fromTier !== undefined && update.tier === undefined) {
      return error(400, 'VALIDATION_FAILED', '"fromTier" goes with "tier".', [
        { path: 'fromTier', message: 'only with tier' },
      ]);
    }
    if (update.enabled === undefined && update.tier === undefined) {
      return error(400, 'VALIDATION_FAILED', 'Send "enabled", "tier" or both.', [
        { path: '(body)', message: 'nothing to change' },
      ]);
    }
    if (update.fromTier !== undefined && update.fromTier !== key.tier) {
      return error(409, 'CONFLICT', `API key ${key.keyId} is not on the ${update.fromTier} usage plan.`);
    }
    if (update.tier !== undefined && update.tier !== key.tier) {
      registry.setTier(key.keyId, update.tier);
    }
    if (update.enabled !== undefined) registry.setEnabled(key.keyId, update.enabled);
    return { statusCode: 200, body: view(registry.getKey(key.keyId)!) };
  }

  function route(method: string, rest: string, body: Buffer): ControlResponse {
    if (rest === '/apikeys') {
      return method === 'POST'
        ? createKey(body)
        : error(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${LOCAL_APIGATEWAY_PATH}/apikeys.`);
    }
    const match = /^\/apikeys\/([^/]+)$/.exec(rest);
    if (!match) return error(404, 'NOT_FOUND', `There is no ${LOCAL_APIGATEWAY_PATH}${rest}.`);
    const keyId = match[1]!;
    if (!KEY_ID.test(keyId)) return error(400, 'BAD_REQUEST', 'API key ids are letters and digits.');
    const key = registry.getKey(keyId);
    if (!['GET', 'PATCH', 'DELETE'].includes(method)) {
      return error(405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on an API key.`);
    }
    if (!key) return error(404, 'NOT_FOUND', `There is no API key ${keyId}.`);
    switch (method) {
      case 'GET':
        return { statusCode: 200, body: view(key) };
      case 'PATCH':
        return updateKey(key, body);
      default:
        registry.deleteKey(keyId);
        return { statusCode: 202, body: { id: keyId } };
    }
  }

  return async (request) => {
    const { pathname } = request;
    if (pathname !== LOCAL_APIGATEWAY_PATH && !pathname.startsWith(`${LOCAL_APIGATEWAY_PATH}/`)) {
      return undefined;
    }
    const refused = authorized(request);
    if (refused) return refused;
    if (request.body.length > MAX_CONTROL_BODY_BYTES) {
      return error(413, 'PAYLOAD_TOO_LARGE', 'Control-plane bodies are at most 16 KiB.');
    }
    return route(request.method, pathname.slice(LOCAL_APIGATEWAY_PATH.length), request.body);
  };
}

/** A fresh secret per platform start: 32 random bytes, base64url. */
export function newControlPlaneSecret(): string {
  return randomBytes(32).toString('base64url');
}
