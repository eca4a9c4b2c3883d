import type { LogLine } from '@ndf/alerting';
import { prettyEvent } from '@ndf/core';
import { readProcessLine, type OutputStream } from '../logs/process-line.js';

/**
 * What the platform asks every process for: JSON log lines, as in the cloud, which it reads,
 * prints short and keeps; EMF metric documents only when someone reads them (`onMetricsLine`).
 */
export function processLogEnvironment({ metrics }: { readonly metrics: boolean }): Record<string, string> {
  return { NDF_LOG_FORMAT: 'json', NDF_EMF: metrics ? 'true' : 'false' };
}

export interface ProcessOutputOptions {
  /** Prints one console line for a component (the service that wrote it, or the process). */
  readonly print: (component: string, text: string) => void;
  /** Where the lines are kept (see LogStore). */
  readonly store?: { append(line: LogLine): void };
  /** Each EMF metrics document a process printed, with the process's name: not a log line, neither printed nor kept. */
  readonly onMetricsLine?: (process: string, line: string) => void;
  readonly now?: () => number;
}

/** C0 and C1 control characters but the tab: a line must not move the cursor or recolour the terminal. */
function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09) || (code >= 0x7f && code <= 0x9f);
}

/** The text as the terminal shows it: control characters written as escapes. */
export function printable(text: string): string {
  let shown = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    shown += isControl(code) ? `\\u${code.toString(16).padStart(4, '0')}` : char;
  }
  return shown;
}

/**
 * What the platform does with each line a supervised process prints: a JSON log record is
 * printed as one short line (see prettyEvent) and kept; an EMF document goes to `onMetricsLine`;
 * anything else (a stack trace, a library's print) is printed and kept as the process's text.
 */
export function processOutput(options: ProcessOutputOptions): (process: string, raw: string, stream?: OutputStream) => void {
  const now = options.now ?? Date.now;
  return (process, raw, stream) => {
    const read = readProcessLine(process, raw, now(), stream);
    if (read.kind === 'metrics') {
      options.onMetricsLine?.(process, raw);
      return;
    }
    const text = read.kind === 'record' ? prettyEvent(read.line.fields) : String(read.line.fields.text);
    options.print(read.line.component, printable(text));
    options.store?.append(read.line);
  };
}
