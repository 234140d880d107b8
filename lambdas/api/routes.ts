/**
 * The one route table. It builds the API Gateway resources (lib/), drives the
 * local gateway (local/), and generates the OpenAPI document (api/openapi.ts).
 * Routes live in one module per feature so each Lambda bundles only its own schemas.
 */
import type { RouteDefinition } from './route-types';
import { adminUiRoutes } from './routes/admin-ui';
import { apiAccessRoutes } from './routes/api-access';
import { datasetRoutes } from './routes/datasets';
import { enforcementHelpRoutes } from './routes/enforcement-help';
import { enforcementRoutes } from './routes/enforcement';
import { metaRoutes } from './routes/meta';
import { openDataRoutes } from './routes/open-data';
import { publicSiteRoutes } from './routes/public-site';
import { publishingRoutes } from './routes/publishing';
import { recordsRoutes } from './routes/records';
import { recordsStaffRoutes } from './routes/records-staff';
import { staffRoutes } from './routes/staff';

export const routes = {
  ...metaRoutes,
  ...datasetRoutes,
  ...openDataRoutes,
  ...staffRoutes,
  ...publishingRoutes,
  ...apiAccessRoutes,
  ...recordsRoutes,
  ...recordsStaffRoutes,
  ...enforcementHelpRoutes,
  ...enforcementRoutes,
  ...adminUiRoutes,
  ...publicSiteRoutes,
} satisfies Record<string, RouteDefinition>;

export type RouteId = keyof typeof routes;
export const ROUTE_LIST: readonly RouteDefinition[] = Object.values(routes);
