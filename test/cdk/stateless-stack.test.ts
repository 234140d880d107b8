import { Match } from 'aws-cdk-lib/assertions';
import type { Method } from 'aws-cdk-lib/aws-apigateway';
import { GATEWAY_ERRORS, gatewayErrorBody, type GatewayErrorType } from '../../lambdas/api/gateway-responses';
import { EVENT_HANDLER_LIST } from '../../lambdas/api/events';
import { ROUTE_LIST } from '../../lambdas/api/routes';
import type { RouteDefinition } from '../../lambdas/api/route-types';
import { USAGE_TIER_NAMES, USAGE_TIERS } from '../../lambdas/shared/usage-tiers';
import { RATE_LIMIT_RULE } from '../../lib/constructs/api-firewall';
import { gatewayErrorTemplate } from '../../lib/constructs/gateway-errors';
import { logicalId, resources, synthPlatform, type PlatformTemplates } from './support/platform-app';

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

function methodOf(p: PlatformTemplates, route: RouteDefinition): Record<string, unknown> {
  const method = p.stateless.api.methods.find(
    (m: Method) => m.resource.path === route.path && m.httpMethod === route.method,
  );
  if (!method) throw new Error(`No API Gateway method for ${route.method} ${route.path}`);
  return resources(p.statelessTemplate)[logicalId(method)]?.Properties ?? {};
}

function functionOf(p: PlatformTemplates, route: RouteDefinition) {
  const fn = p.stateless.functions[route.operationId];
  if (!fn) throw new Error(`No function for ${route.operationId}`);
  return fn;
}

/** Every statement of every IAM policy attached to the role of a route's Lambda. */
function statementsOf(p: PlatformTemplates, route: RouteDefinition): Statement[] {
  const roleRef = { Ref: logicalId(functionOf(p, route).role) };
  return Object.values(resources(p.statelessTemplate))
    .filter(
      (r) =>
        r.Type === 'AWS::IAM::Policy' &&
        (r.Properties?.Roles as unknown[]).some((role) => JSON.stringify(role) === JSON.stringify(roleRef)),
    )
    .flatMap((r) => (r.Properties?.PolicyDocument as { Statement: Statement[] }).Statement);
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
  const props = resources(p.statelessTemplate)[logicalId(fn)]?.Properties as {
    Environment: { Variables: Record<string, unknown> };
  };
  return props.Environment.Variables;
}

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
  it('has one Lambda per route (plus one per event handler) and one method per route', () => {
    dev.statelessTemplate.resourceCountIs(
      'AWS::Lambda::Function',
      ROUTE_LIST.length + EVENT_HANDLER_LIST.length,
    );
    dev.statelessTemplate.resourceCountIs('AWS::ApiGateway::Method', ROUTE_LIST.length);
  });

  it.each(ROUTE_LIST.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s: method with the route auth and a proxy integration to its own Lambda',
    (_name, route) => {
      const method = methodOf(dev, route);
      const expected = {
        public: { AuthorizationType: 'NONE', ApiKeyRequired: false },
        'api-key': { AuthorizationType: 'NONE', ApiKeyRequired: true },
        staff: {
          AuthorizationType: 'COGNITO_USER_POOLS',
          AuthorizerId: { Ref: expect.stringMatching(/^StaffAuthorizer/) },
        },
      }[route.auth.kind];
      expect(method).toMatchObject(expected);
      expect(method.RequestValidatorId).toBeDefined();
      const integration = method.Integration as { Type: string; Uri: unknown };
      expect(integration.Type).toBe('AWS_PROXY');
      expect(JSON.stringify(integration.Uri)).toContain(logicalId(functionOf(dev, route).function));
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

  it('grants SES and API Gateway access to no other role (event handlers included)', () => {
    const rolesWith = (prefix: string) =>
      Object.values(resources(dev.statelessTemplate))
        .filter(
          (r) =>
            r.Type === 'AWS::IAM::Policy' &&
            actionsOf((r.Properties?.PolicyDocument as { Statement: Statement[] }).Statement).some((a) =>
              a.startsWith(prefix),
            ),
        )
        .flatMap((r) => (r.Properties?.Roles as { Ref: string }[]).map((role) => role.Ref))
        .sort();
    const rolesOf = (test: (route: RouteDefinition) => boolean) =>
      ROUTE_LIST.filter(test)
        .map((route) => logicalId(functionOf(dev, route).role))
        .sort();
    expect(rolesWith('ses:')).toEqual(rolesOf((route) => route.access.email === 'SEND'));
    expect([...new Set(rolesWith('apigateway:'))]).toEqual(
      rolesOf((route) => route.access.apiKeys === 'MANAGE'),
    );
  });

  it('uses no AWS managed policies on Lambda roles', () => {
    for (const role of Object.values(resources(dev.statelessTemplate)).filter(
      (r) => r.Type === 'AWS::IAM::Role',
    )) {
      expect(role.Properties?.ManagedPolicyArns).toBeUndefined();
    }
  });
});

describe('Lambda functions', () => {
  it('run on arm64 with Node.js 22 or newer, traced, logging JSON into their own log group', () => {
    const functions = Object.values(resources(dev.statelessTemplate)).filter(
      (r) => r.Type === 'AWS::Lambda::Function',
    );
    expect(functions).toHaveLength(ROUTE_LIST.length + EVENT_HANDLER_LIST.length);
    for (const fn of functions) {
      const props = fn.Properties as Record<string, unknown> & { Runtime: string };
      expect(props.Architectures).toEqual(['arm64']);
      expect(Number(/^nodejs(\d+)\.x$/.exec(props.Runtime)?.[1])).toBeGreaterThanOrEqual(22);
      expect(props.TracingConfig).toEqual({ Mode: 'Active' });
      expect(props.LoggingConfig).toMatchObject({ LogFormat: 'JSON', LogGroup: { Ref: expect.any(String) } });
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

  it('leave API_KEY_STATUS_CACHE_MS unset: the code default (10 s) applies in AWS', () => {
    for (const p of [dev, prod]) {
      for (const fn of Object.values(resources(p.statelessTemplate)).filter(
        (r) => r.Type === 'AWS::Lambda::Function',
      )) {
        const env = (fn.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)
          ?.Variables;
        expect(env?.API_KEY_STATUS_CACHE_MS).toBeUndefined();
      }
    }
  });

  it('keep logs for the stage retention, and keep prod logs after stack deletion', () => {
    dev.statelessTemplate.allResources('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: 14 },
      DeletionPolicy: 'Delete',
    });
    prod.statelessTemplate.allResources('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: 365 },
      DeletionPolicy: 'Retain',
    });
  });

  it('have error and throttle alarms, and the API a 5XX alarm', () => {
    // Event handlers: errors, throttles and their failure queue (test/cdk/event-handlers.test.ts).
    dev.statelessTemplate.resourceCountIs(
      'AWS::CloudWatch::Alarm',
      1 + 2 * ROUTE_LIST.length + 3 * EVENT_HANDLER_LIST.length,
    );
    dev.statelessTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: '5XXError' });
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
