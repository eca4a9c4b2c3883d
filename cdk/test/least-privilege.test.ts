import { beforeAll, describe, expect, it } from 'vitest';
import { catalog, matchesPattern, runtimePartitionPatterns, serviceAccess } from '@ndf/catalog';
import { allows, leadingKeys, roleStatements, statementsOn, type Statement } from './policy.js';
import { serviceGroupOf } from '../src/platform.js';
import { sharedPlatform, testConfig, type SynthesizedPlatform } from './platform-fixture.js';

let synthesized: SynthesizedPlatform;
beforeAll(() => {
  synthesized = sharedPlatform();
});

const queueArn = (name: string) => ({ arn: `arn:aws:sqs:${testConfig.region}:${testConfig.account}:${testConfig.prefix}${name}` });
const queuesOf = (service: string) => ({ queue: queueArn(service), deadLetterQueue: queueArn(`${service}-dlq`) });

function taskRoleStatements(service: string): Statement[] {
  const group = serviceGroupOf(synthesized.platform, service);
  return roleStatements(synthesized.template(group), group.taskRoles.get(service)!);
}

/** Whether the role may do `action` on an item of the table whose partition key is `partitionKey`. */
function allowsItem(statements: Statement[], action: string, table: string, partitionKey: string): boolean {
  const target = { construct: synthesized.platform.data.tables.get(table)! };
  return statementsOn(statements, target).some(
    (statement) =>
      allows([statement], action, target) && (leadingKeys(statement) ?? ['*']).some((pattern) => matchesPattern(pattern, partitionKey)),
  );
}

const others = (service: string) => catalog.services.filter((other) => other.name !== service).map((other) => other.name);

describe.each(catalog.services.map((service) => service.name))('the task role of %s', (service) => {
  it("reads, deletes and re-sends on its own queue and sweeps its own DLQ, and touches no other service's", () => {
    const statements = taskRoleStatements(service);
    const { queue, deadLetterQueue } = queuesOf(service);
    for (const action of ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:SendMessage'])
      expect(allows(statements, action, queue)).toBe(true);
    for (const action of ['sqs:ReceiveMessage', 'sqs:DeleteMessage']) expect(allows(statements, action, deadLetterQueue)).toBe(true);
    const downstream = serviceAccess(
      catalog,
      catalog.services.find((entry) => entry.name === service)!,
    ).sendsTo;
    for (const other of others(service)) {
      const queues = queuesOf(other);
      expect(allows(statements, 'sqs:ReceiveMessage', queues.queue), `receive from ${other}`).toBe(false);
      expect(allows(statements, 'sqs:DeleteMessage', queues.queue), `delete on ${other}`).toBe(false);
      expect(allows(statements, 'sqs:ReceiveMessage', queues.deadLetterQueue), `receive from ${other}'s DLQ`).toBe(false);
      expect(allows(statements, 'sqs:SendMessage', queues.queue), `send to ${other}`).toBe(downstream.includes(other));
    }
  });

  it('touches tenant items of the notes table if its entry says so, and only its own partitions of the runtime table', () => {
    const statements = taskRoleStatements(service);
    const entry = catalog.services.find((candidate) => candidate.name === service)!;
    const notes = serviceAccess(catalog, entry).tables.find((table) => table.table === 'notes');
    const writesNotes = notes?.write ?? false;
    expect(allowsItem(statements, 'dynamodb:GetItem', 'notes', 'T#acme#N#0b7c')).toBe(notes !== undefined);
    expect(allowsItem(statements, 'dynamodb:UpdateItem', 'notes', 'T#acme#N#0b7c')).toBe(writesNotes);
    expect(allowsItem(statements, 'dynamodb:GetItem', 'notes', 'ADMIN#settings')).toBe(false);
    expect(allows(statements, 'dynamodb:Scan', { construct: synthesized.platform.data.tables.get('notes')! })).toBe(false);

    for (const pattern of runtimePartitionPatterns(service))
      expect(allowsItem(statements, 'dynamodb:PutItem', 'runtime', pattern.replace('*', 'x'))).toBe(true);
    for (const other of others(service)) {
      expect(allowsItem(statements, 'dynamodb:PutItem', 'runtime', `QUARANTINE#${other}`), `quarantine of ${other}`).toBe(false);
      expect(allowsItem(statements, 'dynamodb:GetItem', 'runtime', `EFFECT#${other}#x`), `effects of ${other}`).toBe(false);
    }
  });

  it("queries an index outside tenant data, and reads other services' queue depths, only where its entry says", () => {
    const statements = taskRoleStatements(service);
    const access = serviceAccess(
      catalog,
      catalog.services.find((entry) => entry.name === service)!,
    );
    const index = { construct: synthesized.platform.data.tables.get('notes')!, path: '/index/gsi1' };
    const queries = (partition: string) =>
      statementsOn(statements, index).some(
        (statement) =>
          allows([statement], 'dynamodb:Query', index) &&
          (leadingKeys(statement) ?? ['*']).some((pattern) => matchesPattern(pattern, partition)),
      );
    const granted = access.indexes.filter((grant) => grant.index === 'gsi1').flatMap((grant) => grant.partitions);
    // Each partition of the index outside tenant data it names (a shard of a pattern), and none it does not.
    for (const partition of ['RECONCILE#*', 'CARD_TENANTS'])
      expect(queries(partition.replace('*', '3')), partition).toBe(granted.includes(partition));
    expect(allowsItem(statements, 'dynamodb:UpdateItem', 'notes', 'RECONCILE#3')).toBe(false);
    for (const other of others(service))
      expect(allows(statements, 'sqs:GetQueueAttributes', queuesOf(other).queue), `depth of ${other}`).toBe(
        access.watchesBacklogOf.includes(other),
      );
  });

  it('reads and writes only the bucket prefixes its entry names', () => {
    const statements = taskRoleStatements(service);
    const entry = catalog.services.find((candidate) => candidate.name === service)!;
    const access = serviceAccess(catalog, entry);
    const bucket = (name: string) => synthesized.platform.data.buckets.get(name)!;
    for (const grant of access.buckets) {
      expect(
        allows(statements, 's3:GetObject', { construct: bucket(grant.bucket), path: `/${grant.prefix}x` }),
        `read ${grant.bucket}/${grant.prefix}`,
      ).toBe(grant.read);
      expect(
        allows(statements, 's3:PutObject', { construct: bucket(grant.bucket), path: `/${grant.prefix}x` }),
        `write ${grant.bucket}/${grant.prefix}`,
      ).toBe(grant.write);
    }
    const readsOriginals = access.buckets.some((grant) => grant.bucket === 'receipts' && grant.prefix === 'tenants/');
    expect(allows(statements, 's3:GetObject', { construct: bucket('receipts'), path: '/tenants/acme/receipts/r1' })).toBe(readsOriginals);
    // No service ever writes an original, deletes an object, or reads the exports it does not make.
    expect(allows(statements, 's3:PutObject', { construct: bucket('receipts'), path: '/tenants/acme/receipts/r1' })).toBe(false);
    expect(allows(statements, 's3:DeleteObject', { construct: bucket('receipts'), path: '/derived/x' })).toBe(false);
    expect(allows(statements, 's3:GetObject', { construct: bucket('exports'), path: '/acme/fec.txt' })).toBe(false);
    for (const other of others(service))
      expect(allows(statements, 's3:GetObject', { construct: bucket('quarantine'), path: `/quarantine/${other}/x` })).toBe(false);
  });

  it('names every resource it may touch: no "*"', () => {
    const resources = taskRoleStatements(service).flatMap((statement) =>
      Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource],
    );
    expect(resources).not.toContain('*');
  });
});

describe("the audit of the quarantine's operators", () => {
  const audit = 'QUARANTINE-AUDIT#format-sniffer#m1';
  const writes = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

  it('is out of reach of every service task role and of the stream routers', () => {
    const { pipeline } = synthesized.platform;
    const pipelineTemplate = synthesized.template(pipeline);
    const roles: [string, Statement[]][] = [
      ...catalog.services.map((service): [string, Statement[]] => [service.name, taskRoleStatements(service.name)]),
      ...pipeline.routers.map((router): [string, Statement[]] => [
        router.entry.name,
        roleStatements(pipelineTemplate, router.function.role!),
      ]),
      ['given-up drain', roleStatements(pipelineTemplate, pipeline.givenUp!.drainRole)],
    ];
    for (const [name, statements] of roles)
      for (const action of writes) expect(allowsItem(statements, action, 'runtime', audit), `${name} ${action}`).toBe(false);
  });

  it('only grows: the operator role may add an entry (PutItem), never update nor delete one, and may update the records it acts on', () => {
    const { pipeline } = synthesized.platform;
    const statements = roleStatements(synthesized.template(pipeline), pipeline.operatorRole);
    expect(allowsItem(statements, 'dynamodb:PutItem', 'runtime', audit)).toBe(true);
    expect(allowsItem(statements, 'dynamodb:Query', 'runtime', audit)).toBe(true);
    for (const action of ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'])
      expect(allowsItem(statements, action, 'runtime', audit), action).toBe(false);
    expect(allowsItem(statements, 'dynamodb:UpdateItem', 'runtime', 'QUARANTINE#format-sniffer')).toBe(true);
    expect(allowsItem(statements, 'dynamodb:DeleteItem', 'runtime', 'QUARANTINE#format-sniffer')).toBe(false);
    expect(allowsItem(statements, 'dynamodb:PutItem', 'runtime', 'EFFECT#format-sniffer#x')).toBe(false);
    for (const service of catalog.services)
      expect(allows(statements, 'sqs:SendMessage', { construct: pipeline.queues.get(service.name)!.queue }), service.name).toBe(true);
  });
});
