import type { LogSearch } from '@ndf/alerting';
import type { LocalStack } from '../stack.js';
import type { SupervisorEvent } from '../supervisor/supervisor.js';

/**
 * Something that watches the running platform from inside its process (the monitor): it is given
 * every EMF document the processes write, which never reach the console, and every supervisor event.
 */
export interface PlatformObserver {
  /** One EMF document a process wrote on its output. */
  metrics(processName: string, line: string): void;
  supervisorEvent(event: SupervisorEvent): void;
  stop(): Promise<void>;
}

/** What the platform gives an observer when it starts: its emulators, and its console. */
export interface PlatformContext {
  readonly stack: LocalStack;
  /** One console line, under the platform's own tag. */
  readonly log: (line: string) => void;
  /** The processes' collected log lines. */
  readonly logs: LogSearch;
}

export type PlatformObserverFactory = (context: PlatformContext) => Promise<PlatformObserver>;
