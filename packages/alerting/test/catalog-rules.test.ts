import { describe, expect, it } from 'vitest';
import { catalog } from '@ndf/catalog';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runbookLink } from '@ndf/catalog';
import { breaches, HEARTBEAT_AGE_METRIC, rulesFromCatalog, type AlertRule } from '../src/index.js';

const rules = rulesFromCatalog(catalog);
const ruleOf = (component: string, runbook: string): AlertRule => {
  const found = rules.find((candidate) => candidate.id === `${component} ${runbook}`);
  if (!found) throw new Error(`no rule ${component} ${runbook}`);
  return found;
};

describe('rulesFromCatalog', () => {
  it("watches every service's queue age, quarantine, breakers and heartbeat with its catalog thresholds", () => {
    for (const service of catalog.services) {
      expect(ruleOf(service.name, 'queue-lagging')).toMatchObject({
        threshold: service.alarms.maxMessageAgeSeconds,
        comparison: 'above',
        forMs: 0,
      });
      expect(ruleOf(service.name, 'message-quarantined')).toMatchObject({
        threshold: service.alarms.quarantinedMessages,
        comparison: 'at-least',
      });
      expect(ruleOf(service.name, 'heartbeat-missing')).toMatchObject({
        metric: HEARTBEAT_AGE_METRIC,
        threshold: service.alarms.heartbeatMissingSeconds,
        missingIsBreaching: true,
      });
      // Two 10 s periods in a row, as the cloud's alarm counts them.
      expect(ruleOf(service.name, 'breaker-open')).toMatchObject({ threshold: 1, forMs: 10_000 });
    }
  });

  it("watches the stream router's lag in milliseconds, from its limit in seconds", () => {
    for (const router of catalog.routers) {
      expect(ruleOf(router.name, 'stream-lagging')).toMatchObject({
        metric: 'stream_iterator_age_ms',
        threshold: router.alarms.maxMessageAgeSeconds * 1000,
      });
      expect(ruleOf(router.name, 'heartbeat-missing').threshold).toBe(router.alarms.heartbeatMissingSeconds);
    }
  });

  it("pages on ten of the API's 5xx in a period at once, and on a p99 over a third of its deadline for three periods", () => {
    for (const api of catalog.apis) {
      expect(ruleOf(api.name, 'api-server-errors')).toMatchObject({ metric: 'status_5xx', threshold: 10, forMs: 0 });
      expect(ruleOf(api.name, 'api-slow')).toMatchObject({
        metric: 'latency_ms',
        threshold: Math.round(api.deadlineMs / 3),
        forMs: 20_000,
      });
    }
  });

  it("turns the reconciler's paging counters into rules with each counter's own runbook", () => {
    expect(ruleOf('reconciler', 'counter-reconciler-gave-up')).toMatchObject({ metric: 'reconciler_gave_up', threshold: 1 });
    // A redrive is a stalled receipt found: it pages at once.
    expect(ruleOf('reconciler', 'counter-reconciler-redriven')).toMatchObject({ metric: 'reconciler_redriven', threshold: 1, forMs: 0 });
  });

  it('pages at once when the process of any service, router or API exits unexpectedly', () => {
    for (const component of [...catalog.services, ...catalog.routers, ...catalog.apis])
      expect(ruleOf(component.name, 'process-exited')).toMatchObject({
        metric: 'process_exited',
        comparison: 'at-least',
        threshold: 1,
        forMs: 0,
      });
  });

  it('notices a missing heartbeat within 15 s of the last one: a limit of 10 s, evaluated every second', () => {
    for (const component of [...catalog.services, ...catalog.routers])
      expect(ruleOf(component.name, 'heartbeat-missing').threshold).toBe(10);
  });

  it('gives every rule a unique id and a runbook that exists, the one the cloud alarm of the same kind links', () => {
    expect(new Set(rules.map((rule) => rule.id)).size).toBe(rules.length);
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const missing = [...new Set(rules.map((rule) => rule.runbook))].filter((runbook) => !existsSync(`${root}${runbookLink(runbook)}`));
    expect(missing).toEqual([]);
  });
});

describe('breaches', () => {
  it('compares what was seen with the threshold as the rule says', () => {
    const queueAge = ruleOf('ocr', 'queue-lagging');
    expect([breaches(queueAge, 120), breaches(queueAge, 121)]).toEqual([false, true]);
    const quarantined = ruleOf('ocr', 'message-quarantined');
    expect([breaches(quarantined, 0), breaches(quarantined, 1)]).toEqual([false, true]);
    expect(breaches({ ...quarantined, comparison: 'below' }, 0)).toBe(true);
  });

  it('treats a metric nobody reported as breaching only for the heartbeat', () => {
    expect(breaches(ruleOf('ocr', 'heartbeat-missing'), undefined)).toBe(true);
    expect(breaches(ruleOf('ocr', 'queue-lagging'), undefined)).toBe(false);
  });
});
