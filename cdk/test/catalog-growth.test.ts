import { describe, expect, it } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { catalog, catalogProblems, type Catalog, type ServiceEntry } from '@ndf/catalog';
import { synthPlatform, testConfig } from './platform-fixture.js';

/** Resources by type of each stack (the services' stacks together under "services", each apart under its own name). */
function counts(of: Catalog): {
  byKind: Record<string, Record<string, number>>;
  byStack: Record<string, { resources: number; outputs: number }>;
} {
  const synthesized = synthPlatform(of, testConfig, { nag: false });
  const byKind: Record<string, Record<string, number>> = {};
  const byStack: Record<string, { resources: number; outputs: number }> = {};
  for (const stack of synthesized.stacks) {
    const resources = Object.values(synthesized.template(stack).toJSON().Resources as Record<string, { Type: string }>);
    const kind = stack.stackName.replace(/^Ndf-test-/, '').replace(/^Services-\d+$/, 'Services');
    byStack[stack.stackName] = {
      resources: resources.length,
      outputs: Object.keys(synthesized.template(stack).toJSON().Outputs ?? {}).length,
    };
    byKind[kind] ??= {};
    for (const { Type } of resources) byKind[kind][Type] = (byKind[kind][Type] ?? 0) + 1;
  }
  return { byKind, byStack };
}

function difference(
  after: Record<string, Record<string, number>>,
  before: Record<string, Record<string, number>>,
): Record<string, Record<string, number>> {
  const result: Record<string, Record<string, number>> = {};
  for (const stack of Object.keys(after)) {
    for (const type of new Set([...Object.keys(after[stack]!), ...Object.keys(before[stack]!)])) {
      const delta = (after[stack]![type] ?? 0) - (before[stack]![type] ?? 0);
      if (delta !== 0) (result[stack] ??= {})[type] = delta;
    }
  }
  return result;
}

const newService = (name: string, overrides: Partial<ServiceEntry>): ServiceEntry => ({
  name,
  description: `The ${name} service`,
  critical: false,
  consumes: { kind: 'stream', table: 'notes', itemTypes: ['NOTE'], events: ['INSERT', 'MODIFY'] },
  emits: [{ kind: 'table', table: 'notes' }],
  limits: { deadlineMs: 10_000, concurrency: 8, maxAttempts: 5 },
  alarms: { maxMessageAgeSeconds: 120, quarantinedMessages: 1, heartbeatMissingSeconds: 30 },
  ...overrides,
});

/** What one more service costs, whatever it does: the same resources every time, none in the ingest or data stacks. */
const PER_SERVICE = {
  Pipeline: { 'AWS::SQS::Queue': 2, 'AWS::SQS::QueuePolicy': 2 },
  Services: {
    'AWS::IAM::Role': 2, // task role, execution role
    'AWS::IAM::Policy': 2,
    'AWS::ECS::TaskDefinition': 1,
    'AWS::ECS::Service': 1,
    'AWS::Logs::LogGroup': 1,
    'AWS::EC2::SecurityGroup': 1, // HTTPS out only, its rules inline
    'AWS::ApplicationAutoScaling::ScalableTarget': 1,
    'AWS::ApplicationAutoScaling::ScalingPolicy': 3,
    'AWS::CloudWatch::Alarm': 3 + 6, // scaling, then paging
    'AWS::CloudWatch::CompositeAlarm': 1,
    'AWS::CloudWatch::Dashboard': 1,
  },
};

describe('the stacks grow with the catalog', () => {
  const base = counts(catalog);

  it('prints the resource counts per stack for the catalog as it is', () => {
    for (const [stack, { resources, outputs }] of Object.entries(base.byStack))
      console.log(`resources ${stack}: ${resources} (${outputs} outputs)`);
    for (const [kind, types] of Object.entries(base.byKind))
      console.log(
        `resources ${kind}: ${Object.entries(types)
          .map(([type, count]) => `${type.replace('AWS::', '')} ${count}`)
          .join(', ')}`,
      );
    // Each service's queue and DLQ, and the queue and DLQ of what the routers' mappings give up.
    expect(base.byKind.Pipeline!['AWS::SQS::Queue']).toBe(2 * catalog.services.length + 2);
    expect(base.byKind.Services!['AWS::ECS::Service']).toBe(catalog.services.length);
  });

  // 100 services in all, twice the ~50 the platform is designed for. Past about 115, the pipeline
  // stack (each service's queue, DLQ and their policies) needs sharding like the services' stacks.
  it("keeps every stack under CloudFormation's 500 resources with 100 services in all", () => {
    const many = Array.from({ length: 100 - catalog.services.length }, (_, index) => newService(`generated-service-${index + 1}`, {}));
    const { byStack } = counts({ ...catalog, services: [...catalog.services, ...many] });
    const largest = Math.max(...Object.values(byStack).map((stack) => stack.resources));
    const mostOutputs = Math.max(...Object.values(byStack).map((stack) => stack.outputs));
    console.log(
      `with ${catalog.services.length + many.length} services: ${Object.keys(byStack).length} stacks, the largest ${largest} resources, at most ${mostOutputs} outputs`,
    );
    expect(largest).toBeLessThan(500);
    expect(mostOutputs).toBeLessThan(200);
  }, 300_000);

  it('opens the Secrets Manager endpoint, and lets read the mail relay secret, only once a service sends email', () => {
    const mailer = newService('mailer', { emits: [{ kind: 'email' }] });
    const synthesized = synthPlatform({ ...catalog, services: [...catalog.services, mailer] }, testConfig, { nag: false });
    const endpoints = Object.values(synthesized.template(synthesized.platform.cluster).findResources('AWS::EC2::VPCEndpoint'));
    expect(endpoints.filter((endpoint) => JSON.stringify(endpoint.Properties.ServiceName).includes('secretsmanager'))).toHaveLength(1);
    synthesized.serviceTemplate('mailer').hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({ Secrets: [{ Name: 'NDF_MAIL_RELAY', ValueFrom: Match.anyValue() }] })],
    });
  });

  it("adds exactly one service's resources for a service fed by the stream, and a second for one fed by another service", () => {
    const withStream = { ...catalog, services: [...catalog.services, newService('probe-from-stream', {})] };
    const withBoth = {
      ...catalog,
      services: [
        ...catalog.services,
        newService('probe-from-stream', {
          emits: [
            { kind: 'table', table: 'notes' },
            { kind: 'service', service: 'probe-from-queue' },
          ],
        }),
        newService('probe-from-queue', { consumes: { kind: 'queue' }, scaling: { maxTasks: 4, scaleToZero: true } }),
      ],
    } satisfies Catalog;
    expect(catalogProblems(withBoth)).toEqual([]);
    expect(difference(counts(withStream).byKind, base.byKind)).toEqual(PER_SERVICE);
    const twice = Object.fromEntries(
      Object.entries(PER_SERVICE).map(([stack, types]) => [
        stack,
        Object.fromEntries(Object.entries(types).map(([type, count]) => [type, 2 * count])),
      ]),
    );
    expect(difference(counts(withBoth).byKind, base.byKind)).toEqual(twice);
  });
});
