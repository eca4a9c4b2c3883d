import { PHRASES, fieldSeparator, heading } from './language.js';
import type { AlertNotice, SeeMore } from './notice.js';
import { headlineOf, inReadingOrder, viewOf, type NoticeView, type RenderOptions } from './notice-view.js';

export interface AlertMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');

/** Only web addresses become links: anything else is shown as text. */
const isWebAddress = (url: string) => /^https?:\/\//.test(url);

function textOf(view: NoticeView, options: RenderOptions): string {
  const phrases = PHRASES[options.language];
  const field = (name: string, value: string) => `${name}${fieldSeparator(options.language)}${value}`;
  const seeMore = (item: SeeMore) => ('command' in item ? `  ${item.command}` : `  ${field(item.label ?? phrases.console, item.link)}`);
  return [
    `[${view.tag}] ${view.title}`,
    heading(phrases.seen, options.language),
    ...view.seen.map((seen) => `  - ${seen}`),
    ...(view.since ? [field(phrases.since, view.since)] : []),
    ...(view.resolved ? [field(phrases.resolvedAt, view.resolved)] : []),
    field(phrases.correlationIds, view.correlationIds.length > 0 ? view.correlationIds.join(', ') : phrases.none),
    ...view.runbooks.map((runbook) => field(phrases.runbook, `${runbook.name} ${runbook.url}`)),
    ...(view.seeMore.length > 0 ? [heading(phrases.seeMore, options.language), ...view.seeMore.map(seeMore)] : []),
  ].join('\n');
}

function htmlOf(view: NoticeView, resolved: boolean, options: RenderOptions): string {
  const phrases = PHRASES[options.language];
  const colour = resolved ? '#1a7f37' : '#cf222e';
  const row = (name: string, value: string) =>
    `<tr><th style="text-align:left;vertical-align:top;padding:2px 12px 2px 0">${escapeHtml(name)}</th><td style="padding:2px 0">${value}</td></tr>`;
  const anchor = (url: string, label: string) =>
    isWebAddress(url) ? `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>` : `${escapeHtml(label)} (<code>${escapeHtml(url)}</code>)`;
  const seeMore = (item: SeeMore) =>
    'command' in item ? `<code>${escapeHtml(item.command)}</code>` : anchor(item.link, item.label ?? phrases.console);
  const list = (items: readonly string[]) =>
    `<ul style="margin:0;padding-left:18px">${items.map((item) => `<li>${item}</li>`).join('')}</ul>`;
  return [
    `<h2 style="color:${colour};margin:16px 0 8px">[${escapeHtml(view.tag)}] ${escapeHtml(view.title)}</h2>`,
    '<table style="border-collapse:collapse">',
    row(phrases.seen, list(view.seen.map(escapeHtml))),
    ...(view.since ? [row(phrases.since, escapeHtml(view.since))] : []),
    ...(view.resolved ? [row(phrases.resolvedAt, escapeHtml(view.resolved))] : []),
    row(
      phrases.correlationIds,
      view.correlationIds.length > 0
        ? view.correlationIds.map((id) => `<code>${escapeHtml(id)}</code>`).join(', ')
        : escapeHtml(phrases.none),
    ),
    ...(view.runbooks.length > 0
      ? [row(phrases.runbook, view.runbooks.map((runbook) => anchor(runbook.url, runbook.name)).join(', '))]
      : []),
    ...(view.seeMore.length > 0 ? [row(phrases.seeMore, list(view.seeMore.map(seeMore)))] : []),
    '</table>',
  ].join('\n');
}

/** The email for a group of notices: one subject, then each notice, firing first, as text and as HTML. */
export function alertMail(notices: readonly AlertNotice[], options: RenderOptions): AlertMail {
  const phrases = PHRASES[options.language];
  const ordered = inReadingOrder(notices);
  const views = ordered.map((notice) => ({ view: viewOf(notice, options), resolved: notice.state === 'resolved' }));
  const subject = headlineOf(ordered, options);
  const intro = phrases.intro(ordered.length);
  return {
    subject,
    text: [intro, ...views.map(({ view }) => textOf(view, options))].join('\n\n') + '\n',
    html: [
      `<!doctype html><html lang="${options.language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
      '<body style="font-family:system-ui,sans-serif;font-size:14px;line-height:1.4">',
      `<p>${escapeHtml(intro)}</p>`,
      ...views.map(({ view, resolved }) => htmlOf(view, resolved, options)),
      '</body></html>',
    ].join('\n'),
  };
}
