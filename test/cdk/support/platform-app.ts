/**
 * Builds the platform the way bin/app.ts does, with cdk.json's context (feature
 * flags change what constructs synthesize), for one stage. Bundling and CDK's
 * built-in template validation are off unless a test asks for them: both cost
 * seconds and most tests only read templates.
 *
 * The stateless stack keeps its Lambdas in nested stacks: read a construct's
 * resource from its own stack's template (`templateOf`, `propsOf`), and follow
 * references across the nesting with `resolve` / `refersTo`.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, NestedStack, Stack, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { addSecurityChecks, buildPlatform, type Platform } from '../../../lib/platform';
import type { StageName } from '../../../lib/config/stages';
import type { RouteGroup } from '../../../lib/route-groups';

const CDK_JSON = path.resolve(__dirname, '..', '..', '..', 'cdk.json');
export const CDK_CONTEXT: Record<string, unknown> = JSON.parse(readFileSync(CDK_JSON, 'utf8')).context;

export interface PlatformAppOptions {
  stage?: StageName;
  bundling?: boolean;
  validation?: boolean;
  securityChecks?: boolean;
  outdir?: string;
  context?: Record<string, unknown>;
  /** Other routes than the route table's (see lib/route-groups.ts). */
  routeGroups?: readonly RouteGroup[];
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
  const platform = buildPlatform(app, options.routeGroups ? { routeGroups: options.routeGroups } : {});
  if (options.securityChecks) addSecurityChecks(app);
  return { app, ...platform };
}

export type Resources = Record<
  string,
  { Type: string; Properties?: Record<string, unknown>; [k: string]: unknown }
>;

export interface StackTemplate {
  stack: Stack;
  template: Template;
  resources: Resources;
}

/** A value in a stack's template, with the stack it is read in. */
export interface Located {
  stack: Stack;
  value: unknown;
}

export interface PlatformTemplates extends PlatformApp {
  statefulTemplate: Template;
  /** The stateless stack's own template: the API, its alarms and the nested stacks. */
  statelessTemplate: Template;
  /** The stateless stack, then each of its nested stacks (route groups, event handlers, jobs). */
  statelessStacks: StackTemplate[];
  /** The template of the stack, nested or not, that holds a construct. */
  templateOf(construct: IConstruct): Template;
  /** The CloudFormation properties of a construct's resource, from its own stack's template. */
  propsOf<T = Record<string, unknown>>(construct: IConstruct): T;
  /** Every resource of the stateless side except the nested-stack resources themselves. */
  statelessResources(type?: string): { stack: Stack; logicalId: string; resource: Resources[string] }[];
  /**
   * Follows a reference across the nested-stack boundary to the resource it names:
   * `{ Ref: <parameter> }` in a nested stack to what the parent passes in, and
   * `{ 'Fn::GetAtt': [<nested stack>, 'Outputs.<name>'] }` in a parent to the output's value.
   */
  resolve(stack: Stack, value: unknown): Located;
  /** Whether a template value (read in `stack`) is a Ref to `construct`'s resource. */
  refersTo(stack: Stack, value: unknown, construct: IConstruct): boolean;
}

export function synthPlatform(options: PlatformAppOptions = {}): PlatformTemplates {
  const built = platformApp(options);
  const templates = new Map<Stack, Template>();
  const templateOfStack = (stack: Stack): Template => {
    let template = templates.get(stack);
    if (!template) {
      template = Template.fromStack(stack);
      templates.set(stack, template);
    }
    return template;
  };
  const templateOf = (construct: IConstruct) => templateOfStack(Stack.of(construct));
  const statelessStacks = [
    built.stateless,
    ...built.stateless.node.findAll().filter((c): c is NestedStack => NestedStack.isNestedStack(c)),
  ].map((stack) => ({
    stack,
    template: templateOfStack(stack),
    resources: resources(templateOfStack(stack)),
  }));

  const resolve = (stack: Stack, value: unknown): Located => {
    const node = value as Record<string, unknown> | null;
    if (
      node &&
      typeof node === 'object' &&
      typeof node.Ref === 'string' &&
      NestedStack.isNestedStack(stack)
    ) {
      const parameters = (resources(templateOfStack(stack.nestedStackParent!))[
        logicalId(stack.nestedStackResource!)
      ]?.Properties?.Parameters ?? {}) as Record<string, unknown>;
      if (node.Ref in parameters) return resolve(stack.nestedStackParent!, parameters[node.Ref]);
    }
    const getAtt = node && typeof node === 'object' ? node['Fn::GetAtt'] : undefined;
    if (Array.isArray(getAtt) && String(getAtt[1]).startsWith('Outputs.')) {
      const nested = stack.node
        .findAll()
        .find(
          (c): c is NestedStack =>
            NestedStack.isNestedStack(c) &&
            c.nestedStackParent === stack &&
            logicalId(c.nestedStackResource!) === getAtt[0],
        );
      if (nested) {
        const outputs = templateOfStack(nested).toJSON().Outputs as Record<string, { Value: unknown }>;
        const output = outputs[String(getAtt[1]).slice('Outputs.'.length)];
        if (output) return resolve(nested, output.Value);
      }
    }
    return { stack, value };
  };

  return {
    ...built,
    statefulTemplate: templateOfStack(built.stateful),
    statelessTemplate: templateOfStack(built.stateless),
    statelessStacks,
    templateOf,
    propsOf: <T>(construct: IConstruct) =>
      resources(templateOf(construct))[logicalId(construct)]?.Properties as T,
    statelessResources: (type?: string) =>
      statelessStacks.flatMap(({ stack, resources: all }) =>
        Object.entries(all)
          .filter(([, r]) => r.Type !== 'AWS::CloudFormation::Stack' && (!type || r.Type === type))
          .map(([id, resource]) => ({ stack, logicalId: id, resource })),
      ),
    resolve,
    refersTo: (stack: Stack, value: unknown, construct: IConstruct) => {
      const target = resolve(stack, value);
      return (
        target.stack === Stack.of(construct) &&
        JSON.stringify(target.value) === JSON.stringify({ Ref: logicalId(construct) })
      );
    },
  };
}

/** The logical id of a construct's CloudFormation resource (its default child for L2s). */
export function logicalId(construct: IConstruct): string {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(construct).getLogicalId(element);
}

export function resources(template: Template): Resources {
  return template.toJSON().Resources as Resources;
}
