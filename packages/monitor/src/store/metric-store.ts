import { isEmfLine } from '@ndf/core';
import { MalformedEmfError, parseEmf } from '../emf/parse-emf.js';
import { ComponentMetrics } from './component-metrics.js';

/** Components kept at most: documents naming more are refused, so a runaway writer cannot grow the monitor. */
export const MAX_COMPONENTS = 500;

export interface IngestCounts {
  readonly documents: number;
  readonly malformed: number;
  readonly refused: number;
}

/** Every component's metrics, fed EMF lines. */
export class MetricStore {
  private readonly components = new Map<string, ComponentMetrics>();
  private counts = { documents: 0, malformed: 0, refused: 0 };
  lastMalformed: string | undefined;

  /** Takes one line a process wrote; a line that is not a valid document is counted and ignored. */
  ingest(line: string): boolean {
    let reading;
    try {
      if (!isEmfLine(line)) throw new MalformedEmfError('not an EMF document');
      reading = parseEmf(line);
    } catch (error) {
      if (!(error instanceof MalformedEmfError)) throw error;
      this.counts.malformed += 1;
      this.lastMalformed = error.message;
      return false;
    }
    const metrics = this.of(reading.component);
    if (metrics === undefined) {
      this.counts.refused += 1;
      return false;
    }
    metrics.record(reading);
    this.counts.documents += 1;
    return true;
  }

  /** A component's metrics, made on first use; undefined once MAX_COMPONENTS are known. */
  of(component: string): ComponentMetrics | undefined {
    let metrics = this.components.get(component);
    if (metrics === undefined && this.components.size < MAX_COMPONENTS) this.components.set(component, (metrics = new ComponentMetrics()));
    return metrics;
  }

  /** A component's metrics if it ever reported; never makes one. */
  known(component: string): ComponentMetrics | undefined {
    return this.components.get(component);
  }

  ingestCounts(): IngestCounts {
    return { ...this.counts };
  }
}
