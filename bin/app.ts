#!/usr/bin/env node
/** The CDK app: `cdk synth -c stage=dev|prod` (default dev). */
import { App } from 'aws-cdk-lib';
import { addSecurityChecks, buildPlatform } from '../lib/platform';

const app = new App();
buildPlatform(app);
addSecurityChecks(app);
