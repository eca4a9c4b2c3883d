// The messages S3 sends are a contract between the bucket and its consumers: their shape lives in
// @ndf/contracts (the reconciler builds the same event for an upload whose notification was lost).
export {
  buildObjectCreatedEvent,
  buildTestEvent,
  encodeEventKey,
  type ObjectCreatedEvent,
  type ObjectCreatedEventName,
  type S3EventMessage,
  type S3EventRecord,
  type S3TestEventMessage,
} from '@ndf/contracts';

/** Whether a target's prefix and suffix filters let an event for `key` through. */
export function keyMatchesFilter(key: string, filter: { prefix?: string | undefined; suffix?: string | undefined }): boolean {
  return key.startsWith(filter.prefix ?? '') && key.endsWith(filter.suffix ?? '');
}
