import { describe, expect, it } from 'vitest';
import { catalog, catalogProblems, type Catalog, type ServiceEntry } from '@ndf/catalog';
import { synthPlatform } from './platform-fixture.js';

/** Resources of each stack by type. */
function counts(of: Catalog): Record<string, Record<string, number>> {
  const synthesized = synthPlatform(of);
  const result: Record<string, Record<string, number>> = {};
  for (const stack of ['data', 'ingest', 'pipeline', 'services', 'observability'] as const) {
    const resources = Object.values(synthesized.template(stack).toJSON().Resources as Record<string, { Type: string }>);
    result[stack] = {};
    for (const { Type } of resources) result[stack][Type] = (result[stack][Type] ?? 0) + 1;
  }
  return result;
}

function difference(after: Record<string, Record<string, number>>, before: Record<string, Record<string, number>>): Record<string, Record<string, number>> {
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
  pipeline: { 'AWS::SQS::Queue': 2, 'AWS::SQS::QueuePolicy': 2 },
  services: {
    'AWS::IAM::Role': 2, // task role, execution role
    'AWS::IAM::Policy': 2,
    'AWS::ECS::TaskDefinition': 1,
    'AWS::ECS::Service': 1,
    'AWS::Logs::LogGroup': 1,
    'AWS::EC2::SecurityGroup': 1, // HTTPS out only, its rules inline
    'AWS::ApplicationAutoScaling::ScalableTarget': 1,
    'AWS::ApplicationAutoScaling::ScalingPolicy': 3,
    'AWS::CloudWatch::Alarm': 3,
  },
  observability: { 'AWS::CloudWatch::Alarm': 6, 'AWS::CloudWatch::CompositeAlarm': 1, 'AWS::CloudWatch::Dashboard': 1 },
};

describe('the stacks grow with the catalog', () => {
  const base = counts(catalog);

  it('prints the resource counts per stack for the catalog as it is', () => {
    for (const [stack, types] of Object.entries(base)) {
      const total = Object.values(types).reduce((sum, count) => sum + count, 0);
      console.log(`resources ${stack}: ${total} (${Object.entries(types).map(([type, count]) => `${type.replace('AWS::', '')} ${count}`).join(', ')})`);
    }
    expect(base.pipeline!['AWS::SQS::Queue']).toBe(2 * catalog.services.length);
    expect(base.services!['AWS::ECS::Service']).toBe(catalog.services.length);
  });

  it('adds exactly one service\'s resources for a service fed by the stream, and a second for one fed by another service', () => {
    const withStream = { ...catalog, services: [...catalog.services, newService('vat-calculator', {})] };
    const withBoth = {
      ...catalog,
      services: [
        ...catalog.services,
        newService('vat-calculator', { emits: [{ kind: 'table', table: 'notes' }, { kind: 'service', service: 'policy-checker' }] }),
        newService('policy-checker', { consumes: { kind: 'queue' }, scaling: { maxTasks: 4, scaleToZero: true } }),
      ],
    } satisfies Catalog;
    expect(catalogProblems(withBoth)).toEqual([]);
    expect(difference(counts(withStream), base)).toEqual(PER_SERVICE);
    const twice = Object.fromEntries(Object.entries(PER_SERVICE).map(([stack, types]) => [stack, Object.fromEntries(Object.entries(types).map(([type, count]) => [type, 2 * count]))]));
    expect(difference(counts(withBoth), base)).toEqual(twice);
  });
});
