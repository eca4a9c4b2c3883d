import { pagingCounterAlarmId } from '../alarms/service-alarms.js';
import { alarmTiming, type AlarmTiming, type TemplateJson } from './cloudwatch-alarm.js';
import { pagesOnTaskStopped, pagingAlarms } from './paging-alarms.js';

/** The platform's promise: an incident pages the on-call engineer within a minute of its start. */
export const PAGE_WITHIN_SECONDS = 60;

/** One fault the alert benchmark injects, and the ids of the alarms that catch it, whichever component they watch. */
export interface Fault {
  readonly fault: string;
  readonly alarmIds: readonly string[];
  /** The catalog paging counter that catches it, when one does: its alarm exists once a service of the catalog counts it. */
  readonly counter?: string;
  /** Whether ECS's task-stopped event pages for it too. */
  readonly taskStopped?: boolean;
}

const counterFault = (fault: string, counter: string): Fault => ({ fault, alarmIds: [pagingCounterAlarmId(counter)], counter });

export const BENCHMARK_FAULTS: readonly Fault[] = [
  { fault: 'SIGKILL of a service (a task stops)', alarmIds: ['heartbeat-missing'], taskStopped: true },
  { fault: 'a handler hang (the process stops reporting)', alarmIds: ['heartbeat-missing'] },
  { fault: 'a poison message (quarantined)', alarmIds: ['quarantined'] },
  { fault: 'a dependency down behind its breaker', alarmIds: ['breaker-open'] },
  { fault: 'a 5xx burst on the API', alarmIds: ['server-errors'] },
  counterFault('a stalled receipt (the reconciler drives it again)', 'reconciler_redriven'),
  counterFault('the canary broken', 'canary_failed'),
];

/** An alarm that pages for a fault, with its worst case from the fault to the page. */
export interface TimedAlarm {
  readonly component: string;
  readonly id: string;
  readonly timing: AlarmTiming;
}

export interface FaultTiming {
  readonly fault: Fault;
  /** Every alarm that pages for it, one per component that has it. */
  readonly alarms: readonly TimedAlarm[];
  /** The slowest of them: the fault's worst case, whichever component it hits. */
  readonly worst: TimedAlarm | undefined;
  readonly taskStoppedRule: boolean;
}

/** Per fault of the benchmark, the alarms of the templates that page for it and the worst case from the fault to the page. */
export function faultTimings(
  templates: readonly TemplateJson[],
  prefix: string,
  faults: readonly Fault[] = BENCHMARK_FAULTS,
): FaultTiming[] {
  const paging = pagingAlarms(templates, prefix);
  const onTaskStopped = pagesOnTaskStopped(templates);
  return faults.map((fault) => {
    const alarms = paging
      .filter((alarm) => fault.alarmIds.includes(alarm.id))
      .map(({ component, id, properties, viaComposite }) => ({ component, id, timing: alarmTiming(properties, { viaComposite }) }));
    const worst = alarms.reduce<TimedAlarm | undefined>(
      (slowest, alarm) => (slowest && slowest.timing.seconds >= alarm.timing.seconds ? slowest : alarm),
      undefined,
    );
    return { fault, alarms, worst, taskStoppedRule: fault.taskStopped === true && onTaskStopped };
  });
}

/** The faults that would not page within a minute: too slow, or with no alarm at all. */
export const faultsPastTheMinute = (timings: readonly FaultTiming[]): FaultTiming[] =>
  timings.filter((timing) => timing.worst === undefined || timing.worst.timing.seconds > PAGE_WITHIN_SECONDS);
