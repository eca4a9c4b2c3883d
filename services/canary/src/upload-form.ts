import { errorText } from '@ndf/core';
import type { ReceiptUpload } from '@ndf/contracts';
import type { KnownReceipt } from './known-receipt.js';
import { CanaryStepFailure } from './step-failure.js';

/** Sends the receipt's bytes with its presigned POST, as the app does: to S3 in the cloud, to the local S3 edge on a laptop. */
export async function uploadWithForm(
  asked: ReceiptUpload,
  receipt: KnownReceipt,
  { correlationId, timeoutMs, signal }: { correlationId: string; timeoutMs: number; signal: AbortSignal },
): Promise<void> {
  const form = new FormData();
  for (const [name, value] of Object.entries(asked.upload.fields)) form.append(name, value);
  form.append('file', new Blob([receipt.bytes], { type: receipt.contentType }), receipt.fileName);
  let response: Response;
  try {
    response = await fetch(asked.upload.url, {
      method: 'POST',
      body: form,
      signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
    });
  } catch (error) {
    throw new CanaryStepFailure('upload', `POST to the upload form got no answer: ${errorText(error)}`, undefined, correlationId);
  }
  if (response.status >= 300) {
    const text = await response.text().catch(() => '');
    throw new CanaryStepFailure(
      'upload',
      `The upload form answered ${response.status}: ${text.slice(0, 300)}`,
      response.status,
      correlationId,
    );
  }
}
