import { describe, expect, it } from 'vitest';
import type { Alert } from '@ndf/alerting';
import { alertConsoleLine } from '../src/index.js';

const T0 = Date.UTC(2026, 0, 5, 10, 42, 7);
const alert: Alert = {
  id: 'ocr-1',
  component: 'ocr',
  runbook: 'message-quarantined',
  since: T0,
  openedAt: T0,
  ruleIds: ['ocr message-quarantined'],
  runbooks: ['message-quarantined'],
  evidence: [
    { at: T0, since: T0, ruleId: 'ocr message-quarantined', runbook: 'message-quarantined', seen: 'quarantined 1 over the last 10 s' },
  ],
  correlationIds: ['c-1', 'c-2'],
};

describe('the console line of an alert event', () => {
  it('names the component, the rule, since when, what was seen, the ids and the runbook', () => {
    expect(alertConsoleLine({ kind: 'opened', at: T0, alert })).toBe(
      'alert opened ocr message-quarantined since 10:42:07 seen="quarantined 1 over the last 10 s" ids=c-1,c-2 runbook=docs/runbooks/message-quarantined.md',
    );
    expect(alertConsoleLine({ kind: 'resolved', at: T0 + 31_000, alert: { ...alert, resolvedAt: T0 + 31_000 } })).toBe(
      'alert resolved ocr message-quarantined after 31 s ids=c-1,c-2 runbook=docs/runbooks/message-quarantined.md',
    );
  });
});
