/**
 * Environment of the measuring processes: a clean one (nothing inherited but
 * PATH and HOME, so no NODE_OPTIONS, compile cache or extra CA certificates skew
 * a run), with harmless values for everything a handler reads at import.
 * Credentials are placeholders, as the Lambda runtime always sets real ones:
 * the S3-over-HTTP client reads them when it is built, at import.
 * Nothing is called at import, so nothing reaches the network, and there is
 * no endpoint to reach. A handler that starts reading a new variable at import
 * fails the run with "Missing required environment variable X": add a
 * placeholder here.
 */
export const HANDLER_ENV: Readonly<Record<string, string>> = {
  AWS_REGION: 'us-east-1',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_ACCESS_KEY_ID: 'BENCHPLACEHOLDERKEYID',
  AWS_SECRET_ACCESS_KEY: 'bench-placeholder-secret-not-a-credential',
  AWS_SESSION_TOKEN: 'bench-placeholder-session-token',
  AWS_LAMBDA_FUNCTION_NAME: 'bench',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
  POWERTOOLS_SERVICE_NAME: 'open-records-bench',
  POWERTOOLS_LOG_LEVEL: 'WARN',
  TABLE_NAME: 'bench-table',
  DATASETS_BUCKET: 'bench-datasets',
  RECORDS_BUCKET: 'bench-records',
  EMAIL_FROM: 'open-data@bench.invalid',
  USAGE_PLAN_NAME_PREFIX: 'bench-',
  // The admin UI and the public site (Cognito hosted UI sign-in, token checks, CSRF tokens).
  STAFF_SIGN_IN_URL: 'https://sign-in.bench.invalid',
  STAFF_TOKEN_ISSUER: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_bench',
  STAFF_TOKEN_AUDIENCE: 'bench-app-client',
  ADMIN_UI_CSRF_SECRET: 'bench-placeholder-csrf-secret-not-a-secret',
  NODE_ENV: 'production',
};

export function probeEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...HANDLER_ENV };
  for (const name of ['PATH', 'HOME']) {
    const value = process.env[name];
    if (value) env[name] = value;
  }
  return env;
}
