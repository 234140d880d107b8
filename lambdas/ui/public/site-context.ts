/**
 * What the public pages get: the ports they call (the same use cases as the
 * public JSON routes), the visitor's CSRF token for forms, and the page shell.
 * Residents do not sign in; a cookie nonce binds each form's CSRF token.
 */
import type { Clock } from '../../domain/audit';
import type { SafeHtml } from '../html';
import { htmlResult, type PageRequest, type PageResult } from '../http';
import { siteLayout, type SiteSection } from './site-layout';

/**
 * What every public Lambda gives the shell: the clock of the CSRF tokens. Each area
 * adds the ports its pages call (e.g. `{ records: PublicRecordsPorts }`), and a Lambda
 * wires only the ports of the areas it serves.
 */
export interface PublicShellDeps {
  clock: Clock;
}

export interface PublicSiteConfig {
  /** HMAC key of the CSRF tokens (the admin UI's key, ADMIN_UI_CSRF_SECRET). */
  csrfSecret: string;
}

/** A page's request, with `D` the ports of its area (what `ctx.deps` holds). */
export interface PublicPageContext<D> {
  request: PageRequest;
  params: Record<string, string>;
  deps: D;
  config: PublicSiteConfig;
  /** The CSRF token for this visitor's forms (`csrfField(ctx.csrf)`). */
  csrf: string;
}

export type PublicPage<D> = (ctx: PublicPageContext<D>) => Promise<PageResult> | PageResult;

/**
 * What an area's `register…Pages(router)` adds its pages to. POSTs are CSRF-checked before
 * the page runs. Function properties (not methods), so a router of a Lambda whose deps lack
 * an area's ports does not type-check as that area's router.
 */
export interface PublicRouter<D> {
  get: (path: string, page: PublicPage<D>) => unknown;
  post: (path: string, page: PublicPage<D>) => unknown;
}

/** An area of the site: its `register…Pages` function, typed with the ports its pages call. */
export type PublicArea<D> = (router: PublicRouter<D>) => void;

/** A page in the public shell. `indexable: false` for private pages (a requester's status). */
export function sitePage(
  ctx: Pick<PublicPageContext<unknown>, 'request'>,
  title: string,
  current: SiteSection | undefined,
  content: SafeHtml,
  options: { status?: number; indexable?: boolean; extra?: Partial<PageResult> } = {},
): PageResult {
  return htmlResult(
    options.status ?? 200,
    siteLayout({
      title,
      request: ctx.request,
      ...(current ? { current } : {}),
      indexable: options.indexable ?? true,
      content,
    }),
    options.extra,
  );
}
