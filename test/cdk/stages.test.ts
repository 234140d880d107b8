import { RemovalPolicy } from 'aws-cdk-lib';
import { FeaturePlan, Mfa } from 'aws-cdk-lib/aws-cognito';
import { emailIdentityCovers, STAGE_NAMES, stageConfig } from '../../lib/config/stages';
import { USAGE_TIERS } from '../../lambdas/shared/usage-tiers';

describe('stage settings', () => {
  it('defaults to dev when no stage is given', () => {
    expect(stageConfig().stageName).toBe('dev');
    expect(stageConfig(undefined).stageName).toBe('dev');
  });

  it('rejects an unknown stage with the list of valid ones', () => {
    expect(() => stageConfig('staging')).toThrow('Unknown stage "staging". Use -c stage=dev|prod.');
  });

  it('protects data in prod and lets dev be torn down', () => {
    const dev = stageConfig('dev');
    const prod = stageConfig('prod');
    expect(dev).toMatchObject({ deletionProtection: false, dataRemovalPolicy: RemovalPolicy.DESTROY });
    expect(prod).toMatchObject({ deletionProtection: true, dataRemovalPolicy: RemovalPolicy.RETAIN });
    expect(prod.noncurrentVersionExpiration).toBeUndefined();
  });

  it('requires MFA and Cognito threat protection for prod staff', () => {
    expect(stageConfig('prod')).toMatchObject({ staffMfa: Mfa.REQUIRED, staffFeaturePlan: FeaturePlan.PLUS });
  });

  it("never lets prod's per-IP firewall limit cut the busiest usage tier short", () => {
    const topTierPer5Min = Math.max(...Object.values(USAGE_TIERS).map((t) => t.rateLimit)) * 300;
    expect(stageConfig('prod').wafRequestsPerIpPer5Min).toBeGreaterThan(topTierPer5Min);
  });

  it.each(STAGE_NAMES)('%s: WAF limit and stage throttle are within AWS bounds', (name) => {
    const stage = stageConfig(name);
    expect(stage.wafRequestsPerIpPer5Min).toBeGreaterThanOrEqual(10);
    expect(stage.apiThrottle.burstLimit).toBeGreaterThanOrEqual(stage.apiThrottle.rateLimit);
  });

  it('takes the admin UI origin from context, but only a bare origin', () => {
    expect(stageConfig('prod', 'https://records.example.gov').adminUiOrigin).toBe(
      'https://records.example.gov',
    );
    expect(() => stageConfig('prod', 'https://records.example.gov/admin')).toThrow(/bare origin/);
  });

  it.each(STAGE_NAMES)('%s: sends e-mail from an address its SES identity covers', (name) => {
    const stage = stageConfig(name);
    expect(emailIdentityCovers(stage.emailIdentity, stage.emailFrom)).toBe(true);
    expect(stage.emailFrom).toMatch(/^[^@\s]+@danbury-ct\.gov$/);
  });

  it('covers an address by the same address or by its domain, nothing else', () => {
    expect(emailIdentityCovers('danbury-ct.gov', 'open-data@danbury-ct.gov')).toBe(true);
    expect(emailIdentityCovers('Danbury-CT.gov', 'open-data@danbury-ct.gov')).toBe(true);
    expect(emailIdentityCovers('open-data@danbury-ct.gov', 'open-data@danbury-ct.gov')).toBe(true);
    expect(emailIdentityCovers('open-data@danbury-ct.gov', 'clerk@danbury-ct.gov')).toBe(false);
    expect(emailIdentityCovers('danbury-ct.gov', 'open-data@mail.danbury-ct.gov')).toBe(false);
    expect(emailIdentityCovers('danbury-ct.gov', 'open-data@evil-danbury-ct.gov')).toBe(false);
    expect(emailIdentityCovers('danbury-ct.gov', 'danbury-ct.gov')).toBe(false);
    expect(emailIdentityCovers('danbury-ct.gov', 'a@b@danbury-ct.gov')).toBe(false);
  });
});
