/**
 * What the public pages get: the ports they call (the same use cases as the
 * public JSON routes), the visitor's CSRF token for forms, and the page shell.
 * Residents do not sign in; a cookie nonce binds each form's CSRF token.
 */
import type { Clock } from '../../domain/audit';
import type { SafeHtml } from '../html';
import { htmlResult, type PageRequest, type PageResult } from '../http';
import type { Router } from '../router';
import { siteLayout, type SiteSection } from './site-layout';
import type { PublicRecordsPorts } from './records-pages';
import type { PublicReportPorts } from './report-pages';

/** The ports of the public pages. Each area adds what its pages call. */
export interface PublicSiteDeps {
  clock: Clock;
  /** The dataset catalog, dictionary and downloads (catalog-pages.ts); API key applications read it too. */
  catalog: import('./catalog-pages').CatalogPorts;
  /** API key applications (api-key-pages.ts). */
  apiKeyApplications: import('./api-key-pages').ApiKeyApplicationPorts;
  /** The city's help content (help-pages.ts). */
  help: import('./help-pages').HelpPorts;
  /** Records requests: the form, the requester's status page, the archive (records-pages.ts). */
  records: PublicRecordsPorts;
  /** Violation reports and the reporter's status page (report-pages.ts). */
  reports: PublicReportPorts;
}

export interface PublicSiteConfig {
  /** HMAC key of the CSRF tokens (the admin UI's key, ADMIN_UI_CSRF_SECRET). */
  csrfSecret: string;
}

export interface PublicPageContext {
  request: PageRequest;
  params: Record<string, string>;
  deps: PublicSiteDeps;
  config: PublicSiteConfig;
  /** The CSRF token for this visitor's forms (`csrfField(ctx.csrf)`). */
  csrf: string;
}

export type PublicPage = (ctx: PublicPageContext) => Promise<PageResult> | PageResult;

/** What an area's `register…Pages(router)` adds its pages to. POSTs are CSRF-checked before `run`. */
export type PublicRouter = Pick<Router<PublicPage>, 'get' | 'post'>;

/** A page in the public shell. `indexable: false` for private pages (a requester's status). */
export function sitePage(
  ctx: Pick<PublicPageContext, 'request'>,
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
