import { Stack } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import type { Method } from 'aws-cdk-lib/aws-apigateway';
import { GATEWAY_ERRORS, gatewayErrorBody, type GatewayErrorType } from '../../lambdas/api/gateway-responses';
import { EVENT_HANDLER_LIST, SCHEDULED_JOB_LIST } from '../../lambdas/api/events';
import { ROUTE_LIST } from '../../lambdas/api/routes';
import type { RouteDefinition } from '../../lambdas/api/route-types';
import { USAGE_TIER_NAMES, USAGE_TIERS } from '../../lambdas/shared/usage-tiers';
import { RATE_LIMIT_RULE } from '../../lib/constructs/api-firewall';
import { gatewayErrorTemplate } from '../../lib/constructs/gateway-errors';
import { routeGroups } from '../../lib/route-groups';
import { logicalId, resources, synthPlatform, type PlatformTemplates } from './support/platform-app';

const ROUTE_GROUPS = routeGroups(ROUTE_LIST);
/** The handler modules of the route table: one Lambda each. */
const HANDLERS = [...new Set(ROUTE_LIST.map((r) => r.handler))];

let dev: PlatformTemplates;
let prod: PlatformTemplates;

// Template.fromStack refuses a template with a dependency cycle, such as API key grants naming the
// usage plans in a function's default policy (plan → stage → deployment → method → function → policy).
beforeAll(() => {
  dev = synthPlatform({ stage: 'dev' });
  prod = synthPlatform({ stage: 'prod' });
});

type Statement = {
  Action: string | string[];
  Resource: unknown;
  Effect: string;
  Condition?: Record<string, unknown>;
};

function methodConstructOf(p: PlatformTemplates, route: RouteDefinition): Method {
  const method = p.stateless.api.methods.find(
    (m: Method) => m.resource.path === route.path && m.httpMethod === route.method,
  );
  if (!method) throw new Error(`No API Gateway method for ${route.method} ${route.path}`);
  return method;
}

function methodOf(p: PlatformTemplates, route: RouteDefinition): Record<string, unknown> {
  return p.propsOf(methodConstructOf(p, route)) ?? {};
}

function functionOf(p: PlatformTemplates, route: RouteDefinition) {
  const fn = p.stateless.functions[route.operationId];
  if (!fn) throw new Error(`No function for ${route.operationId}`);
  return fn;
}

/**
 * Every statement of every IAM policy, in any stack of the stateless side, attached to the role
 * of a route's Lambda (the API-key policies sit in the parent, the role in a nested stack).
 */
function statementsOf(p: PlatformTemplates, route: RouteDefinition): Statement[] {
  const role = functionOf(p, route).role;
  return p
    .statelessResources('AWS::IAM::Policy')
    .filter(({ stack, resource }) =>
      (resource.Properties?.Roles as unknown[]).some((value) => p.refersTo(stack, value, role)),
    )
    .flatMap(({ resource }) => (resource.Properties?.PolicyDocument as { Statement: Statement[] }).Statement);
}

const actionsOf = (statements: Statement[]) =>
  statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

/** A resolved ARN as text: Fn::Join flattened, `{ Ref: X }` → `${X}`. */
function arnText(value: unknown): string {
  if (typeof value === 'string') return value;
  const node = value as Record<string, unknown>;
  if (Array.isArray(node['Fn::Join'])) {
    const [delimiter, parts] = node['Fn::Join'] as [string, unknown[]];
    return parts.map(arnText).join(delimiter);
  }
  if (typeof node.Ref === 'string') return `\${${node.Ref}}`;
  throw new Error(`Not an ARN: ${JSON.stringify(value)}`);
}

/** `ACTION PATH` for each API Gateway action and resource of the statements (the ARN prefix checked). */
function apiGatewayGrants(statements: Statement[]): string[] {
  return statements
    .filter((s) => actionsOf([s]).some((a) => a.startsWith('apigateway:')))
    .flatMap((s) =>
      actionsOf([s]).flatMap((action) =>
        [s.Resource].flat().map((resource) => {
          const match =
            /^arn:\$\{AWS::Partition\}:apigateway:(?:\$\{AWS::Region\}|[a-z]{2}-[a-z]+-\d)::(\/.*)$/.exec(
              arnText(resource),
            );
          if (!match) throw new Error(`Not an API Gateway control-plane ARN: ${arnText(resource)}`);
          return `${action} ${match[1]}`;
        }),
      ),
    )
    .sort();
}

/** The names of the usage plans in the template, by logical id. */
function usagePlanNames(p: PlatformTemplates): Record<string, string> {
  return Object.fromEntries(
    Object.entries(resources(p.statelessTemplate))
      .filter(([, r]) => r.Type === 'AWS::ApiGateway::UsagePlan')
      .map(([id, r]) => [id, r.Properties?.UsagePlanName as string]),
  );
}

function envOf(p: PlatformTemplates, route: RouteDefinition): Record<string, unknown> {
  const fn = functionOf(p, route).function;
  return p.propsOf<{ Environment: { Variables: Record<string, unknown> } }>(fn).Environment.Variables;
}

const countOf = (p: PlatformTemplates, type: string) => p.statelessResources(type).length;

describe('usage plans', () => {
  it('has exactly one usage plan per tier, with its throttle and quota, on the API stage', () => {
    const tiers = Object.values(USAGE_TIERS);
    dev.statelessTemplate.resourceCountIs('AWS::ApiGateway::UsagePlan', tiers.length);
    for (const tier of tiers) {
      dev.statelessTemplate.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
        UsagePlanName: `open-records-dev-${tier.name}`,
        Throttle: { RateLimit: tier.rateLimit, BurstLimit: tier.burstLimit },
        Quota: { Limit: tier.quota.limit, Period: tier.quota.period },
        ApiStages: [
          {
            ApiId: { Ref: logicalId(dev.stateless.api) },
            Stage: { Ref: logicalId(dev.stateless.api.deploymentStage) },
          },
        ],
      });
    }
  });

  it('creates no API keys: they are made when an application is approved', () => {
    dev.statelessTemplate.resourceCountIs('AWS::ApiGateway::ApiKey', 0);
    dev.statelessTemplate.resourceCountIs('AWS::ApiGateway::UsagePlanKey', 0);
  });
});

describe('routes', () => {
  it('has one Lambda per handler module (a page area and its paths share one), event handler and job, and one method per route', () => {
    expect(countOf(dev, 'AWS::Lambda::Function')).toBe(
      HANDLERS.length + EVENT_HANDLER_LIST.length + SCHEDULED_JOB_LIST.length,
    );
    expect(countOf(dev, 'AWS::ApiGateway::Method')).toBe(ROUTE_LIST.length);
    for (const handler of HANDLERS) {
      const routes = ROUTE_LIST.filter((r) => r.handler === handler);
      expect(new Set(routes.map((r) => functionOf(dev, r)))).toEqual(new Set([functionOf(dev, routes[0]!)]));
    }
    // The records area of the admin UI: its path, its {proxy+} and its CSV export, one warm function.
    expect(ROUTE_LIST.filter((r) => r.handler === 'admin-ui/records')).toHaveLength(3);
  });

  it.each(ROUTE_GROUPS.map((g) => [g.name, g] as const))(
    '%s: the Lambdas of its routes (and their permissions) are in its own nested stack, the methods in the API',
    (name, group) => {
      const stack = dev.stateless.routeStacks[name];
      if (!stack) throw new Error(`No nested stack for route group ${name}`);
      const template = dev.templateOf(stack);
      template.resourceCountIs('AWS::Lambda::Function', new Set(group.routes.map((r) => r.handler)).size);
      template.resourceCountIs('AWS::Lambda::Permission', group.routes.length);
      template.resourceCountIs('AWS::ApiGateway::Method', 0);
      for (const route of group.routes) {
        expect(Stack.of(functionOf(dev, route).function)).toBe(stack);
        // Methods never move between templates: API Gateway would refuse the new one while the old exists.
        expect(Stack.of(methodConstructOf(dev, route))).toBe(dev.stateless);
      }
    },
  );

  it.each(ROUTE_LIST.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s: method with the route auth and a proxy integration to its own Lambda',
    (_name, route) => {
      const methodConstruct = methodConstructOf(dev, route);
      const stack = Stack.of(methodConstruct);
      const method = methodOf(dev, route);
      const expected = {
        public: { AuthorizationType: 'NONE', ApiKeyRequired: false },
        'api-key': { AuthorizationType: 'NONE', ApiKeyRequired: true },
        staff: { AuthorizationType: 'COGNITO_USER_POOLS' },
      }[route.auth.kind];
      expect(method).toMatchObject(expected);
      const authorizer = dev.stateless.node.tryFindChild('StaffAuthorizer');
      if (route.auth.kind === 'staff') {
        expect(authorizer && dev.refersTo(stack, method.AuthorizerId, authorizer)).toBe(true);
      } else {
        expect(method.AuthorizerId).toBeUndefined();
      }
      expect(method.RequestValidatorId).toBeDefined();
      const integration = method.Integration as {
        Type: string;
        IntegrationHttpMethod: string;
        Uri: { 'Fn::Join': [string, unknown[]] };
      };
      expect(integration.Type).toBe('AWS_PROXY');
      expect(integration.IntegrationHttpMethod).toBe('POST');
      // …/functions/<the route's Lambda's ARN, an output of its nested stack>/invocations
      const fn = functionOf(dev, route).function;
      const arns = integration.Uri['Fn::Join'][1]
        .map((part) => dev.resolve(stack, part))
        .filter(({ value }) => JSON.stringify(value).includes('"Fn::GetAtt"'));
      expect(arns).toEqual([{ stack: Stack.of(fn), value: { 'Fn::GetAtt': [logicalId(fn), 'Arn'] } }]);
      expect(integration.Uri['Fn::Join'][1].at(-1)).toBe('/invocations');
    },
  );

  it.each(ROUTE_LIST.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s: API Gateway may invoke its Lambda for this method on this stage only',
    (_name, route) => {
      const fn = functionOf(dev, route).function;
      const stack = Stack.of(fn);
      const permissions = Object.values(resources(dev.templateOf(fn))).filter(
        (r) =>
          r.Type === 'AWS::Lambda::Permission' &&
          JSON.stringify(r.Properties?.FunctionName) ===
            JSON.stringify({ 'Fn::GetAtt': [logicalId(fn), 'Arn'] }),
      );
      // One permission per route of the function's handler, each for its own method and path.
      expect(permissions).toHaveLength(ROUTE_LIST.filter((r) => r.handler === route.handler).length);
      // `{name}` and a greedy `{proxy+}` are one `*`; so is the method of an ANY route (pages).
      const path = route.path.replace(/\{\w+\+?\}/g, '*');
      const method = route.method === 'ANY' ? '*' : route.method;
      const granted = permissions.map((permission) => {
        const props = permission.Properties as {
          Principal: string;
          SourceArn: { 'Fn::Join': [string, unknown[]] };
        };
        expect(props.Principal).toBe('apigateway.amazonaws.com');
        const parts = props.SourceArn['Fn::Join'][1];
        const apiIndex = parts.findIndex((part) => dev.refersTo(stack, part, dev.stateless.api));
        expect(apiIndex).toBeGreaterThan(0);
        return parts.slice(apiIndex + 1).join('');
      });
      expect(granted).toContain(`/${dev.stage.stageName}/${method}${path}`);
    },
  );

  it('checks staff ID tokens with a Cognito authorizer on the staff user pool', () => {
    dev.statelessTemplate.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'COGNITO_USER_POOLS',
      IdentitySource: 'method.request.header.Authorization',
      ProviderARNs: [{ 'Fn::ImportValue': Match.stringLikeRegexp('StaffUserPool') }],
    });
  });

  it('validates requests (parameters and bodies)', () => {
    dev.statelessTemplate.hasResourceProperties('AWS::ApiGateway::RequestValidator', {
      ValidateRequestBody: true,
      ValidateRequestParameters: true,
    });
  });
});

describe('least privilege', () => {
  const WRITE_ACTIONS = /^(dynamodb:(Put|Update|Delete|BatchWrite)|s3:(Put|Delete|Abort))/;

  it.each(ROUTE_LIST.map((r) => [r.operationId, r] as const))(
    '%s: its role grants exactly route.access',
    (_id, route) => {
      const statements = statementsOf(dev, route);
      const actions = actionsOf(statements);
      const env = envOf(dev, route);

      if (!route.access.table) {
        expect(actions.filter((a) => a.startsWith('dynamodb:'))).toEqual([]);
        expect(env.TABLE_NAME).toBeUndefined();
      } else {
        expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
        expect(env.TABLE_NAME).toBeDefined();
      }
      if (
        route.access.table !== 'RW' &&
        route.access.datasetsBucket !== 'RW' &&
        route.access.recordsBucket !== 'RW'
      ) {
        expect(actions.filter((a) => WRITE_ACTIONS.test(a))).toEqual([]);
      }
      if (!route.access.datasetsBucket && !route.access.recordsBucket) {
        expect(actions.filter((a) => a.startsWith('s3:'))).toEqual([]);
      }
      expect(env.DATASETS_BUCKET !== undefined).toBe(route.access.datasetsBucket !== undefined);
      expect(env.RECORDS_BUCKET !== undefined).toBe(route.access.recordsBucket !== undefined);
      for (const statement of statements) {
        // Nothing but tracing may use "*".
        if (statement.Resource === '*')
          expect(statement.Action).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
      }
    },
  );

  const STAGES = [
    ['dev', () => dev],
    ['prod', () => prod],
  ] as const;
  const perStage = ROUTE_LIST.flatMap((route) =>
    STAGES.map(([name, get]) => [`${name} ${route.operationId}`, get, route] as const),
  );

  it.each(perStage)(
    '%s: may send e-mail (SES, as the stage sender only) exactly when its access says so',
    (_name, get, route) => {
      const p = get();
      const ses = statementsOf(p, route).filter((s) => actionsOf([s]).some((a) => a.startsWith('ses:')));
      const env = envOf(p, route);
      const emailEnv = Object.keys(env).filter((name) => name.startsWith('EMAIL_'));
      if (route.access.email !== 'SEND') {
        expect(ses).toEqual([]);
        expect(emailEnv).toEqual([]);
        return;
      }
      expect(ses).toHaveLength(1);
      const [statement] = ses as [Statement];
      expect(statement).toMatchObject({
        Effect: 'Allow',
        Action: 'ses:SendEmail',
        Condition: { StringEquals: { 'ses:FromAddress': p.stage.emailFrom } },
      });
      // The stages name no configuration set: the identity is the one resource.
      expect(p.stage.emailConfigurationSet).toBeUndefined();
      const identity = p.stage.emailIdentity.replace(/[.]/g, '\\.');
      expect(arnText(statement.Resource)).toMatch(
        new RegExp(
          `^arn:\\$\\{AWS::Partition\\}:ses:(\\$\\{AWS::Region\\}|[a-z]{2}-[a-z]+-\\d):(\\$\\{AWS::AccountId\\}|\\d{12}):identity/${identity}$`,
        ),
      );
      expect(env).toMatchObject({ EMAIL_TRANSPORT: 'ses', EMAIL_FROM: p.stage.emailFrom });
      expect(emailEnv.sort()).toEqual(['EMAIL_FROM', 'EMAIL_TRANSPORT']);
    },
  );

  it.each(perStage)(
    "%s: may manage API keys on this stage's usage plans exactly when its access says so",
    (_name, get, route) => {
      const p = get();
      const grants = apiGatewayGrants(statementsOf(p, route));
      const env = envOf(p, route);
      if (route.access.apiKeys !== 'MANAGE') {
        expect(grants).toEqual([]);
        expect(env.USAGE_PLAN_NAME_PREFIX).toBeUndefined();
        return;
      }
      const plans = Object.keys(usagePlanNames(p));
      expect(plans).toHaveLength(USAGE_TIER_NAMES.length);
      expect(grants).toEqual(
        [
          'apigateway:GET /usageplans',
          'apigateway:POST /apikeys',
          'apigateway:PATCH /apikeys/*',
          'apigateway:DELETE /apikeys/*',
          ...plans.flatMap((plan) => [
            `apigateway:POST /usageplans/\${${plan}}/keys`,
            `apigateway:DELETE /usageplans/\${${plan}}/keys/*`,
          ]),
        ].sort(),
      );
    },
  );

  it.each(STAGES)(
    '%s: USAGE_PLAN_NAME_PREFIX plus a tier is the name of a real usage plan, for every tier',
    (_name, get) => {
      const p = get();
      const managers = ROUTE_LIST.filter((route) => route.access.apiKeys === 'MANAGE');
      expect(managers.length).toBeGreaterThan(0);
      const names = Object.values(usagePlanNames(p)).sort();
      for (const route of managers) {
        const prefix = envOf(p, route).USAGE_PLAN_NAME_PREFIX;
        expect(typeof prefix).toBe('string');
        expect(names).toEqual(USAGE_TIER_NAMES.map((tier) => `${String(prefix)}${tier}`).sort());
      }
    },
  );

  it('grants SES and API Gateway access to no other role (event handlers and jobs included)', () => {
    // Each role as `<stack path> <logical id>`, wherever the policy naming it is.
    const rolesWith = (prefix: string) =>
      dev
        .statelessResources('AWS::IAM::Policy')
        .filter(({ resource }) =>
          actionsOf((resource.Properties?.PolicyDocument as { Statement: Statement[] }).Statement).some((a) =>
            a.startsWith(prefix),
          ),
        )
        .flatMap(({ stack, resource }) =>
          (resource.Properties?.Roles as unknown[]).map((value) => {
            const role = dev.resolve(stack, value);
            return `${role.stack.node.path} ${(role.value as { Ref: string }).Ref}`;
          }),
        )
        .sort();
    const rolesOf = (test: (definition: { access: RouteDefinition['access'] }) => boolean) =>
      [
        // Routes that share a handler share one function and so one role.
        ...new Set(ROUTE_LIST.filter(test).map((route) => functionOf(dev, route).role)),
        ...EVENT_HANDLER_LIST.filter(test).map((d) => dev.stateless.eventFunctions[d.id]!.role),
        ...SCHEDULED_JOB_LIST.filter(test).map((d) => dev.stateless.jobFunctions[d.id]!.role),
      ]
        .map((role) => `${Stack.of(role).node.path} ${logicalId(role)}`)
        .sort();
    expect(rolesWith('ses:')).toEqual(rolesOf((d) => d.access.email === 'SEND'));
    expect([...new Set(rolesWith('apigateway:'))]).toEqual(rolesOf((d) => d.access.apiKeys === 'MANAGE'));
  });

  it('uses no AWS managed policies on Lambda roles', () => {
    const roles = dev.statelessResources('AWS::IAM::Role');
    expect(roles.length).toBeGreaterThanOrEqual(HANDLERS.length);
    for (const { resource } of roles) expect(resource.Properties?.ManagedPolicyArns).toBeUndefined();
  });
});

describe('Lambda functions', () => {
  it('run on arm64 with Node.js 22 or newer, traced, logging JSON into their own log group', () => {
    const functions = dev.statelessResources('AWS::Lambda::Function');
    expect(functions).toHaveLength(HANDLERS.length + EVENT_HANDLER_LIST.length + SCHEDULED_JOB_LIST.length);
    for (const { stack, resource } of functions) {
      const props = resource.Properties as Record<string, unknown> & {
        Runtime: string;
        LoggingConfig: { LogGroup: { Ref: string } };
      };
      expect(props.Architectures).toEqual(['arm64']);
      expect(Number(/^nodejs(\d+)\.x$/.exec(props.Runtime)?.[1])).toBeGreaterThanOrEqual(22);
      expect(props.TracingConfig).toEqual({ Mode: 'Active' });
      expect(props.LoggingConfig).toMatchObject({ LogFormat: 'JSON', LogGroup: { Ref: expect.any(String) } });
      // The log group is in the function's own template.
      expect(dev.statelessResources('AWS::Logs::LogGroup')).toContainEqual(
        expect.objectContaining({ stack, logicalId: props.LoggingConfig.LogGroup.Ref }),
      );
    }
  });

  it('get Powertools settings and the staff token issuer and audience', () => {
    for (const route of ROUTE_LIST) {
      expect(envOf(prod, route)).toMatchObject({
        POWERTOOLS_SERVICE_NAME: expect.any(String),
        POWERTOOLS_LOG_LEVEL: 'INFO',
        STAFF_TOKEN_ISSUER: {
          'Fn::Join': [
            '',
            ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', expect.anything()],
          ],
        },
        STAFF_TOKEN_AUDIENCE: { 'Fn::ImportValue': expect.stringMatching(/AdminUiClient/) },
      });
    }
  });

  it('give the admin UI pages the hosted sign-in, their origin and the CSRF key (resolved at deployment), and no other route', () => {
    const pages = ROUTE_LIST.filter((r) => r.kind === 'page');
    expect(pages.length).toBeGreaterThan(0);
    for (const route of ROUTE_LIST) {
      const env = envOf(prod, route);
      if (route.kind !== 'page') {
        expect(env.ADMIN_UI_CSRF_SECRET).toBeUndefined();
        expect(env.STAFF_SIGN_IN_URL).toBeUndefined();
        continue;
      }
      expect(env.ADMIN_UI_ORIGIN).toBe(prod.stage.adminUiOrigin);
      expect(JSON.stringify(env.STAFF_SIGN_IN_URL)).toContain('.amazoncognito.com');
      // A dynamic reference: the template holds the secret's id, CloudFormation puts the value in at deployment.
      const secret = JSON.stringify(env.ADMIN_UI_CSRF_SECRET);
      expect(secret).toContain('{{resolve:secretsmanager:');
      expect(secret).toContain(':SecretString:::}}');
    }
    prod.statelessTemplate.resourceCountIs('AWS::SecretsManager::Secret', 1);
  });

  it('leave API_KEY_STATUS_CACHE_MS unset: the code default (10 s) applies in AWS', () => {
    for (const p of [dev, prod]) {
      for (const { resource } of p.statelessResources('AWS::Lambda::Function')) {
        const env = (resource.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)
          ?.Variables;
        expect(env?.API_KEY_STATUS_CACHE_MS).toBeUndefined();
      }
    }
  });

  it('keep logs for the stage retention, and keep prod logs after stack deletion', () => {
    for (const [p, days, policy] of [
      [dev, 14, 'Delete'],
      [prod, 365, 'Retain'],
    ] as const) {
      const groups = p.statelessResources('AWS::Logs::LogGroup');
      // One per function, and the API's access log.
      expect(groups).toHaveLength(countOf(p, 'AWS::Lambda::Function') + 1);
      for (const { resource } of groups) {
        expect(resource).toMatchObject({ Properties: { RetentionInDays: days }, DeletionPolicy: policy });
      }
    }
  });

  it('have an errors alarm per route Lambda, in its nested stack, and the API a 5XX alarm', () => {
    // Event handlers: errors, throttles and their failure queue (test/cdk/event-handlers.test.ts);
    // jobs: errors and their dead-letter queue (test/cdk/scheduled-jobs.test.ts).
    expect(countOf(dev, 'AWS::CloudWatch::Alarm')).toBe(
      2 + HANDLERS.length + 3 * EVENT_HANDLER_LIST.length + 2 * SCHEDULED_JOB_LIST.length,
    );
    dev.statelessTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: '5XXError' });
    for (const route of ROUTE_LIST) {
      const fn = functionOf(dev, route).function;
      dev.templateOf(fn).hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(fn) } }],
        Statistic: 'Sum',
        Threshold: 3,
      });
    }
  });

  it('share one regional throttles alarm: the routes draw on one concurrency pool', () => {
    const throttles = dev
      .statelessResources('AWS::CloudWatch::Alarm')
      .filter(({ resource }) => resource.Properties?.MetricName === 'Throttles');
    // The regional one, plus one per event handler (test/cdk/event-handlers.test.ts).
    expect(throttles).toHaveLength(1 + EVENT_HANDLER_LIST.length);
    dev.statelessTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'Throttles',
      Dimensions: Match.absent(),
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    // No route function reserves concurrency (else it would need its own alarm).
    for (const route of ROUTE_LIST) {
      expect(dev.propsOf(functionOf(dev, route).function).ReservedConcurrentExecutions).toBeUndefined();
    }
  });
});

describe('API deployment', () => {
  const deploymentOf = (template: Template) => {
    const entries = Object.entries(resources(template)).filter(
      ([, r]) => r.Type === 'AWS::ApiGateway::Deployment',
    );
    expect(entries).toHaveLength(1);
    return { logicalId: entries[0]![0], resource: entries[0]![1] };
  };

  it('waits for every method (and so for the nested stacks of their Lambdas)', () => {
    const { resource } = deploymentOf(dev.statelessTemplate);
    for (const route of ROUTE_LIST) {
      expect(resource.DependsOn).toContain(logicalId(methodConstructOf(dev, route)));
    }
  });

  it('is replaced (API Gateway redeploys the stage) when a method changes, and only then', () => {
    // The deployment hashes the methods into its logical id; their Lambdas are in the nested stacks.
    const withRoute = (operationId: string, change: (route: RouteDefinition) => RouteDefinition) =>
      deploymentOf(
        synthPlatform({
          routeGroups: ROUTE_GROUPS.map((group) => ({
            ...group,
            routes: group.routes.map((r) => (r.operationId === operationId ? change(r) : r)),
          })),
        }).statelessTemplate,
      ).logicalId;
    const current = deploymentOf(dev.statelessTemplate).logicalId;
    const publicRoute = ROUTE_LIST.find((r) => r.auth.kind === 'public')!;
    expect(withRoute(publicRoute.operationId, (r) => r)).toBe(current);
    expect(withRoute(publicRoute.operationId, (r) => ({ ...r, auth: { kind: 'api-key' } }))).not.toBe(
      current,
    );
    // A change to the Lambda alone (its description, its grants) needs no new deployment.
    expect(
      withRoute(publicRoute.operationId, (r) => ({
        ...r,
        summary: `${r.summary}!`,
        access: { table: 'RW' },
      })),
    ).toBe(current);
  });
});

describe('gateway responses', () => {
  const entries = Object.entries(GATEWAY_ERRORS) as [
    GatewayErrorType,
    (typeof GATEWAY_ERRORS)[GatewayErrorType],
  ][];

  it('has one gateway response per GATEWAY_ERRORS entry', () => {
    dev.statelessTemplate.resourceCountIs('AWS::ApiGateway::GatewayResponse', entries.length);
  });

  it.each(entries)('%s: status, headers and a JSON body in the platform error shape', (type, error) => {
    const responses = Object.values(resources(dev.statelessTemplate)).filter(
      (r) => r.Type === 'AWS::ApiGateway::GatewayResponse' && r.Properties?.ResponseType === type,
    );
    expect(responses).toHaveLength(1);
    const props = responses[0]?.Properties as {
      StatusCode: string;
      ResponseParameters: Record<string, string>;
      ResponseTemplates: Record<string, string>;
    };
    expect(props.StatusCode).toBe(String(error.statusCode));
    for (const [name, value] of Object.entries(('headers' in error ? error.headers : undefined) ?? {})) {
      expect(props.ResponseParameters[`gatewayresponse.header.${name}`]).toBe(`'${value}'`);
    }
    const body = props.ResponseTemplates['application/json']?.replaceAll('$context.requestId', 'req-7f3a');
    expect(JSON.parse(body ?? '')).toEqual(JSON.parse(gatewayErrorBody(type, 'req-7f3a')));
  });

  it('keeps messages inert in VTL: quotes, backslashes, $ and # survive', () => {
    const message = 'Send "Bearer <token>" \\ pay $5 for #1 ## not a comment';
    const template = gatewayErrorTemplate({ code: 'BAD_REQUEST', message });
    expect(template.replace('$context.requestId', '')).not.toMatch(/[$#]/);
    expect(JSON.parse(template.replace('$context.requestId', 'r1'))).toEqual({
      error: { code: 'BAD_REQUEST', message, requestId: 'r1' },
    });
  });
});

describe('API stage', () => {
  const stageProps = (p: PlatformTemplates) =>
    resources(p.statelessTemplate)[logicalId(p.stateless.api.deploymentStage)]?.Properties as Record<
      string,
      unknown
    > & {
      AccessLogSetting: { Format: string; DestinationArn: unknown };
      MethodSettings: Record<string, unknown>[];
    };

  it('is a regional REST API reading keys from the x-api-key header', () => {
    dev.statelessTemplate.hasResourceProperties('AWS::ApiGateway::RestApi', {
      ApiKeySourceType: 'HEADER',
      EndpointConfiguration: { Types: ['REGIONAL'] },
    });
  });

  it('writes one JSON access-log line per request, traced, with metrics and no data trace', () => {
    const stage = stageProps(dev);
    const line = stage.AccessLogSetting.Format.replaceAll(
      '$context.error.messageString',
      JSON.stringify('Missing "x" header'),
    ).replace(/\$context\.[\w.]+/g, 'v');
    expect(JSON.parse(line)).toMatchObject({
      requestId: 'v',
      status: 'v',
      apiKeyId: 'v',
      error: 'Missing "x" header',
    });
    expect(stage.AccessLogSetting.Format).not.toContain('$context.identity.apiKey"');
    expect(stage.TracingEnabled).toBe(true);
    expect(stage.MethodSettings).toEqual([
      expect.objectContaining({
        HttpMethod: '*',
        ResourcePath: '/*',
        DataTraceEnabled: false,
        MetricsEnabled: true,
      }),
    ]);
  });
});

describe('firewall', () => {
  it.each(['dev', 'prod'] as const)(
    '%s: a regional web ACL with the per-IP rate rule and AWS common rules',
    (name) => {
      const p = name === 'dev' ? dev : prod;
      p.statelessTemplate.hasResourceProperties('AWS::WAFv2::WebACL', {
        Scope: 'REGIONAL',
        DefaultAction: { Allow: {} },
        Rules: Match.arrayWith([
          Match.objectLike({
            Name: RATE_LIMIT_RULE,
            Statement: {
              RateBasedStatement: {
                AggregateKeyType: 'IP',
                Limit: p.stage.wafRequestsPerIpPer5Min,
                EvaluationWindowSec: 300,
              },
            },
            Action: { Block: { CustomResponse: Match.objectLike({ ResponseCode: 429 }) } },
          }),
          Match.objectLike({
            Statement: {
              ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' },
            },
            OverrideAction: { None: {} },
          }),
        ]),
      });
    },
  );

  it('answers rate-limited clients with a 429 body in the platform error shape', () => {
    const acl = resources(dev.statelessTemplate)[logicalId(dev.stateless.firewall.webAcl)]?.Properties as {
      CustomResponseBodies: Record<string, { ContentType: string; Content: string }>;
      Rules: { Name: string; Action?: { Block?: { CustomResponse: { CustomResponseBodyKey: string } } } }[];
    };
    const key = acl.Rules.find((r) => r.Name === RATE_LIMIT_RULE)?.Action?.Block?.CustomResponse
      .CustomResponseBodyKey;
    const body = acl.CustomResponseBodies[key ?? ''];
    expect(body?.ContentType).toBe('APPLICATION_JSON');
    const parsed = JSON.parse(body?.Content ?? '');
    expect(Object.keys(parsed.error).sort()).toEqual(
      Object.keys(JSON.parse(gatewayErrorBody('THROTTLED', 'x')).error).sort(),
    );
    expect(parsed.error.code).toBe('THROTTLED');
  });

  it('is associated with the API stage', () => {
    dev.statelessTemplate.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      WebACLArn: { 'Fn::GetAtt': [logicalId(dev.stateless.firewall.webAcl), 'Arn'] },
      ResourceArn: {
        'Fn::Join': [
          '',
          Match.arrayWith([
            { Ref: logicalId(dev.stateless.api) },
            { Ref: logicalId(dev.stateless.api.deploymentStage) },
          ]),
        ],
      },
    });
  });
});
