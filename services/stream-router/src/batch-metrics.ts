import { SERVICE_METRIC } from '@ndf/catalog';
import type { EmfValue } from '@ndf/runtime';
import type { DynamoDBRecord } from 'aws-lambda';

/**
 * What one invocation of the cloud router reports, at 1-second resolution like every service
 * (Lambda's own IteratorAge and Errors come once a minute): records in the batch, whether it
 * failed, and how far behind the stream it reads, from its oldest record.
 */
export function batchMetrics(records: readonly DynamoDBRecord[], failed: boolean, now: number): Record<string, EmfValue> {
  const written = records
    .map((record) => record.dynamodb?.ApproximateCreationDateTime)
    .filter((seconds): seconds is number => typeof seconds === 'number');
  const oldest = written.length > 0 ? Math.min(...written) * 1000 : now;
  return {
    [SERVICE_METRIC.streamRecords]: { value: records.length, unit: 'Count' },
    [SERVICE_METRIC.streamHandlerFailed]: { value: failed ? 1 : 0, unit: 'Count' },
    [SERVICE_METRIC.streamIteratorAgeMs]: { value: Math.max(0, now - oldest), unit: 'Milliseconds' },
  };
}
