import { AlertBook, type AlertEvent, type AlertRule } from '@ndf/alerting';
import type { RunbookKind } from '@ndf/catalog';

export const T0 = Date.UTC(2026, 11, 7, 6, 3, 12);

const rule = (component: string, runbook: RunbookKind): AlertRule => ({
  id: `${component} ${runbook}`,
  component,
  runbook,
  summary: `${component} ${runbook}`,
  metric: 'm',
  comparison: 'at-least',
  threshold: 1,
  missingIsBreaching: false,
  forMs: 0,
  clearMs: 0,
});

/** A real AlertBook on a clock the test sets, for events shaped as the monitor's are. */
export function incidents(components: readonly string[] = ['ocr', 'format-sniffer']) {
  let now = T0;
  const runbooks: RunbookKind[] = ['queue-lagging', 'message-quarantined', 'heartbeat-missing'];
  const book = new AlertBook({
    rules: components.flatMap((component) => runbooks.map((runbook) => rule(component, runbook))),
    clock: () => now,
  });
  return {
    at: (ms: number) => (now = T0 + ms),
    see: (ruleId: string, breaching: boolean, extra: { seen?: string; correlationIds?: string[] } = {}): AlertEvent[] =>
      book.observe({ ruleId, breaching, ...extra }),
  };
}

/** The opened event of one component's quarantine, at T0 + `ms`. */
export function opened(component: string, ms = 0, correlationIds: string[] = []): AlertEvent {
  const book = incidents([component]);
  book.at(ms);
  return book.see(`${component} message-quarantined`, true, { seen: '1 message quarantined', correlationIds })[0]!;
}
