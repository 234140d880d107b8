/**
 * Builds the platform the way bin/app.ts does, with cdk.json's context (feature
 * flags change what constructs synthesize), for one stage. Bundling and CDK's
 * built-in template validation are off unless a test asks for them: both cost
 * seconds and most tests only read templates.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { addSecurityChecks, buildPlatform, type Platform } from '../../../lib/platform';
import type { StageName } from '../../../lib/config/stages';

const CDK_JSON = path.resolve(__dirname, '..', '..', '..', 'cdk.json');
export const CDK_CONTEXT: Record<string, unknown> = JSON.parse(readFileSync(CDK_JSON, 'utf8')).context;

export interface PlatformAppOptions {
  stage?: StageName;
  bundling?: boolean;
  validation?: boolean;
  securityChecks?: boolean;
  outdir?: string;
  context?: Record<string, unknown>;
}

export interface PlatformApp extends Platform {
  app: App;
}

export function platformApp(options: PlatformAppOptions = {}): PlatformApp {
  const app = new App({
    context: {
      ...CDK_CONTEXT,
      stage: options.stage ?? 'dev',
      ...(options.bundling ? {} : { 'aws:cdk:bundling-stacks': [] }),
      ...options.context,
    },
    builtinCloudFormationValidation: options.validation ?? false,
    treeMetadata: options.bundling ?? false,
    ...(options.outdir ? { outdir: options.outdir } : {}),
  });
  const platform = buildPlatform(app);
  if (options.securityChecks) addSecurityChecks(app);
  return { app, ...platform };
}

export interface PlatformTemplates extends PlatformApp {
  stateful: Platform['stateful'];
  stateless: Platform['stateless'];
  statefulTemplate: Template;
  statelessTemplate: Template;
}

export function synthPlatform(options: PlatformAppOptions = {}): PlatformTemplates {
  const built = platformApp(options);
  return {
    ...built,
    statefulTemplate: Template.fromStack(built.stateful),
    statelessTemplate: Template.fromStack(built.stateless),
  };
}

/** The logical id of a construct's CloudFormation resource (its default child for L2s). */
export function logicalId(construct: IConstruct): string {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(construct).getLogicalId(element);
}

export type Resources = Record<
  string,
  { Type: string; Properties?: Record<string, unknown>; [k: string]: unknown }
>;

export function resources(template: Template): Resources {
  return template.toJSON().Resources as Resources;
}
