/**
 * The routes of one feature (a route group, lib/route-groups.ts) as a nested stack of
 * the stateless stack: per route its Lambda (own role, own log group, exactly the
 * route's access), its API Gateway method with the Lambda integration and invoke
 * permission, and its errors alarm.
 *
 * The REST API, its resource tree (paths are shared between features), authorizer,
 * validator, deployment, stage and usage plans stay in the parent. Methods live here,
 * next to their Lambda, so that the parent grows by one resource per path only: about
 * ten resources per route go into the feature's own template instead.
 */
import { NestedStack, Validations, type NestedStackProps } from 'aws-cdk-lib';
import {
  AuthorizationType,
  AwsIntegration,
  Method,
  type IAuthorizer,
  type IRequestValidator,
  type MethodOptions,
  type RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
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
  api: RestApi;
  validator: IRequestValidator;
  /** Required when the group has staff routes. */
  staffAuthorizer?: IAuthorizer;
  /** Environment of every route Lambda (the staff token issuer and audience). */
  environment: Record<string, string>;
  /** For routes with `apiKeys: 'MANAGE'`; its policy scope must be the parent stack. */
  apiKeys: ApiKeyManagement;
}

/** `/v1/datasets/{datasetId}` → `{ 'method.request.path.datasetId': true }` */
function pathParameters(path: string): Record<string, boolean> | undefined {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name);
  return names.length
    ? Object.fromEntries(names.map((name) => [`method.request.path.${name}`, true]))
    : undefined;
}

export class RouteGroupStack extends NestedStack {
  readonly group: RouteGroup;
  /** One per route of the group, by operationId. */
  readonly functions: Record<string, PlatformFunction> = {};
  /** One per route of the group, by operationId. */
  readonly methods: Record<string, Method> = {};

  private readonly props: RouteGroupStackProps;

  constructor(scope: Construct, id: string, props: RouteGroupStackProps) {
    super(scope, id, props);
    this.props = props;
    this.group = props.group;
    for (const route of props.group.routes) this.addRoute(route);
  }

  private addRoute(route: RouteDefinition): void {
    const { stage, api } = this.props;
    const name = pascal(route.operationId);
    const fn = new PlatformFunction(this, `${name}Function`, {
      entry: handlerEntry(route.handler),
      description: `${route.method} ${route.path}: ${route.summary}`,
      serviceName: 'open-records-api',
      ...stageLogging(stage),
      environment: this.props.environment,
    });
    grantAccess(fn, route.access, { stage, data: this.props.data, apiKeys: this.props.apiKeys });
    this.functions[route.operationId] = fn;

    // The path's resource is made in the parent (api.root's tree), the method here. The parent's
    // deployment depends on this nested stack and hashes the method, so a changed method redeploys.
    const method = new Method(this, `${name}Method`, {
      resource: api.root.resourceForPath(route.path),
      httpMethod: route.method,
      // What LambdaIntegration makes, minus its permission (below).
      integration: new AwsIntegration({
        proxy: true,
        service: 'lambda',
        path: `2015-03-31/functions/${fn.function.functionArn}/invocations`,
      }),
      options: {
        operationName: route.operationId,
        ...this.methodAuth(route),
        requestValidator: this.props.validator,
        requestParameters: pathParameters(route.path),
      },
    });
    this.methods[route.operationId] = method;
    // API Gateway may invoke the function for this method and stage only. LambdaIntegration would name
    // the stage by its Ref: this nested stack would wait for the stage, the stage for the deployment,
    // and the deployment for this nested stack. The stage name is fixed, so it is spelled out.
    fn.function.addPermission('ApiPermission', {
      principal: new ServicePrincipal('apigateway.amazonaws.com'),
      scope: method,
      sourceArn: api.arnForExecuteApi(route.method, route.path.replace(/\{\w+\}/g, '*'), stage.stageName),
    });

    if (route.auth.kind !== 'staff') {
      Validations.of(method).acknowledge({
        id: 'AwsSolutions-COG4',
        reason:
          'Open data for the public: no sign-in by design. Only staff routes use the Cognito authorizer.',
      });
      Validations.of(method).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          route.auth.kind === 'api-key'
            ? 'Public data behind an API key: the key picks a usage plan (throttle and quota), it is not a sign-in. WAF and the stage throttle apply as well.'
            : 'Public open-data endpoint by design; protected by the WAF rate limit and the stage throttle.',
      });
    }

    // Throttles are one regional alarm in the parent: the concurrency pool is the account's.
    addAlarm(
      this,
      `${name}ErrorsAlarm`,
      fn.function.metricErrors(FIVE_MINUTES_SUM),
      3,
      `${route.operationId}: 3 or more errors in 5 minutes.`,
    );
  }

  private methodAuth(route: RouteDefinition): MethodOptions {
    switch (route.auth.kind) {
      case 'public':
        return { authorizationType: AuthorizationType.NONE, apiKeyRequired: false };
      case 'api-key':
        return { authorizationType: AuthorizationType.NONE, apiKeyRequired: true };
      case 'staff': {
        // The authorizer checks the ID token; the handler checks the route's roles against its groups.
        const authorizer = this.props.staffAuthorizer;
        if (!authorizer) throw new Error(`${route.operationId}: a staff route needs the staff authorizer.`);
        return { authorizationType: AuthorizationType.COGNITO, authorizer };
      }
    }
  }
}
