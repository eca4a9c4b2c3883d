import { isEmfLine } from '@ndf/core';
import type { SupervisorEvent } from '../supervisor/supervisor.js';
import { consoleLine } from './console-line.js';
import type { PlatformObserver } from './platform-observer.js';

/** Where the platform prints: a process's line under its service's tag, and the platform's own lines. */
export interface PlatformConsole {
  line(service: string, text: string): void;
  log(line: string): void;
}

/**
 * What the platform does with each supervisor event: an EMF document goes to the observers and
 * never to the console; every other event goes to the observers, and to the console as a line.
 */
export function platformEventHandler(observers: readonly PlatformObserver[], out: PlatformConsole): (event: SupervisorEvent) => void {
  return (event) => {
    if (event.type === 'output' && isEmfLine(event.line)) {
      for (const observer of observers) observer.metrics(event.name, event.line);
      return;
    }
    for (const observer of observers) observer.supervisorEvent(event);
    if (event.type === 'output') {
      const { service, text } = consoleLine(event.name, event.line);
      out.line(service, text);
    }
    if (event.type === 'started') out.log(`${event.name} started (${event.host ? `in ${event.host}, ` : ''}pid ${event.pid})`);
    if (event.type === 'exited' && event.restartInMs !== undefined) {
      out.log(`${event.name} exited (${event.signal ?? `code ${event.code}`}); restarting in ${event.restartInMs} ms`);
    }
  };
}
