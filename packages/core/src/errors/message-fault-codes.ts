/**
 * The error names that say "this message is wrong" (its content, the state it refers to), for
 * the services the platform calls. Only these make a failure permanent: any other refusal
 * (AccessDenied after a deploy, a disabled or denied KMS key, an expired token, a skewed clock,
 * a missing or restoring table, queue or bucket, an unrecognised client) is about the platform,
 * not the message, and is an outage to wait out behind a breaker.
 */
export const MESSAGE_FAULT_NAMES: ReadonlySet<string> = new Set([
  // DynamoDB: a request built from the message that cannot succeed (an item over 400 KB, a bad
  // key or expression value), or a condition on the state the message expects.
  'ValidationException',
  'ConditionalCheckFailedException',
  'ItemCollectionSizeLimitExceededException',
  'IdempotentParameterMismatchException',
  'DuplicateItemException',
  // S3: an object or version the message names that is not there, a range or size it asks
  // for that cannot be, a precondition on the object it read. NoSuchBucket is an outage.
  'NoSuchKey',
  // HeadObject's name for a missing key (it has no body to say NoSuchKey).
  'NotFound',
  'NoSuchVersion',
  'InvalidRange',
  'EntityTooLarge',
  'EntityTooSmall',
  'KeyTooLongError',
  'InvalidObjectState',
  'PreconditionFailed',
  // SQS: a body or attribute the message carries that SQS refuses (characters, size, batch shape).
  'InvalidMessageContents',
  'InvalidParameterValue',
  'InvalidParameterValueException',
  'InvalidAttributeValue',
  'BatchRequestTooLong',
  'BatchEntryIdsNotDistinct',
  'InvalidBatchEntryId',
  'TooManyEntriesInBatchRequest',
  'EmptyBatchRequest',
  // SES v2: a message whose content or recipients the mail service refuses.
  'MessageRejected',
  'BadRequestException',
  // SMTP (nodemailer): an envelope or message that the relay refuses for what it is.
  'EENVELOPE',
  'EMESSAGE',
]);

/** DynamoDB transaction cancellation reasons that a message's own content or expected state caused. */
export const MESSAGE_FAULT_CANCELLATIONS: ReadonlySet<string> = new Set([
  'ConditionalCheckFailed',
  'ValidationError',
  'ItemCollectionSizeLimitExceeded',
]);

/**
 * SMTP replies about the mailbox or the message itself (RFC 5321: 550 no such mailbox, 551/553
 * a rejected address, 552 too large, 554 refused content); an authentication or relay refusal
 * (530, 535, 454) is the platform's.
 */
export const MESSAGE_FAULT_SMTP_REPLIES: ReadonlySet<number> = new Set([550, 551, 552, 553, 554]);
