import { describe, expect, it } from 'vitest';
import { AlertBook, MAX_CORRELATION_IDS, type AlertRule } from '../src/index.js';

const rule = (component: string, runbook: AlertRule['runbook'], forMs = 0): AlertRule => ({
  id: `${component} ${runbook}`,
  component,
  runbook,
  summary: `${component} ${runbook}`,
  metric: 'm',
  comparison: 'at-least',
  threshold: 1,
  missingIsBreaching: false,
  forMs,
  clearMs: 20_000,
});

const rules = [
  rule('ocr', 'queue-lagging'),
  rule('ocr', 'breaker-open', 20_000),
  rule('ocr', 'message-quarantined'),
  rule('ingest-api', 'api-server-errors'),
];

/** A book on a clock the test moves. */
function book() {
  let now = 1_000_000;
  const alerts = new AlertBook({ rules, clock: () => now });
  return {
    alerts,
    at: (ms: number) => (now = 1_000_000 + ms),
    see: (ruleId: string, breaching: boolean, extra: { seen?: string; correlationIds?: string[] } = {}) =>
      alerts.observe({ ruleId, breaching, ...extra }),
  };
}

describe('AlertBook', () => {
  it('opens a rule with a `for` only once its condition has held that long, and once', () => {
    const { at, see } = book();
    at(0);
    expect(see('ocr breaker-open', true)).toEqual([]);
    at(10_000);
    expect(see('ocr breaker-open', true)).toEqual([]);
    at(20_000);
    const [opened] = see('ocr breaker-open', true, { seen: 'dynamodb breaker open' });
    expect(opened).toMatchObject({ kind: 'opened', at: 1_020_000, alert: { component: 'ocr', runbook: 'breaker-open', since: 1_000_000 } });
    expect(opened!.alert.evidence).toEqual([
      { at: 1_020_000, since: 1_000_000, ruleId: 'ocr breaker-open', runbook: 'breaker-open', seen: 'dynamodb breaker open' },
    ]);
    at(30_000);
    expect(see('ocr breaker-open', true)).toEqual([]);
  });

  it('starts the `for` again when the condition goes false before it has held', () => {
    const { at, see } = book();
    at(0);
    see('ocr breaker-open', true);
    at(10_000);
    see('ocr breaker-open', false);
    at(20_000);
    expect(see('ocr breaker-open', true)).toEqual([]);
    at(30_000);
    expect(see('ocr breaker-open', true)).toEqual([]);
    at(40_000);
    expect(see('ocr breaker-open', true).map((event) => event.kind)).toEqual(['opened']);
  });

  it('does not resolve on a condition that flickers false and true again within `clear`', () => {
    const { at, see } = book();
    const kinds: string[] = [];
    for (let second = 0; second <= 120; second += 10) {
      at(second * 1000);
      kinds.push(...see('ocr queue-lagging', second % 20 === 0).map((event) => event.kind));
    }
    expect(kinds).toEqual(['opened']);
  });

  it('groups the rules of one component in one alert, updated when another rule fires', () => {
    const { alerts, at, see } = book();
    at(0);
    see('ocr queue-lagging', true);
    at(5_000);
    const [updated] = see('ocr message-quarantined', true, { seen: '1 message-quarantined' });
    expect(updated).toMatchObject({
      kind: 'updated',
      alert: { runbook: 'queue-lagging', runbooks: ['queue-lagging', 'message-quarantined'] },
    });
    expect(updated!.alert.ruleIds).toEqual(['ocr queue-lagging', 'ocr message-quarantined']);
    expect(updated!.alert.evidence.at(-1)).toEqual({
      at: 1_005_000,
      since: 1_005_000,
      ruleId: 'ocr message-quarantined',
      runbook: 'message-quarantined',
      seen: '1 message-quarantined',
    });
    expect(alerts.openAlerts()).toHaveLength(1);
  });

  it('opens one alert per component', () => {
    const { alerts, at, see } = book();
    at(0);
    see('ocr queue-lagging', true);
    expect(see('ingest-api api-server-errors', true).map((event) => event.kind)).toEqual(['opened']);
    expect(
      alerts
        .openAlerts()
        .map((alert) => alert.component)
        .sort(),
    ).toEqual(['ingest-api', 'ocr']);
  });

  it('carries new correlation ids in an update, each once, and no more than the cap', () => {
    const { at, see } = book();
    at(0);
    const [opened] = see('ocr message-quarantined', true, { correlationIds: ['req-1'] });
    expect(opened!.alert.correlationIds).toEqual(['req-1']);
    at(10_000);
    const [updated] = see('ocr message-quarantined', true, { seen: '2 message-quarantined', correlationIds: ['req-1', 'req-2'] });
    expect(updated).toMatchObject({ kind: 'updated', alert: { correlationIds: ['req-1', 'req-2'] } });
    expect(updated!.alert.evidence.map((evidence) => evidence.seen)).toEqual([undefined, '2 message-quarantined']);
    expect(opened!.alert.correlationIds).toEqual(['req-1']);
    at(20_000);
    expect(see('ocr message-quarantined', true, { correlationIds: ['req-2'] })).toEqual([]);
    const many = Array.from({ length: 50 }, (_, index) => `req-${index}`);
    const [capped] = see('ocr message-quarantined', true, { correlationIds: many });
    expect(capped!.alert.correlationIds).toHaveLength(MAX_CORRELATION_IDS);
  });

  it('resolves once every rule of the component has been false for `clear`', () => {
    const { at, see } = book();
    at(0);
    see('ocr queue-lagging', true);
    see('ocr message-quarantined', true);
    at(10_000);
    expect(see('ocr queue-lagging', false)).toEqual([]);
    at(30_000);
    // queue-lagging has been clear for 20 s, but message-quarantined is still true.
    expect(see('ocr queue-lagging', false)).toEqual([]);
    expect(see('ocr message-quarantined', false)).toEqual([]);
    at(45_000);
    expect(see('ocr message-quarantined', false)).toEqual([]);
    at(50_000);
    const [resolved] = see('ocr message-quarantined', false);
    expect(resolved).toMatchObject({
      kind: 'resolved',
      at: 1_050_000,
      alert: { component: 'ocr', openedAt: 1_000_000, resolvedAt: 1_050_000 },
    });
  });

  it('keeps an alert open while a rule of its component is true but not yet past its `for`', () => {
    const { at, see } = book();
    at(0);
    see('ocr queue-lagging', true);
    see('ocr queue-lagging', false);
    see('ocr breaker-open', true);
    at(25_000);
    expect(see('ocr queue-lagging', false)).toEqual([]);
  });

  it('opens a new incident, with a new id, when a component fails again after its alert resolved', () => {
    const { at, see } = book();
    at(0);
    const [first] = see('ocr queue-lagging', true);
    at(10_000);
    see('ocr queue-lagging', false);
    at(30_000);
    expect(see('ocr queue-lagging', false).map((event) => event.kind)).toEqual(['resolved']);
    at(40_000);
    const [second] = see('ocr queue-lagging', true);
    expect(second).toMatchObject({ kind: 'opened', alert: { since: 1_040_000, evidence: [{ at: 1_040_000 }] } });
    expect(second!.alert.id).not.toBe(first!.alert.id);
  });

  it('refuses an evaluation of a rule it does not know, and two rules with one id', () => {
    const { see } = book();
    expect(() => see('nobody queue-lagging', true)).toThrow(/No rule has the id "nobody queue-lagging"/);
    expect(() => new AlertBook({ rules: [rules[0]!, rules[0]!], clock: () => 0 })).toThrow(/Two rules/);
  });
});
