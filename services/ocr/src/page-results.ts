import { NoSuchKey } from '@aws-sdk/client-s3';
import { derivedKey, readObject, writeDerived, type ReceiptRef, type ReceiptServiceDependencies } from '@ndf/receipt-pipeline';
import type { ServiceContext } from '@ndf/runtime';
import type { OcrPage } from './ocr-page.js';

type Context = Pick<ServiceContext<'s3'>, 'call'>;
type Files = Pick<ReceiptServiceDependencies, 's3' | 'receiptsBucket'>;

/**
 * What OCR keeps beside a receipt while it reads its pages: each page's text once read, so that
 * an attempt cut short by its deadline goes on from the next page (a long scanned PDF gets there
 * over several attempts), and a mark on a page that ran past its time, so that a second time
 * makes a refusal rather than another retry.
 */
export class PageResults {
  constructor(
    private readonly context: Context,
    private readonly files: Files,
    private readonly receipt: ReceiptRef,
  ) {}

  read(index: number): Promise<OcrPage | undefined> {
    return this.get(this.key(index, 'json')).then((bytes) =>
      bytes ? (JSON.parse(Buffer.from(bytes).toString('utf8')) as OcrPage) : undefined,
    );
  }

  save(index: number, page: OcrPage): Promise<void> {
    return this.put(this.key(index, 'json'), Buffer.from(JSON.stringify(page)), 'application/json');
  }

  async wasSlow(index: number): Promise<boolean> {
    return (await this.get(this.key(index, 'slow'))) !== undefined;
  }

  markSlow(index: number, detail: string): Promise<void> {
    return this.put(this.key(index, 'slow'), Buffer.from(detail), 'text/plain');
  }

  private key(index: number, extension: string): string {
    return derivedKey(this.receipt, `ocr/page-${index + 1}.${extension}`);
  }

  private get(key: string): Promise<Uint8Array | undefined> {
    return this.context.call('s3', async (signal) => {
      try {
        return await readObject(this.files.s3, this.files.receiptsBucket, key, signal);
      } catch (error) {
        // Not there yet: nothing read or marked for that page.
        if (error instanceof NoSuchKey) return undefined;
        throw error;
      }
    });
  }

  private put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    return this.context.call('s3', (signal) => writeDerived(this.files.s3, this.files.receiptsBucket, key, bytes, contentType, signal));
  }
}
