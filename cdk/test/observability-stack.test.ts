import { beforeAll, describe, expect, it } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { API_METRICS_NAMESPACE, SERVICE_METRICS_NAMESPACE, catalog } from '@ndf/catalog';
import { logicalIdOf } from './policy.js';
import { sharedPlatform, testConfig, type SynthesizedPlatform } from './platform-fixture.js';

let synthesized: SynthesizedPlatform;
beforeAll(() => {
  synthesized = sharedPlatform();
});

type AlarmProperties = {
  AlarmName: string;
  Namespace?: string;
  MetricName?: string;
  Period?: number;
  EvaluationPeriods: number;
  Threshold?: number;
  AlarmActions?: unknown[];
};
/** The alarms that page, wherever they live: the APIs' and routers' in the observability stack, each service's beside it. */
const alarms = (): AlarmProperties[] =>
  [synthesized.platform.observability, ...synthesized.platform.serviceGroups].flatMap((stack) =>
    Object.values(synthesized.template(stack).findResources('AWS::CloudWatch::Alarm'))
      .map((alarm) => alarm.Properties as AlarmProperties)
      .filter((alarm) => alarm.AlarmName !== undefined),
  );

describe('alarms, the on-call topic and dashboards', () => {
  it("watches the platform's own metrics at 10 s periods, and AWS's per-minute ones at 60 s", () => {
    const own = alarms().filter((alarm) => alarm.Namespace === SERVICE_METRICS_NAMESPACE || alarm.Namespace === API_METRICS_NAMESPACE);
    const pagingCounters = catalog.services.reduce((sum, service) => sum + (service.alarms.pagingCounters?.length ?? 0), 0);
    expect(own.length).toBe(catalog.services.length * 4 + pagingCounters + catalog.apis.length * 2 + catalog.routers.length * 2);
    for (const alarm of own) expect([alarm.AlarmName, alarm.Period]).toEqual([alarm.AlarmName, 10]);
    for (const alarm of alarms().filter((candidate) => !own.includes(candidate)))
      expect([alarm.AlarmName, alarm.Period]).toEqual([alarm.AlarmName, 60]);
  });

  it.each(catalog.services.map((service) => [service.name, service] as const))(
    'pages for %s within a minute of an incident, through one composite alarm',
    (name, service) => {
      const mine = alarms().filter((alarm) => alarm.AlarmName.startsWith(`ndf-test-${name} `));
      const byMetric = (metric: string) => mine.find((alarm) => alarm.MetricName === metric)!;
      expect(mine.map((alarm) => alarm.AlarmName.split(' ')[1]).sort()).toEqual(
        [
          'breaker-open',
          'dead-letters-unswept',
          'heartbeat-missing',
          'lagging',
          'quarantined',
          'queue-lagging',
          ...(service.alarms.pagingCounters ?? []).map((counter) => counter.replaceAll('_', '-')),
        ].sort(),
      );
      // Each counter it names pages as soon as it counts one.
      for (const counter of service.alarms.pagingCounters ?? [])
        expect([byMetric(counter).Threshold, byMetric(counter).EvaluationPeriods]).toEqual([1, 1]);
      // Seconds from the incident's start to the alarm, CloudWatch's evaluation aside.
      expect(byMetric('quarantined').EvaluationPeriods * 10).toBe(10);
      expect(byMetric('breakers_open').EvaluationPeriods * 10).toBe(20);
      expect(byMetric('heartbeat').EvaluationPeriods * 10).toBeLessThanOrEqual(Math.max(service.alarms.heartbeatMissingSeconds, 10));
      expect(byMetric('heartbeat').EvaluationPeriods * 10).toBeLessThanOrEqual(60);
      for (const alarm of mine) expect(alarm.AlarmActions ?? []).toEqual([]);
      const topic = {
        'Fn::ImportValue': Match.stringLikeRegexp(`OnCall${logicalIdOf(synthesized.platform.observability.onCall).slice('OnCall'.length)}`),
      };
      synthesized.serviceTemplate(name).hasResourceProperties('AWS::CloudWatch::CompositeAlarm', {
        AlarmName: `ndf-test-${name}`,
        AlarmActions: [topic],
        OKActions: [topic],
      });
    },
  );

  it("pages for the ingest path on its handler's 5xx and p99 at 10 s, and on the gateway's and the function's own failures", () => {
    for (const api of catalog.apis) {
      const mine = alarms().filter((alarm) => alarm.AlarmName.startsWith(`ndf-test-${api.name} `));
      expect(mine.map((alarm) => alarm.AlarmName.split(' ')[1]).sort()).toEqual([
        'function-errors',
        'gateway-5xx',
        'server-errors',
        'slow',
        'throttled',
      ]);
      synthesized
        .template(synthesized.platform.observability)
        .hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: `ndf-test-${api.name} slow`, ExtendedStatistic: 'p99', Period: 10 });
    }
  });

  it("pages for a stream router on its own metrics at 10 s, and on the function's failures and given-up records per minute", () => {
    for (const router of catalog.routers) {
      const mine = alarms().filter((alarm) => alarm.AlarmName.startsWith(`ndf-test-${router.name} `));
      expect(mine.map((alarm) => [alarm.AlarmName.split(' ')[1], alarm.Period]).sort()).toEqual([
        ['failing', 10],
        ['function-errors', 60],
        ['lagging', 10],
        ['records-given-up', 60],
      ]);
    }
  });

  it('sends pages to an encrypted on-call topic, by email and SMS from the configuration', () => {
    const template = synthesized.template(synthesized.platform.observability);
    template.hasResourceProperties('AWS::SNS::Topic', { TopicName: 'ndf-test-on-call', KmsMasterKeyId: Match.anyValue() });
    for (const email of testConfig.alarmEmails)
      template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: email });
    for (const phone of testConfig.alarmPhoneNumbers)
      template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'sms', Endpoint: phone });
    template.resourceCountIs('AWS::CloudWatch::CompositeAlarm', catalog.apis.length + catalog.routers.length);
    for (const service of catalog.services)
      synthesized
        .serviceTemplate(service.name)
        .hasResourceProperties('AWS::CloudWatch::CompositeAlarm', { AlarmName: `ndf-test-${service.name}` });
  });

  it('draws a dashboard per service and one for the platform', () => {
    const names = synthesized.stacks.flatMap((stack) =>
      Object.values(synthesized.template(stack).findResources('AWS::CloudWatch::Dashboard')).map(
        (dashboard) => dashboard.Properties.DashboardName,
      ),
    );
    expect(names.sort()).toEqual(['ndf-test-platform', ...catalog.services.map((service) => `ndf-test-${service.name}`)].sort());
  });
});
