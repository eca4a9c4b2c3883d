import type { SupervisorEvent } from '../supervisor/supervisor.js';
import type { OutputStream } from '../logs/process-line.js';
import type { PlatformObserver } from './platform-observer.js';

/** Where the platform sends what its processes print, and its own lines. */
export interface PlatformConsole {
  /** One line a process printed (see processOutput: logs printed short and kept, EMF documents to the observers). */
  output(processName: string, line: string, stream?: OutputStream): void;
  log(line: string): void;
}

/**
 * What the platform does with each supervisor event: a process's line goes to its output (which
 * hands EMF documents to the observers and keeps them off the console); every other event goes
 * to the observers, and to the console as a line.
 */
export function platformEventHandler(observers: readonly PlatformObserver[], out: PlatformConsole): (event: SupervisorEvent) => void {
  return (event) => {
    if (event.type === 'output') return out.output(event.name, event.line, event.stream);
    for (const observer of observers) observer.supervisorEvent(event);
    if (event.type === 'started') out.log(`${event.name} started (${event.host ? `in ${event.host}, ` : ''}pid ${event.pid})`);
    if (event.type === 'exited' && event.restartInMs !== undefined) {
      out.log(`${event.name} exited (${event.signal ?? `code ${event.code}`}); restarting in ${event.restartInMs} ms`);
    }
  };
}
