/**
 * The Lambdas run on a schedule (lambdas/api/events.ts) as a nested stack of the
 * stateless stack: each with an EventBridge schedule, two retries and a dead-letter
 * queue, least privilege and alarms.
 */
import { Duration, NestedStack, Validations, type NestedStackProps } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { ScheduledJobDefinition } from '../lambdas/api/events';
import { handlerEntry } from './bundling';
import type { StageConfig } from './config/stages';
import { addAlarm, FIVE_MINUTES_MAX, FIVE_MINUTES_SUM } from './constructs/alarms';
import { PlatformFunction } from './constructs/platform-function';
import { grantAccess, pascal, stageLogging, type PlatformData } from './grants';

export interface ScheduledJobStackProps extends NestedStackProps {
  jobs: readonly ScheduledJobDefinition[];
  stage: StageConfig;
  data: PlatformData;
  /** The public API's URL, for requesters' status links in the notices the jobs send. */
  publicApiUrl: string;
}

export class ScheduledJobStack extends NestedStack {
  /** One per job, by id. */
  readonly functions: Record<string, PlatformFunction> = {};
  /** Each job's dead-letter queue: runs that failed after their retries, by id. */
  readonly failures: Record<string, Queue> = {};

  constructor(scope: Construct, id: string, props: ScheduledJobStackProps) {
    super(scope, id, props);
    for (const definition of props.jobs) this.addScheduledJob(definition, props);
  }

  private addScheduledJob(definition: ScheduledJobDefinition, props: ScheduledJobStackProps): void {
    const { stage, data } = props;
    const name = pascal(definition.id);
    const fn = new PlatformFunction(this, `${name}Function`, {
      entry: handlerEntry(definition.handler),
      description: `Scheduled ${definition.schedule}: ${definition.description}`,
      serviceName: 'open-records-jobs',
      ...stageLogging(stage),
      memorySize: definition.memoryMb,
      timeout: Duration.seconds(definition.timeoutSeconds),
      environment: { PUBLIC_API_URL: props.publicApiUrl },
    });
    grantAccess(fn, definition.access, { stage, data });
    this.functions[definition.id] = fn;
    const failures = new Queue(this, `${name}Failures`, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(failures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue of the schedule: a failed run lands here, with an alarm.',
    });
    // The job is idempotent (each step claims its day), so retrying a failed run is safe.
    new Rule(this, `${name}Schedule`, {
      description: `${definition.id}: ${definition.description}`.slice(0, 512),
      schedule: Schedule.expression(definition.schedule),
      targets: [new LambdaFunction(fn.function, { deadLetterQueue: failures, retryAttempts: 2 })],
    });
    this.failures[definition.id] = failures;

    const { id } = definition;
    addAlarm(
      this,
      `${name}ErrorsAlarm`,
      fn.function.metricErrors(FIVE_MINUTES_SUM),
      1,
      `${id}: a scheduled run failed.`,
    );
    addAlarm(
      this,
      `${name}FailuresAlarm`,
      failures.metricApproximateNumberOfMessagesVisible(FIVE_MINUTES_MAX),
      1,
      `${id}: a scheduled run failed after its retries; the message holds the event.`,
    );
  }
}
