export { startS3Edge, type S3Edge, type S3EdgeOptions } from './s3-edge.js';
export { type QueueNotification } from './notification-configuration.js';
export {
  checkContentLength,
  signPolicy,
  verifyPostPolicy,
  type ContentLengthRange,
  type PostAccepted,
  type PostPolicyResult,
  type PostRefused,
  type PostUpload,
  type SecretLookup,
} from './post-policy.js';
export {
  buildObjectCreatedEvent,
  buildTestEvent,
  encodeEventKey,
  keyMatchesFilter,
  type ObjectCreatedEvent,
  type ObjectCreatedEventName,
  type S3EventMessage,
  type S3EventRecord,
  type S3TestEventMessage,
} from './s3-event.js';
