import type { S3Client } from '@aws-sdk/client-s3';
import type { ReceiptItem } from '@ndf/contracts';
import { derivedKey, readObject, RECEIPT_TEXT_FILES, type ReceiptText } from '@ndf/receipt-pipeline';
import { PermanentError } from '@ndf/runtime';

/** A receipt's text file is a few kilobytes; one far larger is not one to read words from. */
const MAX_TEXT_BYTES = 2 * 1024 * 1024;

/**
 * The texts of the note's processed receipts, as OCR or a PDF's text layer left them beside the
 * receipt (OCR's when the receipt has page images, else the PDF's). A text that is missing or
 * not a receipt's text is left out and not counted: words are a hint, not something to fail on.
 */
export async function readReceiptTexts(
  s3: S3Client,
  bucket: string,
  receipts: readonly ReceiptItem[],
  signal: AbortSignal,
): Promise<{ texts: string[]; processed: number }> {
  const processed = receipts.filter((receipt) => receipt.status === 'processed');
  const texts = await Promise.all(processed.map((receipt) => readText(s3, bucket, receipt, signal)));
  return { texts: texts.filter((text): text is string => text !== undefined), processed: processed.length };
}

async function readText(s3: S3Client, bucket: string, receipt: ReceiptItem, signal: AbortSignal): Promise<string | undefined> {
  const source = receipt.pageKeys && receipt.pageKeys.length > 0 ? 'ocr' : 'pdf-text';
  let bytes: Uint8Array;
  try {
    bytes = await readObject(s3, bucket, derivedKey(receipt, RECEIPT_TEXT_FILES[source]), signal, MAX_TEXT_BYTES);
  } catch (error) {
    // Missing, or larger than any receipt's text.
    if ((error as { name?: unknown }).name === 'NoSuchKey' || error instanceof PermanentError) return undefined;
    throw error;
  }
  try {
    return textOf(JSON.parse(Buffer.from(bytes).toString('utf8')) as ReceiptText);
  } catch {
    return undefined;
  }
}

function textOf(stored: ReceiptText): string | undefined {
  if (stored.source === 'pdf-text' && typeof stored.text === 'string') return stored.text;
  if (stored.source === 'ocr' && Array.isArray(stored.pages)) return stored.pages.map((page) => String(page.text)).join('\n');
  return undefined;
}
