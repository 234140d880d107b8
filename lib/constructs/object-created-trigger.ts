/**
 * Runs a Lambda when an object is created under a prefix (and suffix) of a bucket,
 * with the S3 event shape the handlers take (aws-lambda's S3Event, the same one
 * local/s3-events.ts fakes), and a failure queue for the invocations that crash.
 *
 * Why EventBridge and not an S3 event notification: the buckets live in the
 * stateful stack and the functions in the stateless one. A notification is
 * configured on the bucket (CDK does it with a custom resource in the bucket's
 * stack) and points at the function, while the function's policy points at the
 * bucket: each stack would need the other deployed first, a dependency cycle.
 * Moving the functions into the stateful stack would tie every code deployment
 * to the stack that holds the city's data. With EventBridge the bucket only
 * publishes its events to the default bus (a plain bucket property, see
 * lib/stateful-stack.ts) and the rule that picks uploads out lives here, next to
 * its function: the dependency points one way, stateless → stateful, as before.
 * S3 events on the default bus cost nothing; the rule adds ~1 s of latency,
 * irrelevant next to an ingestion that can run for minutes.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import { EventField, Match, Rule, RuleTargetInput, type IRuleTarget } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface ObjectCreatedTriggerProps {
  bucket: IBucket;
  prefix: string;
  suffix?: string;
  target: IFunction;
  /** Shown as `s3.configurationId` in the event, as an S3 notification would. */
  configurationId: string;
  description: string;
}

/** EventBridge wildcard syntax: `*` matches any run of characters; `\` escapes `*` and itself. */
function wildcardLiteral(text: string): string {
  return text.replace(/[\\*]/g, (c) => `\\${c}`);
}

/**
 * The object-key filter of an S3 notification as an EventBridge pattern: `prefix`, or
 * `prefix*suffix` (a wildcard is the only way to require both on one field; a list of
 * matchers would mean either).
 */
export function objectKeyPattern(prefix: string, suffix?: string): string[] {
  return suffix
    ? Match.wildcard(`${wildcardLiteral(prefix)}*${wildcardLiteral(suffix)}`)
    : Match.prefix(prefix);
}

/**
 * The EventBridge "Object Created" event, reshaped into a one-record S3 notification,
 * so a handler does not know (or care) how it was triggered. Keys arrive as S3 sends
 * them; the staging keys the platform issues use only `[a-z0-9./-]`, which read the
 * same whether a delivery URL-encodes them or not.
 */
export function s3NotificationInput(configurationId: string): RuleTargetInput {
  return RuleTargetInput.fromObject({
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: EventField.fromPath('$.region'),
        eventTime: EventField.fromPath('$.time'),
        eventName: `ObjectCreated:${EventField.fromPath('$.detail.reason')}`,
        s3: {
          s3SchemaVersion: '1.0',
          configurationId,
          bucket: { name: EventField.fromPath('$.detail.bucket.name') },
          object: {
            key: EventField.fromPath('$.detail.object.key'),
            size: EventField.fromPath('$.detail.object.size'),
            eTag: EventField.fromPath('$.detail.object.etag'),
            sequencer: EventField.fromPath('$.detail.object.sequencer'),
          },
        },
      },
    ],
  });
}

export class ObjectCreatedTrigger extends Construct {
  readonly rule: Rule;
  /**
   * Events whose invocation failed (the handler threw, timed out or ran out of memory),
   * with the error, and events EventBridge could not hand to Lambda at all.
   */
  readonly failures: Queue;

  constructor(scope: Construct, id: string, props: ObjectCreatedTriggerProps) {
    super(scope, id);

    this.failures = new Queue(this, 'Failures', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.failures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue of the trigger: failed invocations and undeliverable events land here, with an alarm; a queue behind it would never receive anything.',
    });

    // Lambda queues the event and runs it asynchronously. No retry: these handlers record their
    // progress (the ingestion marks the version "ingesting" first), so a retry after a crash finds
    // nothing to do, succeeds, and the failure would never reach this queue. Fail once, visibly.
    props.target.configureAsyncInvoke({
      retryAttempts: 0,
      onFailure: new SqsDestination(this.failures),
    });

    const target: IRuleTarget = new LambdaFunction(props.target, {
      event: s3NotificationInput(props.configurationId),
      deadLetterQueue: this.failures,
    });
    this.rule = new Rule(this, 'Rule', {
      description: props.description.slice(0, 512),
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: {
          bucket: { name: [props.bucket.bucketName] },
          object: { key: objectKeyPattern(props.prefix, props.suffix) },
        },
      },
      targets: [target],
    });
  }
}
