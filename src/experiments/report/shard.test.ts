import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { parseShard, shardIds } from './shard.js';

describe('--shard i/n', () => {
  it('parses i/n and rejects indices outside 0..n-1 with an InputError', () => {
    // Act / Assert
    expect(parseShard('1/3')).toEqual({ index: 1, count: 3 });
    for (const bad of ['3/3', '-1/2', '0/0', 'a/b', '1']) expect(() => parseShard(bad)).toThrow(InputError);
  });

  it('splits sorted ids round-robin: the shards are disjoint and cover every id', () => {
    // Arrange
    const ids = ['f0', 'a1', 'c2', 'b3', 'e4', 'd5', '99'];
    // Act
    const shards = [0, 1, 2].map((index) => shardIds(ids, { index, count: 3 }));
    // Assert
    expect(shards[0]).toEqual(['99', 'c2', 'f0']); // sorted: 99 a1 b3 c2 d5 e4 f0
    expect(shards.flat().sort()).toEqual([...ids].sort());
    expect(new Set(shards.flat()).size).toBe(ids.length);
  });
});
