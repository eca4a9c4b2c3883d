import type { QuarantineRecord, QuarantineSummary } from '@ndf/runtime';
import { api } from './api.js';
import { ago, clock, fill, h, table } from './dom.js';

export interface QuarantineFilter {
  service: string;
  tenant: string;
  error: string;
  status: string;
}

export function quarantineQuery(filter: QuarantineFilter): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) if (value) query.set(name, value);
  return `/api/quarantine?${query}`;
}

export function quarantineList(items: readonly QuarantineSummary[], open: (item: QuarantineSummary) => void): HTMLElement {
  return table(
    ['Quarantined', 'Service', 'Id', 'Tenant', 'Status', 'Attempts', 'Error', 'Reason'],
    items.map((item) => [
      `${clock(item.quarantinedAt)} (${ago(item.quarantinedAt)})`,
      item.service,
      h('button', { class: 'link', type: 'button', 'data-quarantine-id': item.id, onclick: () => open(item) }, item.id),
      item.tenant ?? '',
      h('span', { class: `status ${item.status}` }, item.status),
      String(item.failures.length),
      item.failures.at(-1)?.errorName ?? '',
      item.reason,
    ]),
    'Nothing quarantined matches.',
  );
}

function prettyPayload(payload: string): string {
  try {
    return JSON.stringify(JSON.parse(payload), null, 2);
  } catch {
    return payload;
  }
}

const path = (record: Pick<QuarantineSummary, 'service' | 'id'>) =>
  `/api/quarantine/${encodeURIComponent(record.service)}/${encodeURIComponent(record.id)}`;

/** One record in full: its attempts, audit and payload, with replay and discard while it waits. */
export async function showQuarantined(key: Pick<QuarantineSummary, 'service' | 'id'>, changed: () => void): Promise<void> {
  const record = await api<QuarantineRecord>(path(key));
  const message = h('p', { class: 'action-result', role: 'status' });
  const reason = h('input', { type: 'text', name: 'reason', placeholder: 'reason (required to discard)', 'aria-label': 'reason' });
  const act = async (action: 'replay' | 'discard') => {
    try {
      const body = reason.value.trim() ? { reason: reason.value.trim() } : {};
      await api(`${path(record)}/${action}`, { method: 'POST', body });
      changed();
      await showQuarantined(record, changed);
    } catch (error) {
      message.textContent = `${action} refused: ${error instanceof Error ? error.message : String(error)}`;
    }
  };
  const actionable = record.status === 'quarantined';
  const source = record.source.kind === 'sqs' ? `queue ${record.source.queueName}` : `stream of ${record.source.table}`;
  fill(
    'quarantine-detail',
    h(
      'h3',
      {},
      `${record.service} / ${record.id} `,
      h('span', { class: `status ${record.status}`, 'data-status': record.status }, record.status),
    ),
    h('p', {}, `From ${source}; quarantined ${clock(record.quarantinedAt)}: ${record.reason}`),
    actionable
      ? h(
          'div',
          { class: 'actions' },
          reason,
          h('button', { type: 'button', class: 'replay', onclick: () => void act('replay') }, 'Replay'),
          h('button', { type: 'button', class: 'discard', onclick: () => void act('discard') }, 'Discard'),
        )
      : null,
    message,
    h('h4', {}, 'Attempts'),
    table(
      ['#', 'Started', 'Took', 'Error', 'Message'],
      record.failures.map((failure) => [
        String(failure.attempt),
        clock(failure.at),
        `${failure.durationMs} ms`,
        failure.errorName,
        failure.message,
      ]),
      'No attempt recorded.',
    ),
    h('h4', {}, 'Audit'),
    table(
      ['At', 'Action', 'By', 'Detail'],
      record.audit.map((event) => [
        clock(event.at),
        event.action,
        event.actor,
        [event.reason, event.queueName ? `onto ${event.queueName} as ${event.messageId}` : ''].filter(Boolean).join(' · '),
      ]),
      'No operator action yet.',
    ),
    h('h4', {}, `Payload (${record.payloadBytes} bytes)`),
    h('pre', { class: 'payload' }, prettyPayload(record.payload)),
  );
}
