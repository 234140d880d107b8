/** A page behind the staff session (the admin app checks the session and the CSRF token first). */
import type { AdminUiDeps, PageContext } from './context';
import type { PageResult } from './http';

export type StaffPage<D = AdminUiDeps> = (ctx: PageContext<D>) => Promise<PageResult> | PageResult;
export interface StaffRoute<D = AdminUiDeps> {
  kind: 'staff';
  run: StaffPage<D>;
}
export const staff = <D>(run: StaffPage<D>): StaffRoute<D> => ({ kind: 'staff', run });

/**
 * What an area's `register…Pages(router)` adds its staff pages to. Function properties, not
 * methods, so that the compiler checks strictly that a Lambda wires every port its areas use.
 */
export interface StaffRouter<D = AdminUiDeps> {
  get: (path: string, route: StaffRoute<D>) => unknown;
  post: (path: string, route: StaffRoute<D>) => unknown;
}

/** An area of the admin UI: its pages, registered on the router of the Lambda that serves them. */
export type AdminArea<D> = (router: StaffRouter<D>) => void;
