/** A page behind the staff session (the admin app checks the session and the CSRF token first). */
import type { PageContext } from './context';
import type { PageResult } from './http';

export type StaffPage = (ctx: PageContext) => Promise<PageResult> | PageResult;
export interface StaffRoute {
  kind: 'staff';
  run: StaffPage;
}
export const staff = (run: StaffPage): StaffRoute => ({ kind: 'staff', run });

/** What an area's `register…Pages(router)` adds its staff pages to. */
export interface StaffRouter {
  get(path: string, route: StaffRoute): unknown;
  post(path: string, route: StaffRoute): unknown;
}
