/** The holiday calendar and city closures, and the audit log viewer. */
import type { StaffRouter } from './staff-route';

export function registerSettingsPages(router: StaffRouter): void {
  void router;
}
