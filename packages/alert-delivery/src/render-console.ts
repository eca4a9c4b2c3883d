import { PHRASES, fieldSeparator } from './language.js';
import type { AlertNotice } from './notice.js';
import { viewOf, type RenderOptions } from './notice-view.js';

/** One line for one notice, for a terminal: everything a page says, links by address. */
export function consoleLine(notice: AlertNotice, options: RenderOptions): string {
  const phrases = PHRASES[options.language];
  const view = viewOf(notice, options);
  const separator = fieldSeparator(options.language);
  return [
    `[${view.tag}] ${view.title}`,
    view.seen.join('; '),
    ...(view.since ? [`${phrases.since}${separator}${view.since}`] : []),
    ...(view.correlationIds.length > 0 ? [`${phrases.correlationIds}${separator}${view.correlationIds.join(', ')}`] : []),
    ...view.runbooks.map((runbook) => runbook.url),
  ].join(' · ');
}
