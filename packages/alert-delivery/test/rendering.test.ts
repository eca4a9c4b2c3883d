import { describe, expect, it } from 'vitest';
import { alertMail, chatMessage, consoleLine, formatDuration, noticeOfEvent, type AlertNotice } from '../src/index.js';
import { T0, opened } from './incidents.js';

const hostile: AlertNotice = {
  state: 'firing',
  component: 'ocr',
  seen: ['payload <script>alert(1)</script> & "quotes"'],
  since: T0,
  at: T0 + 45_000,
  correlationIds: ['<img src=x onerror=alert(2)>'],
  runbooks: [{ name: 'queue-lagging', url: 'javascript:alert(3)' }],
  seeMore: [{ link: 'https://console.example.com/?q=<b>' }],
};

describe('the rendering of alerts', () => {
  it('escapes what was seen in the HTML mail, and links only web addresses', () => {
    const { html, text } = alertMail([hostile], { language: 'en' });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('payload &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('href="https://console.example.com/?q=&lt;b&gt;"');
    expect(text).toContain('payload <script>alert(1)</script> & "quotes"');
    expect(text).toContain('Since: 07/12/2026, 06:03:12 UTC (45 s ago)');
  });

  it("escapes Slack's markup in what was seen, so that it cannot mention or link", () => {
    const notice = { ...hostile, seen: ['<!channel> <https://evil.example|click> & co'] };
    const section = JSON.stringify(chatMessage([notice], { language: 'en' }).blocks);
    expect(section).toContain('&lt;!channel&gt; &lt;https://evil.example|click&gt; &amp; co');
    expect(section).not.toContain('<!channel>');
  });

  it('heads a group of one incident with its latest event, not with its name twice', () => {
    const first = noticeOfEvent(opened('format-sniffer'));
    const latest: AlertNotice = { ...first, state: 'updated', seen: ['message-quarantined: quarantined 459 over the last 10 s'] };
    expect(alertMail([first, latest], { language: 'fr' }).subject).toBe(
      '[ALERTE] format-sniffer (mise à jour) : message-quarantined: quarantined 459 over the last 10 s',
    );
  });

  it("names every component of a large outage, within Slack's 50 blocks", () => {
    const notices = Array.from({ length: 40 }, (_, index) => noticeOfEvent(opened(`service-${index}`)));
    const message = chatMessage(notices, { language: 'fr' });
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(message.text).toBe('[ALERTE] 40 composants : service-0, service-1, service-2, service-3, service-4, …');
    const shown = message.blocks.filter((block) => block.type === 'section').length;
    const rest = message.blocks.at(-1) as { readonly type: 'context'; readonly elements: readonly { readonly text: string }[] };
    expect(rest.type).toBe('context');
    expect(rest.elements[0]!.text).toBe(
      `et ${40 - shown} de plus : ${notices
        .slice(shown)
        .map((notice) => notice.component)
        .join(', ')}`,
    );
  });

  it('puts firing alerts before resolved ones in a group, and tags the group by the worst', () => {
    const resolved: AlertNotice = { ...hostile, component: 'format-sniffer', state: 'resolved', resolvedAt: T0 + 60_000, seen: ['ok'] };
    const mail = alertMail([resolved, { ...hostile, seen: ['boom'] }], { language: 'fr' });
    expect(mail.subject).toBe('[ALERTE] 2 composants : ocr, format-sniffer');
    expect(mail.text.indexOf('[ALERTE] ocr')).toBeLessThan(mail.text.indexOf('[RÉSOLU] format-sniffer'));
    expect(consoleLine(resolved, { language: 'fr' })).toBe(
      '[RÉSOLU] format-sniffer · ok · Depuis : 07/12/2026 06:03:12 UTC (a duré 1 min 00 s) · Identifiants de corrélation : <img src=x onerror=alert(2)> · javascript:alert(3)',
    );
  });

  it('keeps the subject short and on one line when what was seen is long, and the whole of it in the body', () => {
    const long = 'TypeError: x is undefined\n    at handler (src/handler.ts:42:7)'.repeat(20);
    const mail = alertMail([{ ...hostile, seen: [long] }], { language: 'en' });
    expect(mail.subject).toHaveLength(200);
    expect(mail.subject.endsWith('…')).toBe(true);
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.text).toContain(long);
  });

  it('writes durations in their two largest units', () => {
    expect([0, 59_999, 61_000, 3_600_000 + 5 * 60_000, 2 * 86_400_000 + 3_600_000].map((ms) => formatDuration(ms, 'fr'))).toEqual([
      '0 s',
      '59 s',
      '1 min 01 s',
      '1 h 05 min',
      '2 j 1 h',
    ]);
    expect(formatDuration(86_400_000, 'en')).toBe('1 d 0 h');
  });
});
