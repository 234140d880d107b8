/**
 * The one way the platform makes a Lambda function: Node.js on Graviton,
 * bundled by local esbuild with the settings in lib/bundling.ts, structured
 * logs into its own log group, X-Ray tracing, and a role that starts empty and
 * gains only what `bindTable` / `bindBucket` / `bindEmail` / `bindApiKeys` grant.
 */
import * as path from 'node:path';
import { Duration, RemovalPolicy, Size, Stack, Validations } from 'aws-cdk-lib';
import type { IUsagePlan } from 'aws-cdk-lib/aws-apigateway';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ApplicationLogLevel, Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { Grant } from '../../lambdas/api/route-types';
import { PLATFORM_TABLE } from '../../lambdas/adapters/table-design';
import { LAMBDA_ESBUILD_OPTIONS } from '../bundling';
import { emailIdentityCovers } from '../config/stages';
import { acknowledgeWildcardResource } from './nag';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/** nodejs24.x: the newest runtime this CDK knows (cdk-nag L1); the esbuild target in lib/bundling.ts is the floor. */
export const PLATFORM_RUNTIME = Runtime.NODEJS_24_X;

const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
];
// No DeleteObject: the buckets are versioned and released records are kept; no route removes files.
const BUCKET_READ_ACTIONS = ['s3:GetObject'];
const BUCKET_WRITE_ACTIONS = ['s3:PutObject', 's3:AbortMultipartUpload'];

/** How a function sends e-mail through SES (see StageConfig for where the identity comes from). */
export interface EmailSending {
  /** The From address: the only one the function may send as. */
  from: string;
  /** The verified SES identity (address or domain) that covers `from`. */
  identity: string;
  configurationSet?: string | undefined;
}

/** The usage plans whose API keys a function manages. */
export interface ApiKeyManagement {
  usagePlans: readonly IUsagePlan[];
  /** Every plan is named this prefix and its tier; the function finds plans by it. */
  usagePlanNamePrefix: string;
  /**
   * Where the policy that names the plans is defined (as `<function id>ApiKeysPolicy`).
   * @default the function itself, as `ApiKeysPolicy`
   *
   * The stack of the usage plans, when the function is in a nested stack of it: the plans
   * hang off the API stage, the stage off the deployment, and the deployment waits for the
   * nested stack of the methods, so the nested stack cannot take the plan ids as parameters.
   */
  policyScope?: Construct;
}

export interface PlatformFunctionProps {
  /** Handler source, relative to the project root (see `handlerEntry`). */
  entry: string;
  description: string;
  /** Powertools service name. */
  serviceName: string;
  logLevel: 'DEBUG' | 'INFO' | 'WARN';
  logRetention: RetentionDays;
  logRemovalPolicy: RemovalPolicy;
  /** @default 512 MB: arm64 cold starts and SDK clients are noticeably faster than at 128 MB. */
  memorySize?: number;
  /** @default 10 s: well under API Gateway's 29 s integration limit. */
  timeout?: Duration;
  /** @default 512 MB, Lambda's free minimum: /tmp beyond that is for work files bigger than memory. */
  ephemeralStorageMb?: number;
  environment?: Record<string, string>;
}

export class PlatformFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: PlatformFunctionProps) {
    super(scope, id);

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });

    // An explicit role instead of AWSLambdaBasicExecutionRole: it may only write to its own log group.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      // IAM descriptions allow Latin-1 only; route summaries may use any character.
      description: `Runs ${props.description}`
        .replace(/[^\t\n\r\x20-\x7E\u00A1-\u00FF]/g, '-')
        .slice(0, 1000),
    });
    this.logGroup.grantWrite(this.role);

    const esbuild = LAMBDA_ESBUILD_OPTIONS;
    const moduleAliases: Record<string, string> = (esbuild as { alias?: Record<string, string> }).alias ?? {};
    this.function = new NodejsFunction(this, 'Function', {
      entry: path.join(PROJECT_ROOT, props.entry),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      runtime: PLATFORM_RUNTIME,
      architecture: Architecture.ARM_64,
      description: props.description.slice(0, 256),
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      ...(props.ephemeralStorageMb ? { ephemeralStorageSize: Size.mebibytes(props.ephemeralStorageMb) } : {}),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel[props.logLevel],
      tracing: Tracing.ACTIVE,
      environment: {
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_LOG_LEVEL: props.logLevel,
        ...props.environment,
      },
      bundling: {
        format: esbuild.format === 'esm' ? OutputFormat.ESM : OutputFormat.CJS,
        target: esbuild.target,
        mainFields: [...esbuild.mainFields],
        minify: esbuild.minify,
        keepNames: esbuild.keepNames,
        sourceMap: esbuild.sourcemap,
        banner: esbuild.banner.js,
        loader: { ...esbuild.loader },
        define: { ...esbuild.define },
        // The SDK is bundled and tree-shaken rather than taken from the runtime (see lib/bundling.ts).
        bundleAwsSDK: true,
        esbuildArgs: {
          '--legal-comments': esbuild.legalComments,
          // Relative alias targets resolve against the project root, where CDK runs esbuild.
          '--alias': Object.entries(moduleAliases).map(([from, to]) => `${from}=${to}`),
        },
        logLevel: LogLevel.WARNING,
        // esbuild is a local devDependency: never fall back to Docker.
        forceDockerBundling: false,
      },
    });

    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray PutTraceSegments/PutTelemetryRecords have no resource-level permissions; tracing needs "*".',
    });
  }

  /** Read (RO) or read-write (RW) access to the platform table and its indexes; sets TABLE_NAME. */
  bindTable(table: ITable, grant: Grant): this {
    const tableArn = this.localArn(table, table.tableArn);
    const indexArns = PLATFORM_TABLE.globalSecondaryIndexes.map(
      (index) => `${tableArn}/index/${index.indexName}`,
    );
    this.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: TABLE_READ_ACTIONS, resources: [tableArn, ...indexArns] }),
    );
    if (grant === 'RW') {
      this.role.addToPrincipalPolicy(
        new PolicyStatement({ actions: TABLE_WRITE_ACTIONS, resources: [tableArn] }),
      );
    }
    this.function.addEnvironment('TABLE_NAME', table.tableName);
    return this;
  }

  /** Read (RO) or read-write (RW) access to the objects of a bucket; sets `envName` to its name. */
  bindBucket(bucket: IBucket, envName: string, grant: Grant): this {
    const objects = `${this.localArn(bucket, bucket.bucketArn)}/*`;
    const actions = grant === 'RW' ? [...BUCKET_READ_ACTIONS, ...BUCKET_WRITE_ACTIONS] : BUCKET_READ_ACTIONS;
    this.role.addToPrincipalPolicy(new PolicyStatement({ actions, resources: [objects] }));
    acknowledgeWildcardResource(
      this.role,
      objects,
      'Object keys are chosen at run time (dataset and record ids); access is limited to this one bucket and to the listed object actions.',
    );
    this.function.addEnvironment(envName, bucket.bucketName);
    return this;
  }

  /**
   * `ses:SendEmail` (SES API v2) as `email.from` only, on its identity (and configuration
   * set); sets EMAIL_TRANSPORT=ses, EMAIL_FROM and EMAIL_CONFIGURATION_SET.
   */
  bindEmail(email: EmailSending): this {
    if (!emailIdentityCovers(email.identity, email.from)) {
      throw new Error(
        `E-mail sender ${email.from} is not covered by SES identity ${email.identity} (the address itself or its domain).`,
      );
    }
    const stack = Stack.of(this);
    const resources = [
      stack.formatArn({ service: 'ses', resource: 'identity', resourceName: email.identity }),
    ];
    if (email.configurationSet) {
      resources.push(
        stack.formatArn({
          service: 'ses',
          resource: 'configuration-set',
          resourceName: email.configurationSet,
        }),
      );
    }
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources,
        conditions: { StringEquals: { 'ses:FromAddress': email.from } },
      }),
    );
    this.function.addEnvironment('EMAIL_TRANSPORT', 'ses');
    this.function.addEnvironment('EMAIL_FROM', email.from);
    if (email.configurationSet)
      this.function.addEnvironment('EMAIL_CONFIGURATION_SET', email.configurationSet);
    return this;
  }

  /**
   * API Gateway control-plane access to create, enable/disable and delete API keys and to
   * put them on and take them off the given usage plans (found by name, hence GET on the
   * plan list); sets USAGE_PLAN_NAME_PREFIX.
   *
   * In its own IAM policy, not the role's default policy: the function depends on its role
   * (default policy included), its method on the function, the API deployment and stage on
   * the methods, and the usage plans on the stage, so naming the plan ids in the default
   * policy would close a dependency cycle. A separate policy names them safely (see
   * `policyScope` for a function in a nested stack).
   */
  bindApiKeys(keys: ApiKeyManagement): this {
    const scope = keys.policyScope ?? this;
    const stack = Stack.of(scope);
    const arn = (path: string) => `arn:${stack.partition}:apigateway:${stack.region}::${path}`;
    const keyArns = arn('/apikeys/*');
    const planKeyArns = keys.usagePlans.map((plan) => arn(`/usageplans/${plan.usagePlanId}/keys`));
    const planKeyItemArns = planKeyArns.map((planKeys) => `${planKeys}/*`);
    const policyId = scope === this ? 'ApiKeysPolicy' : `${this.node.id}ApiKeysPolicy`;
    const policy = new Policy(scope, policyId, {
      roles: [this.role],
      statements: [
        // GetUsagePlans: plan ids by name, looked up once per container.
        new PolicyStatement({ actions: ['apigateway:GET'], resources: [arn('/usageplans')] }),
        // CreateApiKey.
        new PolicyStatement({ actions: ['apigateway:POST'], resources: [arn('/apikeys')] }),
        // UpdateApiKey (enable/disable), DeleteApiKey.
        new PolicyStatement({ actions: ['apigateway:PATCH', 'apigateway:DELETE'], resources: [keyArns] }),
        // CreateUsagePlanKey on these plans only.
        new PolicyStatement({ actions: ['apigateway:POST'], resources: planKeyArns }),
        // DeleteUsagePlanKey on these plans only.
        new PolicyStatement({ actions: ['apigateway:DELETE'], resources: planKeyItemArns }),
      ],
    });
    acknowledgeWildcardResource(
      policy,
      keyArns,
      'API key ids are made by API Gateway when a key is created, so no ARN can name them in advance; only PATCH (enable/disable) and DELETE are allowed, and only keys of this account and Region exist under /apikeys.',
    );
    for (const planKeyItems of planKeyItemArns) {
      acknowledgeWildcardResource(
        policy,
        planKeyItems,
        "The wildcard is the API key id, made at run time; the usage plan is one of this stage's own plans, and only DELETE (take a key off the plan) is allowed.",
      );
    }
    this.function.addEnvironment('USAGE_PLAN_NAME_PREFIX', keys.usagePlanNamePrefix);
    return this;
  }

  /**
   * An ARN attribute of a resource from another stack arrives through that stack's
   * export; taking it explicitly here makes the policy and its cdk-nag
   * acknowledgement name the same import.
   */
  private localArn(resource: Construct | ITable | IBucket, arn: string): string {
    const producer = Stack.of(resource);
    return producer === Stack.of(this) ? arn : producer.exportValue(arn);
  }
}
