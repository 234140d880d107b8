/** The help page: who enforces what, fees, deadlines (the city's configurable content). */
import type { PublicRouter } from './site-context';

export function registerHelpPages(router: PublicRouter): void {
  void router;
}
