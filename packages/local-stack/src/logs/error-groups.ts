import type { ErrorGroup, LogLine } from '@ndf/alerting';
import { isTextLine } from './process-line.js';

const GROUPED_LEVELS = new Set(['warn', 'error', 'fatal']);
/** `TypeError: …`, `ConditionalCheckFailedException: …`: the first line of a stack trace, or of `String(error)`. */
const ERROR_NAME = /^\s*(?:Uncaught )?([A-Za-z_$][\w$]*(?:Error|Exception))\b/;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * What kind of problem a warning or an error is: its error code, else its error's name (the
 * runtime's `errorName`, or the name that starts its `error` text), else its event. A text line
 * counts only when it names an error (the first line of a crash's stack trace), not its frames.
 */
export function errorKind(line: LogLine): string | undefined {
  if (!GROUPED_LEVELS.has(line.level)) return undefined;
  if (isTextLine(line)) return ERROR_NAME.exec(line.fields.text as string)?.[1];
  const { code, errorName, error } = line.fields;
  return text(code) ?? text(errorName) ?? (typeof error === 'string' ? ERROR_NAME.exec(error)?.[1] : undefined) ?? line.event ?? 'unknown';
}

interface Group {
  kind: string;
  components: Set<string>;
  count: number;
  firstSeen: number;
  lastSeen: number;
  example: LogLine;
}

/** Warnings and errors by kind across components; the latest problem first, each with its latest line as example. */
export function groupErrors(lines: Iterable<LogLine>): ErrorGroup[] {
  const groups = new Map<string, Group>();
  for (const line of lines) {
    const kind = errorKind(line);
    if (kind === undefined) continue;
    const group = groups.get(kind);
    if (!group) {
      groups.set(kind, { kind, components: new Set([line.component]), count: 1, firstSeen: line.at, lastSeen: line.at, example: line });
      continue;
    }
    group.components.add(line.component);
    group.count += 1;
    group.firstSeen = Math.min(group.firstSeen, line.at);
    if (line.at >= group.lastSeen) {
      group.lastSeen = line.at;
      group.example = line;
    }
  }
  return [...groups.values()]
    .map(({ components, ...group }) => ({ ...group, components: [...components].sort() }))
    .sort((a, b) => b.lastSeen - a.lastSeen || a.kind.localeCompare(b.kind));
}
