import { randomUUID } from 'node:crypto';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { catalog } from '@ndf/catalog';
import { rulesFromCatalog, type AlertEvent } from '@ndf/alerting';
import { service as formatSniffer } from '@ndf/format-sniffer/service';
import { waitUntil } from '@ndf/local-stack';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { Monitor, quarantineIds } from '@ndf/monitor';
import { CORRELATION_ATTRIBUTE, platformQuarantine } from '@ndf/runtime';
import { startServiceUnderTest, type ServiceUnderTest } from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A real service writes its EMF documents into the monitor, as the platform's processes do; a
// poison message opens the service's quarantine alert with the entry's correlation id, and the
// alert resolves once the quarantine stops counting, on the real clock.
let stack: SharedStack;
let sniffer: ServiceUnderTest;
let monitor: Monitor;
const events: AlertEvent[] = [];

beforeAll(async () => {
  stack = await useSharedStack('monitor-quarantine-', catalog);
  monitor = new Monitor({
    catalog,
    rules: rulesFromCatalog(catalog).filter((rule) => rule.component === formatSniffer.entry.name),
    quarantine: quarantineIds(platformQuarantine(stack.clients, stack.config.prefix)),
  });
  monitor.onAlertEvents((event) => void events.push(event));
  sniffer = await startServiceUnderTest(formatSniffer, stack, { emf: (line) => void monitor.ingest(line) });
  monitor.start();
});
afterAll(async () => {
  await monitor?.stop();
  await sniffer?.stop();
  await stack?.stop();
});

describe('the monitor on a running service', () => {
  it('opens a message-quarantined alert naming the poison message, and resolves it once the quarantine is quiet', async () => {
    await waitUntil('the service reporting', async () => monitor.store.known('format-sniffer')?.lastHeartbeatAt !== undefined, 30_000);
    const correlationId = `poison-${randomUUID()}`;
    await stack.clients.sqs.send(
      new SendMessageCommand({
        QueueUrl: stack.provisioned.queues.get('format-sniffer')!.queue.url,
        MessageBody: JSON.stringify({ kind: 'not a change' }),
        MessageAttributes: { [CORRELATION_ATTRIBUTE]: { DataType: 'String', StringValue: correlationId } },
      }),
    );
    const named = () => events.find((event) => event.kind !== 'resolved' && event.alert.correlationIds.includes(correlationId));
    await waitUntil('the alert naming the poison message', async () => named() !== undefined, 30_000);
    const incident = named()!.alert;
    expect(incident).toMatchObject({ component: 'format-sniffer', runbook: 'message-quarantined' });
    expect(events[0]).toMatchObject({ kind: 'opened', alert: { id: incident.id } });

    await waitUntil('the alert resolved', async () => events.some((event) => event.kind === 'resolved'), 60_000);
    expect(events.map((event) => `${event.kind} ${event.alert.id}`)).toEqual(events.map((event) => `${event.kind} ${incident.id}`));
    expect(events.at(-1)).toMatchObject({ kind: 'resolved', alert: { runbooks: ['message-quarantined'] } });
  }, 120_000);
});
