export { useSharedStack, type SharedStack } from './use-shared-stack.js';
// For tests that put an edge of their own in front of an emulator they control (hostile inputs, outages).
export { startS3Edge, type S3Edge } from '../s3/index.js';
export { startS3BackendProcess, type RunningS3Backend } from '../emulators/s3-backend-process.js';
// For tests that deliver mail and read what was caught (alert delivery).
export { startMailCatcher, type CaughtMail, type MailCatcher } from '../mail/index.js';
