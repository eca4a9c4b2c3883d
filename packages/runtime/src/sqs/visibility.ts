import { ChangeMessageVisibilityCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** Sets a message's visibility; a failure only means SQS decides when it comes back. */
export async function setVisibility(sqs: SQSClient, queueUrl: string, receiptHandle: string, seconds: number): Promise<boolean> {
  try {
    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: queueUrl,
        ReceiptHandle: receiptHandle,
        VisibilityTimeout: Math.max(0, Math.min(43_200, Math.round(seconds))),
      }),
    );
    return true;
  } catch {
    return false;
  }
}

/**
 * Keeps a message invisible while its handler runs: every half visibility period, the
 * visibility is pushed one period further. Returns the function that stops it.
 */
export function keepInvisible(sqs: SQSClient, queueUrl: string, receiptHandle: string, visibilitySeconds: number): () => void {
  const timer = setInterval(() => void setVisibility(sqs, queueUrl, receiptHandle, visibilitySeconds), (visibilitySeconds * 1000) / 2);
  timer.unref();
  return () => clearInterval(timer);
}
