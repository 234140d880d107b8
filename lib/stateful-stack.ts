/**
 * Everything that holds the city's data or identities: the platform table,
 * the dataset and released-records buckets, and the staff user pool. Kept in
 * its own stack so the API can be redeployed or torn down without touching it.
 */
import { Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  FeaturePlan,
  Mfa,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  CfnBucket,
  HttpMethods,
  ObjectOwnership,
  type BucketProps,
  type LifecycleRule,
} from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { PLATFORM_TABLE, type KeyAttribute } from '../lambdas/adapters/table-design';
import { EVENT_HANDLER_LIST } from '../lambdas/api/events';
import { STAGING_PREFIX } from '../lambdas/domain/datasets/dataset';
import { DEPARTMENT_CLAIM, STAFF_GROUPS, type StaffRole } from '../lambdas/shared/staff';
import type { StageConfig } from './config/stages';

export interface StatefulStackProps extends StackProps {
  stage: StageConfig;
}

const STAFF_GROUP_DESCRIPTIONS: Record<StaffRole, string> = {
  clerk: 'City clerks: receive and release public records.',
  'department-staff': 'Department staff: publish datasets of their own department.',
  'it-admin': 'City IT: manage API keys, usage plans and staff access.',
};

/** `custom:department` → `department`: Cognito adds the prefix itself. */
const DEPARTMENT_ATTRIBUTE = DEPARTMENT_CLAIM.replace(/^custom:/, '');

const attributeType = (key: KeyAttribute) => ({
  name: key.name,
  type: key.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER,
});

export class StatefulStack extends Stack {
  readonly table: Table;
  /** Published dataset files; the public reads them through short-lived signed links only. */
  readonly datasetsBucket: Bucket;
  /** Released public records. */
  readonly recordsBucket: Bucket;
  /** S3 server access logs of the two data buckets. */
  readonly accessLogsBucket: Bucket;
  readonly staffUserPool: UserPool;
  /** The admin UI's OAuth client (authorization code + PKCE, no secret). */
  readonly adminUiClient: UserPoolClient;
  readonly staffSignInDomain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { stage } = props;

    this.table = new Table(this, 'PlatformTable', {
      partitionKey: attributeType(PLATFORM_TABLE.partitionKey),
      sortKey: attributeType(PLATFORM_TABLE.sortKey),
      timeToLiveAttribute: PLATFORM_TABLE.timeToLiveAttribute,
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: stage.deletionProtection,
      removalPolicy: stage.dataRemovalPolicy,
    });
    for (const index of PLATFORM_TABLE.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: attributeType(index.partitionKey),
        sortKey: attributeType(index.sortKey),
        projectionType: ProjectionType.ALL,
      });
    }

    const privateBucket: BucketProps = {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: stage.dataRemovalPolicy,
    };

    this.accessLogsBucket = new Bucket(this, 'AccessLogsBucket', {
      ...privateBucket,
      lifecycleRules: [
        {
          id: 'expire-access-logs',
          expiration: stage.accessLogExpiration,
          noncurrentVersionExpiration: Duration.days(1),
        },
      ],
    });

    const dataLifecycle: LifecycleRule[] = [
      {
        id: 'tidy-uploads-and-old-versions',
        // Upload links live for minutes; a multipart upload still open after 2 days was abandoned.
        abortIncompleteMultipartUploadAfter: Duration.days(2),
        ...(stage.noncurrentVersionExpiration
          ? { noncurrentVersionExpiration: stage.noncurrentVersionExpiration }
          : {}),
      },
    ];
    this.datasetsBucket = new Bucket(this, 'DatasetsBucket', {
      ...privateBucket,
      lifecycleRules: [
        ...dataLifecycle,
        {
          // Ingestion copies an accepted upload into its version's prefix; the staged original is
          // only kept a week for troubleshooting. The bucket is versioned, so the expired copy
          // becomes noncurrent: that version goes a day later in every stage (it is an upload, not
          // a public record), and S3 then removes the leftover delete marker on its own.
          id: 'expire-staged-uploads',
          prefix: STAGING_PREFIX,
          expiration: Duration.days(7),
          noncurrentVersionExpiration: Duration.days(1),
        },
        {
          // Restarting a dead ingestion rewrites the upload through a copy aside (s3-http rewriteObject);
          // functions may not delete objects, so the aside copy expires here.
          id: 'expire-rewrite-asides',
          prefix: 'rewrites/',
          expiration: Duration.days(1),
          noncurrentVersionExpiration: Duration.days(1),
        },
      ],
      // Staff browsers upload and fetch files straight from S3 with presigned URLs (the link is
      // the credential; CORS only lets the admin UI's page read the answers).
      cors: [
        {
          id: 'admin-ui-presigned-transfers',
          allowedOrigins: [stage.adminUiOrigin],
          allowedMethods: [HttpMethods.PUT, HttpMethods.GET, HttpMethods.HEAD],
          // What a page's fetch() may set on these requests: the file's type, and integrity checks.
          allowedHeaders: ['content-type', 'content-md5', 'x-amz-checksum-*'],
          // Completing a multipart upload needs every part's ETag, read by the page from the PUT answers.
          exposedHeaders: ['ETag'],
          maxAge: 3600,
        },
      ],
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'datasets/',
    });
    this.recordsBucket = new Bucket(this, 'RecordsBucket', {
      ...privateBucket,
      lifecycleRules: dataLifecycle,
      // The admin UI's page uploads documents for release straight to S3 with the presigned PUT
      // the API hands out (the link is the credential). Uploads only: no cross-origin GET, so no
      // page elsewhere can read a record even with a link.
      cors: [
        {
          id: 'admin-ui-presigned-uploads',
          allowedOrigins: [stage.adminUiOrigin],
          allowedMethods: [HttpMethods.PUT],
          allowedHeaders: ['content-type'],
          // Completing a multipart upload needs every part's ETag, read by the page from the PUT answers.
          exposedHeaders: ['ETag'],
          maxAge: 3600,
        },
      ],
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'records/',
    });

    // Buckets that an event handler listens to (lambdas/api/events.ts) send their object events to
    // the account's default EventBridge bus, where the stateless stack's rules pick them up (see
    // lib/constructs/object-created-trigger.ts for why not S3 notifications). Set on the
    // CloudFormation resource itself: the L2's `eventBridgeEnabled` would deploy a Lambda-backed
    // custom resource, with a wildcard S3 policy, for what CloudFormation does natively.
    const eventSources = new Set(EVENT_HANDLER_LIST.map((definition) => definition.trigger.bucket));
    for (const name of eventSources) {
      (this[name].node.defaultChild as CfnBucket).notificationConfiguration = {
        eventBridgeConfiguration: { eventBridgeEnabled: true },
      };
    }

    this.staffUserPool = new UserPool(this, 'StaffUserPool', {
      userPoolName: `open-records-${stage.stageName}-staff`,
      // Staff accounts are created by city IT, never by sign-up.
      selfSignUpEnabled: false,
      // City IT picks readable usernames (they show in audit logs as cognito:username); email works too.
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: true, mutable: true },
      },
      customAttributes: {
        [DEPARTMENT_ATTRIBUTE]: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Authenticator apps only: SMS would need an SNS role and per-message cost.
      mfa: stage.staffMfa,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: stage.staffFeaturePlan,
      ...(stage.staffFeaturePlan === FeaturePlan.PLUS
        ? { standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION }
        : {}),
      userInvitation: {
        emailSubject: 'Your City of Danbury open records staff account',
        emailBody:
          'City IT created a staff account for you on the Danbury open records platform. ' +
          'Sign in with {username} and the temporary password {####}, then set your own password.',
      },
      deletionProtection: stage.deletionProtection,
      removalPolicy: stage.dataRemovalPolicy,
    });
    if (stage.staffMfa !== Mfa.REQUIRED) {
      Validations.of(this.staffUserPool).acknowledge({
        id: 'AwsSolutions-COG2',
        reason: `MFA is optional in the ${stage.stageName} stage, which holds test staff accounts only; prod requires it.`,
      });
    }
    if (stage.staffFeaturePlan !== FeaturePlan.PLUS) {
      Validations.of(this.staffUserPool).acknowledge({
        id: 'AwsSolutions-COG8',
        reason: `The ${stage.stageName} stage holds test staff accounts only; prod uses the Plus plan with threat protection.`,
      });
    }

    for (const [role, groupName] of Object.entries(STAFF_GROUPS) as [StaffRole, string][]) {
      this.staffUserPool.addGroup(`Group-${role}`, {
        groupName,
        description: STAFF_GROUP_DESCRIPTIONS[role],
      });
    }

    this.staffSignInDomain = this.staffUserPool.addDomain('StaffSignIn', {
      cognitoDomain: { domainPrefix: stage.staffSignInDomainPrefix },
    });

    this.adminUiClient = this.staffUserPool.addClient('AdminUiClient', {
      userPoolClientName: 'admin-ui',
      // A browser app cannot keep a secret; PKCE protects the code exchange instead.
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${stage.adminUiOrigin}/admin/auth/callback`],
        logoutUrls: [`${stage.adminUiOrigin}/admin/`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(DEPARTMENT_ATTRIBUTE),
      // The department scopes what staff may publish: only city IT sets it (admin API), never the user.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });
  }
}
