/**
 * The whole platform in one CDK app: the stateful stack (data, identities) and
 * the stateless stack (API, firewall, and the Lambdas in its nested stacks) of one
 * stage. bin/app.ts and the CDK tests both build it from here, so the tests check
 * what gets deployed.
 */
import { Tags, Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { stageConfig, type StageConfig } from './config/stages';
import { StatefulStack } from './stateful-stack';
import type { RouteGroup } from './route-groups';
import { StatelessStack } from './stateless-stack';

export interface Platform {
  stage: StageConfig;
  stateful: StatefulStack;
  stateless: StatelessStack;
}

export interface PlatformOptions {
  /** Tests only: other routes than the route table's, grouped (lib/route-groups.ts). */
  routeGroups?: readonly RouteGroup[];
}

export function buildPlatform(app: App, options: PlatformOptions = {}): Platform {
  const stage = stageConfig(app.node.tryGetContext('stage'), app.node.tryGetContext('adminUiOrigin'));
  // Account and region from the CLI's profile when there is one; otherwise environment-agnostic.
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const prefix = `OpenRecords-${stage.stageName}`;

  const stateful = new StatefulStack(app, `${prefix}-Stateful`, {
    env,
    stage,
    description: `City of Danbury open records (${stage.stageName}): data, files and staff identities`,
    terminationProtection: stage.deletionProtection,
  });
  const stateless = new StatelessStack(app, `${prefix}-Stateless`, {
    env,
    stage,
    description: `City of Danbury open records (${stage.stageName}): public API, Lambdas and firewall`,
    terminationProtection: stage.deletionProtection,
    table: stateful.table,
    datasetsBucket: stateful.datasetsBucket,
    recordsBucket: stateful.recordsBucket,
    staffUserPool: stateful.staffUserPool,
    adminUiClient: stateful.adminUiClient,
    staffSignInDomain: stateful.staffSignInDomain,
    ...(options.routeGroups ? { routeGroups: options.routeGroups } : {}),
  });

  Tags.of(app).add('project', 'open-records');
  Tags.of(app).add('stage', stage.stageName);
  Tags.of(app).add('owner', 'City of Danbury IT');
  return { stage, stateful, stateless };
}

/** cdk-nag's AWS Solutions pack on every synth: a finding without an acknowledgement fails it. */
export function addSecurityChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}
