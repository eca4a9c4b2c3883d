import { beforeAll, describe, expect, it } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { RUNTIME_DRAIN_MS, catalog, serviceDeployment } from '@ndf/catalog';
import { serviceGroupOf } from '../src/platform.js';
import { logicalIdOf } from './policy.js';
import { sharedPlatform, type SynthesizedPlatform } from './platform-fixture.js';

let synthesized: SynthesizedPlatform;
beforeAll(() => {
  synthesized = sharedPlatform();
});

describe('the services and their cluster', () => {
  it("gives the canary its schedule's period and the ingest API's address, and a service fed by nothing of the kind neither", () => {
    const environment = (name: string) => {
      const template = synthesized.serviceTemplate(name);
      const task = Object.values(template.findResources('AWS::ECS::TaskDefinition', { Properties: { Family: `ndf-test-${name}` } }))[0]!;
      return new Map(
        (task.Properties.ContainerDefinitions[0].Environment as { Name: string; Value: unknown }[]).map(({ Name, Value }) => [Name, Value]),
      );
    };
    const canary = environment('canary');
    expect(canary.get('NDF_SCHEDULE_SECONDS')).toBe('60');
    // The API's address, from the ingest stack: https://<api id>.execute-api.<region>.<suffix>/v1.
    expect(canary.get('NDF_INGEST_API_URL')).toEqual({
      'Fn::Join': ['', [{ 'Fn::ImportValue': expect.stringMatching(/^Ndf-test-Ingest:.*Apiingestapi.*ApiEndpoint/) }, '/v1']],
    });
    expect(environment('reconciler').get('NDF_SCHEDULE_SECONDS')).toBe('60');
    expect(environment('reconciler').has('NDF_INGEST_API_URL')).toBe(false);
    expect(environment('ocr').has('NDF_SCHEDULE_SECONDS')).toBe(false);
  });

  it.each(catalog.services.map((service) => [service.name, service] as const))(
    'runs %s on arm64 Fargate from its own image, stopping later than the runtime drains',
    (name, service) => {
      const template = synthesized.serviceTemplate(name);
      const deployment = serviceDeployment(service);
      template.hasResourceProperties('AWS::ECS::TaskDefinition', {
        Family: `ndf-test-${name}`,
        Cpu: String(deployment.cpu),
        Memory: String(deployment.memoryMiB),
        RequiresCompatibilities: ['FARGATE'],
        RuntimePlatform: { CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' },
        ContainerDefinitions: [
          Match.objectLike({
            Name: name,
            StopTimeout: Match.anyValue(),
            ReadonlyRootFilesystem: true,
            User: 'node',
            Environment: Match.arrayWith([
              { Name: 'NDF_PREFIX', Value: 'ndf-test-' },
              { Name: 'NDF_EMF', Value: 'true' },
            ]),
            LogConfiguration: Match.objectLike({
              LogDriver: 'awslogs',
              Options: Match.objectLike({ 'awslogs-group': Match.anyValue(), mode: 'non-blocking' }),
            }),
          }),
        ],
      });
      const task = Object.values(template.findResources('AWS::ECS::TaskDefinition', { Properties: { Family: `ndf-test-${name}` } }))[0]!;
      expect(task.Properties.ContainerDefinitions[0].StopTimeout * 1000).toBeGreaterThan(RUNTIME_DRAIN_MS);

      // Its own image: the asset built from the one Dockerfile with the service's name.
      const image = task.Properties.ContainerDefinitions[0].Image['Fn::Sub'] as string;
      const images = new Set(
        synthesized.platform.serviceGroups.flatMap((group) =>
          Object.values(synthesized.template(group).findResources('AWS::ECS::TaskDefinition')).map(
            (other) => other.Properties.ContainerDefinitions[0].Image['Fn::Sub'],
          ),
        ),
      );
      expect(image).toMatch(/cdk-hnb659fds-container-assets/);
      expect(images.size).toBe(catalog.services.length);
    },
  );

  it.each(catalog.services.map((service) => [service.name, service] as const))(
    'deploys %s with a circuit breaker that rolls back, and scales it on its backlog',
    (name, service) => {
      const template = synthesized.serviceTemplate(name);
      const deployment = serviceDeployment(service);
      template.hasResourceProperties('AWS::ECS::Service', {
        ServiceName: name,
        DeploymentConfiguration: Match.objectLike({
          DeploymentCircuitBreaker: { Enable: true, Rollback: true },
          MinimumHealthyPercent: 100,
        }),
        NetworkConfiguration: { AwsvpcConfiguration: Match.objectLike({ AssignPublicIp: 'DISABLED' }) },
      });
      template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
        ResourceId: {
          'Fn::Join': [
            '',
            [
              'service/',
              { 'Fn::ImportValue': Match.stringLikeRegexp('ClusterEB0386A7') },
              '/',
              { 'Fn::GetAtt': [logicalIdOf(serviceGroupOf(synthesized.platform, name).services.get(name)!), 'Name'] },
            ],
          ],
        },
        MinCapacity: deployment.minTasks,
        MaxCapacity: deployment.maxTasks,
      });
      expect(deployment.minTasks).toBe(service.critical ? 1 : service.scaling?.scaleToZero ? 0 : 1);
    },
  );

  it('scales out within a minute: the backlog alarm takes one 60 s period, the age alarm three 10 s periods', () => {
    // Scaling alarms are the unnamed ones; the named ones page.
    const alarms = synthesized.platform.serviceGroups
      .flatMap((group) =>
        Object.values(synthesized.template(group).findResources('AWS::CloudWatch::Alarm')).map((alarm) => alarm.Properties),
      )
      .filter((alarm) => alarm.AlarmName === undefined);
    const backlog = alarms.filter((alarm) => JSON.stringify(alarm).includes('backlog per task'));
    const age = alarms.filter((alarm) => alarm.MetricName === 'oldest_message_age_seconds');
    expect(backlog).toHaveLength(catalog.services.length);
    expect(age).toHaveLength(catalog.services.length);
    for (const alarm of backlog) {
      const periods = alarm.Metrics.flatMap((metric: { MetricStat?: { Period: number } }) =>
        metric.MetricStat ? [metric.MetricStat.Period] : [],
      );
      expect(new Set(periods)).toEqual(new Set([60]));
      expect(alarm.EvaluationPeriods).toBe(1);
      expect(alarm.ComparisonOperator).toBe('GreaterThanOrEqualToThreshold');
    }
    for (const alarm of age) expect(alarm.EvaluationPeriods * alarm.Period).toBe(30);
  });

  it('keeps the tasks off the internet: isolated subnets, no NAT gateway, endpoints for the AWS APIs, flow logs', () => {
    const template = synthesized.template(synthesized.platform.cluster);
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourceCountIs('AWS::EC2::InternetGateway', 0);
    template.resourceCountIs('AWS::EC2::FlowLog', 1);
    const endpoints = Object.values(template.findResources('AWS::EC2::VPCEndpoint')).map(
      (endpoint) => endpoint.Properties.VpcEndpointType ?? 'Gateway',
    );
    expect(endpoints.filter((type) => type === 'Gateway')).toHaveLength(2);
    // ECR (API and images), logs, SQS; Secrets Manager only once a service sends email.
    expect(endpoints.filter((type) => type === 'Interface')).toHaveLength(4);
    template.hasResourceProperties('AWS::ECS::Cluster', { ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }] });
    // Container Insights writes into a log group made beforehand, under the key.
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/aws/ecs/containerinsights/ndf-test-services/performance',
      KmsKeyId: Match.anyValue(),
    });
  });
});
