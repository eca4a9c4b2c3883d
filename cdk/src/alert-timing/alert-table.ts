import type { FaultTiming } from './faults.js';

/** Where the table sits in the README, between these two lines. */
export const ALERT_TABLE_START = '<!-- alert-table:start (npm run alert-table -- --write) -->';
export const ALERT_TABLE_END = '<!-- alert-table:end -->';

const code = (text: string) => `\`${text}\``;

function whatPages(timing: FaultTiming): string {
  const { alarms, worst, fault } = timing;
  const rule = timing.taskStoppedRule ? [`the ${code('task-stopped')} rule, on ECS's event for the task`] : [];
  if (!worst) return [...rule, `no alarm${fault.counter ? `: no service of the catalog counts ${code(fault.counter)}` : ''}`].join('; ');
  const ids = [...new Set(alarms.map((alarm) => alarm.id))].join(', ');
  const components = [...new Set(alarms.map((alarm) => alarm.component))];
  const which =
    components.length === 1
      ? code(`${worst.component} ${worst.id}`)
      : `${code(ids)} of ${components.length} components` +
        (alarms.some((alarm) => alarm.timing.seconds !== worst.timing.seconds) ? ` (slowest: ${worst.component})` : '');
  return [...rule, which].join('; ');
}

function row(timing: FaultTiming): string {
  const worst = timing.worst?.timing;
  const cells = worst
    ? [
        `${worst.periodSeconds} s × ${worst.onsetPeriodBreaches ? worst.periodsToAlarm : `(${worst.periodsToAlarm} + 1)`}`,
        `${worst.deliverySeconds} s`,
        `${worst.evaluationSeconds} s`,
        `${worst.compositeSeconds} s`,
        Number.isFinite(worst.seconds) ? `**${worst.seconds} s**` : '**no bound** (a silence read from missing data)',
      ]
    : ['—', '—', '—', '—', '—'];
  return `| ${[timing.fault.fault, whatPages(timing), ...cells].join(' | ')} |`;
}

/** The time-to-alert table, in Markdown, from the timings derived from the templates. */
export function alertTable(timings: readonly FaultTiming[]): string {
  return [
    '| fault | what pages | alarm periods | + log delivery | + evaluation | + composite | worst case |',
    '|---|---|---|---|---|---|---|',
    ...timings.map(row),
  ].join('\n');
}

/** The table as the README holds it, between its markers; undefined when the markers are not there. */
export function readmeAlertTable(readme: string): string | undefined {
  const start = readme.indexOf(ALERT_TABLE_START);
  const end = readme.indexOf(ALERT_TABLE_END);
  if (start < 0 || end < start) return undefined;
  return readme.slice(start + ALERT_TABLE_START.length, end).trim();
}

/** The README with the table between its markers replaced. */
export function withAlertTable(readme: string, table: string): string {
  const start = readme.indexOf(ALERT_TABLE_START);
  const end = readme.indexOf(ALERT_TABLE_END);
  if (start < 0 || end < start) throw new Error(`The README has no "${ALERT_TABLE_START}" ... "${ALERT_TABLE_END}" section.`);
  return `${readme.slice(0, start + ALERT_TABLE_START.length)}\n\n${table}\n\n${readme.slice(end)}`;
}
