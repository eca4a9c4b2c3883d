import { SMTPServer, type SMTPServerDataStream, type SMTPServerError, type SMTPServerSession } from 'smtp-server';
import { listenOnLoopback } from '../net/listen.js';
import type { MailEnvelope } from './caught-mail.js';

export interface SmtpInboxOptions {
  readonly port: number;
  readonly maxMessageBytes: number;
  /** Called with each complete message; the client gets its 250 only once this resolves. */
  deliver(raw: Buffer, envelope: MailEnvelope): Promise<void>;
}

export interface SmtpInbox {
  readonly port: number;
  stop(): Promise<void>;
}

function smtpError(responseCode: number, message: string): SMTPServerError {
  return Object.assign(new Error(message), { responseCode });
}

function envelopeOf(session: SMTPServerSession): MailEnvelope {
  const { mailFrom, rcptTo } = session.envelope;
  return { from: mailFrom ? mailFrom.address : null, to: rcptTo.map((recipient) => recipient.address) };
}

/** An SMTP server on loopback that accepts any message from anyone, without AUTH or TLS. */
export async function startSmtpInbox(options: SmtpInboxOptions): Promise<SmtpInbox> {
  const server = new SMTPServer({
    banner: 'ndf local mail catcher',
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    size: options.maxMessageBytes,
    rejectOversized: true,
    disableReverseLookup: true,
    logger: false,
    closeTimeout: 2_000,
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null, message?: string) => void) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        if (!stream.sizeExceeded) chunks.push(chunk);
      });
      // Emitted when the client leaves mid-message: there is nothing to deliver or answer.
      stream.on('error', () => undefined);
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          callback(smtpError(552, `Message exceeds the ${options.maxMessageBytes} byte limit of the mail catcher`));
          return;
        }
        options.deliver(Buffer.concat(chunks), envelopeOf(session)).then(
          () => callback(null, 'Message caught'),
          (error: unknown) => callback(smtpError(451, `Message not stored: ${error instanceof Error ? error.message : String(error)}`)),
        );
      });
    },
  });
  // Connection-level failures (resets, protocol garbage) surface here; they concern one client only.
  server.on('error', () => undefined);

  // smtp-server listens through its own net.Server, so the shared loopback listen applies.
  const port = await listenOnLoopback(server.server, options.port, 'the mail catcher (SMTP)');

  return {
    port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
