import { API_METRICS_NAMESPACE, SERVICE_METRICS_NAMESPACE } from '@ndf/catalog';

/**
 * What CloudWatch adds to an alarm's own periods before it pages. Each figure is AWS's where its
 * documentation gives one, and says so where it does not.
 */
export const CLOUDWATCH_DELAYS = {
  /** "If the alarm period is 10 seconds or 30 seconds, the alarm is evaluated every 10 seconds"; longer periods, every minute. */
  evaluationSeconds: (periodSeconds: number): number => (periodSeconds < 60 ? 10 : 60),
  /**
   * From an EMF line's second to its datapoint: 1 s for the runtime, which writes a second's line
   * once the second is over, and 5 s for the log batch (AWS asks that EMF logs of high-resolution
   * alarms be flushed every 5 s or less, which the awslogs driver does). AWS gives no figure for
   * the extraction itself.
   */
  emfDeliverySeconds: 6,
  /** A composite alarm is evaluated when an alarm of its rule changes state; AWS gives no figure, so one 10 s evaluation is counted. */
  compositeSeconds: 10,
} as const;

const PLATFORM_NAMESPACES: readonly string[] = [SERVICE_METRICS_NAMESPACE, API_METRICS_NAMESPACE];

export type TemplateResource = { readonly Type: string; readonly Properties?: Record<string, unknown> };
export type TemplateJson = { readonly Resources?: Record<string, TemplateResource> };

type MetricStat = { Metric?: { Namespace?: string }; Period?: number; Stat?: string };
type AlarmProperties = {
  AlarmName?: string;
  Namespace?: string;
  MetricName?: string;
  Period?: number;
  Statistic?: string;
  ExtendedStatistic?: string;
  Metrics?: { MetricStat?: MetricStat; Expression?: string; Period?: number }[];
  TreatMissingData?: string;
  EvaluationPeriods: number;
  DatapointsToAlarm?: number;
  Threshold?: number;
  ComparisonOperator: string;
  AlarmActions?: unknown[];
};

/** One metric alarm that pages, read from its template, with the worst case from an incident's start to the page. */
export interface AlarmTiming {
  readonly name: string;
  readonly periodSeconds: number;
  readonly periodsToAlarm: number;
  /**
   * Whether the period in which the incident starts may already breach: yes for a condition one
   * datapoint meets (a quarantine counted, a breaker open); no for a silence (that period may hold
   * reports from before it) or a count that needs several events (they may straddle two periods).
   */
  readonly onsetPeriodBreaches: boolean;
  /** Seconds before the datapoints are there to read: EMF's delivery for a breach; none for a silence. */
  readonly deliverySeconds: number;
  readonly evaluationSeconds: number;
  /** The composite alarm's own evaluation when the alarm pages through one; 0 when it pages itself. */
  readonly compositeSeconds: number;
  /** Infinite for a silence the alarm would read from missing data (see silenceIsBounded). */
  readonly seconds: number;
}

/**
 * Whether an alarm on a silence pages within its periods. A silent period has no datapoint, and
 * while CloudWatch finds as many real datapoints as the alarm's periods in its evaluation range
 * (longer than those periods, by an amount AWS does not publish), it judges on those and ignores
 * the missing ones. Filling the gaps with 0 (`FILL`) makes each silent period a breaching
 * datapoint; missing data must still breach, for a range left with no datapoint at all.
 */
function silenceIsBounded(properties: AlarmProperties): boolean {
  const filled = (properties.Metrics ?? []).some((query) => /\bFILL\(/.test(query.Expression ?? ''));
  return filled && properties.TreatMissingData === 'breaching';
}

const RISING = new Set(['GreaterThanThreshold', 'GreaterThanOrEqualToThreshold']);

function statisticOf(properties: AlarmProperties): { namespace: string | undefined; period: number; statistic: string | undefined } {
  const stats = (properties.Metrics ?? []).flatMap((query) => (query.MetricStat ? [query.MetricStat] : []));
  if (stats.length === 0)
    return {
      namespace: properties.Namespace,
      period: properties.Period ?? 0,
      statistic: properties.Statistic ?? properties.ExtendedStatistic,
    };
  const namespaces = new Set(stats.map((stat) => stat.Metric?.Namespace));
  if (namespaces.size !== 1)
    throw new Error(`${properties.AlarmName}: an expression over several namespaces has no single delivery delay.`);
  return { namespace: [...namespaces][0], period: Math.max(...stats.map((stat) => stat.Period ?? 0)), statistic: stats[0]!.Stat };
}

function onsetBreaches(properties: AlarmProperties, statistic: string | undefined): boolean {
  if (!RISING.has(properties.ComparisonOperator)) return false;
  if (statistic === 'Maximum') return true;
  const threshold = properties.Threshold ?? Number.POSITIVE_INFINITY;
  const oneEventBreaches = properties.ComparisonOperator === 'GreaterThanOrEqualToThreshold' ? threshold <= 1 : threshold < 1;
  return (statistic === 'Sum' || statistic === 'SampleCount') && oneEventBreaches;
}

/** The worst case from an incident's start to the page, for a metric alarm on the platform's own (EMF) metrics. */
export function alarmTiming(properties: AlarmProperties, { viaComposite }: { viaComposite: boolean }): AlarmTiming {
  const name = properties.AlarmName ?? '(unnamed alarm)';
  const { namespace, period, statistic } = statisticOf(properties);
  if (!namespace || !PLATFORM_NAMESPACES.includes(namespace))
    throw new Error(
      `${name}: AWS publishes no delay for ${namespace ?? 'its metric'}; only alarms on the platform's EMF metrics are timed.`,
    );
  const periodsToAlarm = properties.DatapointsToAlarm ?? properties.EvaluationPeriods;
  const onsetPeriodBreaches = onsetBreaches(properties, statistic);
  const deliverySeconds = RISING.has(properties.ComparisonOperator) ? CLOUDWATCH_DELAYS.emfDeliverySeconds : 0;
  const evaluationSeconds = CLOUDWATCH_DELAYS.evaluationSeconds(period);
  const compositeSeconds = viaComposite ? CLOUDWATCH_DELAYS.compositeSeconds : 0;
  const periods = periodsToAlarm + (onsetPeriodBreaches ? 0 : 1);
  const bounded = RISING.has(properties.ComparisonOperator) || silenceIsBounded(properties);
  return {
    name,
    periodSeconds: period,
    periodsToAlarm,
    onsetPeriodBreaches,
    deliverySeconds,
    evaluationSeconds,
    compositeSeconds,
    seconds: bounded ? periods * period + deliverySeconds + evaluationSeconds + compositeSeconds : Number.POSITIVE_INFINITY,
  };
}

export type { AlarmProperties };
