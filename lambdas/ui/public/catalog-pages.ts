/** The dataset catalog: browse and search, a dataset's page with its dictionary and download. */
import type { PublicRouter } from './site-context';

export function registerCatalogPages(router: PublicRouter): void {
  void router;
}
