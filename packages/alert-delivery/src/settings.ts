import { isLanguage, LANGUAGES, type Language } from './language.js';
import type { MailSettings } from './channels/mail-channel.js';
import type { WebhookSettings } from './channels/webhook-channel.js';
import { DEFAULT_WEBHOOK_TIMEOUT_MS } from './post-chat.js';
import type { NoticeLinks } from './event-notice.js';
import { DEFAULT_GROUP_INTERVAL_MS } from './notifier.js';

export interface DeliverySettings {
  readonly language: Language;
  readonly timeZone: string;
  readonly groupIntervalMs: number;
  readonly mail: MailSettings;
  /** Only when NDF_ALERT_WEBHOOK_URL is set. */
  readonly webhook: WebhookSettings | undefined;
  readonly links: NoticeLinks;
}

const LOOPBACK = '127.0.0.1';
const DEFAULT_SMTP_PORT = 1025;
const DEFAULT_CONSOLE_PORT = 9500;

/**
 * Where and how alerts are delivered, from the environment, checked: every problem is named
 * with its variable, all at once. Locally, mail goes to the mail catcher (NDF_PORT_SMTP).
 */
export function deliverySettingsFromEnvironment(env: Readonly<Record<string, string | undefined>>): DeliverySettings {
  const problems: string[] = [];
  const read = (name: string) => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  const integer = (name: string, fallback: number, min: number, max: number) => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (Number.isInteger(value) && value >= min && value <= max) return value;
    problems.push(`${name}=${raw} is not a whole number from ${min} to ${max}.`);
    return fallback;
  };
  const address = (name: string, protocols: readonly string[]) => {
    const raw = read(name);
    if (raw === undefined) return undefined;
    try {
      if (protocols.includes(new URL(raw).protocol)) return raw;
    } catch {
      // named below
    }
    problems.push(`${name} is not an ${protocols.map((protocol) => `${protocol}//`).join(' or ')} address.`);
    return undefined;
  };

  const language = read('NDF_ALERT_LANGUAGE') ?? 'fr';
  if (!isLanguage(language)) problems.push(`NDF_ALERT_LANGUAGE=${language} is not one of ${LANGUAGES.join(', ')}.`);
  const timeZone = read('NDF_ALERT_TIME_ZONE') ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    problems.push(`NDF_ALERT_TIME_ZONE=${timeZone} is not a time zone (Europe/Paris, UTC).`);
  }
  const to = (read('NDF_ALERT_MAIL_TO') ?? 'astreinte@ndf.local')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  const from = read('NDF_ALERT_MAIL_FROM') ?? 'alertes@ndf.local';
  for (const [name, value] of [
    ['NDF_ALERT_MAIL_TO', to],
    ['NDF_ALERT_MAIL_FROM', [from]],
  ] as const)
    for (const item of value) if (!/^[^@\s]+@[^@\s]+$/.test(item)) problems.push(`${name}: "${item}" is not a mail address.`);
  const webhookUrl = address('NDF_ALERT_WEBHOOK_URL', ['http:', 'https:']);
  const runbookBaseUrl = address('NDF_RUNBOOK_BASE_URL', ['https:', 'http:']);
  const settings: DeliverySettings = {
    language: isLanguage(language) ? language : 'fr',
    timeZone,
    groupIntervalMs: integer('NDF_ALERT_GROUP_INTERVAL_MS', DEFAULT_GROUP_INTERVAL_MS, 0, 600_000),
    mail: {
      host: read('NDF_SMTP_HOST') ?? LOOPBACK,
      port: integer('NDF_PORT_SMTP', DEFAULT_SMTP_PORT, 1, 65_535),
      from,
      to,
      ignoreTLS: true,
      timeoutMs: 5_000,
    },
    webhook: webhookUrl
      ? { url: webhookUrl, timeoutMs: integer('NDF_ALERT_WEBHOOK_TIMEOUT_MS', DEFAULT_WEBHOOK_TIMEOUT_MS, 100, 60_000) }
      : undefined,
    links: { runbookBaseUrl, consoleUrl: `http://${LOOPBACK}:${integer('NDF_PORT_CONSOLE', DEFAULT_CONSOLE_PORT, 1, 65_535)}/` },
  };
  if (problems.length > 0) throw new Error(`The alert delivery settings are not usable:\n- ${problems.join('\n- ')}`);
  return settings;
}
