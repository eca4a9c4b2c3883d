import { freePort } from '@ndf/local-stack';
import { startMailCatcher, type CaughtMail, type MailCatcher } from '@ndf/local-stack/testing';
import { startWebhookServer, type WebhookServer } from '@ndf/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  Notifier,
  deliveryChannels,
  deliverySettingsFromEnvironment,
  mailChannel,
  type ChatMessage,
  type DeliveryFailure,
} from '../src/index.js';
import { T0, incidents } from './incidents.js';

const FAST_RETRY = { startingDelayMs: 10, maxDelayMs: 50 };

let catcher: MailCatcher;
beforeAll(async () => {
  catcher = await startMailCatcher({ smtpPort: await freePort(), httpPort: await freePort() });
});
afterAll(async () => {
  await catcher?.stop();
});
afterEach(() => catcher.clear());

const servers: WebhookServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** The caught mail as anyone reads it: through the mail catcher's JSON API. */
async function caughtMail(): Promise<CaughtMail[]> {
  const response = await fetch(`${catcher.httpUrl}/api/messages`);
  return ((await response.json()) as CaughtMail[]).reverse();
}

function notifier(env: Record<string, string>) {
  const settings = deliverySettingsFromEnvironment({ NDF_PORT_SMTP: String(catcher.smtpPort), ...env });
  const lines: string[] = [];
  const { channels, close } = deliveryChannels(settings, (line) => lines.push(line));
  return { notifier: new Notifier({ channels, links: settings.links, groupIntervalMs: 0, retry: FAST_RETRY }), lines, close };
}

/** An incident of ocr: its quarantine opens it, a lagging queue updates it, then it resolves. */
function ocrIncident() {
  const book = incidents(['ocr']);
  book.at(0);
  const [opened] = book.see('ocr message-quarantined', true, { seen: '1 message quarantined', correlationIds: ['req-7f3a', 'note-0b7c'] });
  book.at(192_000);
  const [updated] = book.see('ocr queue-lagging', true, { seen: 'oldest message 184 s' });
  book.at(300_000);
  book.see('ocr message-quarantined', false);
  const [resolved] = book.see('ocr queue-lagging', false);
  return { opened: opened!, updated: updated!, resolved: resolved! };
}

describe('alert delivery to the mail catcher, a webhook and the console', () => {
  it('mails a readable alert in French by default, over SMTP, text and HTML', async () => {
    const {
      notifier: alerts,
      lines,
      close,
    } = notifier({ NDF_RUNBOOK_BASE_URL: 'https://git.example.com/ndf/blob/main', NDF_PORT_CONSOLE: '9599' });
    const { opened, resolved } = ocrIncident();
    alerts.notify(opened);
    alerts.notify(resolved);
    await alerts.flush();
    close();

    const [alert, over] = await caughtMail();
    expect(alert!.subject).toBe('[ALERTE] ocr : message-quarantined: 1 message quarantined');
    expect(alert!.to).toEqual([{ name: '', address: 'astreinte@ndf.local' }]);
    const text = alert!.text!;
    expect(text).toContain('Constaté :\n  - message-quarantined: 1 message quarantined');
    expect(text).toContain('Depuis : 07/12/2026 06:03:12 UTC (il y a 0 s)');
    expect(text).toContain('Identifiants de corrélation : req-7f3a, note-0b7c');
    expect(text).toContain('Procédure : message-quarantined https://git.example.com/ndf/blob/main/docs/runbooks/message-quarantined.md');
    expect(text).toContain('npm run ops -- quarantine list --service ocr');
    expect(text).toContain('http://127.0.0.1:9599/');
    const html = alert!.html!;
    expect(html).toContain('<a href="https://git.example.com/ndf/blob/main/docs/runbooks/message-quarantined.md">message-quarantined</a>');
    expect(html).toContain('<code>req-7f3a</code>, <code>note-0b7c</code>');
    expect(html).toContain('<code>npm run ops -- alerts</code>');

    expect(over!.subject).toBe('[RÉSOLU] ocr : queue-lagging: oldest message 184 s');
    expect(over!.text).toContain('Depuis : 07/12/2026 06:03:12 UTC (a duré 5 min 00 s)');
    expect(over!.text).toContain('Résolu à : 07/12/2026 06:08:12 UTC');
    expect(lines).toEqual([
      expect.stringMatching(/^\[ALERTE\] ocr · message-quarantined: 1 message quarantined · /),
      expect.stringMatching(/^\[RÉSOLU\] ocr · /),
    ]);
  });

  it('mails in English when asked, an update named as such, and runbooks by their path without a base URL', async () => {
    const { notifier: alerts, close } = notifier({ NDF_ALERT_LANGUAGE: 'en', NDF_ALERT_MAIL_TO: 'oncall@acme.test' });
    const { updated } = ocrIncident();
    alerts.notify(updated);
    await alerts.flush();
    close();
    const [mail] = await caughtMail();
    expect(mail!.subject).toBe('[ALERT] ocr (update): queue-lagging: oldest message 184 s');
    expect(mail!.text).toContain('Since: 07/12/2026, 06:03:12 UTC (3 min 12 s ago)');
    expect(mail!.text).toContain('Correlation ids: req-7f3a, note-0b7c');
    expect(mail!.text).toContain('Runbook: queue-lagging docs/runbooks/queue-lagging.md');
    expect(mail!.html).toContain('queue-lagging (<code>docs/runbooks/queue-lagging.md</code>)');
  });

  it('posts Slack-compatible JSON to the webhook, and retries one that answers 500 then 200', async () => {
    const webhook = await startWebhookServer((request) => (request === 1 ? 500 : 200));
    servers.push(webhook);
    const { notifier: alerts, close } = notifier({ NDF_ALERT_WEBHOOK_URL: webhook.url, NDF_ALERT_LANGUAGE: 'en' });
    const { opened } = ocrIncident();
    alerts.notify(opened);
    await alerts.flush();
    close();

    expect(webhook.bodies).toHaveLength(2);
    expect(webhook.bodies[1]).toEqual(webhook.bodies[0]);
    const message = webhook.bodies[1] as ChatMessage;
    expect(message.text).toBe('[ALERT] ocr: message-quarantined: 1 message quarantined');
    expect(message.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: expect.stringContaining('*[ALERT] ocr*') } }]);
    const section = (message.blocks[0] as { text: { text: string } }).text.text;
    expect(section).toContain('*Correlation ids*: `req-7f3a`, `note-0b7c`');
    expect(section).toContain('*Runbook*: <docs/runbooks/message-quarantined.md|message-quarantined>');
    expect(await caughtMail()).toHaveLength(1);
  });

  it('still mails and writes to the console while the webhook hangs, and times the webhook out and retries it', async () => {
    const webhook = await startWebhookServer(() => undefined);
    servers.push(webhook);
    const { notifier: alerts, lines, close } = notifier({ NDF_ALERT_WEBHOOK_URL: webhook.url, NDF_ALERT_WEBHOOK_TIMEOUT_MS: '200' });
    const { opened } = ocrIncident();
    alerts.notify(opened);
    await catcher.waitFor((mail) => mail.subject.startsWith('[ALERTE] ocr'));
    expect(lines).toHaveLength(1);
    while (webhook.bodies.length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await alerts.stop(0)).toEqual({ webhook: 1 });
    close();
  });

  it('keeps retrying while the mail server is down, and mails the alert once it is up', async () => {
    const port = await freePort();
    const settings = deliverySettingsFromEnvironment({ NDF_PORT_SMTP: String(port) });
    const failures: DeliveryFailure[] = [];
    const mail = mailChannel(settings.mail, { language: 'fr' });
    const alerts = new Notifier({ channels: [mail], retry: FAST_RETRY, onFailure: (failure) => failures.push(failure) });
    alerts.notify(ocrIncident().opened);
    while (failures.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(String(failures[0]!.error)).toMatch(/ECONNREFUSED/);
    const late = await startMailCatcher({ smtpPort: port, httpPort: await freePort() });
    try {
      await alerts.settled();
      expect(late.messages().map((caught) => caught.subject)).toEqual(['[ALERTE] ocr : message-quarantined: 1 message quarantined']);
    } finally {
      mail.close();
      await late.stop();
    }
  });

  it('refuses settings it cannot use, naming each variable', () => {
    expect(() =>
      deliverySettingsFromEnvironment({
        NDF_ALERT_LANGUAGE: 'de',
        NDF_ALERT_WEBHOOK_URL: 'hooks.slack.com/x',
        NDF_PORT_SMTP: '70000',
        NDF_ALERT_MAIL_TO: 'oncall',
        NDF_ALERT_TIME_ZONE: 'Mars/Olympus',
      }),
    ).toThrow(
      /NDF_ALERT_LANGUAGE=de is not one of fr, en[\s\S]*NDF_ALERT_TIME_ZONE[\s\S]*NDF_ALERT_MAIL_TO: "oncall"[\s\S]*NDF_ALERT_WEBHOOK_URL is not an http:\/\/ or https:\/\/ address[\s\S]*NDF_PORT_SMTP=70000/,
    );
    expect(T0).toBe(Date.parse('2026-12-07T06:03:12Z'));
  });
});
