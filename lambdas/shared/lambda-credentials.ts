/**
 * Stands in for `@aws-sdk/credential-provider-node` in Lambda bundles (see
 * lib/bundling.ts). Lambda always puts the execution role's credentials in the
 * environment, so the rest of the default chain (SSO, profiles, instance
 * metadata, web identity) is ~140 KB of code that never runs there.
 */
export { fromEnv as defaultProvider } from '@aws-sdk/credential-provider-env';
