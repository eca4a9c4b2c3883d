import {
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type DynamoDBStreamsClient,
} from '@aws-sdk/client-dynamodb-streams';
import type { Metrics } from '../observability/metrics.js';
import type { ShardLease } from './shard-lease.js';
import { sequenceOf, type StreamRecord } from './stream-record.js';
import { wait } from '../lifecycle/wait.js';

export interface ShardReaderOptions {
  readonly streams: DynamoDBStreamsClient;
  readonly streamArn: string;
  readonly shardId: string;
  /** The checkpoint: reading starts after it, or at the oldest record kept without one. */
  readonly startAfter?: string | undefined;
  readonly lease: ShardLease;
  readonly batchSize: number;
  readonly pollIntervalMs: number;
  /**
   * How coarsely the stream stamps its records' creation time: DynamoDB rounds it down to the
   * second, DynamoDB Local to the minute. The age is measured from the end of that span, so that
   * a fresh record does not read as a minute old (a lower bound of the age, never an excess).
   */
  readonly creationTimeGranularityMs?: number;
  /** Hands a page over; it has been handled or quarantined, and checkpointed, when this resolves. */
  readonly deliver: (records: StreamRecord[]) => Promise<void>;
  readonly signal: AbortSignal;
  readonly metrics: Metrics;
  readonly log: (event: Record<string, unknown>) => void;
}

/** How far behind a reader is that reads a record stamped `changedAt` at `now`: at least this, as the stamp is rounded down. */
export function iteratorAgeMs(changedAt: Date, now: number, granularityMs: number): number {
  return Math.max(0, now - (changedAt.getTime() + granularityMs));
}

/**
 * Reads one shard in order until it is closed and read to its end ('finished') or the
 * signal aborts ('stopped'). An iterator that expired while a batch was handled (they
 * last 15 minutes) is taken again after the last record done.
 */
export async function readShard(options: ShardReaderOptions): Promise<'finished' | 'stopped'> {
  const { streams, shardId, signal, metrics, log } = options;
  let position = options.startAfter;

  const iteratorAfter = async (sequenceNumber: string | undefined): Promise<string | undefined> => {
    const request = sequenceNumber
      ? {
          StreamArn: options.streamArn,
          ShardId: shardId,
          ShardIteratorType: 'AFTER_SEQUENCE_NUMBER' as const,
          SequenceNumber: sequenceNumber,
        }
      : { StreamArn: options.streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' as const };
    try {
      return (await streams.send(new GetShardIteratorCommand(request), { abortSignal: signal })).ShardIterator;
    } catch (error) {
      if (!(error instanceof TrimmedDataAccessException) || !sequenceNumber) throw error;
      // The checkpoint is older than what the stream keeps (24 h): what lay between is gone.
      metrics.increment('stream_trimmed');
      log({ event: 'checkpoint-trimmed', shardId, sequenceNumber });
      return iteratorAfter(undefined);
    }
  };

  let iterator = await iteratorAfter(position);
  while (iterator !== undefined && !signal.aborted) {
    let page;
    try {
      page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: options.batchSize }), { abortSignal: signal });
    } catch (error) {
      if (signal.aborted) break;
      if (!(error instanceof ExpiredIteratorException) && !(error instanceof TrimmedDataAccessException)) throw error;
      log({ event: 'iterator-renewed', shardId, reason: error.name });
      iterator = await iteratorAfter(position);
      continue;
    }
    const records = page.Records ?? [];
    if (records.length > 0) {
      metrics.increment('stream_records', records.length);
      const changedAt = records[records.length - 1]?.dynamodb?.ApproximateCreationDateTime;
      if (changedAt) metrics.gauge('stream_iterator_age_ms', iteratorAgeMs(changedAt, Date.now(), options.creationTimeGranularityMs ?? 0));
      await options.deliver(records);
      position = sequenceOf(records[records.length - 1]!);
    }
    iterator = page.NextShardIterator ?? undefined;
    if (records.length === 0 && iterator !== undefined) await wait(options.pollIntervalMs, signal).catch(() => undefined);
  }
  if (signal.aborted) return 'stopped';
  await options.lease.finish();
  return 'finished';
}
