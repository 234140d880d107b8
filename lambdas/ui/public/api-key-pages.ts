/** Getting an API key: how, the terms, the application form and what happens next. */
import type { PublicRouter } from './site-context';

export function registerApiKeyPages(router: PublicRouter): void {
  void router;
}
