/**
 * The Lambdas started by S3 events (lambdas/api/events.ts) as a nested stack of the
 * stateless stack: each behind an EventBridge rule with a failure queue
 * (lib/constructs/object-created-trigger.ts), with least privilege and alarms.
 */
import { Duration, NestedStack, type NestedStackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { EventHandlerDefinition } from '../lambdas/api/events';
import { handlerEntry } from './bundling';
import type { StageConfig } from './config/stages';
import { addAlarm, FIVE_MINUTES_MAX, FIVE_MINUTES_SUM } from './constructs/alarms';
import { ObjectCreatedTrigger } from './constructs/object-created-trigger';
import { PlatformFunction } from './constructs/platform-function';
import { grantAccess, pascal, stageLogging, type PlatformData } from './grants';

export interface EventHandlerStackProps extends NestedStackProps {
  handlers: readonly EventHandlerDefinition[];
  stage: StageConfig;
  data: PlatformData;
}

export class EventHandlerStack extends NestedStack {
  /** One per event handler, by id. */
  readonly functions: Record<string, PlatformFunction> = {};
  /** The trigger (EventBridge rule and failure queue) of each event handler, by id. */
  readonly triggers: Record<string, ObjectCreatedTrigger> = {};

  constructor(scope: Construct, id: string, props: EventHandlerStackProps) {
    super(scope, id, props);
    for (const definition of props.handlers) this.addEventHandler(definition, props);
  }

  private addEventHandler(definition: EventHandlerDefinition, { stage, data }: EventHandlerStackProps): void {
    const { bucket, prefix, suffix = '' } = definition.trigger;
    const name = pascal(definition.id);
    const fn = new PlatformFunction(this, `${name}Function`, {
      entry: handlerEntry(definition.handler),
      description: `New objects in ${bucket} ${prefix}*${suffix}: ${definition.description}`,
      serviceName: 'open-records-events',
      ...stageLogging(stage),
      memorySize: definition.memoryMb,
      timeout: Duration.seconds(definition.timeoutSeconds),
      ephemeralStorageMb: definition.ephemeralStorageMb,
      ...(definition.environment ? { environment: definition.environment } : {}),
    });
    grantAccess(fn, definition.access, { stage, data });
    this.functions[definition.id] = fn;
    const trigger = new ObjectCreatedTrigger(this, `${name}Trigger`, {
      bucket: data[bucket],
      prefix,
      ...(definition.trigger.suffix ? { suffix: definition.trigger.suffix } : {}),
      target: fn.function,
      configurationId: definition.id,
      description: `${definition.id}: objects created in ${bucket} matching ${prefix}*${suffix}`,
    });
    this.triggers[definition.id] = trigger;

    // Event handlers run rarely and each run matters (a failed ingestion is a stuck upload): any error alarms.
    const { id } = definition;
    addAlarm(
      this,
      `${name}ErrorsAlarm`,
      fn.function.metricErrors(FIVE_MINUTES_SUM),
      1,
      `${id}: a run failed.`,
    );
    addAlarm(
      this,
      `${name}ThrottlesAlarm`,
      fn.function.metricThrottles(FIVE_MINUTES_SUM),
      1,
      `${id}: Lambda throttled.`,
    );
    addAlarm(
      this,
      `${name}FailuresAlarm`,
      trigger.failures.metricApproximateNumberOfMessagesVisible(FIVE_MINUTES_MAX),
      1,
      `${id}: events in its failure queue (a run crashed or could not be delivered); the message holds the event and the error.`,
    );
  }
}
