export { PermanentError, TransientError } from './errors/error-classes.js';
export {
  TRANSIENT_ERROR_CODES,
  TRANSIENT_ERROR_NAMES,
  failureEvidence,
  isTransientFailure,
  type FailureEvidence,
} from './errors/failure-kind.js';
export { MESSAGE_FAULT_NAMES } from './errors/message-fault-codes.js';
export { emfLine, isEmfLine, type EmfDocument, type EmfUnit, type EmfValue } from './metrics/emf.js';
export { Histogram, type LatencySummary } from './metrics/histogram.js';
export {
  ENDPOINT_VARIABLES,
  S3_PATH_STYLE_VARIABLE,
  clientSettings,
  credentialsFrom,
  type AwsService,
  type ClientLimits,
  type ClientSettings,
  type Credentials,
  type Environment,
} from './aws/client-settings.js';
export { QueueUrls, type QueueUrlLookup } from './sqs/queue-urls.js';
export { describeError, errorText, type ErrorDescription } from './errors/describe-error.js';
export { SERVICE_COLUMN, levelWord, prettyEvent, prettyLine } from './logs/pretty-line.js';
