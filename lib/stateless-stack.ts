/**
 * The public API and every Lambda, as one deployable stack per stage with nested
 * stacks inside, because one template may hold at most 500 resources and each
 * route costs about ten (function, role, policy, log group, method, permission,
 * alarm, ...):
 *
 * - this stack: the REST API (resource tree, a method per route, validator,
 *   Cognito authorizer, deployment, stage, usage plans per tier, gateway errors in
 *   the platform's shape), the city firewall, the API's alarms, and the API-key
 *   policies: about two resources per route (its method and its path);
 * - one nested stack per route group (lib/route-groups.ts: one per feature, by the
 *   handlers' folder): each route's Lambda with exactly the access the route
 *   declares, its invoke permission and its alarm (lib/route-group-stack.ts);
 * - a nested stack for the Lambdas started by S3 events (lib/event-handler-stack.ts)
 *   and one for the scheduled jobs (lib/scheduled-job-stack.ts).
 *
 * Nested rather than separate stacks: CloudFormation resolves the references between
 * them at the resource level inside one deployment (a method waits for the nested
 * stack of its Lambda, which takes the API's id), so there is no stack-level cycle to
 * break and no export that blocks removing a route; and the API keeps its stack, its
 * id and URL, its methods, and the usage plans that hold the keys.
 */
import { CfnOutput, Duration, Size, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import {
  AccessLogField,
  AccessLogFormat,
  ApiKeySourceType,
  AuthorizationType,
  AwsIntegration,
  CognitoUserPoolsAuthorizer,
  EndpointType,
  IdentitySource,
  LogGroupLogDestination,
  MethodLoggingLevel,
  Period,
  RestApi,
  type IAuthorizer,
  type IRequestValidator,
  type MethodOptions,
  type UsagePlan,
} from 'aws-cdk-lib/aws-apigateway';
import type { IUserPool, IUserPoolClient, UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { EVENT_HANDLER_LIST, SCHEDULED_JOB_LIST } from '../lambdas/api/events';
import { ROUTE_LIST } from '../lambdas/api/routes';
import type { RouteDefinition } from '../lambdas/api/route-types';
import { cognitoIssuer } from '../lambdas/shared/staff-token';
import { USAGE_TIERS, type UsageTierName } from '../lambdas/shared/usage-tiers';
import type { StageConfig, StageName } from './config/stages';
import { addAlarm, FIVE_MINUTES_SUM } from './constructs/alarms';
import { ApiFirewall } from './constructs/api-firewall';
import { addGatewayErrors } from './constructs/gateway-errors';
import type { ObjectCreatedTrigger } from './constructs/object-created-trigger';
import type { PlatformFunction } from './constructs/platform-function';
import { EventHandlerStack } from './event-handler-stack';
import type { PlatformData } from './grants';
import { RouteGroupStack, type PageSettings } from './route-group-stack';
import { groupConstructName, routeGroups as groupRoutes, type RouteGroup } from './route-groups';
import { ScheduledJobStack } from './scheduled-job-stack';

export interface StatelessStackProps extends StackProps {
  stage: StageConfig;
  table: ITable;
  datasetsBucket: IBucket;
  recordsBucket: IBucket;
  staffUserPool: IUserPool;
  adminUiClient: IUserPoolClient;
  /** The Cognito hosted sign-in of the admin UI (authorization code flow with PKCE). */
  staffSignInDomain: UserPoolDomain;
  /**
   * The routes by group, one nested stack each.
   * @default the route table (lambdas/api/routes.ts) grouped by handler folder (lib/route-groups.ts)
   */
  routeGroups?: readonly RouteGroup[];
}

/** `/v1/datasets/{datasetId}` → `{ 'method.request.path.datasetId': true }` (`{proxy+}` → `proxy`) */
function pathParameters(path: string): Record<string, boolean> | undefined {
  const names = [...path.matchAll(/\{(\w+)\+?\}/g)].map(([, name]) => name);
  return names.length
    ? Object.fromEntries(names.map((name) => [`method.request.path.${name}`, true]))
    : undefined;
}

function methodAuth(route: RouteDefinition, staffAuthorizer: IAuthorizer | undefined): MethodOptions {
  switch (route.auth.kind) {
    case 'public':
      return { authorizationType: AuthorizationType.NONE, apiKeyRequired: false };
    case 'api-key':
      return { authorizationType: AuthorizationType.NONE, apiKeyRequired: true };
    case 'staff':
      // The authorizer checks the ID token; the handler checks the route's roles against its groups.
      if (!staffAuthorizer)
        throw new Error(`${route.operationId}: a staff route needs the staff authorizer.`);
      return { authorizationType: AuthorizationType.COGNITO, authorizer: staffAuthorizer };
  }
}

/**
 * One access-log line per request, as JSON. Values are quoted strings except the
 * error message, which API Gateway quotes and escapes itself (`messageString`).
 * Never the API key itself, only its id; no user agent (it may contain quotes).
 */
function accessLogFormat(): AccessLogFormat {
  const fields: Record<string, string> = {
    requestId: AccessLogField.contextRequestId(),
    requestTime: AccessLogField.contextRequestTime(),
    ip: AccessLogField.contextIdentitySourceIp(),
    httpMethod: AccessLogField.contextHttpMethod(),
    resourcePath: AccessLogField.contextResourcePath(),
    path: AccessLogField.contextPath(),
    status: AccessLogField.contextStatus(),
    protocol: AccessLogField.contextProtocol(),
    responseLength: AccessLogField.contextResponseLength(),
    responseLatency: AccessLogField.contextResponseLatency(),
    integrationLatency: AccessLogField.contextIntegrationLatency(),
    apiKeyId: AccessLogField.contextIdentityApiKeyId(),
    staffSub: AccessLogField.contextAuthorizerClaims('sub'),
    wafStatus: AccessLogField.contextWafResponseCode(),
    errorType: AccessLogField.contextErrorResponseType(),
  };
  const quoted = Object.entries(fields).map(([name, value]) => `"${name}":"${value}"`);
  return AccessLogFormat.custom(
    `{${quoted.join(',')},"error":${AccessLogField.contextErrorMessageString()}}`,
  );
}

/**
 * Usage plan names: this prefix and the tier (`open-records-dev-basic`). The key-managing
 * Lambdas get the prefix as USAGE_PLAN_NAME_PREFIX and look the plans up by these names.
 */
export function usagePlanNamePrefix(stageName: StageName): string {
  return `open-records-${stageName}-`;
}

export function usagePlanName(stageName: StageName, tier: UsageTierName): string {
  return `${usagePlanNamePrefix(stageName)}${tier}`;
}

export class StatelessStack extends Stack {
  readonly api: RestApi;
  /** One per route, by operationId (each in the nested stack of its route group). */
  readonly functions: Record<string, PlatformFunction> = {};
  /** The nested stack of each route group, by group name (`records-staff`). */
  readonly routeStacks: Record<string, RouteGroupStack> = {};
  /** One per event handler (lambdas/api/events.ts), by id. */
  readonly eventFunctions: Record<string, PlatformFunction>;
  /** The trigger (EventBridge rule and failure queue) of each event handler, by id. */
  readonly eventTriggers: Record<string, ObjectCreatedTrigger>;
  readonly eventHandlerStack: EventHandlerStack;
  /** The Lambdas run on a schedule (lambdas/api/events.ts), by id. */
  readonly jobFunctions: Record<string, PlatformFunction>;
  readonly scheduledJobStack: ScheduledJobStack;
  readonly firewall: ApiFirewall;
  /** One per usage tier, named `usagePlanName(stage, tier)`. */
  readonly usagePlans = {} as Record<UsageTierName, UsagePlan>;
  /** The admin UI's CSRF key, when the route table has pages. */
  readonly adminUiCsrfSecret: Secret | undefined;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { stage } = props;
    const routeGroups = props.routeGroups ?? groupRoutes(ROUTE_LIST);
    const data: PlatformData = {
      table: props.table,
      datasetsBucket: props.datasetsBucket,
      recordsBucket: props.recordsBucket,
    };

    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: stage.logRetention,
      removalPolicy: stage.logRemovalPolicy,
    });

    this.api = new RestApi(this, 'Api', {
      restApiName: `open-records-${stage.stageName}`,
      description: 'City of Danbury open data and public records API',
      endpointConfiguration: { types: [EndpointType.REGIONAL] },
      // Keys come from the x-api-key header and are created at approval time, never in this template.
      apiKeySourceType: ApiKeySourceType.HEADER,
      cloudWatchRole: false,
      // Catalog pages are JSON: compress anything over 1 KiB for clients that accept it.
      minCompressionSize: Size.kibibytes(1),
      deployOptions: {
        stageName: stage.stageName,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: accessLogFormat(),
        // Execution logging needs the account-wide API Gateway CloudWatch role; see the APIG6 note below.
        loggingLevel: MethodLoggingLevel.OFF,
        dataTraceEnabled: false,
        metricsEnabled: true,
        tracingEnabled: true,
        throttlingRateLimit: stage.apiThrottle.rateLimit,
        throttlingBurstLimit: stage.apiThrottle.burstLimit,
      },
    });
    Validations.of(this.api.deploymentStage).acknowledge({
      id: 'AwsSolutions-APIG6',
      reason:
        'Execution logging needs the account-wide API Gateway CloudWatch Logs role, which one stack must not own for every API in the account. Every request is in the JSON access log, traced in X-Ray, and logged by its Lambda.',
    });

    // Path parameters are checked here; query strings and bodies by each route's zod schema in its Lambda.
    const validator = this.api.addRequestValidator('RequestValidator', {
      requestValidatorName: 'params-and-body',
      validateRequestParameters: true,
      validateRequestBody: true,
    });

    for (const [tierName, tier] of Object.entries(USAGE_TIERS) as [
      UsageTierName,
      (typeof USAGE_TIERS)[UsageTierName],
    ][]) {
      const plan = this.api.addUsagePlan(`UsagePlan-${tierName}`, {
        name: usagePlanName(stage.stageName, tierName),
        description: tier.description,
        throttle: { rateLimit: tier.rateLimit, burstLimit: tier.burstLimit },
        quota: { limit: tier.quota.limit, period: Period[tier.quota.period] },
        apiStages: [{ api: this.api, stage: this.api.deploymentStage }],
      });
      this.usagePlans[tierName] = plan;
      new CfnOutput(this, `UsagePlanId-${tierName}`, {
        value: plan.usagePlanId,
        description: `Usage plan of the ${tier.name} tier: approved API keys are attached to it.`,
      });
    }

    // The authorizer checks the ID token; the handler checks the route's roles against its groups.
    const hasStaffRoutes = routeGroups.some((group) => group.routes.some((r) => r.auth.kind === 'staff'));
    const staffAuthorizer = hasStaffRoutes
      ? new CognitoUserPoolsAuthorizer(this, 'StaffAuthorizer', {
          authorizerName: 'staff-id-token',
          cognitoUserPools: [props.staffUserPool],
          identitySource: IdentitySource.header('Authorization'),
          resultsCacheTtl: Duration.minutes(5),
        })
      : undefined;

    const environment = {
      STAFF_TOKEN_ISSUER: cognitoIssuer(this.region, props.staffUserPool.userPoolId),
      STAFF_TOKEN_AUDIENCE: props.adminUiClient.userPoolClientId,
    };
    this.adminUiCsrfSecret = routeGroups.some((group) => group.routes.some((r) => r.kind === 'page'))
      ? this.csrfSecret()
      : undefined;
    const pages: PageSettings | undefined = this.adminUiCsrfSecret && {
      environment: {
        // The hosted UI of the staff user pool; the callback is registered on the admin UI client.
        STAFF_SIGN_IN_URL: props.staffSignInDomain.baseUrl(),
        ADMIN_UI_ORIGIN: stage.adminUiOrigin,
      },
      csrfSecret: this.adminUiCsrfSecret,
    };
    // Key-managing routes get their plan-naming policy here, beside the plans (see ApiKeyManagement).
    const apiKeyPolicies = new Construct(this, 'ApiKeyPolicies');
    for (const group of routeGroups) {
      const routeStack = new RouteGroupStack(this, `${groupConstructName(group.name)}Routes`, {
        description: `City of Danbury open records (${stage.stageName}): Lambdas of the ${group.name} routes`,
        group,
        stage,
        data,
        api: this.api,
        environment,
        apiKeys: {
          usagePlans: Object.values(this.usagePlans),
          usagePlanNamePrefix: usagePlanNamePrefix(stage.stageName),
          policyScope: apiKeyPolicies,
        },
        ...(pages && group.routes.some((r) => r.kind === 'page') ? { pages } : {}),
      });
      this.routeStacks[group.name] = routeStack;
      Object.assign(this.functions, routeStack.functions);
      for (const route of group.routes) {
        this.addMethod(route, routeStack.functions[route.operationId]!, validator, staffAuthorizer);
      }
    }

    this.eventHandlerStack = new EventHandlerStack(this, 'EventHandlers', {
      description: `City of Danbury open records (${stage.stageName}): Lambdas started by uploads`,
      handlers: EVENT_HANDLER_LIST,
      stage,
      data,
    });
    this.eventFunctions = this.eventHandlerStack.functions;
    this.eventTriggers = this.eventHandlerStack.triggers;

    this.scheduledJobStack = new ScheduledJobStack(this, 'ScheduledJobs', {
      description: `City of Danbury open records (${stage.stageName}): scheduled jobs`,
      jobs: SCHEDULED_JOB_LIST,
      stage,
      data,
      publicApiUrl: this.api.url,
    });
    this.jobFunctions = this.scheduledJobStack.functions;

    addGatewayErrors(this.api);

    this.firewall = new ApiFirewall(this, 'Firewall', {
      stage: this.api.deploymentStage,
      requestsPerIpPer5Min: stage.wafRequestsPerIpPer5Min,
      metricPrefix: `open-records-${stage.stageName}`,
    });

    addAlarm(
      this,
      'Api5xxAlarm',
      this.api.metricServerError(FIVE_MINUTES_SUM),
      5,
      'API answered 5 or more 5XX errors in 5 minutes.',
    );
    // One regional alarm instead of one per route: none of the functions reserves concurrency, so
    // they all draw on the account's pool and are throttled together when it runs out. 150 alarms
    // firing at once say no more than this one, cost 150 times as much, and take a resource each.
    addAlarm(
      this,
      'LambdaThrottlesAlarm',
      LambdaFunction.metricAllThrottles(FIVE_MINUTES_SUM),
      1,
      'Lambda throttled invocations in this account and Region: the concurrency pool the API routes share ran out (see the Throttles metric per function).',
    );
  }

  /**
   * The HMAC key of the admin UI's CSRF tokens: generated by Secrets Manager when the stack is
   * first deployed, and handed to the page Lambdas at deployment (lib/route-group-stack.ts).
   * To rotate it, put a new value in the secret and redeploy: forms open at that moment must
   * be sent again, nothing else changes.
   */
  private csrfSecret(): Secret {
    const secret = new Secret(this, 'AdminUiCsrfKey', {
      description: 'HMAC key of the admin UI CSRF tokens (rotate: new value, then redeploy)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'An HMAC key for CSRF tokens that live at most two hours, read at deployment (no Lambda can read the secret at run time): rotation is a new value and a redeploy, documented in the README.',
    });
    return secret;
  }

  /**
   * The route's method, on its path of the API's resource tree: here, not in the nested stack
   * of its Lambda, so that its logical id never changes (API Gateway refuses to create a method
   * that a not yet deleted one still holds). The Lambda's invoke permission is beside the Lambda.
   */
  private addMethod(
    route: RouteDefinition,
    fn: PlatformFunction,
    validator: IRequestValidator,
    staffAuthorizer: IAuthorizer | undefined,
  ): void {
    const method = this.api.root.resourceForPath(route.path).addMethod(
      route.method,
      // LambdaIntegration's proxy integration, without the permission it would add here.
      new AwsIntegration({
        proxy: true,
        service: 'lambda',
        path: `2015-03-31/functions/${fn.function.functionArn}/invocations`,
      }),
      {
        operationName: route.operationId,
        ...methodAuth(route, staffAuthorizer),
        requestValidator: validator,
        requestParameters: pathParameters(route.path),
      },
    );
    if (route.auth.kind !== 'staff') {
      Validations.of(method).acknowledge({
        id: 'AwsSolutions-COG4',
        reason:
          route.kind === 'page'
            ? 'Admin UI page: the page Lambda checks the Cognito ID token from the session cookie itself (the authorizer reads the Authorization header only).'
            : 'Open data for the public: no sign-in by design. Only staff routes use the Cognito authorizer.',
      });
      Validations.of(method).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          route.kind === 'page'
            ? "Admin UI page: the browser sends the staff ID token in an HttpOnly cookie, which API Gateway's Cognito authorizer cannot read (Authorization header only); the page Lambda verifies it with the same verifier on every request."
            : route.auth.kind === 'api-key'
              ? 'Public data behind an API key: the key picks a usage plan (throttle and quota), it is not a sign-in. WAF and the stage throttle apply as well.'
              : 'Public open-data endpoint by design; protected by the WAF rate limit and the stage throttle.',
      });
    }
  }
}
