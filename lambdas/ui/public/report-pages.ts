/** Reporting a violation: the report form and receipt, and the reporter's status page. */
import type { PublicRouter } from './site-context';

export function registerReportPages(router: PublicRouter): void {
  void router;
}
