import { usageError } from '../errors.js';
import type { GateName } from './types.js';

/** One slice of a check split over CI jobs: `index` of `count`, 1-based. */
export interface Shard {
  index: number;
  count: number;
}

/** Gates whose per-file work is split over shards; every other gate runs whole in one shard. */
export const SLICED_GATES: readonly GateName[] = ['capsules', 'contracts', 'context', 'runbook'];

/** `--shard i/n`, 1 ≤ i ≤ n. */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 1 || index > count) {
    throw usageError('SHARD_INVALID', `--shard "${text}" is not i/n with 1 ≤ i ≤ n`, {
      fix: 'Pass e.g. --shard 1/4 (the matrix index, from 1, over the job count)',
    });
  }
  return { index, count };
}

/** FNV-1a over the path's UTF-16 code units: stable across machines, Node versions and runs. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Does this shard do the per-file work of `path`? Every path belongs to exactly one shard. */
export function shardOwns(shard: Shard | undefined, path: string): boolean {
  return !shard || shard.count === 1 || fnv1a(path) % shard.count === shard.index - 1;
}

/**
 * The shard that runs a whole (unsliced) gate: the selected whole gates dealt round-robin in the
 * stable gate order, so every shard computes the same assignment.
 */
export function wholeGateShard(selected: readonly GateName[], gate: GateName, count: number): number {
  const whole = selected.filter((g) => !SLICED_GATES.includes(g));
  return (whole.indexOf(gate) % count) + 1;
}
