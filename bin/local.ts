/**
 * `npm start`: the whole platform on this machine, persisted under .local/.
 * Ctrl-C stops every child process; the next start reuses the data.
 */
import path from 'node:path';
import { checkPrerequisites } from '../local/prerequisites';
import { PROJECT_ROOT, startLocalPlatform } from '../local/platform';
import { LOCAL_STAFF_USERS } from '../local/seed/staff-users';
import { ROUTE_LIST } from '../lambdas/api/routes';

async function main(): Promise<void> {
  const problems = checkPrerequisites();
  if (problems.length > 0) {
    console.error(`Cannot start the local platform:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(1);
  }
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    console.error(`PORT must be a TCP port number (got "${process.env.PORT}").`);
    process.exit(1);
  }
  const dataDir = path.resolve(process.env.LOCAL_DATA_DIR ?? path.join(PROJECT_ROOT, '.local'));
  console.log('Starting DynamoDB Local, s3rver and the local API gateway…');
  const platform = await startLocalPlatform({
    port,
    dataDir,
    log: (line) => console.log(`[gateway] ${line}`),
  });

  const pad = (s: string, n: number) => s.padEnd(n);
  console.log(`
City of Danbury open data and public records platform: running locally (data in ${path.relative(process.cwd(), dataDir) || '.'})

  API gateway     ${platform.baseUrl}
  OpenAPI         ${platform.baseUrl}/openapi.json
  Dataset catalog ${platform.baseUrl}/v1/datasets
  DynamoDB Local  ${platform.dynamoDbEndpoint}   (table ${platform.tableName})
  S3 (s3rver)     ${platform.s3Endpoint}   (buckets ${platform.datasetsBucket}, ${platform.recordsBucket})

  Demo API key (basic usage plan): ${platform.demoApiKey}
    curl -L -H "x-api-key: ${platform.demoApiKey}" ${platform.baseUrl}/v1/datasets/pothole-repairs/download

  Staff sign-in (local only; in AWS staff sign in with Cognito):
${LOCAL_STAFF_USERS.map((u) => `    ${pad(u.username, 12)} password ${u.password}   ${u.description}`).join('\n')}
    Token for scripts:  npm run token -- clerk
    curl -H "Authorization: Bearer $(npm run -s token -- clerk)" ${platform.baseUrl}/v1/staff/me

  ${platform.seededDatasets.length ? `Seeded sample datasets: ${platform.seededDatasets.join(', ')}` : 'Sample datasets already present (persisted).'}
  ${platform.seededRequests.length ? `Seeded sample records requests: ${platform.seededRequests.join(', ')}` : 'Sample records requests already present (persisted).'}
  ${ROUTE_LIST.length} routes mounted. Press Ctrl-C to stop.
`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the gateway, DynamoDB Local and s3rver…`);
    await platform.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(`The local platform failed to start: ${(err as Error).message}`);
  process.exit(1);
});
