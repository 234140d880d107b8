/**
 * The whole platform on 127.0.0.1: local AWS storage, the table and buckets
 * provisioned from the CDK definitions, sample data, and the local gateway
 * serving every route of the route table. `npm start` and the e2e tests use it.
 */
import './text-assets';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { ROUTE_LIST } from '../lambdas/api/routes';
import { ApiAccessStore } from '../lambdas/adapters/api-access/api-access-store';
import { issuedKeyRecord } from '../lambdas/domain/api-access/api-keys';
import type { UsageTierName } from '../lambdas/shared/usage-tiers';
import { createDocumentClient } from '../lambdas/adapters/clients/dynamodb';
import { createS3Client } from '../lambdas/adapters/clients/s3';
import { datasetRegistry } from '../lambdas/adapters/datasets-wiring';
import { datasetUploads, versionFiles } from '../lambdas/adapters/dataset-files-wiring';
import { EVENT_HANDLER_LIST, SCHEDULED_JOB_LIST } from '../lambdas/api/events';
import { LocalScheduler } from './scheduled-jobs';
import { createPersonalDataScanner } from '../lambdas/domain/personal-data/scanner';
import { PLATFORM_TABLE } from '../lambdas/adapters/table-design';
import { createStaffTokenVerifier } from '../lambdas/shared/staff-token';
import { handlerEntry } from '../lib/bundling';
import { LOCAL_APIGATEWAY_PATH } from '../lambdas/adapters/api-keys/local-control-protocol';
import { createApiGatewayControl, newControlPlaneSecret } from './api-gateway-control';
import { LocalApiKeyRegistry } from './api-key-registry';
import { startLocalAwsServices } from './aws-services';
import { LocalGateway, type LambdaHandler } from './gateway';
import { freePort } from './ports';
import { allowBrowserUploads, createBucket, createTable } from './provision';
import { LocalS3EventBridge, type S3EventHandler } from './s3-events';
import { seedSampleDatasets } from './seed/seed';
import { seedSampleRecordsRequests } from './seed/sample-records-requests';
import { recordsStore } from '../lambdas/adapters/records/records-wiring';
import { emailSender } from '../lambdas/adapters/email/email-wiring';
import { createLocalStaffAuth, type LocalStaffAuth } from './staff-auth';

export const PROJECT_ROOT = path.resolve(__dirname, '..');
/** The demo key printed by `npm start` (local mode only; real keys are issued on approval). */
export const LOCAL_DEMO_API_KEY = 'local-demo-key-danbury-0000';

export interface LocalPlatformOptions {
  /** Gateway port; 0 or absent picks a free one. */
  port?: number;
  /** Persist data here (DynamoDB, S3, keys, signing key); in memory when absent. */
  dataDir?: string;
  /** Reuse already running DynamoDB Local and s3rver (tests). */
  services?: { dynamoDbEndpoint: string; s3Endpoint: string };
  /** Prefix of table and bucket names, so tests can share one DynamoDB Local. */
  resourcePrefix?: string;
  seed?: boolean;
  log?: (line: string) => void;
}

export interface LocalPlatform {
  baseUrl: string;
  port: number;
  dynamoDbEndpoint: string;
  s3Endpoint: string;
  tableName: string;
  datasetsBucket: string;
  recordsBucket: string;
  demoApiKey: string;
  seededDatasets: string[];
  /** Tracking numbers of the sample records requests (empty when already present). */
  seededRequests: string[];
  staffAuth: LocalStaffAuth;
  apiKeys: LocalApiKeyRegistry;
  /** Issues a key the way an approval does (gateway + key record), for tests and demos. */
  issueApiKey(input: {
    name: string;
    tier: UsageTierName;
    value?: string;
  }): Promise<{ keyId: string; value: string }>;
  /** The local S3 event notifications (tests wait on `idle()`). */
  events: LocalS3EventBridge;
  /** The EventBridge schedules stand-in: `scheduler.run(jobId, time)` runs a job now. */
  scheduler: LocalScheduler;
  stop(): Promise<void>;
}

export async function startLocalPlatform(options: LocalPlatformOptions = {}): Promise<LocalPlatform> {
  const log = options.log ?? (() => undefined);
  const services = options.services
    ? { ...options.services, stop: async () => undefined }
    : await startLocalAwsServices(options.dataDir ? { dataDir: options.dataDir } : {});
  try {
    const port = options.port || (await freePort());
    const baseUrl = `http://127.0.0.1:${port}`;
    const prefix = options.resourcePrefix ?? 'open-records-local';
    const tableName = `${prefix}-platform`;
    const datasetsBucket = `${prefix}-datasets`;
    const recordsBucket = `${prefix}-records`;
    const issuer = `${baseUrl}/local-auth`;
    // The API-key control plane's secret: only this process and its Lambdas know it.
    const controlPlaneSecret = newControlPlaneSecret();

    // What the CDK stack sets on every Lambda, pointed at the local servers.
    Object.assign(process.env, {
      AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
      AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'local',
      AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
      DYNAMODB_ENDPOINT: services.dynamoDbEndpoint,
      S3_ENDPOINT: services.s3Endpoint,
      TABLE_NAME: tableName,
      DATASETS_BUCKET: datasetsBucket,
      RECORDS_BUCKET: recordsBucket,
      // Where requesters' status links point (the API URL in AWS).
      PUBLIC_API_URL: baseUrl,
      STAFF_TOKEN_ISSUER: issuer,
      LOCAL_APIGATEWAY_URL: `${baseUrl}${LOCAL_APIGATEWAY_PATH}`,
      LOCAL_APIGATEWAY_SECRET: controlPlaneSecret,
      POWERTOOLS_SERVICE_NAME: 'open-records-local',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      // One process serves every route locally: a suspension shows within a second.
      API_KEY_STATUS_CACHE_MS: '1000',
      EMAIL_TRANSPORT: 'outbox',
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
      // The admin UI: the local sign-in for the seeded users, and a CSRF key for this run.
      LOCAL_SIGN_IN_URL: issuer,
      ADMIN_UI_CSRF_SECRET: randomBytes(32).toString('base64url'),
    });

    const db = createDocumentClient(services.dynamoDbEndpoint);
    const s3 = createS3Client(services.s3Endpoint);
    await createTable(db, tableName, PLATFORM_TABLE);
    await Promise.all([createBucket(s3, datasetsBucket), createBucket(s3, recordsBucket)]);
    // As the CDK stack does: the admin UI's page PUTs documents and dataset CSVs with presigned URLs.
    await Promise.all([
      allowBrowserUploads(s3, recordsBucket, baseUrl),
      allowBrowserUploads(s3, datasetsBucket, baseUrl),
    ]);

    const seededDatasets =
      options.seed === false
        ? []
        : await seedSampleDatasets({
            registry: datasetRegistry(),
            uploads: datasetUploads(),
            files: versionFiles(),
            createScanner: createPersonalDataScanner,
          });

    const seededRequests =
      options.seed === false
        ? []
        : await seedSampleRecordsRequests({ store: recordsStore(), email: emailSender(), baseUrl });

    // S3 event notifications: uploads under staging/ start ingestion, as in AWS.
    const events = new LocalS3EventBridge({
      s3,
      buckets: { datasetsBucket, recordsBucket },
      handlers: EVENT_HANDLER_LIST,
      loadHandler: async (definition) => {
        const module = (await import(path.join(PROJECT_ROOT, handlerEntry(definition.handler)))) as {
          handler: S3EventHandler;
        };
        return module.handler;
      },
      log,
    });
    await events.start();

    const stateDir = options.dataDir ? path.resolve(options.dataDir) : undefined;
    const staffAuth = await createLocalStaffAuth(
      issuer,
      stateDir ? path.join(stateDir, 'dev-signing-key.json') : undefined,
    );
    process.env.STAFF_TOKEN_AUDIENCE = staffAuth.audience;
    // The admin UI verifies its session cookie with the same verifier; aws-jwt-verify fetches JWKS over https
    // only, so the local keys come in the environment (the gateway gets them the same way).
    process.env.STAFF_TOKEN_JWKS = JSON.stringify(staffAuth.jwks());
    const apiKeys = new LocalApiKeyRegistry(stateDir ? path.join(stateDir, 'api-keys.json') : undefined);
    const keyStore = new ApiAccessStore(db, tableName);
    /** A key on the local gateway and in the platform's key records, as approval would make it. */
    const issueApiKey = async (input: { name: string; tier: UsageTierName; value?: string }) => {
      const key = apiKeys.createKey(input);
      if (!(await keyStore.getKey(key.keyId))) {
        await keyStore.putKey(
          issuedKeyRecord({
            keyId: key.keyId,
            value: key.value,
            applicationId: 'local',
            name: input.name,
            contactEmail: 'api-consumer@danbury.local',
            tier: input.tier,
            createdAt: new Date().toISOString(),
          }),
        );
      }
      return { keyId: key.keyId, value: key.value };
    };
    await issueApiKey({ name: 'Local demo key', tier: 'basic', value: LOCAL_DEMO_API_KEY });

    const apiGatewayControl = createApiGatewayControl({ registry: apiKeys, secret: controlPlaneSecret });
    // EventBridge schedules: a timer (hourly; the jobs are idempotent) and POST /local-jobs/{jobId}.
    const scheduler = new LocalScheduler({
      jobs: SCHEDULED_JOB_LIST,
      loadHandler: async (definition) => {
        const module = (await import(path.join(PROJECT_ROOT, handlerEntry(definition.handler)))) as {
          handler: Parameters<typeof Object>[0];
        };
        return module.handler as never;
      },
      log,
    });
    scheduler.start();

    const gateway = new LocalGateway({
      routes: ROUTE_LIST,
      loadHandler: async (route) => {
        const module = (await import(path.join(PROJECT_ROOT, handlerEntry(route.handler)))) as {
          handler: LambdaHandler;
        };
        return module.handler;
      },
      apiKeys,
      controlPlane: async (request) =>
        (await apiGatewayControl(request)) ?? (await scheduler.control()(request)),
      staffAuth,
      // Same verification code as AWS; the keys come from the local sign-in (served at its JWKS URL too).
      verifyStaffToken: createStaffTokenVerifier({
        issuer,
        audience: staffAuth.audience,
        jwksUri: `${issuer}/.well-known/jwks.json`,
        jwks: staffAuth.jwks(),
      }),
      log,
    });
    await gateway.listen(port);

    return {
      baseUrl,
      port,
      dynamoDbEndpoint: services.dynamoDbEndpoint,
      s3Endpoint: services.s3Endpoint,
      tableName,
      datasetsBucket,
      recordsBucket,
      demoApiKey: LOCAL_DEMO_API_KEY,
      seededDatasets,
      seededRequests,
      staffAuth,
      apiKeys,
      issueApiKey,
      events,
      scheduler,
      async stop() {
        await events.stop();
        await scheduler.stop();
        await gateway.close();
        db.destroy();
        s3.destroy();
        await services.stop();
      },
    };
  } catch (err) {
    await services.stop();
    throw err;
  }
}
