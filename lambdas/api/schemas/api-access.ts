import * as z from 'zod/mini';
import { DatasetId } from './datasets';
import { DepartmentId, text } from './common';
import { USAGE_TIER_NAMES, type UsageTierName } from '../../shared/usage-tiers';
import { schema } from './schema';

export const TierName = /* @__PURE__ */ schema(() =>
  z.enum(USAGE_TIER_NAMES as [UsageTierName, ...UsageTierName[]]),
);

export const ApiKeyApplicationBody = /* @__PURE__ */ schema(() =>
  z
    .strictObject({
      applicantName: text(2, 200),
      email: z.email().check(z.maxLength(254)),
      organization: z.optional(text(2, 200)),
      intendedUse: text(20, 4000, 'What you will build or study with the data, and how'),
      datasets: z._default(z.array(DatasetId).check(z.maxLength(50)), []),
      departments: z._default(z.array(DepartmentId).check(z.maxLength(10)), []),
      expectedRequestsPerDay: z.number().check(z.int(), z.minimum(1), z.maximum(10_000_000)),
      requestedTier: z._default(TierName, 'basic'),
      acceptTermsVersion: z
        .string()
        .check(z.minLength(1), z.maxLength(40), z.describe('The version of GET /v1/api-terms you accept')),
    })
    .register(z.globalRegistry, { id: 'ApiKeyApplicationInput' }),
);

export const ApplicationParams = /* @__PURE__ */ schema(() =>
  z.strictObject({
    applicationId: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'an application id')),
  }),
);
export const StatusTokenQuery = /* @__PURE__ */ schema(() =>
  z.strictObject({
    token: z.string().check(z.regex(/^[A-Za-z0-9_-]{20,64}$/, 'the token from your status link')),
  }),
);
export const ApplicationsQuery = /* @__PURE__ */ schema(() =>
  z.strictObject({
    status: z._default(z.enum(['submitted', 'needs-information', 'approved', 'rejected']), 'submitted'),
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 50),
  }),
);

export const DecisionBody = /* @__PURE__ */ schema(() =>
  z.strictObject({
    decision: z.enum(['approve', 'ask-information', 'reject']),
    tier: z.optional(TierName),
    message: text(5, 2000, 'Sent to the applicant'),
  }),
);

export const RetrieveKeyBody = /* @__PURE__ */ schema(() =>
  z.strictObject({
    token: z.string().check(z.regex(/^[A-Za-z0-9_-]{20,64}$/, 'the token from the e-mail')),
  }),
);

export const KeyParams = /* @__PURE__ */ schema(() =>
  z.strictObject({
    keyId: z.string().check(z.regex(/^[A-Za-z0-9]{5,64}$/, 'an API key id')),
  }),
);

export const SanctionBody = /* @__PURE__ */ schema(() =>
  z.strictObject({
    action: z.enum(['notice', 'suspend', 'reinstate', 'revoke']),
    reason: text(10, 2000, 'Sent to the consumer'),
    until: z.optional(z.iso.datetime({ offset: true })),
  }),
);

export const ApplicationStatusView = /* @__PURE__ */ schema(() =>
  z
    .object({
      applicationId: z.string(),
      status: z.string(),
      submittedAt: z.string(),
      requestedTier: z.string(),
      decidingOffice: z.string(),
      messages: z.array(z.object({ at: z.string(), decision: z.string(), message: z.string() })),
    })
    .register(z.globalRegistry, { id: 'ApiKeyApplicationStatus' }),
);

export const UsageView = /* @__PURE__ */ schema(() =>
  z
    .object({
      keyId: z.string(),
      last4: z.string(),
      tier: z.string(),
      status: z.string(),
      limits: z.record(z.string(), z.unknown()),
      today: z.object({ day: z.string(), requests: z.number() }),
      days: z.array(
        z.object({
          day: z.string(),
          requests: z.number(),
          throttled: z.number(),
          byOperation: z.record(z.string(), z.number()),
        }),
      ),
    })
    .register(z.globalRegistry, { id: 'ApiKeyUsage' }),
);

export const ApiTermsView = /* @__PURE__ */ schema(() =>
  z
    .object({ version: z.string(), title: z.string(), text: z.array(z.string()) })
    .register(z.globalRegistry, { id: 'ApiTerms' }),
);
