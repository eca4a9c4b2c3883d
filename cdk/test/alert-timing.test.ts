import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '@ndf/catalog';
import { alertTable, readmeAlertTable } from '../src/alert-timing/alert-table.js';
import { alarmTiming, type AlarmProperties, type TemplateJson } from '../src/alert-timing/cloudwatch-alarm.js';
import { faultTimings, faultsPastTheMinute, type FaultTiming } from '../src/alert-timing/faults.js';
import { WORKSPACE_ROOT } from '../src/paths.js';
import { sharedPlatform, testConfig } from './platform-fixture.js';

let timings: FaultTiming[];
beforeAll(() => {
  const synthesized = sharedPlatform();
  timings = faultTimings(
    synthesized.stacks.map((stack) => synthesized.template(stack).toJSON() as TemplateJson),
    testConfig.prefix,
  );
});

const countedByTheCatalog = (counter: string) => catalog.services.some((service) => service.alarms.pagingCounters?.includes(counter));

describe('time from a fault to the page, derived from the synthesized templates', () => {
  it('pages within a minute for every fault of the alert benchmark (the canary once a service of the catalog counts canary_failed)', () => {
    const late = faultsPastTheMinute(timings).filter(({ fault }) => !fault.counter || countedByTheCatalog(fault.counter));
    expect(late.map(({ fault, worst }) => `${fault.fault}: ${worst ? `${worst.timing.seconds} s` : 'no alarm'}`)).toEqual([]);
    for (const { fault, alarms } of timings)
      if (fault.counter) expect(alarms.length > 0, fault.fault).toBe(countedByTheCatalog(fault.counter));
  });

  it('pages for a stopped task on ECS event as well as on the missing heartbeat', () => {
    const sigkill = timings.find(({ fault }) => fault.taskStopped)!;
    expect(sigkill.taskStoppedRule).toBe(true);
    expect(sigkill.alarms.map((alarm) => alarm.id)).toContain('heartbeat-missing');
  });

  it("is the table the README shows under 'Time to alert in the cloud' (npm run alert-table -- --write rewrites it)", () => {
    const readme = readFileSync(join(WORKSPACE_ROOT, 'README.md'), 'utf8');
    expect(readmeAlertTable(readme)).toBe(alertTable(timings));
  });
});

describe('the worst case of one alarm', () => {
  const serviceAlarm = (overrides: Partial<AlarmProperties>): AlarmProperties => ({
    AlarmName: 'ndf-ocr quarantined',
    Namespace: 'Ndf/Services',
    Period: 10,
    Statistic: 'Sum',
    EvaluationPeriods: 1,
    Threshold: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    ...overrides,
  });
  const filledHeartbeat = (periods: number, treatMissingData = 'breaching'): AlarmProperties => ({
    AlarmName: 'ndf-ocr heartbeat-missing',
    Metrics: [{ Expression: 'FILL(beats, 0)' }, { MetricStat: { Metric: { Namespace: 'Ndf/Services' }, Period: 10, Stat: 'SampleCount' } }],
    EvaluationPeriods: periods,
    Threshold: 1,
    ComparisonOperator: 'LessThanThreshold',
    TreatMissingData: treatMissingData,
  });

  it('counts the period the fault starts in when one event breaches, then delivery, evaluation and the composite', () => {
    expect(alarmTiming(serviceAlarm({}), { viaComposite: true })).toMatchObject({ seconds: 10 + 6 + 10 + 10, onsetPeriodBreaches: true });
    expect(alarmTiming(serviceAlarm({}), { viaComposite: false }).seconds).toBe(10 + 6 + 10);
    expect(alarmTiming(serviceAlarm({ Statistic: 'Maximum', Threshold: 1, EvaluationPeriods: 3 }), { viaComposite: true }).seconds).toBe(
      30 + 6 + 10 + 10,
    );
  });

  it('adds a period when the fault needs several events (they may straddle two periods) or is a silence (nothing to deliver)', () => {
    expect(alarmTiming(serviceAlarm({ Threshold: 5, EvaluationPeriods: 2 }), { viaComposite: true }).seconds).toBe(30 + 6 + 10 + 10);
    expect(alarmTiming(filledHeartbeat(2), { viaComposite: true })).toMatchObject({
      seconds: 30 + 0 + 10 + 10,
      onsetPeriodBreaches: false,
    });
    expect(faultsPastTheMinute([timingOf(alarmTiming(filledHeartbeat(6), { viaComposite: true }))])).toHaveLength(1);
  });

  it('has no bound for a silence read from missing data: CloudWatch judges on older datapoints while its evaluation range holds enough', () => {
    const plain = serviceAlarm({
      MetricName: 'heartbeat',
      Statistic: 'SampleCount',
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
    });
    expect(alarmTiming(plain, { viaComposite: true }).seconds).toBe(Number.POSITIVE_INFINITY);
    expect(alarmTiming(filledHeartbeat(2, 'notBreaching'), { viaComposite: true }).seconds).toBe(Number.POSITIVE_INFINITY);
  });

  it('evaluates a one-minute alarm every minute, and refuses to time an alarm on an AWS metric whose delay AWS does not publish', () => {
    expect(alarmTiming(serviceAlarm({ Period: 60 }), { viaComposite: false }).seconds).toBe(60 + 6 + 60);
    expect(() => alarmTiming(serviceAlarm({ Namespace: 'AWS/SQS' }), { viaComposite: false })).toThrow(/AWS\/SQS/);
  });
});

describe('the alarms that page, read from a template', () => {
  const alarm = (name: string) => ({
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      AlarmName: name,
      Namespace: 'Ndf/Services',
      Period: 10,
      Statistic: 'Sum',
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    },
  });
  const composite = (rule: string, ...alarms: string[]) => ({
    Type: 'AWS::CloudWatch::CompositeAlarm',
    Properties: {
      AlarmActions: [{ Ref: 'OnCall' }],
      AlarmRule: {
        'Fn::Join': [
          '',
          alarms.flatMap((id, index) => [index ? `") ${rule} ALARM("` : 'ALARM("', { 'Fn::GetAtt': [id, 'Arn'] }]).concat('")'),
        ],
      },
    },
  });

  it('times only the alarms a composite alarm that acts pages for', () => {
    const template: TemplateJson = {
      Resources: { Quarantined: alarm('ndf-ocr quarantined'), Silent: alarm('ndf-ocr breaker-open'), Page: composite('OR', 'Quarantined') },
    };
    const [poison, breaker] = faultTimings([template], 'ndf-').slice(2, 4);
    expect(poison!.alarms).toEqual([{ component: 'ocr', id: 'quarantined', timing: expect.objectContaining({ seconds: 36 }) }]);
    expect(breaker!.alarms).toEqual([]);
  });

  it('refuses a composite rule other than "any of them", whose page may come later or never', () => {
    const template: TemplateJson = {
      Resources: { A: alarm('ndf-ocr quarantined'), B: alarm('ndf-ocr lagging'), Page: composite('AND', 'A', 'B') },
    };
    expect(() => faultTimings([template], 'ndf-')).toThrow(/only composite rules that page on any/);
  });
});

function timingOf(timing: ReturnType<typeof alarmTiming>): FaultTiming {
  const alarm = { component: 'ocr', id: 'heartbeat-missing', timing };
  return { fault: { fault: 'a handler hang', alarmIds: ['heartbeat-missing'] }, alarms: [alarm], worst: alarm, taskStoppedRule: false };
}
