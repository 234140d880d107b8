/** HTTP helpers for end-to-end tests against the local platform. */
export type Json = Record<string, unknown>;

/** An ID token for a seeded local staff user, from the local sign-in. */
export async function signIn(baseUrl: string, username: string): Promise<string> {
  const response = await fetch(`${baseUrl}/local-auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'local-only-password' }),
  });
  return ((await response.json()) as { idToken: string }).idToken;
}

export async function signInAll(baseUrl: string, usernames: string[]): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (const username of usernames) tokens[username] = await signIn(baseUrl, username);
  return tokens;
}

export interface CallOptions {
  /** A signed-in user's name (its token is sent as a bearer token). */
  as?: string;
  /** An API key for x-api-key. */
  key?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** `call(method, path, options)` → status, headers and the parsed JSON body. */
export function platformClient(baseUrl: () => string, tokens: Record<string, string>) {
  return async (method: string, path: string, options: CallOptions = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.as) headers.authorization = `Bearer ${tokens[options.as]}`;
    if (options.key) headers['x-api-key'] = options.key;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${baseUrl()}${path}`, {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: (text ? JSON.parse(text) : {}) as Json,
    };
  };
}
