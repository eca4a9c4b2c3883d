import { TransientError } from '@ndf/runtime';

/**
 * What a receipt service does with a file that ran out of its time: tried again once, since a
 * busy machine is not a hostile file; refused with its reason when it is too slow a second time.
 * The limits that say "too slow" sit well under the message's deadline, so that the refusal is
 * recorded before the deadline would abort the attempt and make it a retry.
 */
export function retryFirstTimeout(attempt: number, detail: string): void {
  if (attempt < 2) throw new TransientError(`the file took too long to read (${detail}); trying it once more`);
}
