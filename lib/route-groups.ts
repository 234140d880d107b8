/**
 * The route table (lambdas/api/routes.ts) by feature, one nested stack per group
 * (lib/route-group-stack.ts). A route's group is its handler's folder under
 * lambdas/handlers/: each feature has one (api-access, datasets, open-data, openapi,
 * publishing, records, records-staff, staff, ...), the same split as the route
 * modules of lambdas/api/routes/, and it needs no list to keep in step: a new route
 * or a new feature lands in the right group by itself.
 *
 * A group's name becomes the id of its nested stack, and so part of every logical
 * id inside it: moving a handler to another folder (or renaming a folder) replaces
 * that route's Lambda on the next deployment (its method, in the parent, stays).
 * One group holds six resources per route; past ~60 routes in one folder, split
 * the feature (test/cdk/stack-limits.test.ts fails first).
 */
import type { RouteDefinition } from '../lambdas/api/route-types';

export interface RouteGroup {
  /** The handlers' folder, e.g. `records-staff`. */
  name: string;
  routes: readonly RouteDefinition[];
}

/** `records-staff/act-on-request` → `records-staff` */
export function routeGroupName(route: Pick<RouteDefinition, 'operationId' | 'handler'>): string {
  const match = /^([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\/[^/]/.exec(route.handler);
  if (!match?.[1]) {
    throw new Error(
      `Route ${route.operationId}: its handler "${route.handler}" must be in a feature folder of lambdas/handlers/ (kebab-case), e.g. "records/submit-request".`,
    );
  }
  return match[1];
}

/** The routes by group, in the order of the route table. */
export function routeGroups(routes: readonly RouteDefinition[]): RouteGroup[] {
  const groups = new Map<string, RouteDefinition[]>();
  for (const route of routes) {
    const name = routeGroupName(route);
    groups.set(name, [...(groups.get(name) ?? []), route]);
  }
  return [...groups].map(([name, members]) => ({ name, routes: members }));
}

/** `records-staff` → `RecordsStaff` */
export function groupConstructName(name: string): string {
  return name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
