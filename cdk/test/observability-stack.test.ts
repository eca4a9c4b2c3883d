import { beforeAll, describe, expect, it } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { API_METRICS_NAMESPACE, SERVICE_METRICS_NAMESPACE, catalog } from '@ndf/catalog';
import { logicalIdOf } from './policy.js';
import { sharedPlatform, testConfig, type SynthesizedPlatform } from './platform-fixture.js';

let synthesized: SynthesizedPlatform;
beforeAll(() => {
  synthesized = sharedPlatform();
});

type MetricStat = { Metric: { Namespace: string; MetricName: string }; Period: number; Stat: string };
type AlarmProperties = {
  AlarmName: string;
  Namespace?: string;
  MetricName?: string;
  Period?: number;
  Metrics?: { Expression?: string; MetricStat?: MetricStat }[];
  EvaluationPeriods: number;
  Threshold?: number;
  TreatMissingData?: string;
  AlarmActions?: unknown[];
};
/** The metric an alarm reads, itself or inside its expression. */
const metricOf = (alarm: AlarmProperties) => {
  const stat = alarm.Metrics?.find((query) => query.MetricStat)?.MetricStat;
  return stat
    ? { namespace: stat.Metric.Namespace, name: stat.Metric.MetricName, period: stat.Period }
    : { namespace: alarm.Namespace, name: alarm.MetricName, period: alarm.Period };
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
    const own = alarms().filter((alarm) => [SERVICE_METRICS_NAMESPACE, API_METRICS_NAMESPACE].includes(metricOf(alarm).namespace!));
    const pagingCounters = catalog.services.reduce((sum, service) => sum + (service.alarms.pagingCounters?.length ?? 0), 0);
    expect(own.length).toBe(catalog.services.length * 4 + pagingCounters + catalog.apis.length * 2 + catalog.routers.length * 2);
    for (const alarm of own) expect([alarm.AlarmName, metricOf(alarm).period]).toEqual([alarm.AlarmName, 10]);
    for (const alarm of alarms().filter((candidate) => !own.includes(candidate)))
      expect([alarm.AlarmName, metricOf(alarm).period]).toEqual([alarm.AlarmName, 60]);
  });

  it.each(catalog.services.map((service) => [service.name, service] as const))(
    'pages for %s within a minute of an incident, through one composite alarm',
    (name, service) => {
      const mine = alarms().filter((alarm) => alarm.AlarmName.startsWith(`ndf-test-${name} `));
      const byMetric = (metric: string) => mine.find((alarm) => metricOf(alarm).name === metric)!;
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
      // A silent period counts 0 heartbeats rather than none; one period more than the catalog's silence, for a late log batch.
      const heartbeat = byMetric('heartbeat');
      expect(heartbeat.Metrics?.find((query) => query.Expression)?.Expression).toMatch(/^FILL\(\w+, 0\)$/);
      expect([heartbeat.Threshold, heartbeat.TreatMissingData]).toEqual([1, 'breaching']);
      expect(heartbeat.EvaluationPeriods).toBe(Math.ceil(service.alarms.heartbeatMissingSeconds / 10) + 1);
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

  describe('a task that stops on its own', () => {
    type Rule = {
      Description: string;
      EventPattern: { detail: { clusterArn: unknown[]; lastStatus: string[]; stopCode: string[] } };
      Targets: { Arn: { Ref: string }; InputTransformer: { InputPathsMap: Record<string, string>; InputTemplate: string } }[];
    };
    const taskStoppedRule = (): Rule =>
      Object.values(synthesized.template(synthesized.platform.observability).findResources('AWS::Events::Rule'))[0]!.Properties as Rule;
    /** An ECS "Task State Change" event as AWS documents it, for a task whose container crashed. */
    const stoppedTask = {
      source: 'aws.ecs',
      'detail-type': 'ECS Task State Change',
      time: '2026-12-07T06:30:12Z',
      detail: {
        group: 'service:ocr',
        clusterArn: 'arn:aws:ecs:eu-west-3:123456789012:cluster/ndf-test-services',
        taskArn: 'arn:aws:ecs:eu-west-3:123456789012:task/ndf-test-services/0b7c4f1d',
        lastStatus: 'STOPPED',
        stopCode: 'EssentialContainerExited',
        stoppedReason: 'Essential container in task exited',
        stoppedAt: '2026-12-07T06:30:11.902Z',
      },
    };
    /** What EventBridge sends the topic: each placeholder filled, as a JSON value alone, as text inside a string. */
    const transformed = (rule: Rule, event: object): unknown => {
      const { InputPathsMap, InputTemplate } = rule.Targets[0]!.InputTransformer;
      const valueAt = (path: string) =>
        path
          .slice(2)
          .split('.')
          .reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], event);
      const filled = InputTemplate.replace(/(:)?<([\w-]+)>/g, (_, alone: string | undefined, key: string) =>
        alone ? `:${JSON.stringify(valueAt(InputPathsMap[key]!))}` : String(valueAt(InputPathsMap[key]!)),
      );
      return JSON.parse(filled);
    };

    it("pages the on-call topic for the services cluster's tasks whose essential container exited, not for the stops ECS makes itself", () => {
      const rule = taskStoppedRule();
      expect(rule.EventPattern.detail.lastStatus).toEqual(['STOPPED']);
      expect(rule.EventPattern.detail.stopCode).toEqual(['EssentialContainerExited']);
      const clusterName = synthesized.template(synthesized.platform.cluster).findResources('AWS::ECS::Cluster');
      expect(JSON.stringify(rule.EventPattern.detail.clusterArn)).toContain(
        `:cluster/${Object.values(clusterName)[0]!.Properties.ClusterName as string}"`,
      );
      expect(rule.Targets.map((target) => target.Arn.Ref)).toEqual([logicalIdOf(synthesized.platform.observability.onCall)]);
      expect(rule.Description).toMatch(/Runbook: docs\/runbooks\/process-exited\.md$/);
    });

    it('sends a message naming the service and its runbook, with the fields of the event where a reader of ECS events finds them', () => {
      expect(transformed(taskStoppedRule(), stoppedTask)).toEqual({
        source: 'aws.ecs',
        'detail-type': 'ECS Task State Change',
        time: stoppedTask.time,
        summary: 'A task of service:ocr stopped on its own: Essential container in task exited',
        runbook: 'docs/runbooks/process-exited.md',
        detail: {
          group: 'service:ocr',
          taskArn: stoppedTask.detail.taskArn,
          clusterArn: stoppedTask.detail.clusterArn,
          stopCode: 'EssentialContainerExited',
          stoppedReason: 'Essential container in task exited',
          stoppedAt: stoppedTask.detail.stoppedAt,
        },
      });
    });

    it('lets EventBridge publish to the on-call topic for that rule alone, and use the alerts key within the account', () => {
      const template = synthesized.template(synthesized.platform.observability);
      const statements = Object.values(template.findResources('AWS::SNS::TopicPolicy')).flatMap(
        (policy) =>
          policy.Properties.PolicyDocument.Statement as {
            Effect: string;
            Principal?: { Service?: string };
            Action: string;
            Condition?: unknown;
          }[],
      );
      const fromEvents = statements.filter(
        (statement) => statement.Effect === 'Allow' && statement.Principal?.Service === 'events.amazonaws.com',
      );
      const ruleId = Object.keys(template.findResources('AWS::Events::Rule'))[0]!;
      expect(fromEvents.map(({ Action, Condition }) => ({ Action, Condition }))).toEqual([
        { Action: 'sns:Publish', Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [ruleId, 'Arn'] } } } },
      ]);
      template.hasResourceProperties('AWS::KMS::Key', {
        KeyPolicy: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Principal: { Service: 'events.amazonaws.com' },
              Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
              Condition: { StringEquals: { 'aws:SourceAccount': Match.anyValue() } },
            }),
          ]),
        },
      });
    });
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
