/** The datasets pages: register, upload, ingestion status, personal-data findings, publish, versions. */
import type { StaffRouter } from './staff-route';

export function registerDatasetPages(router: StaffRouter): void {
  void router;
}
