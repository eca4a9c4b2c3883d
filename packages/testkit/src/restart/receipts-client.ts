import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { NoteDetail, ReceiptUpload } from '@ndf/contracts';
import type { Fixture } from '@ndf/receipt-fixtures';

export interface SubmittedReceipt {
  readonly noteId: string;
  readonly receiptId: string;
}

/** The app's side: a note, a receipt asked for it, its file posted; every call retried while the platform is away, as the app does. */
export class ReceiptsClient {
  constructor(
    private readonly api: string,
    private readonly token: string,
  ) {}

  async submit(fixture: Fixture): Promise<SubmittedReceipt> {
    const bytes = await readFile(fixture.path);
    const asked = await this.ask(fixture, bytes.length);
    await retrying(async () => {
      const form = new FormData();
      for (const [name, value] of Object.entries(asked.upload.fields)) form.append(name, value);
      form.append('file', new Blob([bytes]), 'receipt');
      const stored = await fetch(asked.upload.url, { method: 'POST', body: form });
      await stored.arrayBuffer();
      if (!stored.ok) throw new Error(`upload: ${stored.status}`);
    });
    return { noteId: asked.receipt.noteId!, receiptId: asked.receiptId };
  }

  /** A note, and a receipt asked for it: what the app has before it posts the file. */
  async ask(fixture: Fixture, size: number): Promise<ReceiptUpload> {
    const note = await this.#json<NoteDetail>(
      'POST',
      '/notes',
      { date: '2024-03-12', amount: { value: '10.00', currency: 'EUR' } },
      { 'idempotency-key': randomUUID() },
    );
    const extension = fixture.mediaType === 'application/pdf' ? 'pdf' : fixture.mediaType === 'image/png' ? 'png' : 'jpg';
    return this.#json<ReceiptUpload>('POST', '/receipts', {
      fileName: `receipt.${extension}`,
      contentType: fixture.mediaType,
      size,
      noteId: note.id,
    });
  }

  /** What the user sees of the receipt on its note. */
  async status(receipt: SubmittedReceipt): Promise<string | undefined> {
    const note = await this.#json<NoteDetail>('GET', `/notes/${receipt.noteId}`);
    return note.receipts.find((found) => found.id === receipt.receiptId)?.status;
  }

  #json<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    return retrying(async () => {
      const response = await fetch(`${this.api}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    });
  }
}

/** Calls again on a refused connection or a 5xx, for up to five minutes (a platform being restarted). */
async function retrying<T>(call: () => Promise<T>): Promise<T> {
  const giveUpAt = Date.now() + 300_000;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      const retryable = !(error instanceof Error) || !/: 4\d\d /.test(error.message);
      if (!retryable || Date.now() > giveUpAt) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 + Math.random() * 500));
    }
  }
}
