// Physical names are derived from logical ones with a prefix, so that several stacks (a
// developer's, each test run's, each cloud stage's) can share one account or emulator.
export const DEFAULT_PREFIX = 'ndf-';

export const tableName = (prefix: string, table: string): string => `${prefix}${table}`;
export const bucketName = (prefix: string, bucket: string): string => `${prefix}${bucket}`;
export const queueName = (prefix: string, service: string): string => `${prefix}${service}`;
export const deadLetterQueueName = (prefix: string, service: string): string => `${prefix}${service}-dlq`;
