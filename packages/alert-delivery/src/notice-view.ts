import { formatDuration, formatInstant } from './format-time.js';
import { PHRASES, fieldSeparator, type Language } from './language.js';
import type { AlertNotice, RunbookRef, SeeMore } from './notice.js';

export interface RenderOptions {
  readonly language: Language;
  /** The time zone instants are written in (an IANA name); UTC by default. */
  readonly timeZone?: string;
}

/** A notice's parts in words, for every channel to lay out its own way. */
export interface NoticeView {
  /** ALERTE, RÉSOLU, ALERT, RESOLVED. */
  readonly tag: string;
  /** The component, with "(mise à jour)" for an update. */
  readonly title: string;
  /** What was seen, or the runbook's name when nothing was said. */
  readonly seen: readonly string[];
  /** "07/12/2026 07:03:12 UTC (il y a 3 min 12 s)", when known. */
  readonly since?: string;
  readonly resolved?: string;
  readonly correlationIds: readonly string[];
  readonly runbooks: readonly RunbookRef[];
  readonly seeMore: readonly SeeMore[];
}

export function viewOf(notice: AlertNotice, options: RenderOptions): NoticeView {
  const { language, timeZone } = options;
  const phrases = PHRASES[language];
  const resolvedAt = notice.state === 'resolved' ? (notice.resolvedAt ?? notice.at) : undefined;
  const since = (start: number) => {
    const duration = formatDuration((resolvedAt ?? notice.at) - start, language);
    return `${formatInstant(start, language, timeZone)} (${resolvedAt === undefined ? phrases.ago(duration) : phrases.lasted(duration)})`;
  };
  return {
    tag: phrases.tag[notice.state],
    title: notice.state === 'updated' ? `${notice.component} (${phrases.updated})` : notice.component,
    seen: notice.seen.length > 0 ? notice.seen : notice.runbooks.map((runbook) => runbook.name),
    ...(notice.since === undefined ? {} : { since: since(notice.since) }),
    ...(resolvedAt === undefined ? {} : { resolved: formatInstant(resolvedAt, language, timeZone) }),
    correlationIds: notice.correlationIds,
    runbooks: notice.runbooks,
    seeMore: notice.seeMore,
  };
}

const SUBJECT_COMPONENTS = 5;
// A subject or a notification is read at a glance: what was seen may be long (a stack trace, a query).
const MAX_HEADLINE_CHARS = 200;

/** On one line (a subject takes no line break), at most MAX_HEADLINE_CHARS. */
function clipped(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > MAX_HEADLINE_CHARS ? `${line.slice(0, MAX_HEADLINE_CHARS - 1)}…` : line;
}

/** One line for a group of notices: "[ALERTE] ocr : oldest message 184 s", "[ALERTE] 3 composants : a, b, c". */
export function headlineOf(notices: readonly AlertNotice[], options: RenderOptions): string {
  const phrases = PHRASES[options.language];
  const colon = fieldSeparator(options.language);
  const [first] = notices;
  if (!first) return '';
  if (notices.length === 1) {
    const view = viewOf(first, options);
    return clipped(`[${view.tag}] ${view.title}${view.seen[0] ? `${colon}${view.seen[0]}` : ''}`);
  }
  const components = [...new Set(notices.map((notice) => notice.component))];
  // Several events of one incident (an opening, then updates): the latest says where it stands.
  if (components.length === 1) return headlineOf([notices.at(-1)!], options);
  const firing = notices.some((notice) => notice.state !== 'resolved');
  const named = components.slice(0, SUBJECT_COMPONENTS).join(', ') + (components.length > SUBJECT_COMPONENTS ? ', …' : '');
  const tag = firing ? phrases.tag.firing : phrases.tag.resolved;
  return clipped(`[${tag}] ${components.length === 1 ? components[0] : phrases.components(components.length)}${colon}${named}`);
}

/** Firing first, then updates, then what is over; the order of arrival within each. */
export function inReadingOrder(notices: readonly AlertNotice[]): AlertNotice[] {
  const rank = { firing: 0, updated: 1, resolved: 2 } as const;
  return notices
    .map((notice, index) => ({ notice, index }))
    .sort((a, b) => rank[a.notice.state] - rank[b.notice.state] || a.index - b.index)
    .map(({ notice }) => notice);
}
