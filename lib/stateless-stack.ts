/**
 * The public API: one REST API built from the route table (lambdas/api/routes.ts),
 * one Lambda per route with exactly the access the route declares, usage plans
 * per tier, gateway errors in the platform's shape, the city firewall, alarms.
 * Also the Lambdas started by S3 events (lambdas/api/events.ts), each behind an
 * EventBridge rule with a failure queue (lib/constructs/object-created-trigger.ts).
 */
import { CfnOutput, Duration, Size, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import {
  AccessLogField,
  AccessLogFormat,
  ApiKeySourceType,
  AuthorizationType,
  CognitoUserPoolsAuthorizer,
  EndpointType,
  IdentitySource,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  Period,
  RestApi,
  type MethodOptions,
  type RequestValidator,
  type UsagePlan,
} from 'aws-cdk-lib/aws-apigateway';
import { Alarm, ComparisonOperator, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import {
  EVENT_HANDLER_LIST,
  SCHEDULED_JOB_LIST,
  type EventHandlerDefinition,
  type ScheduledJobDefinition,
} from '../lambdas/api/events';
import { ROUTE_LIST } from '../lambdas/api/routes';
import type { RouteAccess, RouteDefinition } from '../lambdas/api/route-types';
import { cognitoIssuer } from '../lambdas/shared/staff-token';
import { USAGE_TIERS, type UsageTierName } from '../lambdas/shared/usage-tiers';
import { handlerEntry } from './bundling';
import type { StageConfig, StageName } from './config/stages';
import { ApiFirewall } from './constructs/api-firewall';
import { addGatewayErrors } from './constructs/gateway-errors';
import { ObjectCreatedTrigger } from './constructs/object-created-trigger';
import { PlatformFunction } from './constructs/platform-function';

export interface StatelessStackProps extends StackProps {
  stage: StageConfig;
  table: ITable;
  datasetsBucket: IBucket;
  recordsBucket: IBucket;
  staffUserPool: IUserPool;
  adminUiClient: IUserPoolClient;
}

/** `/v1/datasets/{datasetId}` → `{ 'method.request.path.datasetId': true }` */
function pathParameters(path: string): Record<string, boolean> | undefined {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name);
  return names.length
    ? Object.fromEntries(names.map((name) => [`method.request.path.${name}`, true]))
    : undefined;
}

/** `listDatasets` → `ListDatasets`: construct ids read like the route. */
function pascal(id: string): string {
  return id.charAt(0).toUpperCase() + id.slice(1);
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

const BUCKET_ENV = { datasetsBucket: 'DATASETS_BUCKET', recordsBucket: 'RECORDS_BUCKET' } as const;

export class StatelessStack extends Stack {
  readonly api: RestApi;
  /** One per route, by operationId. */
  readonly functions: Record<string, PlatformFunction> = {};
  /** One per event handler (lambdas/api/events.ts), by id. */
  readonly eventFunctions: Record<string, PlatformFunction> = {};
  /** The trigger (EventBridge rule and failure queue) of each event handler, by id. */
  readonly eventTriggers: Record<string, ObjectCreatedTrigger> = {};
  /** The Lambdas run on a schedule (lambdas/api/events.ts), by id, and their failure queues. */
  readonly jobFunctions: Record<string, PlatformFunction> = {};
  private readonly jobFailures: Record<string, Queue> = {};
  readonly firewall: ApiFirewall;
  /** One per usage tier, named `usagePlanName(stage, tier)`. */
  readonly usagePlans = {} as Record<UsageTierName, UsagePlan>;

  private readonly props: StatelessStackProps;
  private readonly validator: RequestValidator;
  private staffAuthorizer?: CognitoUserPoolsAuthorizer;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    this.props = props;
    const { stage } = props;

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
    this.validator = this.api.addRequestValidator('RequestValidator', {
      requestValidatorName: 'params-and-body',
      validateRequestParameters: true,
      validateRequestBody: true,
    });

    // Plans before routes: the functions that manage API keys are scoped to these plans.
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

    const sharedEnvironment = {
      STAFF_TOKEN_ISSUER: cognitoIssuer(this.region, props.staffUserPool.userPoolId),
      STAFF_TOKEN_AUDIENCE: props.adminUiClient.userPoolClientId,
    };
    for (const route of ROUTE_LIST) this.addRoute(route, sharedEnvironment);
    for (const definition of EVENT_HANDLER_LIST) this.addEventHandler(definition);
    for (const definition of SCHEDULED_JOB_LIST) this.addScheduledJob(definition);

    addGatewayErrors(this.api);

    this.firewall = new ApiFirewall(this, 'Firewall', {
      stage: this.api.deploymentStage,
      requestsPerIpPer5Min: stage.wafRequestsPerIpPer5Min,
      metricPrefix: `open-records-${stage.stageName}`,
    });

    this.addAlarms();
  }

  private addRoute(route: RouteDefinition, environment: Record<string, string>): void {
    const { stage } = this.props;
    const fn = new PlatformFunction(this, `${pascal(route.operationId)}Function`, {
      entry: handlerEntry(route.handler),
      description: `${route.method} ${route.path}: ${route.summary}`,
      serviceName: 'open-records-api',
      logLevel: stage.logLevel,
      logRetention: stage.logRetention,
      logRemovalPolicy: stage.logRemovalPolicy,
      environment,
    });
    this.grantAccess(fn, route.access);
    this.functions[route.operationId] = fn;

    const method = this.api.root
      .resourceForPath(route.path)
      .addMethod(route.method, new LambdaIntegration(fn.function, { proxy: true, allowTestInvoke: false }), {
        operationName: route.operationId,
        ...this.methodAuth(route),
        requestValidator: this.validator,
        requestParameters: pathParameters(route.path),
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
  }

  private addEventHandler(definition: EventHandlerDefinition): void {
    const { stage } = this.props;
    const { bucket, prefix, suffix = '' } = definition.trigger;
    const name = pascal(definition.id);
    const fn = new PlatformFunction(this, `${name}Function`, {
      entry: handlerEntry(definition.handler),
      description: `New objects in ${bucket} ${prefix}*${suffix}: ${definition.description}`,
      serviceName: 'open-records-events',
      logLevel: stage.logLevel,
      logRetention: stage.logRetention,
      logRemovalPolicy: stage.logRemovalPolicy,
      memorySize: definition.memoryMb,
      timeout: Duration.seconds(definition.timeoutSeconds),
      ephemeralStorageMb: definition.ephemeralStorageMb,
    });
    this.grantAccess(fn, definition.access);
    this.eventFunctions[definition.id] = fn;
    this.eventTriggers[definition.id] = new ObjectCreatedTrigger(this, `${name}Trigger`, {
      bucket: this.props[bucket],
      prefix,
      ...(definition.trigger.suffix ? { suffix: definition.trigger.suffix } : {}),
      target: fn.function,
      configurationId: definition.id,
      description: `${definition.id}: objects created in ${bucket} matching ${prefix}*${suffix}`,
    });
  }

  private addScheduledJob(definition: ScheduledJobDefinition): void {
    const { stage } = this.props;
    const name = pascal(definition.id);
    const fn = new PlatformFunction(this, `${name}Function`, {
      entry: handlerEntry(definition.handler),
      description: `Scheduled ${definition.schedule}: ${definition.description}`,
      serviceName: 'open-records-jobs',
      logLevel: stage.logLevel,
      logRetention: stage.logRetention,
      logRemovalPolicy: stage.logRemovalPolicy,
      memorySize: definition.memoryMb,
      timeout: Duration.seconds(definition.timeoutSeconds),
      // Requesters' status links in the notices the job sends.
      environment: { PUBLIC_API_URL: this.api.url },
    });
    this.grantAccess(fn, definition.access);
    this.jobFunctions[definition.id] = fn;
    const failures = new Queue(this, `${name}Failures`, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(failures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue of the schedule: a failed run lands here, with an alarm.',
    });
    // The job is idempotent (each step claims its day), so retrying a failed run is safe.
    new Rule(this, `${name}Schedule`, {
      description: `${definition.id}: ${definition.description}`.slice(0, 512),
      schedule: Schedule.expression(definition.schedule),
      targets: [new LambdaFunction(fn.function, { deadLetterQueue: failures, retryAttempts: 2 })],
    });
    this.jobFailures[definition.id] = failures;
  }

  private methodAuth(route: RouteDefinition): MethodOptions {
    switch (route.auth.kind) {
      case 'public':
        return { authorizationType: AuthorizationType.NONE, apiKeyRequired: false };
      case 'api-key':
        return { authorizationType: AuthorizationType.NONE, apiKeyRequired: true };
      case 'staff':
        // The authorizer checks the ID token; the handler checks the route's roles against its groups.
        this.staffAuthorizer ??= new CognitoUserPoolsAuthorizer(this, 'StaffAuthorizer', {
          authorizerName: 'staff-id-token',
          cognitoUserPools: [this.props.staffUserPool],
          identitySource: IdentitySource.header('Authorization'),
          resultsCacheTtl: Duration.minutes(5),
        });
        return { authorizationType: AuthorizationType.COGNITO, authorizer: this.staffAuthorizer };
    }
  }

  private grantAccess(fn: PlatformFunction, access: RouteAccess): void {
    if (access.table) fn.bindTable(this.props.table, access.table);
    for (const key of ['datasetsBucket', 'recordsBucket'] as const) {
      const grant = access[key];
      if (grant) fn.bindBucket(this.props[key], BUCKET_ENV[key], grant);
    }
    const { stage } = this.props;
    if (access.email === 'SEND') {
      fn.bindEmail({
        from: stage.emailFrom,
        identity: stage.emailIdentity,
        configurationSet: stage.emailConfigurationSet,
      });
    }
    if (access.apiKeys === 'MANAGE') {
      fn.bindApiKeys({
        usagePlans: Object.values(this.usagePlans),
        usagePlanNamePrefix: usagePlanNamePrefix(stage.stageName),
      });
    }
  }

  private addAlarms(): void {
    const alarm = (id: string, metric: IMetric, threshold: number, description: string) =>
      new Alarm(this, id, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
    const fiveMinutes = { period: Duration.minutes(5), statistic: 'Sum' };

    alarm(
      'Api5xxAlarm',
      this.api.metricServerError(fiveMinutes),
      5,
      'API answered 5 or more 5XX errors in 5 minutes.',
    );
    for (const [operationId, fn] of Object.entries(this.functions)) {
      const name = pascal(operationId);
      alarm(
        `${name}ErrorsAlarm`,
        fn.function.metricErrors(fiveMinutes),
        3,
        `${operationId}: 3 or more errors in 5 minutes.`,
      );
      alarm(
        `${name}ThrottlesAlarm`,
        fn.function.metricThrottles(fiveMinutes),
        1,
        `${operationId}: Lambda throttled.`,
      );
    }
    // Event handlers run rarely and each run matters (a failed ingestion is a stuck upload): any error alarms.
    for (const [id, fn] of Object.entries(this.eventFunctions)) {
      const name = pascal(id);
      alarm(`${name}ErrorsAlarm`, fn.function.metricErrors(fiveMinutes), 1, `${id}: a run failed.`);
      alarm(`${name}ThrottlesAlarm`, fn.function.metricThrottles(fiveMinutes), 1, `${id}: Lambda throttled.`);
    }
    for (const [id, fn] of Object.entries(this.jobFunctions)) {
      const name = pascal(id);
      alarm(`${name}ErrorsAlarm`, fn.function.metricErrors(fiveMinutes), 1, `${id}: a scheduled run failed.`);
      alarm(
        `${name}FailuresAlarm`,
        this.jobFailures[id]!.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(5),
          statistic: 'Maximum',
        }),
        1,
        `${id}: a scheduled run failed after its retries; the message holds the event.`,
      );
    }
    for (const [id, trigger] of Object.entries(this.eventTriggers)) {
      alarm(
        `${pascal(id)}FailuresAlarm`,
        trigger.failures.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(5),
          statistic: 'Maximum',
        }),
        1,
        `${id}: events in its failure queue (a run crashed or could not be delivered); the message holds the event and the error.`,
      );
    }
  }
}
