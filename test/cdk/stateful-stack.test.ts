import { Match, Template } from 'aws-cdk-lib/assertions';
import { PLATFORM_TABLE } from '../../lambdas/adapters/table-design';
import { EVENT_HANDLER_LIST, eventHandlers } from '../../lambdas/api/events';
import { STAGING_PREFIX, stagingKey } from '../../lambdas/domain/datasets/dataset';
import { DEPARTMENT_CLAIM, STAFF_GROUPS } from '../../lambdas/shared/staff';
import {
  logicalId,
  platformApp,
  resources,
  synthPlatform,
  type PlatformTemplates,
} from './support/platform-app';

let dev: PlatformTemplates;
let prod: PlatformTemplates;

beforeAll(() => {
  dev = synthPlatform({ stage: 'dev' });
  prod = synthPlatform({ stage: 'prod' });
});

const keySchema = (pk: string, sk: string) => [
  { AttributeName: pk, KeyType: 'HASH' },
  { AttributeName: sk, KeyType: 'RANGE' },
];

describe('platform table', () => {
  it('is built from PLATFORM_TABLE: keys, TTL and every GSI', () => {
    const { partitionKey, sortKey, timeToLiveAttribute, globalSecondaryIndexes } = PLATFORM_TABLE;
    dev.statefulTemplate.resourceCountIs('AWS::DynamoDB::Table', 1);
    dev.statefulTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: keySchema(partitionKey.name, sortKey.name),
      TimeToLiveSpecification: { AttributeName: timeToLiveAttribute, Enabled: true },
      GlobalSecondaryIndexes: globalSecondaryIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: keySchema(index.partitionKey.name, index.sortKey.name),
        Projection: { ProjectionType: 'ALL' },
      })),
    });
    const table = Object.values(resources(dev.statefulTemplate)).find(
      (r) => r.Type === 'AWS::DynamoDB::Table',
    );
    const attributes = (table?.Properties?.AttributeDefinitions as { AttributeName: string }[]).map(
      (a) => a.AttributeName,
    );
    const keys = [
      partitionKey,
      sortKey,
      ...globalSecondaryIndexes.flatMap((i) => [i.partitionKey, i.sortKey]),
    ];
    expect(attributes.sort()).toEqual(keys.map((k) => k.name).sort());
  });

  it('is on-demand, point-in-time recoverable and encrypted with the AWS-managed key', () => {
    dev.statefulTemplate.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
    });
  });

  it('has deletion protection and is retained in prod, not in dev', () => {
    prod.statefulTemplate.hasResource('AWS::DynamoDB::Table', {
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
      DeletionPolicy: 'Retain',
    });
    dev.statefulTemplate.hasResource('AWS::DynamoDB::Table', {
      Properties: Match.objectLike({ DeletionProtectionEnabled: false }),
      DeletionPolicy: 'Delete',
    });
  });
});

describe('buckets', () => {
  const dataBuckets = (p: PlatformTemplates) => [p.stateful.datasetsBucket, p.stateful.recordsBucket];

  it.each(['dev', 'prod'] as const)('%s: every bucket is private, encrypted, versioned', (stage) => {
    const p = stage === 'dev' ? dev : prod;
    p.statefulTemplate.resourceCountIs('AWS::S3::Bucket', 3);
    p.statefulTemplate.allResourcesProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      VersioningConfiguration: { Status: 'Enabled' },
    });
  });

  it('denies every request that is not over TLS, on every bucket', () => {
    const policies = Object.values(resources(dev.statefulTemplate)).filter(
      (r) => r.Type === 'AWS::S3::BucketPolicy',
    );
    expect(policies).toHaveLength(3);
    for (const policy of policies) {
      expect((policy.Properties?.PolicyDocument as { Statement: unknown[] }).Statement).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: 's3:*',
          Principal: { AWS: '*' },
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    }
  });

  it('logs access to the data buckets into the separate access-logs bucket', () => {
    const accessLogs = logicalId(dev.stateful.accessLogsBucket);
    for (const bucket of dataBuckets(dev)) {
      const props = resources(dev.statefulTemplate)[logicalId(bucket)]?.Properties;
      expect(props?.LoggingConfiguration).toEqual({
        DestinationBucketName: { Ref: accessLogs },
        LogFilePrefix: expect.any(String),
      });
    }
  });

  it('keeps old versions in prod (released records) and expires them in dev', () => {
    const rules = (p: PlatformTemplates) =>
      resources(p.statefulTemplate)[logicalId(p.stateful.recordsBucket)]?.Properties?.LifecycleConfiguration;
    expect(JSON.stringify(rules(prod))).not.toContain('NoncurrentVersionExpiration');
    expect(JSON.stringify(rules(dev))).toContain('NoncurrentVersionExpiration');
  });
});

describe('datasets bucket: uploads from the admin UI', () => {
  type CorsRule = {
    AllowedOrigins: string[];
    AllowedMethods: string[];
    AllowedHeaders: string[];
    ExposedHeaders: string[];
  };
  type LifecycleRule = {
    Id: string;
    Prefix?: string;
    ExpirationInDays?: number;
    NoncurrentVersionExpiration?: { NoncurrentDays: number };
    AbortIncompleteMultipartUpload?: { DaysAfterInitiation: number };
  };
  const bucketProps = (p: PlatformTemplates, which: 'datasetsBucket' | 'recordsBucket' = 'datasetsBucket') =>
    resources(p.statefulTemplate)[logicalId(p.stateful[which])]?.Properties as {
      CorsConfiguration?: { CorsRules: CorsRule[] };
      LifecycleConfiguration: { Rules: LifecycleRule[] };
      NotificationConfiguration?: unknown;
    };

  it.each(['dev', 'prod'] as const)(
    '%s: lets the admin UI origin, and only it, PUT/GET/HEAD with presigned URLs and read ETags',
    (stage) => {
      const p = stage === 'dev' ? dev : prod;
      const rules = bucketProps(p).CorsConfiguration?.CorsRules ?? [];
      expect(rules).toHaveLength(1);
      const [rule] = rules as [CorsRule];
      expect(rule.AllowedOrigins).toEqual([p.stage.adminUiOrigin]);
      expect(rule.AllowedMethods.sort()).toEqual(['GET', 'HEAD', 'PUT']);
      expect(rule.AllowedHeaders).toContain('content-type');
      expect(rule.ExposedHeaders).toContain('ETag');
    },
  );

  it('takes the CORS origin from the adminUiOrigin context value', () => {
    const app = platformApp({ stage: 'prod', context: { adminUiOrigin: 'https://records.example.gov' } });
    const props = Template.fromStack(app.stateful).toJSON().Resources[logicalId(app.stateful.datasetsBucket)]
      .Properties as { CorsConfiguration: { CorsRules: CorsRule[] } };
    expect(props.CorsConfiguration.CorsRules[0]?.AllowedOrigins).toEqual(['https://records.example.gov']);
  });

  it("lets the admin UI's page upload to the records bucket (PUT only) and nothing else cross-origin", () => {
    const rules = bucketProps(prod, 'recordsBucket').CorsConfiguration?.CorsRules;
    expect(rules).toEqual([
      expect.objectContaining({
        AllowedOrigins: [prod.stage.adminUiOrigin],
        AllowedMethods: ['PUT'],
        AllowedHeaders: ['content-type'],
      }),
    ]);
    const logs = resources(prod.statefulTemplate)[logicalId(prod.stateful.accessLogsBucket)]?.Properties;
    expect(logs?.CorsConfiguration).toBeUndefined();
  });

  it.each(['dev', 'prod'] as const)(
    '%s: staged uploads expire after 7 days, the copies aside of a restarted ingestion after 1, their old versions a day later',
    (stage) => {
      const p = stage === 'dev' ? dev : prod;
      const staging = bucketProps(p).LifecycleConfiguration.Rules.filter((r) => r.Prefix !== undefined);
      expect(staging).toEqual([
        expect.objectContaining({
          Prefix: STAGING_PREFIX,
          ExpirationInDays: 7,
          NoncurrentVersionExpiration: { NoncurrentDays: 1 },
          Status: 'Enabled',
        }),
        expect.objectContaining({
          Prefix: 'rewrites/',
          ExpirationInDays: 1,
          NoncurrentVersionExpiration: { NoncurrentDays: 1 },
          Status: 'Enabled',
        }),
      ]);
      // The rule covers the keys uploads are staged under, and the prefix the ingestion listens to.
      expect(stagingKey('road-closures', 3).startsWith(STAGING_PREFIX)).toBe(true);
      expect(eventHandlers.ingestDatasetVersion.trigger.prefix).toBe(STAGING_PREFIX);
    },
  );

  it.each(['dev', 'prod'] as const)(
    '%s: both data buckets abort incomplete multipart uploads after 2 days; nothing else expires',
    (stage) => {
      const p = stage === 'dev' ? dev : prod;
      for (const which of ['datasetsBucket', 'recordsBucket'] as const) {
        const rules = bucketProps(p, which).LifecycleConfiguration.Rules;
        const whole = rules.filter((r) => r.Prefix === undefined);
        expect(whole).toEqual([
          expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 2 } }),
        ]);
        expect(whole[0]?.ExpirationInDays).toBeUndefined();
      }
      expect(
        bucketProps(p, 'recordsBucket').LifecycleConfiguration.Rules.filter((r) => r.Prefix !== undefined),
      ).toEqual([]);
    },
  );

  it('sends the object events of every bucket an event handler listens to to EventBridge, natively', () => {
    const listened = new Set(EVENT_HANDLER_LIST.map((h) => h.trigger.bucket));
    for (const which of ['datasetsBucket', 'recordsBucket'] as const) {
      expect(bucketProps(dev, which).NotificationConfiguration).toEqual(
        listened.has(which) ? { EventBridgeConfiguration: { EventBridgeEnabled: true } } : undefined,
      );
    }
    // No Lambda-backed notification custom resource (what the L2 eventBridgeEnabled would add).
    dev.statefulTemplate.resourceCountIs('Custom::S3BucketNotifications', 0);
    dev.statefulTemplate.resourceCountIs('AWS::Lambda::Function', 0);
  });
});

describe('staff user pool', () => {
  const pool = (t: Template) => Object.values(resources(t)).find((r) => r.Type === 'AWS::Cognito::UserPool');

  it('has no self sign-up, a strong password policy and the department attribute', () => {
    dev.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      AliasAttributes: ['email'],
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: Match.anyValue(),
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
      Schema: Match.arrayWith([
        Match.objectLike({
          Name: DEPARTMENT_CLAIM.replace('custom:', ''),
          AttributeDataType: 'String',
          Mutable: true,
        }),
      ]),
    });
    const minLength = (
      pool(dev.statefulTemplate)?.Properties?.Policies as { PasswordPolicy: { MinimumLength: number } }
    ).PasswordPolicy.MinimumLength;
    expect(minLength).toBeGreaterThanOrEqual(12);
  });

  it('has one group per staff role, named as STAFF_GROUPS says', () => {
    const groups = Object.values(resources(dev.statefulTemplate))
      .filter((r) => r.Type === 'AWS::Cognito::UserPoolGroup')
      .map((r) => r.Properties?.GroupName);
    expect(groups.sort()).toEqual(Object.values(STAFF_GROUPS).sort());
  });

  it('requires authenticator-app MFA and threat protection in prod; dev MFA is optional', () => {
    prod.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      DeletionProtection: 'ACTIVE',
    });
    dev.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'OPTIONAL',
      DeletionProtection: 'INACTIVE',
    });
  });

  it('gives the admin UI an authorization-code client with no secret that cannot write the department', () => {
    dev.statefulTemplate.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    dev.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: Match.arrayWith(['openid']),
      CallbackURLs: ['http://localhost:3000/admin/auth/callback'],
      ReadAttributes: Match.arrayWith([DEPARTMENT_CLAIM]),
      WriteAttributes: Match.not(Match.arrayWith([DEPARTMENT_CLAIM])),
    });
  });
});

describe('the app', () => {
  it('refuses an unknown stage', () => {
    expect(() => platformApp({ context: { stage: 'qa' } })).toThrow('Unknown stage "qa"');
  });

  it('names the stacks by stage and protects prod stacks from termination', () => {
    expect([prod.stateful.stackName, prod.stateless.stackName]).toEqual([
      'OpenRecords-prod-Stateful',
      'OpenRecords-prod-Stateless',
    ]);
    expect(prod.stateful.terminationProtection).toBe(true);
    expect(dev.stateful.terminationProtection).toBe(false);
    expect(dev.stateless.dependencies).toContain(dev.stateful);
    // Event triggers must not make the data stack depend on the API stack (a cycle).
    expect(dev.stateful.dependencies).toEqual([]);
  });
});
