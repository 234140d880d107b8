/**
 * The event-handler table (lambdas/api/events.ts) on AWS: one function per entry,
 * its EventBridge trigger on the stateful stack's bucket, least privilege, a
 * failure queue and alarms. Checked generically over EVENT_HANDLER_LIST, plus
 * the ingestion's concrete settings.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Stack } from 'aws-cdk-lib';
import type { S3Event } from 'aws-lambda';
import { EVENT_HANDLER_LIST, eventHandlers, type EventHandlerDefinition } from '../../lambdas/api/events';
import { parseStagingKey, stagingKey, versionPrefix } from '../../lambdas/domain/datasets/dataset';
import { handlerEntry } from '../../lib/bundling';
import { objectKeyPattern } from '../../lib/constructs/object-created-trigger';
import { PROJECT_ROOT } from '../../lib/constructs/platform-function';
import { logicalId, resources, synthPlatform, type PlatformTemplates } from './support/platform-app';

let dev: PlatformTemplates;

beforeAll(() => {
  dev = synthPlatform({ stage: 'dev' });
});

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };
type KeyMatcher = string | { prefix: string } | { wildcard: string };

// Each resource is read from its own stack's template (the event handlers' nested stack).
const props = <T = Record<string, unknown>>(construct: Parameters<typeof logicalId>[0]): T =>
  dev.propsOf<T>(construct);

function parts(definition: EventHandlerDefinition) {
  const fn = dev.stateless.eventFunctions[definition.id];
  const trigger = dev.stateless.eventTriggers[definition.id];
  if (!fn || !trigger) throw new Error(`No function or trigger for event handler ${definition.id}`);
  return { fn, trigger };
}

/** The logical id of a stateful-stack resource, which names its cross-stack export. */
const statefulId = (which: 'datasetsBucket' | 'recordsBucket') => logicalId(dev.stateful[which]);
const importOf = (which: 'datasetsBucket' | 'recordsBucket') => ({
  'Fn::ImportValue': expect.stringContaining(statefulId(which)),
});

/** The key matchers objectKeyPattern puts into a rule (CDK hands them out as tokens). */
const keyPattern = (prefix: string, suffix?: string) =>
  new Stack().resolve(objectKeyPattern(prefix, suffix)) as KeyMatcher[];

/** EventBridge's key matchers, as it evaluates them (wildcard: `*` any run, `\` escapes). */
function keyMatches(matcher: KeyMatcher, key: string): boolean {
  if (typeof matcher === 'string') return matcher === key;
  if ('prefix' in matcher) return key.startsWith(matcher.prefix);
  const source = matcher.wildcard
    .split(/(\\\\|\\\*|\*)/)
    .map((part) =>
      part === '*'
        ? '.*'
        : part === '\\*' || part === '\\\\'
          ? `\\${part[1]}`
          : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}$`, 's').test(key);
}

/** What an EventBridge input transformer does with a template and an event. */
function transform(
  transformer: { InputPathsMap: Record<string, string>; InputTemplate: string },
  event: Record<string, unknown>,
): unknown {
  const valueAt = (jsonPath: string) =>
    jsonPath
      .replace(/^\$\./, '')
      .split('.')
      .reduce<unknown>((node, name) => (node as Record<string, unknown>)[name], event);
  // In a value position the JSON value goes in; inside a string, the bare text.
  const template = transformer.InputTemplate;
  const filled = template.replace(/<([\w-]+)>/g, (_all, name: string, at: number) => {
    const jsonPath = transformer.InputPathsMap[name];
    if (!jsonPath) throw new Error(`No input path for <${name}>`);
    const value = valueAt(jsonPath);
    const quotesBefore = template.slice(0, at).replace(/\\./g, '').split('"').length - 1;
    return quotesBefore % 2 === 1 ? String(value) : JSON.stringify(value);
  });
  return JSON.parse(filled);
}

/** An "Object Created" event as S3 puts it on the default bus (AWS documentation example, our key). */
function objectCreatedEvent(bucket: string, key: string): Record<string, unknown> {
  return {
    version: '0',
    id: '17793124-05d4-b198-2fde-7ededc63b103',
    'detail-type': 'Object Created',
    source: 'aws.s3',
    account: '111122223333',
    time: '2026-11-12T00:00:00Z',
    region: 'us-east-1',
    resources: [`arn:aws:s3:::${bucket}`],
    detail: {
      version: '0',
      bucket: { name: bucket },
      object: {
        key,
        size: 5,
        etag: 'b1946ac92492d2347c6235b4d2611184',
        'version-id': 'IYV3p45BT0ac8hjHg1houSdS1a.Mro8e',
        sequencer: '617f08299329d189',
      },
      'request-id': 'N4N7GDK58NMKJ12R',
      requester: '123456789012',
      'source-ip-address': '1.2.3.4',
      reason: 'PutObject',
    },
  };
}

describe('the ingestion handler entry', () => {
  it('has the memory, time and /tmp to stream a 1 GB upload and sort it on disk', () => {
    expect(eventHandlers.ingestDatasetVersion).toMatchObject({
      trigger: { bucket: 'datasetsBucket', prefix: 'staging/', suffix: '/upload.csv' },
      access: { table: 'RW', datasetsBucket: 'RW' },
    });
    const fn = props(parts(eventHandlers.ingestDatasetVersion).fn.function);
    // 3,538 MB: two vCPUs' worth of CPU time, one for the parse thread.
    expect(fn).toMatchObject({ MemorySize: 3538, Timeout: 900, EphemeralStorage: { Size: 10_240 } });
  });

  it('names its own bundle as the parse thread: the file NodejsFunction writes for an ESM handler', () => {
    const fn = props<{ Environment: { Variables: Record<string, unknown> }; Handler: string }>(
      parts(eventHandlers.ingestDatasetVersion).fn.function,
    );
    expect(fn.Handler).toBe('index.handler');
    expect(fn.Environment.Variables.INGEST_PARSE_THREAD_FILE).toBe('/var/task/index.mjs');
  });
});

describe.each(EVENT_HANDLER_LIST.map((d) => [d.id, d] as const))('event handler %s', (_id, definition) => {
  const { bucket, prefix, suffix } = definition.trigger;

  it('is a function built from its handler module, with its memory, timeout and /tmp', () => {
    expect(existsSync(path.join(PROJECT_ROOT, handlerEntry(definition.handler)))).toBe(true);
    const fn = props<Record<string, unknown> & { Environment: { Variables: Record<string, unknown> } }>(
      parts(definition).fn.function,
    );
    expect(fn).toMatchObject({
      MemorySize: definition.memoryMb,
      Timeout: definition.timeoutSeconds,
      EphemeralStorage: { Size: definition.ephemeralStorageMb },
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
    });
    const env = fn.Environment.Variables;
    expect(env.TABLE_NAME !== undefined).toBe(definition.access.table !== undefined);
    expect(env.DATASETS_BUCKET !== undefined).toBe(definition.access.datasetsBucket !== undefined);
    expect(env.RECORDS_BUCKET !== undefined).toBe(definition.access.recordsBucket !== undefined);
  });

  it(`is triggered by an EventBridge rule on objects created in ${bucket} under ${prefix}`, () => {
    const { fn, trigger } = parts(definition);
    const rule = props<{
      EventPattern: {
        source: string[];
        'detail-type': string[];
        detail: { bucket: { name: unknown[] }; object: { key: KeyMatcher[] } };
      };
      Targets: { Arn: unknown; DeadLetterConfig: { Arn: unknown } }[];
      State: string;
    }>(trigger.rule);
    expect(rule.State).toBe('ENABLED');
    expect(rule.EventPattern).toEqual({
      source: ['aws.s3'],
      'detail-type': ['Object Created'],
      detail: {
        bucket: { name: [importOf(bucket)] },
        object: { key: keyPattern(prefix, suffix) },
      },
    });
    expect(rule.Targets).toHaveLength(1);
    expect(rule.Targets[0]?.Arn).toEqual({ 'Fn::GetAtt': [logicalId(fn.function), 'Arn'] });
    dev.templateOf(fn.function).hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [logicalId(fn.function), 'Arn'] },
      Principal: 'events.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [logicalId(trigger.rule), 'Arn'] },
    });
  });

  it('matches keys exactly as an S3 notification filtered by prefix and suffix would', () => {
    const [matcher] = keyPattern(prefix, suffix) as [KeyMatcher];
    const inside = `${prefix}some/key${suffix ?? '.csv'}`;
    expect(keyMatches(matcher, inside)).toBe(true);
    expect(keyMatches(matcher, `x${inside}`)).toBe(false);
    if (suffix) expect(keyMatches(matcher, `${prefix}some/key${suffix}.bak`)).toBe(false);
  });

  it('hands the handler an S3 notification event', () => {
    const { trigger } = parts(definition);
    const target = props<{
      Targets: { InputTransformer: { InputPathsMap: Record<string, string>; InputTemplate: string } }[];
    }>(trigger.rule).Targets[0];
    const key = `${prefix}road-closures/3${suffix ?? '/upload.csv'}`;
    const event = transform(target!.InputTransformer, objectCreatedEvent('city-datasets', key)) as S3Event;
    expect(event.Records).toHaveLength(1);
    expect(event.Records[0]).toMatchObject({
      eventSource: 'aws:s3',
      eventName: 'ObjectCreated:PutObject',
      awsRegion: 'us-east-1',
      eventTime: '2026-11-12T00:00:00Z',
      s3: {
        configurationId: definition.id,
        bucket: { name: 'city-datasets' },
        object: { key, size: 5, eTag: 'b1946ac92492d2347c6235b4d2611184' },
      },
    });
  });

  it('may read and write exactly what its access entry names, and send to its failure queue', () => {
    const { fn, trigger } = parts(definition);
    const statements = props<{ PolicyDocument: { Statement: Statement[] } }>(
      fn.role.node.findChild('DefaultPolicy'),
    ).PolicyDocument.Statement.map((s) => ({ ...s, Action: [s.Action].flat().sort() }));
    const json = JSON.stringify(statements);
    for (const which of ['datasetsBucket', 'recordsBucket'] as const) {
      const grant = definition.access[which];
      if (!grant) {
        expect(json).not.toContain(statefulId(which));
        continue;
      }
      const objects = statements.find((s) => JSON.stringify(s.Resource).includes(statefulId(which)));
      // CopyObject is GetObject on the source and PutObject on the target, both in this bucket.
      expect(objects?.Action).toEqual(
        grant === 'RW' ? ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'] : ['s3:GetObject'],
      );
      expect(objects?.Resource).toEqual({ 'Fn::Join': ['', [importOf(which), '/*']] });
    }
    const actions = statements.flatMap((s) => s.Action);
    if (definition.access.table === 'RW') {
      expect(actions).toEqual(
        expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem']),
      );
    }
    expect(actions.filter((a) => a.startsWith('s3:') && !/^s3:(Get|Put|Abort)/.test(a))).toEqual([]);
    const sqs = statements.filter((s) => s.Action.some((a) => a.startsWith('sqs:')));
    expect(sqs).toEqual([
      expect.objectContaining({
        Action: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
        Resource: { 'Fn::GetAtt': [logicalId(trigger.failures), 'Arn'] },
      }),
    ]);
  });

  it('is not retried after a crash: the failed event, with its error, goes to the failure queue', () => {
    const { fn, trigger } = parts(definition);
    const queueArn = { 'Fn::GetAtt': [logicalId(trigger.failures), 'Arn'] };
    dev.templateOf(fn.function).hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalId(fn.function) },
      Qualifier: '$LATEST',
      MaximumRetryAttempts: 0,
      DestinationConfig: { OnFailure: { Destination: queueArn } },
    });
    // Events EventBridge cannot deliver to Lambda land in the same queue.
    const rule = props<{ Targets: { DeadLetterConfig: { Arn: unknown } }[] }>(trigger.rule);
    expect(rule.Targets[0]?.DeadLetterConfig).toEqual({ Arn: queueArn });
  });

  it('has a failure queue that is encrypted, TLS-only, and writable by its rule only', () => {
    const { trigger } = parts(definition);
    expect(props(trigger.failures)).toMatchObject({
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 1_209_600,
    });
    const policy = Object.values(resources(dev.templateOf(trigger.failures))).find(
      (r) =>
        r.Type === 'AWS::SQS::QueuePolicy' &&
        JSON.stringify(r.Properties?.Queues) === JSON.stringify([{ Ref: logicalId(trigger.failures) }]),
    );
    const statements = (policy?.Properties?.PolicyDocument as { Statement: Statement[] }).Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: 'sqs:*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Action: 'sqs:SendMessage',
        Principal: { Service: 'events.amazonaws.com' },
        Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [logicalId(trigger.rule), 'Arn'] } } },
      }),
    );
  });

  it('alarms on any error or throttle, and on any message in its failure queue', () => {
    const { fn, trigger } = parts(definition);
    for (const metric of ['Errors', 'Throttles']) {
      dev.templateOf(fn.function).hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda',
        MetricName: metric,
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(fn.function) } }],
        Statistic: 'Sum',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
    }
    dev.templateOf(trigger.failures).hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [
        { Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(trigger.failures), 'QueueName'] } },
      ],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
  });
});

describe('the ingestion trigger and the keys the platform uses', () => {
  const [matcher] = keyPattern(
    eventHandlers.ingestDatasetVersion.trigger.prefix,
    eventHandlers.ingestDatasetVersion.trigger.suffix,
  ) as [KeyMatcher];

  it('fires for every staged upload, and the handler can parse its key', () => {
    for (const [datasetId, version] of [
      ['road-closures', 1],
      ['b2c', 999_999],
    ] as const) {
      const key = stagingKey(datasetId, version);
      expect(keyMatches(matcher, key)).toBe(true);
      expect(parseStagingKey(key)).toEqual({ datasetId, version });
    }
  });

  it("never fires for what the ingestion writes itself (the version's copy and row chunks)", () => {
    const version = versionPrefix('road-closures', 3);
    for (const key of [`${version}/road_closures.csv`, `${version}/rows/natural/000000.json`]) {
      expect(keyMatches(matcher, key)).toBe(false);
    }
    expect(keyMatches(matcher, 'staging/road-closures/3/notes.txt')).toBe(false);
  });
});

describe('objectKeyPattern', () => {
  it('uses a prefix match without a suffix, and a wildcard with escaped literals with one', () => {
    expect(keyPattern('staging/')).toEqual([{ prefix: 'staging/' }]);
    expect(keyPattern('a*b/', '/c\\d')).toEqual([{ wildcard: 'a\\*b/*/c\\\\d' }]);
    expect(keyMatches({ wildcard: 'a\\*b/*/c\\\\d' }, 'a*b/x/c\\d')).toBe(true);
    expect(keyMatches({ wildcard: 'a\\*b/*/c\\\\d' }, 'aXb/x/c\\d')).toBe(false);
  });
});
