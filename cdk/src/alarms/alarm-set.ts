import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { describeAlarm, type RunbookKind } from './runbooks.js';

/** The name of the one alarm that pages for a component (an API, a router, a service). */
export const pageAlarmName = (alarmPrefix: string, component: string): string => `${alarmPrefix}${component}`;

/** What an alarm's name and description take from the deployment (a `DeploymentConfig` is one). */
export interface AlarmSettings {
  readonly prefix: string;
  /** The repository's web address for its files; without it, runbooks are linked by their path in the repository. */
  readonly runbookBaseUrl?: string | undefined;
}

export interface AlarmSpec {
  readonly id: string;
  /** What the alarm saw, as one sentence without its final stop; the runbook's link is added to it. */
  readonly description: string;
  readonly runbook: RunbookKind;
  readonly metric: cloudwatch.IMetric;
  readonly threshold: number;
  readonly comparison: cloudwatch.ComparisonOperator;
  readonly evaluationPeriods: number;
  /** Whether a silent metric is itself the incident (a heartbeat that stops). */
  readonly missingIsBreaching?: boolean;
}

/**
 * The alarms of one component, and the one composite alarm that pages for any of them: the
 * on-call engineer gets one page per component in trouble, with the reason in the alarm
 * that fired, and one more when it is over.
 */
export class AlarmSet {
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(
    private readonly scope: Construct,
    private readonly component: string,
    private readonly settings: AlarmSettings,
  ) {}

  add(spec: AlarmSpec): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this.scope, `${this.component}-${spec.id}`, {
      alarmName: `${this.settings.prefix}${this.component} ${spec.id}`,
      alarmDescription: describeAlarm(spec.description, spec.runbook, this.settings.runbookBaseUrl),
      metric: spec.metric,
      threshold: spec.threshold,
      comparisonOperator: spec.comparison,
      evaluationPeriods: spec.evaluationPeriods,
      datapointsToAlarm: spec.evaluationPeriods,
      treatMissingData: spec.missingIsBreaching ? cloudwatch.TreatMissingData.BREACHING : cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.alarms.push(alarm);
    return alarm;
  }

  /** Pages for any of the alarms; `rule` replaces the plain "any of them" where one needs a condition. */
  page(topic: sns.ITopic, rule: cloudwatch.IAlarmRule = cloudwatch.AlarmRule.anyOf(...this.alarms)): cloudwatch.CompositeAlarm {
    const composite = new cloudwatch.CompositeAlarm(this.scope, `${this.component}-page`, {
      compositeAlarmName: pageAlarmName(this.settings.prefix, this.component),
      alarmDescription: describeAlarm(
        `${this.component} needs the on-call engineer: see which of its alarms is in ALARM`,
        'component-paged',
        this.settings.runbookBaseUrl,
      ),
      alarmRule: rule,
    });
    composite.addAlarmAction(new actions.SnsAction(topic));
    composite.addOkAction(new actions.SnsAction(topic));
    return composite;
  }
}
