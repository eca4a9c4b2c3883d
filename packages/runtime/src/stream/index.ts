export { consumeStream, type StreamConsumerOptions } from './stream-consumer.js';
export { HandlerTimeoutError, type BatchHandler } from './deliver-batch.js';
export { poisonEntry, type AnyStreamRecord, type PoisonContext, type StreamRecord } from './stream-record.js';
export { bisect, type BisectOptions, type Poison } from './bisect.js';
export { lineageOrder, readyShards, type ShardNode } from './shard-lineage.js';
export { CheckpointTable, LeaseLostError, type CheckpointTableOptions, type ShardCheckpoint } from './checkpoints.js';
