import { componentFlow, type AlertsView, type ComponentStatus, type PlatformStatus } from '@ndf/alerting';
import { cloudAlarms, type CloudAlarm } from './cloud-alarms.js';
import type { CommandContext } from './command-context.js';
import { laptopMonitor } from './laptop-monitor.js';
import { formatTable } from './table.js';

const perSecond = (value: number | undefined) => (value === undefined ? '-' : value >= 10 ? value.toFixed(0) : value.toFixed(2));
const time = (ms: number) => new Date(ms).toISOString().slice(11, 19);

function componentRow(component: ComponentStatus): string[] {
  const flow = componentFlow(component);
  const backlog = component.queue ? `${component.queue.visible} waiting, ${component.queue.inFlight} in flight` : '-';
  return [
    component.name,
    component.kind,
    component.up ? 'up' : 'DOWN',
    `${perSecond(flow.perSecond)} ${flow.unit}`,
    component.latency ? `${Math.round(component.latency.p99)} ms` : '-',
    backlog,
    component.deadLetters ? String(component.deadLetters.visible) : '-',
    component.alertId ? 'ALERT' : '',
  ];
}

export function statusText(status: PlatformStatus): string {
  return formatTable(['component', 'kind', 'state', 'flow', 'p99', 'queue', 'dlq', 'alert'], status.components.map(componentRow));
}

export function alertsText(view: AlertsView): string {
  const open =
    view.open.length === 0
      ? 'No alert is open.'
      : formatTable(
          ['component', 'since', 'runbooks', 'seen (latest)', 'ids'],
          view.open.map((alert) => [
            alert.component,
            time(alert.since),
            alert.runbooks.join(', '),
            alert.evidence.at(-1)?.seen ?? '',
            alert.correlationIds.slice(0, 3).join(', ') + (alert.correlationIds.length > 3 ? ', …' : ''),
          ]),
        );
  const recent = view.recent
    .slice(0, 10)
    .map((event) => `${time(event.at)}  ${event.kind.padEnd(8)}  ${event.alert.component}  ${event.alert.runbook}`);
  return recent.length > 0 ? `${open}\n\nLatest events:\n${recent.join('\n')}` : open;
}

function cloudText(alarms: readonly CloudAlarm[], onlyFiring: boolean): string {
  const shown = alarms.filter((alarm) => (onlyFiring ? alarm.state === 'ALARM' : alarm.kind === 'page'));
  if (shown.length === 0) return onlyFiring ? 'No alarm is in ALARM.' : 'No page alarm found under this prefix.';
  return formatTable(
    ['alarm', 'kind', 'state', 'since', 'reason'],
    shown.map((alarm) => [alarm.name, alarm.kind, alarm.state, alarm.since ?? '-', alarm.reason.slice(0, 100)]),
  );
}

/** `ops status`: each component's state (laptop: the monitor's; cloud: each page alarm's). */
export async function statusCommand(context: CommandContext, env: NodeJS.ProcessEnv): Promise<void> {
  if (context.target.where === 'cloud') {
    const alarms = await cloudAlarms(context.target.prefix);
    return context.print(alarms, () => cloudText(alarms, false));
  }
  const status = await laptopMonitor(env).status();
  context.print(status, () => statusText(status));
}

/** `ops alerts`: what pages now (laptop: the monitor's open alerts and latest events; cloud: the alarms in ALARM). */
export async function alertsCommand(context: CommandContext, env: NodeJS.ProcessEnv): Promise<void> {
  if (context.target.where === 'cloud') {
    const alarms = await cloudAlarms(context.target.prefix);
    return context.print(
      alarms.filter((alarm) => alarm.state === 'ALARM'),
      () => cloudText(alarms, true),
    );
  }
  const view = await laptopMonitor(env).alerts();
  context.print(view, () => alertsText(view));
}
