/**
 * The residents' forms and links, shared by the areas (records requests, reports,
 * API keys, datasets): the site's base URL and where a status link leads on it, the
 * caller's address for the hourly limits, the one-time key that makes a double-clicked
 * form create one request, the form's values to show again, and the refusals a form
 * shows on itself.
 */
import { randomBytes } from 'node:crypto';
import { PlatformError } from '../../shared/errors';
import type { FieldErrors } from '../components';
import { errorsOfIssues } from '../forms';
import type { PageRequest } from '../http';
import { pathOf } from '../http';

/** An object without its undefined fields: a form's optional fields as a JSON body leaves them out. */
export const withoutUndefined = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** The form as the person typed it, to show again (never the CSRF token). */
export function formValues(form: URLSearchParams): URLSearchParams {
  const values = new URLSearchParams(form);
  values.delete('csrf');
  return values;
}

/** The site's own base URL (`https://host` plus `/dev` on the execute-api host): what the use cases build links from. */
export const siteBaseUrl = (request: Pick<PageRequest, 'origin' | 'basePath'>) =>
  `${request.origin}${request.basePath}`;

/**
 * The caller's address, for the same per-address hourly limits as the JSON routes.
 * API Gateway (a regional endpoint) appends the address it saw to X-Forwarded-For,
 * so the last entry is the one a caller cannot choose.
 */
export function clientIpOf(request: Pick<PageRequest, 'headers'>): string {
  const entries = (request.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.at(-1) ?? 'unknown';
}

/** The token of a status link the use cases built (`…?token=…`), or undefined. */
export function tokenOfStatusUrl(statusUrl: string): string | undefined {
  try {
    return new URL(statusUrl).searchParams.get('token') ?? undefined;
  } catch {
    return undefined;
  }
}

/** The requester's status page on this site (the private link: the token is the key). */
export const requestStatusPath = (trackingNumber: string, token: string) =>
  `/records/status/${encodeURIComponent(trackingNumber)}?token=${encodeURIComponent(token)}`;

/** The reporter's status page on this site. */
export const reportStatusPath = (reportNumber: string, token: string) =>
  `/report/status/${encodeURIComponent(reportNumber)}?token=${encodeURIComponent(token)}`;

/** An absolute link to a path of this site, for a receipt the resident copies. */
export const absoluteLink = (request: Pick<PageRequest, 'origin' | 'basePath'>, path: string) =>
  `${request.origin}${pathOf(request, path)}`;

/** A fresh Idempotency-Key for one form: a resubmission of the same form returns the same receipt. */
export const newFormKey = () => randomBytes(18).toString('base64url');

/** A form's key, if it looks like one we made (anything else is ignored, not trusted). */
export function formKeyOf(form: URLSearchParams): string | undefined {
  const value = form.get('formKey') ?? '';
  return /^[A-Za-z0-9_-]{16,64}$/.test(value) ? value : undefined;
}

/** A receipt's status link: the path for the link on the page, and the absolute link the resident copies. */
export function receiptLinks(
  request: Pick<PageRequest, 'origin' | 'basePath'>,
  statusUrl: string,
  pagePath: (token: string) => string,
): { statusPath: string; statusLink: string } {
  const token = tokenOfStatusUrl(statusUrl);
  if (!token) throw new Error('The receipt has no status link token');
  const path = pagePath(token);
  return { statusPath: pathOf(request, path), statusLink: absoluteLink(request, path) };
}

export interface FormRefusal {
  errors: FieldErrors;
  status: number;
  headers?: Record<string, string>;
}

/**
 * What a form shows on itself when its use case refuses: too many sends this hour (429, in
 * plain words, with Retry-After) or the domain's field problems (400). Anything else is not a
 * form problem: undefined, and the site's error page answers.
 */
export function formRefusalOf(err: unknown, tooMany: string): FormRefusal | undefined {
  if (!(err instanceof PlatformError)) return undefined;
  if (err.statusCode === 429) {
    const wait = err.details?.retryAfterSeconds;
    return {
      errors: { '': tooMany },
      status: 429,
      ...(wait ? { headers: { 'Retry-After': String(wait) } } : {}),
    };
  }
  if (err.statusCode === 400)
    return { errors: errorsOfIssues(err.details?.issues, err.message), status: 400 };
  return undefined;
}
