import { App, NestedStack, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { UsagePlan } from 'aws-cdk-lib/aws-apigateway';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { PLATFORM_TABLE } from '../../lambdas/adapters/table-design';
import { handlerEntry } from '../../lib/bundling';
import { PlatformFunction } from '../../lib/constructs/platform-function';
import { CDK_CONTEXT, logicalId, resources } from './support/platform-app';

type Statement = { Action: string | string[]; Resource: unknown; Condition?: unknown };

const EMAIL = {
  from: 'records@example.gov',
  identity: 'example.gov',
  configurationSet: 'platform-events',
};

/** One stack holding a table, a bucket, two usage plans and three functions: a reader, a writer, a mailer. */
function build() {
  const app = new App({
    context: { ...CDK_CONTEXT, 'aws:cdk:bundling-stacks': [] },
    builtinCloudFormationValidation: false,
    treeMetadata: false,
  });
  const stack = new Stack(app, 'FunctionTest');
  const table = new Table(stack, 'Table', {
    partitionKey: { name: 'pk', type: AttributeType.STRING },
    sortKey: { name: 'sk', type: AttributeType.STRING },
  });
  const bucket = new Bucket(stack, 'Files');
  const common = {
    entry: handlerEntry('openapi/get-openapi'),
    serviceName: 'open-records-test',
    logLevel: 'INFO' as const,
    logRetention: RetentionDays.ONE_WEEK,
    logRemovalPolicy: RemovalPolicy.DESTROY,
  };
  const reader = new PlatformFunction(stack, 'Reader', { ...common, description: 'reads' })
    .bindTable(table, 'RO')
    .bindBucket(bucket, 'DATASETS_BUCKET', 'RO');
  const writer = new PlatformFunction(stack, 'Writer', {
    ...common,
    description: 'writes',
    ephemeralStorageMb: 4096,
  })
    .bindTable(table, 'RW')
    .bindBucket(bucket, 'RECORDS_BUCKET', 'RW');
  const plans = ['basic', 'partner'].map(
    (tier) => new UsagePlan(stack, `Plan-${tier}`, { name: `p-${tier}` }),
  );
  const mailer = new PlatformFunction(stack, 'Mailer', { ...common, description: 'mails and manages keys' })
    .bindEmail(EMAIL)
    .bindApiKeys({ usagePlans: plans, usagePlanNamePrefix: 'p-' });
  return { app, stack, table, bucket, reader, writer, mailer, plans };
}

let built: ReturnType<typeof build>;
let template: Template;

beforeAll(() => {
  built = build();
  template = Template.fromStack(built.stack);
});

function statements(fn: PlatformFunction): Statement[] {
  const policy = fn.role.node.findChild('DefaultPolicy');
  return (resources(template)[logicalId(policy)]?.Properties?.PolicyDocument as { Statement: Statement[] })
    .Statement;
}
const actions = (fn: PlatformFunction) => statements(fn).flatMap((s) => [s.Action].flat());

describe('PlatformFunction', () => {
  it('RO table access reads the table and each named index, and nothing else', () => {
    const table = logicalId(built.table);
    const read = statements(built.reader).find((s) => [s.Action].flat().includes('dynamodb:Query'));
    expect([read?.Action].flat().sort()).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:GetItem',
      'dynamodb:Query',
    ]);
    expect(read?.Resource).toEqual([
      { 'Fn::GetAtt': [table, 'Arn'] },
      ...PLATFORM_TABLE.globalSecondaryIndexes.map((index) => ({
        'Fn::Join': ['', [{ 'Fn::GetAtt': [table, 'Arn'] }, `/index/${index.indexName}`]],
      })),
    ]);
    expect(
      actions(built.reader).filter((a) => /^(dynamodb|s3):(Put|Update|Delete|BatchWrite)/.test(a)),
    ).toEqual([]);
  });

  it('RW table access adds item writes on the table only', () => {
    const write = statements(built.writer).find((s) => [s.Action].flat().includes('dynamodb:PutItem'));
    expect(write?.Resource).toEqual({ 'Fn::GetAtt': [logicalId(built.table), 'Arn'] });
    expect(actions(built.writer)).toEqual(
      expect.arrayContaining(['dynamodb:UpdateItem', 'dynamodb:DeleteItem']),
    );
  });

  it('bucket access is per object action, never DeleteObject or wildcard actions', () => {
    expect(actions(built.reader).filter((a) => a.startsWith('s3:'))).toEqual(['s3:GetObject']);
    expect(
      actions(built.writer)
        .filter((a) => a.startsWith('s3:'))
        .sort(),
    ).toEqual(['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject']);
  });

  it('sets TABLE_NAME and the bucket variable it was given', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: {
          TABLE_NAME: { Ref: logicalId(built.table) },
          RECORDS_BUCKET: { Ref: logicalId(built.bucket) },
          POWERTOOLS_SERVICE_NAME: 'open-records-test',
          POWERTOOLS_LOG_LEVEL: 'INFO',
        },
      },
    });
  });

  it('gets more /tmp only when asked (Lambda default 512 MB otherwise)', () => {
    const fn = (f: PlatformFunction) => resources(template)[logicalId(f.function)]?.Properties;
    expect(fn(built.writer)?.EphemeralStorage).toEqual({ Size: 4096 });
    expect(fn(built.reader)?.EphemeralStorage).toBeUndefined();
  });

  it('may write logs only to its own log group', () => {
    const logs = statements(built.reader).find((s) => [s.Action].flat().some((a) => a.startsWith('logs:')));
    expect(logs).toEqual({
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Effect: 'Allow',
      Resource: { 'Fn::GetAtt': [logicalId(built.reader.logGroup), 'Arn'] },
    });
  });

  it('sends e-mail as its sender only, on the identity and the configuration set, with the EMAIL_* env', () => {
    const ses = statements(built.mailer).filter((s) => [s.Action].flat().some((a) => a.startsWith('ses:')));
    const arn = (resource: string) => ({
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':ses:',
          { Ref: 'AWS::Region' },
          ':',
          { Ref: 'AWS::AccountId' },
          `:${resource}`,
        ],
      ],
    });
    expect(ses).toEqual([
      {
        Action: 'ses:SendEmail',
        Effect: 'Allow',
        // CDK sorts a statement's resources.
        Resource: [arn('configuration-set/platform-events'), arn('identity/example.gov')],
        Condition: { StringEquals: { 'ses:FromAddress': 'records@example.gov' } },
      },
    ]);
    const env = (
      resources(template)[logicalId(built.mailer.function)]?.Properties?.Environment as {
        Variables: Record<string, unknown>;
      }
    ).Variables;
    expect(env).toMatchObject({
      EMAIL_TRANSPORT: 'ses',
      EMAIL_FROM: 'records@example.gov',
      EMAIL_CONFIGURATION_SET: 'platform-events',
      USAGE_PLAN_NAME_PREFIX: 'p-',
    });
    expect(actions(built.reader).filter((a) => a.startsWith('ses:'))).toEqual([]);
  });

  it('refuses a sender that its SES identity does not cover', () => {
    const stack = new Stack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'Refuses');
    const fn = new PlatformFunction(stack, 'Fn', {
      entry: handlerEntry('openapi/get-openapi'),
      description: 'mails',
      serviceName: 'open-records-test',
      logLevel: 'INFO',
      logRetention: RetentionDays.ONE_WEEK,
      logRemovalPolicy: RemovalPolicy.DESTROY,
    });
    expect(() => fn.bindEmail({ from: 'records@other.gov', identity: 'example.gov' })).toThrow(
      /records@other\.gov is not covered by SES identity example\.gov/,
    );
    expect(() => fn.bindEmail({ from: 'clerk@example.gov', identity: 'records@example.gov' })).toThrow(
      /not covered/,
    );
  });

  it('manages API keys in a policy of its own, naming each usage plan (no cycle through the default policy)', () => {
    const policy = built.mailer.node.findChild('ApiKeysPolicy');
    const props = resources(template)[logicalId(policy)]?.Properties as {
      Roles: unknown[];
      PolicyDocument: { Statement: Statement[] };
    };
    expect(props.Roles).toEqual([{ Ref: logicalId(built.mailer.role) }]);
    const text = JSON.stringify(props.PolicyDocument.Statement);
    for (const plan of built.plans) expect(text).toContain(`{"Ref":"${logicalId(plan)}"}`);
    expect(actions(built.mailer).filter((a) => a.startsWith('apigateway:'))).toEqual([]);
    expect(built.mailer.role.node.tryFindChild('ApiKeysPolicy')).toBeUndefined();
  });

  it('puts the API-key policy in policyScope when given (the stack of the usage plans, for a nested function)', () => {
    const app = new App({ context: { ...CDK_CONTEXT, 'aws:cdk:bundling-stacks': [] } });
    const parent = new Stack(app, 'Parent');
    const plan = new UsagePlan(parent, 'Plan', { name: 'p-basic' });
    const nested = new NestedStack(parent, 'Functions');
    const fn = new PlatformFunction(nested, 'Manager', {
      entry: handlerEntry('openapi/get-openapi'),
      description: 'manages keys',
      serviceName: 'open-records-test',
      logLevel: 'INFO',
      logRetention: RetentionDays.ONE_WEEK,
      logRemovalPolicy: RemovalPolicy.DESTROY,
    }).bindApiKeys({ usagePlans: [plan], usagePlanNamePrefix: 'p-', policyScope: parent });
    expect(fn.node.tryFindChild('ApiKeysPolicy')).toBeUndefined();
    const policy = parent.node.findChild('ManagerApiKeysPolicy');
    const props = resources(Template.fromStack(parent))[logicalId(policy)]?.Properties as {
      Roles: unknown[];
      PolicyDocument: { Statement: Statement[] };
    };
    // The role comes out of the nested stack; the plan ids are the parent's own.
    expect(props.Roles).toEqual([
      {
        'Fn::GetAtt': [
          logicalId(nested.nestedStackResource!),
          expect.stringMatching(/^Outputs\..*Role.*Ref$/),
        ],
      },
    ]);
    expect(JSON.stringify(props.PolicyDocument.Statement)).toContain(`{"Ref":"${logicalId(plan)}"}`);
    const findings = new AwsSolutionsChecks()
      .validateScope(app)
      .violations.filter((v) => v.ruleName.startsWith('AwsSolutions-IAM'));
    expect(findings).toEqual([]);
  });

  it('acknowledges exactly the wildcards cdk-nag reports for it (same-stack ARNs)', () => {
    const findings = new AwsSolutionsChecks()
      .validateScope(built.app)
      .violations.filter((v) => v.ruleName.startsWith('AwsSolutions-IAM'));
    expect(findings).toEqual([]);
  });
});
