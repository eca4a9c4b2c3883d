import { describe, expect, it } from 'vitest';
import {
  catalog,
  catalogProblems,
  queueSettings,
  bucketNotifications,
  streamSubscriptions,
  type Catalog,
  type ServiceEntry,
} from '@ndf/catalog';

const limits = { deadlineMs: 5_000, concurrency: 16, maxAttempts: 5 };
const alarms = { maxMessageAgeSeconds: 60, quarantinedMessages: 1, heartbeatMissingSeconds: 30 };
const service = (overrides: Partial<ServiceEntry>): ServiceEntry => ({
  name: 'format-sniffer',
  description: 'test',
  critical: false,
  consumes: { kind: 's3', bucket: 'receipts', prefix: 'tenants/' },
  emits: [],
  limits,
  alarms,
  ...overrides,
});
const withServices = (...services: ServiceEntry[]): Catalog => ({ ...catalog, services });

describe('the catalog', () => {
  it('is consistent as committed', () => {
    expect(catalogProblems(catalog)).toEqual([]);
  });

  it('names each unknown reference', () => {
    const problems = catalogProblems(
      withServices(
        service({ name: 'a', consumes: { kind: 'stream', table: 'nope', itemTypes: ['NOTE'], events: ['INSERT'] } }),
        service({
          name: 'b',
          consumes: { kind: 's3', bucket: 'missing', prefix: '' },
          emits: [
            { kind: 'service', service: 'ghost' },
            { kind: 'api', api: 'ghost-api' },
          ],
        }),
        service({ name: 'c', consumes: { kind: 'stream', table: 'runtime', itemTypes: [], events: ['INSERT'] } }),
      ),
    );
    expect(problems).toEqual([
      'Service "a" consumes the stream of unknown table "nope".',
      'Service "b" consumes events of unknown bucket "missing".',
      'Service "b" emits to unknown service "ghost".',
      'Service "b" calls unknown API "ghost-api".',
      'Service "c" consumes the stream of table "runtime", which has none.',
    ]);
  });

  it('refuses bad names, duplicates, orphan queues and absurd limits', () => {
    const problems = catalogProblems(
      withServices(
        service({ name: 'Bad_Name' }),
        service({ name: 'dup' }),
        service({ name: 'dup' }),
        service({ name: 'orphan', consumes: { kind: 'queue' } }),
        service({ name: 'zero', limits: { deadlineMs: 0, concurrency: 0, maxAttempts: 0 } }),
      ),
    );
    expect(problems).toContain('Service, API or router "dup" is declared twice.');
    expect(problems).toContain('Service "Bad_Name": the name must be kebab-case.');
    expect(problems).toContain('Service "orphan" consumes a queue that no service emits to.');
    expect(problems).toContain('Service "zero": deadlineMs must be between 100 ms and 15 minutes.');
    expect(problems).toContain('Service "zero": concurrency must be an integer from 1 to 1000.');
    expect(problems).toContain('Service "zero": maxAttempts must be an integer from 1 to 1000.');
  });

  it('accepts a queue fed by another service', () => {
    const problems = catalogProblems(
      withServices(
        service({ name: 'producer', emits: [{ kind: 'service', service: 'consumer' }] }),
        service({ name: 'consumer', consumes: { kind: 'queue' } }),
      ),
    );
    expect(problems).toEqual([]);
  });

  it('derives queue settings from the limits', () => {
    const settings = queueSettings(service({ limits: { deadlineMs: 20_000, concurrency: 4, maxAttempts: 7 } }));
    expect(settings).toEqual({
      visibilityTimeoutSeconds: 50,
      receiveWaitTimeSeconds: 20,
      messageRetentionSeconds: 345_600,
      maxReceiveCount: 7,
      deadLetterRetentionSeconds: 1_209_600,
    });
    expect(queueSettings(service({ limits: { deadlineMs: 500, concurrency: 4, maxAttempts: 3 } })).visibilityTimeoutSeconds).toBe(30);
  });

  it('derives bucket notifications and stream subscriptions', () => {
    const wired = withServices(
      service({ name: 'intake', consumes: { kind: 's3', bucket: 'receipts', prefix: 'tenants/', suffix: '.bin' } }),
      service({ name: 'router-fed', consumes: { kind: 'stream', table: 'notes', itemTypes: ['NOTE'], events: ['INSERT', 'MODIFY'] } }),
    );
    expect(bucketNotifications(wired)).toEqual([{ bucket: 'receipts', service: 'intake', prefix: 'tenants/', suffix: '.bin' }]);
    expect(streamSubscriptions(wired, 'notes')).toEqual([
      { table: 'notes', service: 'router-fed', itemTypes: ['NOTE'], events: ['INSERT', 'MODIFY'], where: {} },
    ]);
    expect(streamSubscriptions(wired, 'runtime')).toEqual([]);
  });

  it('checks each stream router and what relies on one', () => {
    const router = catalog.routers[0]!;
    const problems = catalogProblems({
      ...catalog,
      routers: [{ ...router, name: 'Bad Router', table: 'runtime', batchSize: 0, maxRetries: 11, deadlineMs: 50 }],
      services: [
        service({
          name: 'needs-a-router',
          consumes: { kind: 'stream', table: 'notes', itemTypes: ['RECEIPT'], events: ['MODIFY'], where: { status: [] } },
        }),
      ],
    });
    expect(problems).toEqual([
      'Router "Bad Router": the name must be kebab-case.',
      'Router "Bad Router" reads the stream of table "runtime", which has none.',
      'Router "Bad Router": batchSize must be an integer from 1 to 1000.',
      'Router "Bad Router": maxRetries must be an integer from 0 to 10.',
      'Router "Bad Router": deadlineMs must be between 100 ms and 15 minutes.',
      'Service "needs-a-router" consumes the stream of table "notes", which no router reads.',
      'Service "needs-a-router" filters on "status" with no value: nothing would pass.',
    ]);
  });

  it('checks a filter per item type: on a type the service follows, with values', () => {
    const problems = catalogProblems({
      ...catalog,
      services: [
        service({
          name: 'follows-notes',
          consumes: {
            kind: 'stream',
            table: 'notes',
            itemTypes: ['NOTE'],
            events: ['MODIFY'],
            whereByType: { NOTE: { status: [] }, STAGE: { service: ['ocr'] } },
          },
        }),
      ],
    });
    expect(problems).toEqual([
      'Service "follows-notes" filters on "status" with no value: nothing would pass.',
      'Service "follows-notes" filters item type "STAGE", which it does not subscribe to.',
    ]);
  });

  it('refuses APIs with unknown tables or buckets, a bad base path, port, deadline or body limit', () => {
    const api = catalog.apis[0]!;
    const problems = catalogProblems({
      ...catalog,
      apis: [
        {
          ...api,
          name: 'broken-api',
          basePath: 'v1/',
          localPort: 80,
          deadlineMs: 29_000,
          maxBodyBytes: 7 * 1024 * 1024,
          tables: ['nope'],
          buckets: ['none'],
          description: 'test',
        },
        // The API the canary calls.
        api,
      ],
    });
    expect(problems).toEqual([
      'API "broken-api" uses unknown table "nope".',
      'API "broken-api" uses unknown bucket "none".',
      'API "broken-api": basePath must start with "/" and not end with one.',
      'API "broken-api": localPort must be a port from 1024 to 65535.',
      'API "broken-api": deadlineMs must be between 100 ms and 25 s.',
      'API "broken-api": maxBodyBytes must be from 1 byte to 6 MiB (Lambda\'s payload limit).',
    ]);
  });
});
