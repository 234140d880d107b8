/**
 * Who may call what, for every API-access route: anonymous, a valid key, a
 * suspended key, staff of another department, the owning department, City IT.
 * Each cell is a real HTTP call against the local platform.
 */
import { startLocalPlatform, type LocalPlatform } from '../../local/platform';
import { localEndpoints, uniquePrefix } from '../support/local-aws';
import { signInAll } from '../support/platform-client';
import { API_TERMS } from '../../lambdas/shared/api-terms';

let platform: LocalPlatform;
const tokens: Record<string, string> = {};
let validKey = '';
let suspendedKey = '';
let suspendedKeyId = '';

type Caller = 'anonymous' | 'validKey' | 'suspendedKey' | 'otherDepartment' | 'owningDepartment' | 'itAdmin';

function headersFor(caller: Caller): Record<string, string> {
  switch (caller) {
    case 'anonymous':
      return {};
    case 'validKey':
      return { 'x-api-key': validKey };
    case 'suspendedKey':
      return { 'x-api-key': suspendedKey };
    case 'otherDepartment':
      return { authorization: `Bearer ${tokens.police}` };
    case 'owningDepartment':
      return { authorization: `Bearer ${tokens.publicworks}` };
    case 'itAdmin':
      return { authorization: `Bearer ${tokens.itadmin}` };
  }
}

let applicationSeq = 0;
/** A fresh application for pothole-repairs (owned by Public Works), so each decision cell has its own. */
async function newApplication(): Promise<string> {
  applicationSeq++;
  const response = await fetch(`${platform.baseUrl}/v1/api-key-applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      applicantName: `Applicant ${applicationSeq}`,
      email: `applicant${applicationSeq}-${Date.now()}@example.org`,
      intendedUse: 'A map of pothole repairs by ward for the neighbourhood association.',
      datasets: ['pothole-repairs'],
      expectedRequestsPerDay: 100,
      acceptTermsVersion: API_TERMS.version,
    }),
  });
  const body = (await response.json()) as { applicationId?: string };
  if (!body.applicationId) throw new Error(`application refused: ${response.status} ${JSON.stringify(body)}`);
  return body.applicationId;
}

beforeAll(async () => {
  platform = await startLocalPlatform({ services: localEndpoints(), resourcePrefix: uniquePrefix('authz') });
  Object.assign(tokens, await signInAll(platform.baseUrl, ['police', 'publicworks', 'itadmin']));
  validKey = (await platform.issueApiKey({ name: 'valid', tier: 'partner' })).value;
  const suspended = await platform.issueApiKey({ name: 'suspended', tier: 'partner' });
  suspendedKey = suspended.value;
  suspendedKeyId = suspended.keyId;
  const response = await fetch(`${platform.baseUrl}/v1/staff/api-keys/${suspendedKeyId}/sanctions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.itadmin}` },
    body: JSON.stringify({ action: 'suspend', reason: 'Matrix test: a suspended key.' }),
  });
  if (response.status !== 200) throw new Error(`suspension failed: ${response.status}`);
  await new Promise((r) => setTimeout(r, 1100)); // the key-status cache (1 s locally)
}, 90_000);
afterAll(() => platform?.stop());

interface Cell {
  route: string;
  /** `staff` tells whether the caller can get past the gateway, so fixtures are made only when needed. */
  request: (staff: boolean) => Promise<{ method: string; path: string; body?: unknown }>;
  expect: Record<Caller, number>;
}

const CALLERS: Caller[] = [
  'anonymous',
  'validKey',
  'suspendedKey',
  'otherDepartment',
  'owningDepartment',
  'itAdmin',
];

const MATRIX: Cell[] = [
  {
    route: 'GET /v1/api-terms',
    request: async () => ({ method: 'GET', path: '/v1/api-terms' }),
    expect: {
      anonymous: 200,
      validKey: 200,
      suspendedKey: 200,
      otherDepartment: 200,
      owningDepartment: 200,
      itAdmin: 200,
    },
  },
  {
    route: 'GET /v1/usage',
    request: async () => ({ method: 'GET', path: '/v1/usage' }),
    expect: {
      anonymous: 403,
      validKey: 200,
      suspendedKey: 403,
      otherDepartment: 403,
      owningDepartment: 403,
      itAdmin: 403,
    },
  },
  {
    route: 'GET /v1/datasets/{id}/rows',
    request: async () => ({ method: 'GET', path: '/v1/datasets/pothole-repairs/rows?limit=1' }),
    expect: {
      anonymous: 403,
      validKey: 200,
      suspendedKey: 403,
      otherDepartment: 403,
      owningDepartment: 403,
      itAdmin: 403,
    },
  },
  {
    route: 'GET /v1/staff/api-key-applications',
    request: async () => ({ method: 'GET', path: '/v1/staff/api-key-applications' }),
    expect: {
      anonymous: 401,
      validKey: 401,
      suspendedKey: 401,
      otherDepartment: 200,
      owningDepartment: 200,
      itAdmin: 200,
    },
  },
  {
    route: 'POST /v1/staff/api-key-applications/{id}/decision',
    // Applications are limited per address and hour: only callers the gateway lets through get a fresh one.
    request: async (staff) => ({
      method: 'POST',
      path: `/v1/staff/api-key-applications/${staff ? await newApplication() : '01KB0000000000000000000000'}/decision`,
      body: { decision: 'ask-information', message: 'Which wards do you need?' },
    }),
    expect: {
      anonymous: 401,
      validKey: 401,
      suspendedKey: 401,
      otherDepartment: 403,
      owningDepartment: 200,
      itAdmin: 200,
    },
  },
  {
    route: 'GET /v1/staff/api-keys/{keyId}',
    request: async () => ({ method: 'GET', path: `/v1/staff/api-keys/${suspendedKeyId}` }),
    expect: {
      anonymous: 401,
      validKey: 401,
      suspendedKey: 401,
      otherDepartment: 200,
      owningDepartment: 200,
      itAdmin: 200,
    },
  },
  {
    route: 'POST /v1/staff/api-keys/{keyId}/sanctions',
    request: async () => ({
      method: 'POST',
      path: `/v1/staff/api-keys/${(await platform.issueApiKey({ name: `s-${Math.random()}`, tier: 'basic' })).keyId}/sanctions`,
      body: { action: 'notice', reason: 'Matrix test: a notice and an order to correct.' },
    }),
    expect: {
      anonymous: 401,
      validKey: 401,
      suspendedKey: 401,
      otherDepartment: 200,
      owningDepartment: 200,
      itAdmin: 200,
    },
  },
];

describe('authorization matrix of the API-access routes', () => {
  const cells = MATRIX.flatMap((cell) => CALLERS.map((caller) => [cell.route, caller, cell] as const));

  it.each(cells)('%s as %s', async (_route, caller, cell) => {
    const staff = caller === 'otherDepartment' || caller === 'owningDepartment' || caller === 'itAdmin';
    const { method, path, body } = await cell.request(staff);
    const response = await fetch(`${platform.baseUrl}${path}`, {
      method,
      headers: { ...headersFor(caller), ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    expect(response.status).toBe(cell.expect[caller]);
    if (caller === 'suspendedKey' && cell.expect[caller] === 403) {
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('API_KEY_SUSPENDED');
    }
  });
});
