/** The platform's one alarm shape: a threshold over one evaluation period, quiet when there is no data. */
import { Alarm, ComparisonOperator, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { Duration } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

export const FIVE_MINUTES_SUM = { period: Duration.minutes(5), statistic: 'Sum' };
export const FIVE_MINUTES_MAX = { period: Duration.minutes(5), statistic: 'Maximum' };

export function addAlarm(
  scope: Construct,
  id: string,
  metric: IMetric,
  threshold: number,
  description: string,
): Alarm {
  return new Alarm(scope, id, {
    metric,
    threshold,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
    alarmDescription: description,
  });
}
