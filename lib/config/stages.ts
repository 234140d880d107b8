/**
 * Per-stage settings. `cdk synth -c stage=dev|prod` picks one; everything that
 * differs between a developer sandbox and the city's production account is here.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { FeaturePlan, Mfa } from 'aws-cdk-lib/aws-cognito';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { USAGE_TIERS } from '../../lambdas/shared/usage-tiers';

export const STAGE_NAMES = ['dev', 'prod'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

export interface StageConfig {
  stageName: StageName;
  /** Table, buckets, user pool: DESTROY in dev (stack deletion cleans up), RETAIN in prod. */
  dataRemovalPolicy: RemovalPolicy;
  /** DynamoDB and Cognito deletion protection, plus CloudFormation termination protection. */
  deletionProtection: boolean;
  logRetention: RetentionDays;
  /** Lambda and API access log groups: kept after stack deletion in prod. */
  logRemovalPolicy: RemovalPolicy;
  /** S3 server access logs are kept this long. */
  accessLogExpiration: Duration;
  /** Old object versions in the data buckets expire after this; undefined keeps them (public records). */
  noncurrentVersionExpiration: Duration | undefined;
  /** Powertools and Lambda application log level. */
  logLevel: 'DEBUG' | 'INFO' | 'WARN';
  /** WAF rate-based rule: requests per client IP per 5 minutes before the firewall answers 429. */
  wafRequestsPerIpPer5Min: number;
  /** Stage-wide API Gateway throttle (all callers, keyed or not): a cost ceiling. */
  apiThrottle: { rateLimit: number; burstLimit: number };
  staffMfa: Mfa;
  /** PLUS adds Cognito threat protection (compromised credentials, adaptive sign-in). */
  staffFeaturePlan: FeaturePlan;
  /** Cognito hosted sign-in domain prefix (globally unique per region). */
  staffSignInDomainPrefix: string;
  /** Where the admin UI lives; its OAuth callback and sign-out URLs hang off this origin. */
  adminUiOrigin: string;
  /**
   * The sender of platform e-mail (applications, decisions, sanctions): a bare address that
   * `emailIdentity` covers. Lambdas that send may use no other From address.
   */
  emailFrom: string;
  /**
   * The SES identity that `emailFrom` sends as: the address itself, or its domain. The city
   * creates and verifies it in SES outside these stacks (a domain needs DKIM CNAME records in
   * the city's DNS; an address, a click on the link SES mails to it), and requests SES
   * production access for the account, which starts in the SES sandbox. It is not an
   * `ses.EmailIdentity` here: an identity is account-wide and may already exist for other city
   * mail (creating it again would fail the deployment), deleting a stack must not unverify the
   * city's domain, and verification waits on DNS that no stack controls.
   */
  emailIdentity: string;
  /** SES configuration set for delivery, bounce and complaint events; also made outside the stacks. */
  emailConfigurationSet?: string;
}

// The busiest usage plan, sustained for the WAF's 5-minute window: the firewall must never cut a paying
// tier short, so prod's per-IP limit sits above it.
const TOP_TIER_REQUESTS_PER_5_MIN = Math.max(...Object.values(USAGE_TIERS).map((t) => t.rateLimit)) * 300;

const STAGES: Record<StageName, StageConfig> = {
  dev: {
    stageName: 'dev',
    dataRemovalPolicy: RemovalPolicy.DESTROY,
    deletionProtection: false,
    logRetention: RetentionDays.TWO_WEEKS,
    logRemovalPolicy: RemovalPolicy.DESTROY,
    accessLogExpiration: Duration.days(30),
    noncurrentVersionExpiration: Duration.days(30),
    logLevel: 'DEBUG',
    wafRequestsPerIpPer5Min: 3_000,
    apiThrottle: { rateLimit: 100, burstLimit: 200 },
    staffMfa: Mfa.OPTIONAL,
    staffFeaturePlan: FeaturePlan.ESSENTIALS,
    staffSignInDomainPrefix: 'danbury-open-records-dev',
    adminUiOrigin: 'http://localhost:3000',
    // A developer account verifies one address (a link, no DNS) and, in the SES sandbox,
    // can mail only verified recipients: enough to try the flows.
    emailFrom: 'open-data-dev@danbury-ct.gov',
    emailIdentity: 'open-data-dev@danbury-ct.gov',
  },
  prod: {
    stageName: 'prod',
    dataRemovalPolicy: RemovalPolicy.RETAIN,
    deletionProtection: true,
    logRetention: RetentionDays.ONE_YEAR,
    logRemovalPolicy: RemovalPolicy.RETAIN,
    accessLogExpiration: Duration.days(365),
    noncurrentVersionExpiration: undefined,
    logLevel: 'INFO',
    wafRequestsPerIpPer5Min: Math.ceil(TOP_TIER_REQUESTS_PER_5_MIN * 1.2),
    apiThrottle: { rateLimit: 1_000, burstLimit: 2_000 },
    staffMfa: Mfa.REQUIRED,
    staffFeaturePlan: FeaturePlan.PLUS,
    staffSignInDomainPrefix: 'danbury-open-records',
    adminUiOrigin: 'https://data.danbury-ct.gov',
    // Placeholder until City IT names the sender; the domain identity carries DKIM (DNS).
    emailFrom: 'open-data@danbury-ct.gov',
    emailIdentity: 'danbury-ct.gov',
  },
};

/** Whether SES identity `identity` (an address, or a domain) covers the bare address `from`. */
export function emailIdentityCovers(identity: string, from: string): boolean {
  const [local, domain, ...rest] = from.split('@');
  if (!local || !domain || rest.length > 0) return false;
  const id = identity.toLowerCase();
  return id.includes('@') ? id === from.toLowerCase() : id === domain.toLowerCase();
}

function isStageName(value: string): value is StageName {
  return (STAGE_NAMES as readonly string[]).includes(value);
}

/**
 * The settings of a stage, from the `stage` context value (default dev).
 * `adminUiOrigin` may be overridden with `-c adminUiOrigin=https://...`.
 */
export function stageConfig(stage: unknown = 'dev', adminUiOrigin?: unknown): StageConfig {
  const name = String(stage ?? 'dev');
  if (!isStageName(name)) {
    throw new Error(`Unknown stage "${name}". Use -c stage=${STAGE_NAMES.join('|')}.`);
  }
  const config = STAGES[name];
  if (adminUiOrigin === undefined || adminUiOrigin === null || adminUiOrigin === '') return config;
  const origin = String(adminUiOrigin);
  if (!/^https?:\/\/[^/]+$/.test(origin)) {
    throw new Error(`adminUiOrigin must be a bare origin like https://data.example.gov, got "${origin}".`);
  }
  return { ...config, adminUiOrigin: origin };
}
