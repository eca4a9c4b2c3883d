import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { batchMetrics } from '../src/batch-metrics.js';

const written = (seconds: number): DynamoDBRecord => ({
  eventName: 'INSERT',
  dynamodb: { ApproximateCreationDateTime: seconds, SequenceNumber: String(seconds) },
});

describe("the cloud router's metrics of one batch", () => {
  it('counts the records and reads how far behind the stream it is from the oldest', () => {
    const now = 1_767_225_700_000;
    expect(batchMetrics([written(1_767_225_640), written(1_767_225_600), written(1_767_225_690)], false, now)).toEqual({
      stream_records: { value: 3, unit: 'Count' },
      stream_handler_failed: { value: 0, unit: 'Count' },
      stream_iterator_age_ms: { value: 100_000, unit: 'Milliseconds' },
    });
  });

  it('says a batch failed, and reads no age from records without a time', () => {
    expect(batchMetrics([{ eventName: 'MODIFY', dynamodb: {} }], true, 5_000)).toMatchObject({
      stream_handler_failed: { value: 1 },
      stream_iterator_age_ms: { value: 0 },
    });
  });
});
