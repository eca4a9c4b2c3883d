import { readFileSync } from 'node:fs';
import type { ChatMessage } from '@ndf/alert-delivery/chat';
import { startWebhookServer, type WebhookServer } from '@ndf/testkit';
import type { SNSEvent } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { forwarder, type ForwarderOptions } from '../src/forwarder.js';

const sample = (name: string): unknown => JSON.parse(readFileSync(new URL(`./samples/${name}.json`, import.meta.url), 'utf8'));

/** The event Lambda gets from the on-call topic for one published message. */
function snsEvent(message: unknown, subject: string | null = null): SNSEvent {
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: 'arn:aws:sns:eu-west-3:123456789012:ndf-test-on-call:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55',
        Sns: {
          Type: 'Notification',
          MessageId: '95df01b4-ee98-5cb9-9903-4c221d41eb5e',
          TopicArn: 'arn:aws:sns:eu-west-3:123456789012:ndf-test-on-call',
          Subject: subject as string,
          Message: typeof message === 'string' ? message : JSON.stringify(message),
          Timestamp: '2026-12-07T06:03:23.112Z',
          SignatureVersion: '1',
          Signature: 'EXAMPLE',
          SigningCertUrl: 'https://sns.eu-west-3.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem',
          UnsubscribeUrl: 'https://sns.eu-west-3.amazonaws.com/?Action=Unsubscribe',
          MessageAttributes: {},
        },
      },
    ],
  };
}

const servers: WebhookServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function forwardTo(answer: (request: number) => number | undefined, options: Partial<ForwarderOptions> = {}) {
  const webhook = await startWebhookServer(answer);
  servers.push(webhook);
  const logged: Record<string, unknown>[] = [];
  const handler = forwarder({
    webhook: async () => webhook.url,
    render: { language: 'fr' },
    prefix: 'ndf-test-',
    runbookBaseUrl: 'https://github.com/acme/ndf/blob/main',
    timeoutMs: 300,
    log: (line) => logged.push(line),
    ...options,
  });
  const posted = () => webhook.bodies as ChatMessage[];
  const section = (index = 0) => (posted()[index]!.blocks[0] as { text: { text: string } }).text.text;
  return { handler, webhook, logged, posted, section };
}

describe('the alert forwarder', () => {
  it("posts a service's metric alarm as the laptop's alerts read: component, what was seen, since when, runbook, where to see more", async () => {
    const { handler, posted, section } = await forwardTo(() => 200);
    await handler(snsEvent(sample('metric-alarm'), 'ALARM: "ndf-test-ocr quarantined" in EU (Paris)'));
    expect(posted()[0]!.text).toBe('[ALERTE] ocr : ocr quarantined a message: it failed for good or ran out of attempts');
    const text = section();
    expect(text).toContain('*[ALERTE] ocr*');
    expect(text).toContain('Threshold Crossed: 1 out of the last 1 datapoints');
    expect(text).toContain('*Depuis* : 07/12/2026 06:03:22 UTC (il y a 0 s)');
    expect(text).toContain('*Identifiants de corrélation* : aucun');
    expect(text).toContain(
      '*Procédure* : <https://github.com/acme/ndf/blob/main/docs/runbooks/message-quarantined.md|message-quarantined>',
    );
    expect(text).toContain(
      '<https://eu-west-3.console.aws.amazon.com/cloudwatch/home?region=eu-west-3#alarmsV2:alarm/ndf-test-ocr%20quarantined|CloudWatch>',
    );
    expect(text).toContain('`npm run ops -- quarantine list --service ocr --cloud`');
  });

  it('names the child alarms that made the composite page fire, from when the first one did', async () => {
    const { handler, posted, section } = await forwardTo(() => 200);
    await handler(snsEvent(sample('composite-alarm'), 'ALARM: "ndf-test-ocr" in EU (Paris)'));
    expect(posted()[0]!.text).toBe('[ALERTE] ocr : ocr quarantined: ALARM');
    expect(section()).toContain('• ocr needs the on-call engineer: see which of its alarms is in ALARM');
    expect(section()).toContain('*Depuis* : 07/12/2026 06:03:22 UTC (il y a 0 s)');
    expect(section()).toContain('<https://github.com/acme/ndf/blob/main/docs/runbooks/component-paged.md|component-paged>');
  });

  it('posts the return to OK as resolved, in English when configured', async () => {
    const { handler, posted, section } = await forwardTo(() => 200, { render: { language: 'en' } });
    await handler(snsEvent(sample('composite-ok'), 'OK: "ndf-test-ocr" in EU (Paris)'));
    expect(posted()[0]!.text).toBe('[RESOLVED] ocr: ocr quarantined: OK');
    expect(section()).toContain(':large_green_circle: *[RESOLVED] ocr*');
    expect(section()).toContain('*Resolved at*: 07/12/2026, 06:09:02 UTC');
    expect(section()).not.toContain('*Since*');
  });

  it('posts a stopped ECS task with its service, why it stopped and its task id', async () => {
    const { handler, posted, section } = await forwardTo(() => 200);
    await handler(snsEvent(sample('ecs-task-stopped')));
    expect(posted()[0]!.text).toBe('[ALERTE] ocr : task stopped: Essential container in task exited (EssentialContainerExited)');
    expect(section()).toContain('• ocr: exit 137, OutOfMemoryError: Container killed due to memory usage');
    expect(section()).toContain('`9f4c2b2a1e5d4c0f8a7b6c5d4e3f2a1b`');
    expect(section()).toContain('<https://github.com/acme/ndf/blob/main/docs/runbooks/heartbeat-missing.md|heartbeat-missing>');
    expect(section()).toContain(
      '<https://eu-west-3.console.aws.amazon.com/ecs/v2/clusters/ndf-test-services/tasks/9f4c2b2a1e5d4c0f8a7b6c5d4e3f2a1b?region=eu-west-3|ECS>',
    );
  });

  it("reads AWS's documented alarm message, from outside the platform, and passes on a message it does not know rather than drop it", async () => {
    const { handler, posted, section } = await forwardTo(() => 200);
    await handler(snsEvent(sample('aws-documented-alarm'), 'ALARM: "EXAMPLE" in US East (N. Virginia)'));
    expect(posted()[0]!.text).toMatch(/^\[ALERTE\] EXAMPLE : Threshold Crossed: 1 out of the last 1 datapoints \[1234\.0/);
    expect(section()).toContain('*Depuis* : 03/06/2015 17:43:27 UTC');
    await handler(snsEvent('Deploy of ocr rolled back <by the circuit breaker>', 'ECS deployment'));
    expect(posted()[1]!.text).toBe('[ALERTE] ECS deployment : Deploy of ocr rolled back <by the circuit breaker>');
    expect(section(1)).toContain('• Deploy of ocr rolled back &lt;by the circuit breaker&gt;');
  });

  it('fails the invocation when the webhook refuses or hangs, so that Lambda retries it, then keeps it', async () => {
    const refusing = await forwardTo(() => 500);
    await expect(refusing.handler(snsEvent(sample('metric-alarm')))).rejects.toThrow(/answered 500/);
    const hanging = await forwardTo(() => undefined);
    await expect(hanging.handler(snsEvent(sample('metric-alarm')))).rejects.toThrow(/no answer within 300 ms/);
    expect(hanging.webhook.bodies).toHaveLength(1);
  });

  it('logs instead of posting while no webhook address is set, and never logs the address', async () => {
    const { handler, posted, logged, webhook } = await forwardTo(() => 200, { webhook: async () => undefined });
    await handler(snsEvent(sample('composite-alarm')));
    expect(posted()).toEqual([]);
    expect(logged).toEqual([{ level: 'warn', event: 'chat-webhook-not-set', components: ['ocr'] }]);
    expect(JSON.stringify(logged)).not.toContain(webhook.url);
  });
});
