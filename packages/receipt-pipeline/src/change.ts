import type { ChangeMessage } from '@ndf/contracts';
import { PermanentError } from '@ndf/runtime';

/** The stream router's message: a change of an item, as JSON. */
export function parseChange(body: string): ChangeMessage {
  let change: Partial<ChangeMessage>;
  try {
    change = JSON.parse(body) as Partial<ChangeMessage>;
  } catch {
    throw new PermanentError('The message is not JSON: not a change from the stream router.');
  }
  if (change.kind !== 'change' || typeof change.itemType !== 'string' || typeof change.keys !== 'object')
    throw new PermanentError('The message is not a change from the stream router.');
  return change as ChangeMessage;
}
