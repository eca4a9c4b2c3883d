import { describe, expect, it } from 'vitest';
import { lineageOrder, readyShards } from '../src/stream/shard-lineage.js';

const shard = (shardId: string, parentShardId?: string) => ({ shardId, parentShardId });
const ids = (shards: readonly { shardId: string }[]): string[] => shards.map((item) => item.shardId);

describe('lineageOrder', () => {
  it('puts every parent before its children', () => {
    const shards = [shard('c1', 'b'), shard('b', 'a'), shard('c2', 'b'), shard('a'), shard('x')];
    expect(ids(lineageOrder(shards))).toEqual(['a', 'b', 'c1', 'c2', 'x']);
  });

  it('survives a parent that is not listed and a cycle', () => {
    expect(ids(lineageOrder([shard('b', 'gone'), shard('p', 'q'), shard('q', 'p')]))).toEqual(['b', 'q', 'p']);
  });
});

describe('readyShards', () => {
  const split = [shard('root'), shard('left', 'root'), shard('right', 'root'), shard('leaf', 'left')];

  it('starts with the shards whose parent is not listed', () => {
    expect(ids(readyShards(split, new Set(), new Set()))).toEqual(['root']);
    expect(ids(readyShards([shard('child', 'trimmed')], new Set(), new Set()))).toEqual(['child']);
  });

  it('offers both children of a split once the parent is finished', () => {
    expect(ids(readyShards(split, new Set(['root']), new Set()))).toEqual(['left', 'right']);
    expect(ids(readyShards(split, new Set(['root', 'left']), new Set()))).toEqual(['right', 'leaf']);
  });

  it('leaves out the finished shards and those being read', () => {
    expect(ids(readyShards(split, new Set(['root']), new Set(['left'])))).toEqual(['right']);
    expect(ids(readyShards(split, new Set(['root', 'left', 'right', 'leaf']), new Set()))).toEqual([]);
  });
});
