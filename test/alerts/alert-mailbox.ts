/** One page of an alert mail: its tag, component and text (a grouped mail holds several). */
export interface MailedNotice {
  readonly at: number;
  readonly firing: boolean;
  readonly component: string;
  readonly text: string;
}

interface CaughtSummary {
  readonly id: string;
  readonly receivedAt: string;
  readonly text: string | null;
}

const FIRING_TAGS = new Set(['ALERTE', 'ALERT']);
const RESOLVED_TAGS = new Set(['RÉSOLU', 'RESOLVED']);

/** The pages of one mail: each starts with a line `[TAG] component…`, in either language. */
export function noticesOf(text: string, at: number): MailedNotice[] {
  const notices: MailedNotice[] = [];
  let current: { firing: boolean; component: string; lines: string[] } | undefined;
  const close = () => current && notices.push({ at, firing: current.firing, component: current.component, text: current.lines.join('\n') });
  for (const line of text.split('\n')) {
    const match = /^\[([^\]]+)\] (\S+)/.exec(line);
    const tag = match?.[1];
    if (tag && (FIRING_TAGS.has(tag) || RESOLVED_TAGS.has(tag))) {
      close();
      current = { firing: FIRING_TAGS.has(tag), component: match[2]!, lines: [line] };
    } else current?.lines.push(line);
  }
  close();
  return notices;
}

/** The alert mails the platform's mail catcher holds, read through its JSON API. */
export class AlertMailbox {
  constructor(private readonly mailHttp: string) {}

  async notices(): Promise<MailedNotice[]> {
    const response = await fetch(`${this.mailHttp}/api/messages`, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) throw new Error(`the mail catcher answered ${response.status}`);
    const mails = (await response.json()) as CaughtSummary[];
    return mails.flatMap((mail) => noticesOf(mail.text ?? '', Date.parse(mail.receivedAt))).sort((a, b) => a.at - b.at);
  }

  /** The first page received at or after `since` that `matches`, waiting for it up to `timeoutMs`. */
  async first(matches: (notice: MailedNotice) => boolean, since: number, timeoutMs: number): Promise<MailedNotice | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = (await this.notices()).find((notice) => notice.at >= since && matches(notice));
      if (found || Date.now() > deadline) return found;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** The components whose latest page is a firing one: the incidents still open. */
  async openComponents(): Promise<string[]> {
    const latest = new Map<string, boolean>();
    for (const notice of await this.notices()) latest.set(notice.component, notice.firing);
    return [...latest].filter(([, firing]) => firing).map(([component]) => component);
  }
}
