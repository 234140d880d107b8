/**
 * The city firewall in front of the API stage: a per-IP flood guard that
 * answers 429 in the platform's error shape, then AWS's common rule set.
 */
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import type { Stage } from 'aws-cdk-lib/aws-apigateway';
import { Construct } from 'constructs';
import type { ErrorBody } from '../../lambdas/shared/errors';

export interface ApiFirewallProps {
  stage: Stage;
  /** Requests one client IP may send in 5 minutes before it is answered 429. */
  requestsPerIpPer5Min: number;
  /** Prefix of the CloudWatch metric names. */
  metricPrefix: string;
}

export const RATE_LIMIT_RULE = 'PerIpRateLimit';
export const RATE_LIMIT_RESPONSE_KEY = 'throttled';
export const RATE_LIMIT_RETRY_AFTER_SECONDS = 60;

// WAF answers before API Gateway assigns a request id, and custom bodies are static.
export const RATE_LIMIT_BODY: ErrorBody = {
  error: {
    code: 'THROTTLED',
    message: `Too many requests from your network address. The city firewall paused them; retry after ${RATE_LIMIT_RETRY_AFTER_SECONDS} seconds.`,
    requestId: 'none',
  },
};

export class ApiFirewall extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: ApiFirewallProps) {
    super(scope, id);
    const visibility = (name: string): CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName: `${props.metricPrefix}-${name}`,
    });

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      description: 'City of Danbury open records API: per-IP rate limit and AWS common rules.',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('api'),
      customResponseBodies: {
        [RATE_LIMIT_RESPONSE_KEY]: {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify(RATE_LIMIT_BODY),
        },
      },
      rules: [
        {
          name: RATE_LIMIT_RULE,
          priority: 0,
          statement: {
            rateBasedStatement: {
              limit: props.requestsPerIpPer5Min,
              aggregateKeyType: 'IP',
              evaluationWindowSec: 300,
            },
          },
          action: {
            block: {
              customResponse: {
                responseCode: 429,
                customResponseBodyKey: RATE_LIMIT_RESPONSE_KEY,
                responseHeaders: [{ name: 'Retry-After', value: String(RATE_LIMIT_RETRY_AFTER_SECONDS) }],
              },
            },
          },
          visibilityConfig: visibility(RATE_LIMIT_RULE),
        },
        {
          name: 'AWSManagedRulesCommonRuleSet',
          priority: 1,
          statement: {
            managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' },
          },
          overrideAction: { none: {} },
          visibilityConfig: visibility('AWSManagedRulesCommonRuleSet'),
        },
      ],
    });

    new CfnWebACLAssociation(this, 'StageAssociation', {
      resourceArn: props.stage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
  }
}
