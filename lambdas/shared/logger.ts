import { Logger } from '@aws-lambda-powertools/logger';

/** One logger per container. Service name and level come from POWERTOOLS_* env (set by the CDK construct). */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'open-records' });
