import type { AlertsView, ErrorGroup, LogLine } from '@ndf/alerting';
import type { StalledView } from '../stalled-receipt.js';
import { ago, clock, h, table } from './dom.js';

/** A correlation, note or receipt id that opens the log search for it. */
export function idLink(id: string, search: (id: string) => void): HTMLElement {
  return h('button', { class: 'link', type: 'button', title: 'every log line of this request', onclick: () => search(id) }, id);
}

export function alertsView(view: AlertsView, search: (id: string) => void): HTMLElement {
  const open = table(
    ['Component', 'Since', 'Rules', 'Seen', 'Involved', 'Runbook'],
    view.open.map((alert) => [
      h('strong', {}, alert.component),
      `${clock(alert.since)} (${ago(alert.since)})`,
      alert.ruleIds.join(', '),
      alert.evidence.at(-1)?.seen ?? '',
      h('span', {}, ...alert.correlationIds.slice(0, 3).map((id) => idLink(id, search))),
      h('code', {}, `docs/runbooks/${alert.runbook}.md`),
    ]),
    'No open alert.',
  );
  const recent = table(
    ['At', 'Event', 'Component', 'Runbook'],
    view.recent
      .slice(0, 20)
      .map((event) => [
        clock(event.at),
        h('span', { class: `event ${event.kind}` }, event.kind),
        event.alert.component,
        event.alert.runbook,
      ]),
    'No alert in the last hours.',
  );
  return h('div', {}, h('h3', {}, `Open (${view.open.length})`), open, h('h3', {}, 'Recent'), recent);
}

export function stalledView(stalled: StalledView, search: (id: string) => void): HTMLElement {
  return h(
    'div',
    {},
    h('p', { class: 'hint' }, `Receipts not moved on for ${stalled.stuckAfterSeconds} s, as the reconciler's next tick will see them.`),
    table(
      ['Since', 'Tenant', 'Receipt', 'Note', 'Status', 'Correlation'],
      stalled.items.map((item) => [
        `${clock(item.since)} (${ago(item.since)})`,
        item.tenant,
        idLink(item.receiptId, search),
        item.noteId ? idLink(item.noteId, search) : '',
        item.status,
        item.correlationId ? idLink(item.correlationId, search) : '',
      ]),
      'Nothing stalled.',
    ),
  );
}

export function errorsView(groups: readonly ErrorGroup[], search: (id: string) => void): HTMLElement {
  return table(
    ['Kind', 'Count', 'Services', 'First seen', 'Last seen', 'Example'],
    groups.map((group) => [
      h('strong', {}, group.kind),
      String(group.count),
      group.components.join(', '),
      clock(group.firstSeen),
      clock(group.lastSeen),
      h(
        'span',
        {},
        `${group.example.component}: ${String(group.example.fields.msg ?? group.example.fields.error ?? group.example.event ?? '')} `,
        group.example.correlationId ? idLink(group.example.correlationId, search) : '',
      ),
    ]),
    'No error in the last hour.',
  );
}

const SHOWN_APART = new Set(['time', 'level', 'event', 'service', 'correlationId', 'msg']);

export function logsView(id: string, lines: readonly LogLine[]): HTMLElement {
  return h(
    'div',
    {},
    h('p', { class: 'hint' }, `${lines.length} line${lines.length === 1 ? '' : 's'} for ${id}, in time order.`),
    table(
      ['Time', 'Component', 'Level', 'Event', 'Fields'],
      lines.map((line) => [
        new Date(line.at).toISOString().slice(11, 23),
        line.component,
        h('span', { class: `level ${line.level}` }, line.level),
        line.event ?? String(line.fields.msg ?? ''),
        h(
          'code',
          {},
          Object.entries(line.fields)
            .filter(([name]) => !SHOWN_APART.has(name))
            .map(([name, value]) => `${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
            .join(' '),
        ),
      ]),
      `No log line mentions ${id}.`,
    ),
  );
}
