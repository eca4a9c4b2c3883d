import PostalMime, { type Address, type Attachment } from 'postal-mime';
import type { Arrival, CaughtAttachment, MailAddress, StoredMail } from './caught-mail.js';

function flatten(addresses: readonly Address[] | undefined): MailAddress[] {
  return (addresses ?? []).flatMap((entry) =>
    entry.group ? flatten(entry.group) : [{ name: entry.name ?? '', address: entry.address ?? '' }],
  );
}

function contentOf(attachment: Attachment): Buffer {
  if (typeof attachment.content === 'string') {
    return Buffer.from(attachment.content, attachment.encoding === 'base64' ? 'base64' : 'utf8');
  }
  return Buffer.from(attachment.content);
}

/** Parses a raw message; never rejects, a message it cannot read is kept with `parseError` set. */
export async function parseMail(raw: Buffer, arrival: Arrival): Promise<StoredMail> {
  const base = { ...arrival, size: raw.length };
  try {
    const email = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer' });
    const attachmentContents = email.attachments.map(contentOf);
    const attachments: CaughtAttachment[] = email.attachments.map((attachment, index) => ({
      index,
      filename: attachment.filename,
      contentType: attachment.mimeType,
      size: attachmentContents[index]?.length ?? 0,
      disposition: attachment.disposition,
      contentId: attachment.contentId ?? null,
    }));
    return {
      raw,
      attachmentContents,
      mail: {
        ...base,
        messageId: email.messageId || null,
        date: email.date ?? null,
        // postal-mime leaves `from` undefined when the header is missing, despite its typing.
        from: flatten(email.from ? [email.from] : [])[0] ?? null,
        to: flatten(email.to),
        cc: flatten(email.cc),
        subject: email.subject ?? '',
        text: email.text ?? null,
        html: email.html ?? null,
        headers: email.headers.map((header) => ({ key: header.key ?? '', value: header.value ?? '' })),
        attachments,
        parseError: null,
      },
    };
  } catch (error) {
    return {
      raw,
      attachmentContents: [],
      mail: {
        ...base,
        messageId: null,
        date: null,
        from: null,
        to: [],
        cc: [],
        subject: '',
        text: null,
        html: null,
        headers: [],
        attachments: [],
        parseError: error instanceof Error ? error.message : String(error),
      },
    };
  }
}
