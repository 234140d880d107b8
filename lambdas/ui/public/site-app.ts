/**
 * The public pages residents use (no sign-in) as one request → response function:
 * static assets, a CSRF check on every POST (the token is bound to a cookie nonce),
 * the problem pages (and the JSON API's 404 under /v1), and the pages of the areas a
 * Lambda serves (home and help, datasets, API keys, records requests, violation
 * reports: one Lambda per area, lambdas/handlers/public-site/), which call the same use
 * cases as the public JSON routes. Each Lambda handler only wires its areas' adapters in.
 */
import { randomBytes } from 'node:crypto';
import { PlatformError } from '../../shared/errors';
import { logger } from '../../shared/logger';
import type { AdminApp, AdminShellOptions } from '../admin-app';
import { serializeCookie } from '../cookies';
import { CSRF_FIELD, makeCsrfToken, verifyCsrfToken } from '../csrf';
import { html } from '../html';
import { jsonResult, pathOf, type PageRequest, type PageResult } from '../http';
import { Router } from '../router';
import {
  sitePage,
  type PublicArea,
  type PublicPage,
  type PublicPageContext,
  type PublicShellDeps,
  type PublicSiteConfig,
} from './site-context';

/** The visitor's form nonce: a browser session cookie, HttpOnly, SameSite=Lax. */
export const siteFormCookieName = (request: Pick<PageRequest, 'secure'>) =>
  request.secure ? '__Host-site-form' : 'site-form';

/**
 * The site of one Lambda: the shell, with the pages of `areas` (their `register…Pages`).
 * `deps` must hold the ports of every area given (a missing one does not type-check).
 */
export function createPublicSite<D extends PublicShellDeps>(
  deps: D,
  config: PublicSiteConfig,
  areas: readonly PublicArea<NoInfer<D>>[],
  options: AdminShellOptions = {},
): AdminApp {
  const nowMs = () => Date.parse(deps.clock.now());
  const router = new Router<PublicPage<D>>();

  const problem = (request: PageRequest, status: number, title: string, message: string): PageResult => {
    // Under /v1/ a caller expects the JSON API's error shape, not a page.
    if (request.path.startsWith('/v1/') || request.path === '/v1') {
      if (status === 404) message = 'There is no such path in the API: see /openapi.json.';
      return jsonResult(status, {
        error: {
          code: status === 404 ? 'NOT_FOUND' : 'METHOD_NOT_ALLOWED',
          message,
          requestId: request.requestId,
        },
      });
    }
    return sitePage({ request }, title, undefined, problemContent(request, title, message, status), {
      status,
      indexable: false,
    });
  };

  for (const register of areas) register(router);

  async function handle(request: PageRequest): Promise<PageResult> {
    // Only the Lambda that serves the assets (public-site/site, which gets every unclaimed path) carries them.
    const asset = /^\/assets\/([^/]+)$/.exec(request.path);
    if (asset && options.assets && (request.method === 'GET' || request.method === 'HEAD')) {
      return options.assets(asset[1]!);
    }
    const match = router.match(request.method, request.path);
    if (match.kind === 'not-found') return problem(request, 404, 'Page not found', 'There is no such page.');
    if (match.kind === 'method-not-allowed') {
      return {
        ...problem(request, 405, 'Not allowed', 'This page does not take that kind of request.'),
        headers: { Allow: match.allowed.join(', ') },
      };
    }
    const cookieName = siteFormCookieName(request);
    const nonce = request.cookies[cookieName];
    if (
      request.method === 'POST' &&
      (!nonce ||
        !verifyCsrfToken(config.csrfSecret, nonce, request.form.get(CSRF_FIELD) ?? undefined, nowMs()))
    ) {
      return problem(
        request,
        403,
        'This form could not be accepted',
        'It expired, or it did not come from this site (cookies must be on for forms). Go back, reload the page and try again. Nothing was sent.',
      );
    }
    // A first visit gets its nonce with the page that carries the form.
    const visitorNonce = nonce ?? randomBytes(24).toString('base64url');
    const ctx: PublicPageContext<D> = {
      request,
      params: match.params,
      deps,
      config,
      csrf: makeCsrfToken(config.csrfSecret, visitorNonce, nowMs()),
    };
    let result: PageResult;
    try {
      result = await match.handler(ctx);
    } catch (err) {
      if (!(err instanceof PlatformError) || err.statusCode >= 500) throw err;
      const titles: Record<number, string> = {
        403: 'Not allowed',
        404: 'Not found',
        409: 'Conflict',
        429: 'Too many requests',
      };
      result = problem(
        request,
        err.statusCode,
        titles[err.statusCode] ?? 'The request was refused',
        err.message,
      );
      if (err.details?.retryAfterSeconds)
        result.headers = { ...result.headers, 'Retry-After': String(err.details.retryAfterSeconds) };
    }
    if (!nonce) {
      result.cookies = [
        ...(result.cookies ?? []),
        serializeCookie(cookieName, visitorNonce, { secure: request.secure }),
      ];
    }
    return result;
  }

  return {
    policy: { formActionOrigins: [], connectOrigins: [] },
    async handle(request) {
      try {
        return await handle(request);
      } catch (err) {
        logger.error('Public page failed', { error: err as Error, path: request.path });
        return problem(
          request,
          500,
          'Something went wrong',
          `Something went wrong on our side. Try again in a few minutes. If it keeps happening, quote request id ${request.requestId}.`,
        );
      }
    },
  };
}

function problemContent(request: PageRequest, title: string, message: string, status: number) {
  return html`<h1>${title}</h1>
    <p>${message}</p>
    ${status >= 500 ? html`<p class="hint">Request id: <code>${request.requestId}</code></p>` : ''}
    <p><a href="${pathOf(request, '/')}">Go to the home page</a></p>`;
}
