/** What lineage needs of a shard. */
export interface ShardNode {
  readonly shardId: string;
  readonly parentShardId?: string | undefined;
}

/** The shards with every parent before its children, otherwise in the order given. */
export function lineageOrder<S extends ShardNode>(shards: readonly S[]): S[] {
  const byId = new Map(shards.map((shard) => [shard.shardId, shard]));
  const ordered: S[] = [];
  const placed = new Set<string>();
  const place = (shard: S, path: Set<string>): void => {
    if (placed.has(shard.shardId) || path.has(shard.shardId)) return;
    path.add(shard.shardId);
    const parent = shard.parentShardId === undefined ? undefined : byId.get(shard.parentShardId);
    if (parent) place(parent, path);
    placed.add(shard.shardId);
    ordered.push(shard);
  };
  for (const shard of shards) place(shard, new Set());
  return ordered;
}

/**
 * The shards to start reading now, parents first: not finished, not being read, and whose
 * parent is finished or no longer listed (trimmed from the stream, its records gone).
 */
export function readyShards<S extends ShardNode>(shards: readonly S[], finished: ReadonlySet<string>, busy: ReadonlySet<string>): S[] {
  const listed = new Set(shards.map((shard) => shard.shardId));
  return lineageOrder(shards).filter(
    (shard) =>
      !finished.has(shard.shardId) &&
      !busy.has(shard.shardId) &&
      (shard.parentShardId === undefined || !listed.has(shard.parentShardId) || finished.has(shard.parentShardId)),
  );
}
