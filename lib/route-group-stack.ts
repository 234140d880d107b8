/**
 * The Lambdas of one feature's routes (a route group, lib/route-groups.ts) as a
 * nested stack of the stateless stack: per handler module its function (own role,
 * own log group, exactly its routes' access) and its errors alarm, and per route
 * the permission that lets API Gateway invoke it for that route's method: about
 * six resources per route, out of the parent's template. Routes that share a
 * handler (a page area's path and its `{proxy+}`) share one function, so one
 * warm container serves the whole area, as locally and in `npm run bench`.
 *
 * The methods stay in the parent with the rest of the API (resource tree,
 * authorizer, validator, deployment): a method cannot move between templates
 * without a deployment that creates it in the new one before deleting it from the
 * old one, which API Gateway refuses (the method already exists). So routes can
 * move between groups, and a stage deployed before this split updates in place.
 */
import { NestedStack, type NestedStackProps } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { RouteDefinition } from '../lambdas/api/route-types';
import { handlerEntry } from './bundling';
import type { StageConfig } from './config/stages';
import { addAlarm, FIVE_MINUTES_SUM } from './constructs/alarms';
import { PlatformFunction, type ApiKeyManagement } from './constructs/platform-function';
import { grantAccess, pascal, stageLogging, type PlatformData } from './grants';
import type { RouteGroup } from './route-groups';

export interface RouteGroupStackProps extends NestedStackProps {
  group: RouteGroup;
  stage: StageConfig;
  data: PlatformData;
  /** The API whose methods invoke these functions (in the parent). */
  api: RestApi;
  /** Environment of every route Lambda (the staff token issuer and audience). */
  environment: Record<string, string>;
  /** For routes with `apiKeys: 'MANAGE'`; its policy scope must be the parent stack. */
  apiKeys: ApiKeyManagement;
  /** What page routes (`kind: 'page'`, the admin UI) get on top of `environment`. */
  pages?: PageSettings;
}

/** The admin UI's settings: sign-in (Cognito hosted UI) and the CSRF key. */
export interface PageSettings {
  environment: Record<string, string>;
  /**
   * The HMAC key of the CSRF tokens. The function gets it as ADMIN_UI_CSRF_SECRET through a
   * CloudFormation dynamic reference, resolved at deployment: no template holds the value and
   * the function needs no Secrets Manager access at run time.
   */
  csrfSecret: ISecret;
}

/** `/v1/datasets/{datasetId}` → `/v1/datasets/*` (and `/admin/{proxy+}` → `/admin/*`): a path as an execute-api ARN names it. */
export function pathForArn(path: string): string {
  return path.replace(/\{\w+\+?\}/g, '*');
}

export class RouteGroupStack extends NestedStack {
  readonly group: RouteGroup;
  /** The function of each route of the group, by operationId (routes sharing a handler share it). */
  readonly functions: Record<string, PlatformFunction> = {};

  constructor(scope: Construct, id: string, props: RouteGroupStackProps) {
    super(scope, id, props);
    this.group = props.group;
    const byHandler = new Map<string, RouteDefinition[]>();
    for (const route of props.group.routes) {
      byHandler.set(route.handler, [...(byHandler.get(route.handler) ?? []), route]);
    }
    for (const routes of byHandler.values()) this.addHandlerFunction(routes, props);
  }

  /** One function for the routes of one handler module, named after the first of them. */
  private addHandlerFunction(routes: readonly RouteDefinition[], props: RouteGroupStackProps): void {
    const { stage, api } = props;
    const [first, ...others] = routes as [RouteDefinition, ...RouteDefinition[]];
    for (const route of others) {
      // One function has one role: its routes must ask for the same rights.
      if (JSON.stringify(route.access) !== JSON.stringify(first.access) || route.kind !== first.kind) {
        throw new Error(
          `${route.operationId} shares the handler ${first.handler} with ${first.operationId} but not its access or kind.`,
        );
      }
    }
    const name = pascal(first.operationId);
    const fn = new PlatformFunction(this, `${name}Function`, {
      entry: handlerEntry(first.handler),
      description:
        routes.length === 1
          ? `${first.method} ${first.path}: ${first.summary}`
          : `${first.handler}: ${routes.map((r) => `${r.method} ${r.path}`).join(', ')}`,
      serviceName: first.kind === 'page' ? 'open-records-admin-ui' : 'open-records-api',
      ...stageLogging(stage),
      environment: first.kind === 'page' ? this.pageEnvironment(first, props) : props.environment,
    });
    grantAccess(fn, first.access, { stage, data: props.data, apiKeys: props.apiKeys });

    routes.forEach((route, index) => {
      this.functions[route.operationId] = fn;
      // API Gateway may invoke the function for this route's method on this stage only, as
      // LambdaIntegration would allow, but here beside the function rather than in the parent.
      // The stage by name: its Ref would make this stack wait for the stage, the stage for the
      // deployment, and the deployment for the methods, which wait for this stack.
      fn.function.addPermission(index === 0 ? 'ApiPermission' : `ApiPermission${pascal(route.operationId)}`, {
        principal: new ServicePrincipal('apigateway.amazonaws.com'),
        sourceArn: api.arnForExecuteApi(route.method, pathForArn(route.path), stage.stageName),
      });
    });

    // Throttles are one regional alarm in the parent: the concurrency pool is the account's.
    addAlarm(
      this,
      `${name}ErrorsAlarm`,
      fn.function.metricErrors(FIVE_MINUTES_SUM),
      3,
      `${first.handler}: 3 or more errors in 5 minutes.`,
    );
  }

  private pageEnvironment(route: RouteDefinition, props: RouteGroupStackProps): Record<string, string> {
    if (!props.pages) throw new Error(`${route.operationId}: a page route needs the admin UI settings.`);
    return {
      ...props.environment,
      ...props.pages.environment,
      ADMIN_UI_CSRF_SECRET: props.pages.csrfSecret.secretValue.unsafeUnwrap(),
    };
  }
}
