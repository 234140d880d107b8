/**
 * The scheduled-job table (lambdas/api/events.ts) on AWS: one function per
 * job, an EventBridge schedule with retries and a dead-letter queue, the
 * access the job declares and nothing more, alarms, and the API URL for the
 * status links in its notices.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { SCHEDULED_JOB_LIST, scheduledJobs } from '../../lambdas/api/events';
import { handlerEntry } from '../../lib/bundling';
import { PROJECT_ROOT } from '../../lib/constructs/platform-function';
import { logicalId, resources, synthPlatform, type PlatformTemplates } from './support/platform-app';

let dev: PlatformTemplates;
beforeAll(() => {
  dev = synthPlatform({ stage: 'dev' });
});

describe.each(SCHEDULED_JOB_LIST.map((job) => [job.id, job] as const))('scheduled job %s', (id, job) => {
  const fnId = () => logicalId(dev.stateless.jobFunctions[id]!.function);
  // The resources of the jobs' nested stack.
  const all = () => resources(dev.templateOf(dev.stateless.jobFunctions[id]!.function));

  it('has a handler module that exists', () => {
    expect(existsSync(path.join(PROJECT_ROOT, handlerEntry(job.handler)))).toBe(true);
  });

  it('runs on its schedule, retried twice, with a dead-letter queue', () => {
    const rules = Object.values(all()).filter(
      (r) => r.Type === 'AWS::Events::Rule' && r.Properties?.ScheduleExpression === job.schedule,
    );
    expect(rules).toHaveLength(1);
    const target = (rules[0]!.Properties!.Targets as Record<string, unknown>[])[0]!;
    expect(target.Arn).toEqual({ 'Fn::GetAtt': [fnId(), 'Arn'] });
    expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 2 });
    expect(target.DeadLetterConfig).toEqual({
      Arn: { 'Fn::GetAtt': [logicalId(dev.stateless.scheduledJobStack.failures[id]!), 'Arn'] },
    });
  });

  it('knows the API URL for status links and gets exactly the access it declares', () => {
    const fn = all()[fnId()]!.Properties as {
      Environment: { Variables: Record<string, unknown> };
      Role: unknown;
    };
    // https://<the API's id>.execute-api.<region>.<suffix>/<stage>/, the id passed in by the parent.
    const url = fn.Environment.Variables.PUBLIC_API_URL as { 'Fn::Join': [string, unknown[]] };
    const jobs = dev.stateless.scheduledJobStack;
    expect(url['Fn::Join'][1][0]).toBe('https://');
    expect(dev.refersTo(jobs, url['Fn::Join'][1][1], dev.stateless.api)).toBe(true);
    expect(dev.refersTo(jobs, url['Fn::Join'][1].at(-2), dev.stateless.api.deploymentStage)).toBe(true);
    const env = fn.Environment.Variables;
    expect(env.TABLE_NAME !== undefined).toBe(job.access.table !== undefined);
    expect(env.DATASETS_BUCKET !== undefined).toBe(job.access.datasetsBucket !== undefined);
    expect(env.RECORDS_BUCKET !== undefined).toBe(job.access.recordsBucket !== undefined);
    const roleId = (fn.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const policies = Object.values(all()).filter(
      (r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties?.Roles ?? []).includes(roleId),
    );
    const actions = policies.flatMap((p) =>
      (
        (p.Properties!.PolicyDocument as { Statement: { Action: string | string[] }[] }).Statement ?? []
      ).flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])),
    );
    if (job.access.table) expect(actions).toEqual(expect.arrayContaining(['dynamodb:Query']));
    expect(actions.includes('dynamodb:PutItem')).toBe(job.access.table === 'RW');
    const buckets = [job.access.datasetsBucket, job.access.recordsBucket];
    expect(actions.some((a) => a.startsWith('s3:'))).toBe(buckets.some(Boolean));
    expect(actions.includes('s3:PutObject')).toBe(buckets.includes('RW'));
    expect(actions.some((a) => a.startsWith('ses:'))).toBe(job.access.email === 'SEND');
    expect(actions.some((a) => a.startsWith('apigateway:'))).toBe(false);
  });

  it('alarms on a failed run', () => {
    const alarms = Object.values(all()).filter(
      (r) =>
        r.Type === 'AWS::CloudWatch::Alarm' && String(r.Properties?.AlarmDescription).startsWith(`${id}:`),
    );
    expect(alarms.length).toBeGreaterThanOrEqual(2);
  });
});

it('runs the daily records job early in the Danbury morning', () => {
  expect(scheduledJobs.dailyRecordsJob.schedule).toBe('cron(0 11 * * ? *)');
});
