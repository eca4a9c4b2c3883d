export interface MailAddress {
  readonly name: string;
  readonly address: string;
}

export interface MailHeader {
  readonly key: string;
  readonly value: string;
}

export interface MailEnvelope {
  /** The MAIL FROM address; null when the client never gave one. */
  readonly from: string | null;
  /** Every RCPT TO address, Bcc recipients included. */
  readonly to: readonly string[];
}

export interface CaughtAttachment {
  /** Position in the message, as used by `/api/messages/:id/attachments/:index`. */
  readonly index: number;
  readonly filename: string | null;
  readonly contentType: string;
  readonly size: number;
  readonly disposition: 'attachment' | 'inline' | null;
  readonly contentId: string | null;
}

export interface CaughtMail {
  readonly id: string;
  /** ISO 8601 instant at which the SMTP transaction completed. */
  readonly receivedAt: string;
  readonly envelope: MailEnvelope;
  readonly messageId: string | null;
  /** The Date header as written by the sender. */
  readonly date: string | null;
  readonly from: MailAddress | null;
  readonly to: readonly MailAddress[];
  readonly cc: readonly MailAddress[];
  readonly subject: string;
  readonly text: string | null;
  readonly html: string | null;
  readonly headers: readonly MailHeader[];
  readonly attachments: readonly CaughtAttachment[];
  /** Size of the raw message in bytes. */
  readonly size: number;
  /** Set when the MIME structure could not be parsed; the raw message is still kept. */
  readonly parseError: string | null;
}

/** What arrived over SMTP, before parsing. */
export interface Arrival {
  readonly id: string;
  readonly receivedAt: string;
  readonly envelope: MailEnvelope;
}

/** A caught message with the bytes the HTTP API serves. */
export interface StoredMail {
  readonly mail: CaughtMail;
  readonly raw: Buffer;
  readonly attachmentContents: readonly Buffer[];
}
