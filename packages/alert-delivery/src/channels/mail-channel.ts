import { createTransport } from 'nodemailer';
import type { Channel } from '../channel.js';
import type { RenderOptions } from '../notice-view.js';
import { alertMail } from '../render-mail.js';

export interface MailSettings {
  readonly host: string;
  readonly port: number;
  readonly from: string;
  readonly to: readonly string[];
  /** Never upgrade to TLS: the local mail catcher speaks plain SMTP on loopback. */
  readonly ignoreTLS: boolean;
  /** How long a silent server is waited for, at each step of the conversation. */
  readonly timeoutMs: number;
}

/** Mails each group of notices as one readable message, text and HTML, over SMTP. */
export function mailChannel(settings: MailSettings, options: RenderOptions): Channel & { close(): void } {
  const transport = createTransport({
    host: settings.host,
    port: settings.port,
    secure: false,
    ignoreTLS: settings.ignoreTLS,
    connectionTimeout: settings.timeoutMs,
    greetingTimeout: settings.timeoutMs,
    socketTimeout: settings.timeoutMs,
  });
  return {
    name: 'mail',
    async send(notices) {
      const mail = alertMail(notices, options);
      await transport.sendMail({ from: settings.from, to: [...settings.to], subject: mail.subject, text: mail.text, html: mail.html });
    },
    close: () => transport.close(),
  };
}
