/**
 * The admin UI's shell as one request → response function: sign-in and sign-out,
 * the session check on every other page, the CSRF check on every POST, problem
 * pages, and the pages of the areas one Lambda serves (each area's controller
 * registers them). The Lambda handlers (lambdas/handlers/admin-ui/) only wire the
 * adapters of their areas in.
 */
import { timingSafeEqual } from 'node:crypto';
import { PlatformError } from '../shared/errors';
import { logger } from '../shared/logger';
import { notice } from './components';
import type { AdminShellDeps, AdminUiConfig, PageContext } from './context';
import { CSRF_FIELD, makeCsrfToken, verifyCsrfToken } from './csrf';
import type { SafeHtml } from './html';
import {
  htmlResult,
  pathOf,
  redirect,
  safeNext,
  type PageRequest,
  type PageResult,
  type SecurityPolicy,
} from './http';
import { layout } from './layout';
import { errorPage, signInPage } from './pages/sign-in';
import { Router } from './router';
import { staff, type AdminArea, type StaffRoute } from './staff-route';
import {
  clearCookie,
  clearRefreshCookie,
  readSession,
  refreshCookie,
  refreshCookieName,
  sessionCookie,
  sessionCookieName,
  signInCookieName,
  tokenLifetime,
  type Session,
} from './session';
import { pkcePair, randomToken } from './sign-in';
import { serializeCookie } from './cookies';

type PublicPage = (request: PageRequest, params: Record<string, string>) => Promise<PageResult>;
type Route<D> = StaffRoute<D> | { kind: 'public'; run: PublicPage };

/** The sign-in cookie lives as long as someone may take to type a password (or pass the hosted UI). */
const SIGN_IN_COOKIE_SECONDS = 600;

export interface AdminShellOptions {
  /**
   * Serves the stylesheet and script (lambdas/ui/assets.ts assetResponse): given only to the Lambdas
   * that API Gateway sends those paths to (admin-ui/app for `/admin/assets/…`, public-site/site for `/assets/…`).
   */
  assets?: (file: string) => PageResult;
}

export interface AdminApp {
  handle(request: PageRequest): Promise<PageResult>;
  /** What the security headers allow besides the page's own origin. */
  policy: SecurityPolicy;
}

function samePlain(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The admin UI's shell (assets, sign-in, sign-out, the session and CSRF checks, problem pages)
 * around the areas one Lambda serves: `deps` holds the ports of those areas only.
 */
export function createAdminApp<D extends AdminShellDeps>(
  deps: D,
  config: AdminUiConfig,
  areas: readonly AdminArea<D>[],
  options: AdminShellOptions = {},
): AdminApp {
  const nowMs = () => Date.parse(deps.clock.now());
  const router = new Router<Route<D>>();
  const open = (run: PublicPage): Route<D> => ({ kind: 'public', run });

  // ------------------------------------------------------------ pages without a session

  const bare = (
    request: PageRequest,
    title: string,
    content: SafeHtml,
    status = 200,
    extra: Partial<PageResult> = {},
  ) => htmlResult(status, layout({ title, request, content }), extra);

  const problem = (request: PageRequest, status: number, title: string, message: string, session?: Session) =>
    htmlResult(
      status,
      layout({
        title,
        request,
        session,
        outbox: config.localOutbox,
        content: errorPage(request, {
          title,
          message,
          ...(status >= 500 ? { requestId: request.requestId } : {}),
          signedIn: Boolean(session),
        }),
      }),
    );

  /** The OAuth callback registered on the admin UI's app client. */
  const callbackUrl = (request: PageRequest) =>
    `${config.adminOrigin ?? `${request.origin}${request.basePath}`}/admin/auth/callback`;

  const startSignIn: PublicPage = async (request) => {
    const next = safeNext(request.query.get('next'));
    const signIn = config.signIn;
    if (signIn.kind === 'hosted') {
      const state = randomToken();
      const { verifier, challenge } = pkcePair();
      const cookie = serializeCookie(
        signInCookieName(request),
        `${state}.${verifier}.${Buffer.from(next).toString('base64url')}`,
        {
          maxAge: SIGN_IN_COOKIE_SECONDS,
          secure: request.secure,
        },
      );
      return redirect(
        signIn.authorizeUrl({ redirectUri: callbackUrl(request), state, codeChallenge: challenge }),
        { cookies: [cookie] },
        302,
      );
    }
    const nonce = randomToken();
    const signedOut = request.query.get('signed-out') === '1';
    return bare(
      request,
      'Sign in',
      signInPage(request, {
        csrf: makeCsrfToken(config.csrfSecret, nonce, nowMs()),
        next,
        notice: signedOut
          ? notice('You are signed out.')
          : request.query.get('expired') === '1'
            ? notice('Your session ended: sign in again.', 'warn')
            : undefined,
      }),
      200,
      {
        cookies: [
          serializeCookie(signInCookieName(request), nonce, {
            maxAge: SIGN_IN_COOKIE_SECONDS,
            secure: request.secure,
          }),
        ],
      },
    );
  };

  /** Sets the session cookie for a fresh ID token (and its refresh token) and goes where the person was going. */
  const signedIn = async (
    request: PageRequest,
    token: string,
    next: string,
    refreshToken?: string,
  ): Promise<PageResult> => {
    const claims = await config.verifyToken(token);
    return redirect(pathOf(request, next), {
      cookies: [
        sessionCookie(request, token, tokenLifetime(claims, nowMs())),
        clearCookie(request, signInCookieName(request)),
        ...(refreshToken ? [refreshCookie(request, refreshToken)] : []),
      ],
    });
  };

  const passwordSignIn: PublicPage = async (request) => {
    const signIn = config.signIn;
    if (signIn.kind !== 'password')
      return problem(request, 404, 'Page not found', 'Staff sign in with the city’s sign-in page.');
    const nonce = request.cookies[signInCookieName(request)];
    const next = safeNext(request.form.get('next'));
    if (
      !nonce ||
      !verifyCsrfToken(config.csrfSecret, nonce, request.form.get(CSRF_FIELD) ?? undefined, nowMs())
    ) {
      return redirect(pathOf(request, `/admin/sign-in?next=${encodeURIComponent(next)}&expired=1`));
    }
    const username = request.form.get('username')?.trim() ?? '';
    const password = request.form.get('password') ?? '';
    const errors: Record<string, string> = {};
    if (!username) errors.username = 'Enter your username.';
    if (!password) errors.password = 'Enter your password.';
    const token = Object.keys(errors).length ? undefined : await signIn.signIn(username, password);
    if (!token) {
      if (!Object.keys(errors).length) errors.username = 'The username or password is wrong.';
      const values = new URLSearchParams({ username });
      return bare(
        request,
        'Sign in',
        signInPage(
          request,
          { csrf: makeCsrfToken(config.csrfSecret, nonce, nowMs()), next },
          { form: 'sign-in', errors, values },
        ),
        400,
      );
    }
    return signedIn(request, token, next);
  };

  const callback: PublicPage = async (request) => {
    const signIn = config.signIn;
    if (signIn.kind !== 'hosted') return problem(request, 404, 'Page not found', 'There is no such page.');
    const [state, verifier, nextEncoded] = (request.cookies[signInCookieName(request)] ?? '').split('.');
    const code = request.query.get('code');
    const givenState = request.query.get('state') ?? '';
    if (!state || !verifier || !code || !samePlain(state, givenState)) {
      return problem(
        request,
        400,
        'Sign-in did not finish',
        'The sign-in took too long or was started elsewhere. Sign in again.',
      );
    }
    const tokens = await signIn.exchangeCode({
      code,
      redirectUri: callbackUrl(request),
      codeVerifier: verifier,
    });
    if (!tokens)
      return problem(request, 400, 'Sign-in did not finish', 'The sign-in expired. Sign in again.');
    const next = safeNext(Buffer.from(nextEncoded ?? '', 'base64url').toString('utf8'));
    return signedIn(request, tokens.idToken, next, tokens.refreshToken);
  };

  const signOut = async (request: PageRequest): Promise<PageResult> => {
    const cookies = [clearCookie(request, sessionCookieName(request)), clearRefreshCookie(request)];
    const refreshToken = request.cookies[refreshCookieName(request)];
    if (config.signIn.kind === 'hosted') {
      if (refreshToken) {
        await config.signIn.revoke(refreshToken).catch((error: unknown) => {
          logger.warn('Refresh token not revoked', { error: error as Error });
        });
      }
      // The hosted UI ends its own session too, then sends the browser back to the admin UI.
      const back = `${config.adminOrigin ?? `${request.origin}${request.basePath}`}/admin/`;
      return redirect(config.signIn.signOutUrl(back), { cookies });
    }
    return redirect(pathOf(request, '/admin/sign-in?signed-out=1'), { cookies });
  };

  // Only the Lambda that serves the assets (admin-ui/app) carries them; elsewhere the path is not theirs.
  const asset: PublicPage = async (_request, params) =>
    options.assets?.(params.file ?? '') ?? {
      status: 404,
      body: 'Not found',
      contentType: 'text/plain; charset=utf-8',
    };

  router
    .get('/admin/assets/:file', open(asset))
    .get('/admin/sign-in', open(startSignIn))
    .post('/admin/sign-in', open(passwordSignIn))
    .get('/admin/auth/callback', open(callback))
    .post(
      '/admin/sign-out',
      staff((ctx) => signOut(ctx.request)),
    );
  // The areas this Lambda serves register their own pages (one controller per area).
  for (const register of areas) register(router);

  /** Where to come back to after signing in again: the page, never a form's target. */
  const nextOf = (request: PageRequest) => {
    if (request.method === 'GET') {
      const query = request.query.toString();
      return safeNext(`${request.path}${query ? `?${query}` : ''}`);
    }
    const m =
      /^(\/admin\/(?:records-requests\/\d{4}-\d{6}|enforcement\/VR-\d{4}-\d{6}|api-keys\/(?!applications\/)[A-Za-z0-9]{5,64}))\//.exec(
        request.path,
      );
    return m ? m[1]! : '/admin';
  };

  async function handle(request: PageRequest): Promise<PageResult> {
    const match = router.match(request.method, request.path);
    if (match.kind === 'not-found')
      return problem(request, 404, 'Page not found', 'There is no such page in the admin UI.');
    if (match.kind === 'method-not-allowed') {
      return {
        ...problem(request, 405, 'Not allowed', 'This page does not take that kind of request.'),
        headers: { Allow: match.allowed.join(', ') },
      };
    }
    const route = match.handler;
    if (route.kind === 'public') return route.run(request, match.params);

    const signIn = config.signIn;
    const renew = signIn.kind === 'hosted' ? (token: string) => signIn.refresh(token) : undefined;
    const state = await readSession(request, config.verifyToken, config.csrfSecret, nowMs(), renew);
    if (state.kind === 'not-staff') {
      return problem(
        request,
        403,
        'Not a staff account',
        'Your account is in none of the staff groups (clerks, department staff, IT admins). Ask City IT.',
      );
    }
    if (state.kind === 'signed-out') {
      const cookies = state.hadCookie
        ? [clearCookie(request, sessionCookieName(request)), clearRefreshCookie(request)]
        : [];
      if (request.wantsJson)
        return {
          status: 401,
          body: JSON.stringify({ message: 'Sign in again.' }),
          contentType: 'application/json; charset=utf-8',
          cookies,
        };
      const expired = state.hadCookie || request.method === 'POST' ? '&expired=1' : '';
      return redirect(
        pathOf(request, `/admin/sign-in?next=${encodeURIComponent(nextOf(request))}${expired}`),
        { cookies },
      );
    }
    const session = state.session;
    if (
      request.method === 'POST' &&
      !verifyCsrfToken(config.csrfSecret, session.csrfKey, request.form.get(CSRF_FIELD) ?? undefined, nowMs())
    ) {
      return problem(
        request,
        403,
        'This form could not be accepted',
        'It expired, or it did not come from this site. Go back, reload the page and try again. Nothing was saved.',
        session,
      );
    }
    const ctx: PageContext<D> = { request, session, params: match.params, deps, config };
    try {
      const result = await route.run(ctx);
      // A renewed session: its cookies go with whatever the page answers.
      return state.cookies.length
        ? { ...result, cookies: [...(result.cookies ?? []), ...state.cookies] }
        : result;
    } catch (err) {
      if (!(err instanceof PlatformError)) throw err;
      if (err.statusCode === 401) return redirect(pathOf(request, '/admin/sign-in?expired=1'));
      const titles: Record<number, string> = {
        403: 'Not allowed',
        404: 'Not found',
        409: 'Conflict',
        429: 'Too many requests',
      };
      return problem(
        request,
        err.statusCode,
        titles[err.statusCode] ?? 'The request was refused',
        err.message,
        session,
      );
    }
  }

  return {
    policy: {
      formActionOrigins: config.signIn.kind === 'hosted' ? [config.signIn.origin] : [],
      connectOrigins: config.uploadOrigins,
    },
    async handle(request) {
      try {
        return await handle(request);
      } catch (err) {
        logger.error('Admin UI page failed', { error: err as Error, path: request.path });
        return problem(
          request,
          500,
          'Something went wrong',
          'Something went wrong on our side. Nothing may have been saved: check, then try again.',
        );
      }
    },
  };
}
