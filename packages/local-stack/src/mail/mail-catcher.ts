import { randomUUID } from 'node:crypto';
import type { Arrival, CaughtMail } from './caught-mail.js';
import { archiveMail, loadArchive, removeFromArchive } from './mail-archive.js';
import { startMailHttp } from './mail-http.js';
import { Mailbox } from './mailbox.js';
import { parseMail } from './parse-mail.js';
import { startSmtpInbox } from './smtp-inbox.js';

export const DEFAULT_MAX_MESSAGE_BYTES = 25 * 1024 * 1024;
const DEFAULT_WAIT_MS = 10_000;

export interface MailCatcherOptions {
  readonly smtpPort: number;
  readonly httpPort: number;
  /** Messages are also kept here as `.eml` files and read back at start; without it, in memory only. */
  readonly directory?: string | undefined;
  /** Larger messages are refused with SMTP 552. Defaults to 25 MB. */
  readonly maxMessageBytes?: number | undefined;
}

export interface MailCatcher {
  readonly smtpPort: number;
  readonly httpUrl: string;
  /** Newest first. */
  messages(): CaughtMail[];
  /** The newest caught message matching `predicate`, or else the next one to arrive; rejects after `timeoutMs` (10 s). */
  waitFor(predicate: (mail: CaughtMail) => boolean, timeoutMs?: number): Promise<CaughtMail>;
  clear(): void;
  stop(): Promise<void>;
}

export async function startMailCatcher(options: MailCatcherOptions): Promise<MailCatcher> {
  const { directory } = options;
  const mailbox = new Mailbox();
  if (directory) {
    for (const archived of loadArchive(directory)) mailbox.add(await parseMail(archived.raw, archived.arrival));
  }
  const clear = () => {
    const removed = mailbox.clear();
    if (directory)
      removeFromArchive(
        directory,
        removed.map((stored) => stored.mail.id),
      );
  };

  const smtp = await startSmtpInbox({
    port: options.smtpPort,
    maxMessageBytes: options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
    async deliver(raw, envelope) {
      const arrival: Arrival = { id: randomUUID(), receivedAt: new Date().toISOString(), envelope };
      const stored = await parseMail(raw, arrival);
      if (directory) await archiveMail(directory, raw, arrival);
      mailbox.add(stored);
    },
  });
  const http = await startMailHttp({
    port: options.httpPort,
    store: { list: () => mailbox.list(), get: (id) => mailbox.get(id), clear },
  }).catch(async (error: unknown) => {
    await smtp.stop();
    throw error;
  });

  return {
    smtpPort: smtp.port,
    httpUrl: http.url,
    messages: () => mailbox.list(),
    waitFor: (predicate, timeoutMs = DEFAULT_WAIT_MS) => mailbox.waitFor(predicate, timeoutMs),
    clear,
    async stop() {
      mailbox.close();
      await Promise.all([smtp.stop(), http.stop()]);
    },
  };
}
