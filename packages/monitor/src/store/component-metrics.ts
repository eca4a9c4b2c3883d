import { ALARM_PERIOD_SECONDS, API_METRIC, SERVICE_METRIC } from '@ndf/catalog';
import type { EmfUnit } from '@ndf/core';
import type { EmfReading } from '../emf/parse-emf.js';
import { Aggregate } from './aggregate.js';
import { TimeRing } from './time-ring.js';

/** Per-second values kept: the alarm windows and the console's last minutes. */
export const SECONDS_KEPT = 300;
export const PERIOD_MS = ALARM_PERIOD_SECONDS * 1000;
/** Alarm periods kept: the console's last hour. */
export const PERIODS_KEPT = 3600 / ALARM_PERIOD_SECONDS;
/** Correlation ids of the latest 5xx answers kept per API. */
const SERVER_ERROR_IDS_KEPT = 50;
/** Metric names kept per component (a service writes about thirty): the values of any further name are dropped. */
export const MAX_METRIC_NAMES = 200;

const secondOf = (ms: number): number => Math.floor(ms / 1000);
export const periodOf = (ms: number): number => Math.floor(ms / PERIOD_MS);

/** What the monitor knows of one component's metrics: bounded, whatever it is sent. */
export class ComponentMetrics {
  private readonly seconds = new TimeRing(SECONDS_KEPT, () => new Aggregate());
  private readonly periods = new TimeRing(PERIODS_KEPT, () => new Aggregate());
  private readonly serverErrors: { readonly at: number; readonly id: string }[] = [];
  private readonly names = new Set<string>();
  /** Values dropped for a name beyond MAX_METRIC_NAMES. */
  droppedValues = 0;
  /** Epoch ms of the newest document. */
  lastReportAt: number | undefined;
  /** Epoch ms of the newest heartbeat the component reported. */
  lastHeartbeatAt: number | undefined;

  record(reading: EmfReading): void {
    for (const { name, value, unit } of reading.values) this.add(reading.timestamp, name, value, unit);
    this.lastReportAt = Math.max(reading.timestamp, this.lastReportAt ?? -Infinity);
    const heartbeat = reading.values.find((datum) => datum.name === SERVICE_METRIC.heartbeat);
    // The heartbeat gauge is the epoch second of the latest beat.
    if (heartbeat) this.lastHeartbeatAt = Math.max(heartbeat.value * 1000, this.lastHeartbeatAt ?? -Infinity);
    const failed = reading.values.some((datum) => datum.name === API_METRIC.serverErrors && datum.value > 0);
    const id = reading.properties.correlationId;
    if (failed && typeof id === 'string') {
      this.serverErrors.push({ at: reading.timestamp, id });
      if (this.serverErrors.length > SERVER_ERROR_IDS_KEPT) this.serverErrors.shift();
    }
  }

  /** One datum the monitor observed itself (a process exit). */
  add(at: number, name: string, value: number, unit: EmfUnit): void {
    if (!this.names.has(name)) {
      if (this.names.size >= MAX_METRIC_NAMES) {
        this.droppedValues += 1;
        return;
      }
      this.names.add(name);
    }
    this.seconds.at(secondOf(at))?.add(name, value, unit);
    this.periods.at(periodOf(at))?.add(name, value, unit);
  }

  /** The seconds from `from` (inclusive) to `to` (exclusive), merged; undefined when none holds anything. */
  window(from: number, to: number): Aggregate | undefined {
    let merged: Aggregate | undefined;
    for (let second = secondOf(from); second < secondOf(to); second += 1) {
      const aggregate = this.seconds.get(second);
      if (aggregate === undefined) continue;
      (merged ??= new Aggregate()).merge(aggregate);
    }
    return merged;
  }

  /** The alarm period starting at `periodOf(ms)`, if anything was recorded in it. */
  period(index: number): Aggregate | undefined {
    return this.periods.get(index);
  }

  /** Correlation ids of the 5xx answered from `since` on, newest last. */
  serverErrorIdsSince(since: number): string[] {
    return [...new Set(this.serverErrors.filter((error) => error.at >= since).map((error) => error.id))];
  }
}
