/**
 * Environment of the measuring processes: a clean one (nothing inherited but
 * PATH and HOME, so no NODE_OPTIONS, compile cache or extra CA certificates skew
 * a run), with harmless values for everything a handler reads at import. No
 * credentials: nothing is called at import, so nothing reaches the network.
 * A handler that starts reading a new variable at import fails the run with
 * "Missing required environment variable X": add a placeholder here.
 */
export const HANDLER_ENV: Readonly<Record<string, string>> = {
  AWS_REGION: 'us-east-1',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_LAMBDA_FUNCTION_NAME: 'bench',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
  POWERTOOLS_SERVICE_NAME: 'open-records-bench',
  POWERTOOLS_LOG_LEVEL: 'WARN',
  TABLE_NAME: 'bench-table',
  DATASETS_BUCKET: 'bench-datasets',
  RECORDS_BUCKET: 'bench-records',
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
