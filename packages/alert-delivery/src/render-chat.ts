import { PHRASES, fieldSeparator } from './language.js';
import type { AlertNotice, SeeMore } from './notice.js';
import { headlineOf, inReadingOrder, viewOf, type RenderOptions } from './notice-view.js';

/** Slack's blocks, as far as used here (sections, dividers, context); other chats read `text`. */
export type ChatBlock =
  | { readonly type: 'section'; readonly text: { readonly type: 'mrkdwn'; readonly text: string } }
  | { readonly type: 'divider' }
  | { readonly type: 'context'; readonly elements: readonly { readonly type: 'mrkdwn'; readonly text: string }[] };

export interface ChatMessage {
  /** The whole message in plain words: the notification's text, and what chats without blocks show. */
  readonly text: string;
  readonly blocks: readonly ChatBlock[];
}

// Slack refuses a message of more than 50 blocks, and a section's text over 3000 characters.
const MAX_BLOCKS = 50;
const MAX_SECTION_CHARS = 3000;
const MAX_SEEN_LINES = 5;

/** Slack's mrkdwn treats &, < and > as markup: written as entities, they show as themselves. */
const escapeMrkdwn = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const code = (text: string) => `\`${escapeMrkdwn(text.replaceAll('`', "'"))}\``;
const link = (url: string, label: string) => `<${url.replace(/[<>|\s]/g, encodeURIComponent)}|${escapeMrkdwn(label)}>`;

function seeMoreText(item: SeeMore, consoleLabel: string): string {
  return 'command' in item ? code(item.command) : link(item.link, item.label ?? consoleLabel);
}

function section(notice: AlertNotice, options: RenderOptions): ChatBlock {
  const phrases = PHRASES[options.language];
  const view = viewOf(notice, options);
  const field = (name: string, value: string) => `*${name}*${fieldSeparator(options.language)}${value}`;
  const icon = notice.state === 'resolved' ? ':large_green_circle:' : ':red_circle:';
  const lines = [
    `${icon} *[${view.tag}] ${escapeMrkdwn(view.title)}*`,
    ...view.seen.slice(0, MAX_SEEN_LINES).map((seen) => `• ${escapeMrkdwn(seen)}`),
    ...(view.since ? [field(phrases.since, escapeMrkdwn(view.since))] : []),
    ...(view.resolved ? [field(phrases.resolvedAt, escapeMrkdwn(view.resolved))] : []),
    field(phrases.correlationIds, view.correlationIds.length > 0 ? view.correlationIds.map(code).join(', ') : phrases.none),
    ...(view.runbooks.length > 0
      ? [field(phrases.runbook, view.runbooks.map((runbook) => link(runbook.url, runbook.name)).join(', '))]
      : []),
    ...(view.seeMore.length > 0
      ? [field(phrases.seeMore, view.seeMore.map((item) => seeMoreText(item, phrases.console)).join(' · '))]
      : []),
  ];
  const text = lines.join('\n');
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: text.length > MAX_SECTION_CHARS ? `${text.slice(0, MAX_SECTION_CHARS - 1)}…` : text },
  };
}

/**
 * A Slack-compatible message for a group of notices: one section per notice, firing first,
 * and a last line naming the ones that do not fit in Slack's limits (none is left unsaid).
 */
export function chatMessage(notices: readonly AlertNotice[], options: RenderOptions): ChatMessage {
  const phrases = PHRASES[options.language];
  const ordered = inReadingOrder(notices);
  // Each notice takes a section and a divider; one block is kept for the rest.
  const shown = ordered.length * 2 <= MAX_BLOCKS ? ordered : ordered.slice(0, Math.floor((MAX_BLOCKS - 1) / 2));
  const blocks: ChatBlock[] = shown.flatMap((notice, index) => [
    ...(index > 0 ? [{ type: 'divider' } as const] : []),
    section(notice, options),
  ]);
  const hidden = ordered.slice(shown.length);
  if (hidden.length > 0)
    blocks.push({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: escapeMrkdwn(phrases.andMore(hidden.length, hidden.map((notice) => notice.component).join(', '))) },
      ],
    });
  return { text: headlineOf(ordered, options), blocks };
}
