import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RACY_MS, settledStat } from '../../../src/core/workspace/racy.js';
import { enableWarmState, statStamp } from '../../../src/core/workspace/warm.js';

describe('settled stats (git racy files)', () => {
  const times = { mtimeMs: 1_000_000.25, ctimeMs: 1_000_000.5 };

  it('vouches for a stat only once both times are older than the window', () => {
    expect(settledStat(times, RACY_MS, 1_000_000 + RACY_MS)).toBe(false);
    expect(settledStat(times, RACY_MS, 1_000_001 + RACY_MS)).toBe(true);
    expect(settledStat({ mtimeMs: 1n, ctimeMs: 1_000_000n }, RACY_MS, 1_001_000)).toBe(false);
  });

  it('with a window of 0 trusts a file written within the current millisecond (Date.now() is whole milliseconds)', () => {
    expect(settledStat(times, 0, 1_000_000)).toBe(true);
    expect(settledStat(times, -60_000, 1_000_000)).toBe(true);
  });
});

describe('a warm stamp with a racy window of 0', () => {
  let dir = '';
  afterEach(() => {
    vi.restoreAllMocks();
    enableWarmState(false);
    rmSync(dir, { recursive: true, force: true });
  });

  // CI saw 'racy 115' against 'racy 116': the file's ctime fell after Date.now() in the same millisecond.
  it('is stable when the clock reads just before the file system time', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sentinel-racy-'));
    const file = path.join(dir, 'b.ts');
    writeFileSync(file, 'b\n');
    const stat = statSync(file);
    vi.spyOn(Date, 'now').mockReturnValue(Math.floor(Math.min(stat.mtimeMs, stat.ctimeMs)) - 1);
    enableWarmState(true, { racyMs: 0 });
    expect(statStamp(file)).toBe(statStamp(file));
    enableWarmState(true);
    expect(statStamp(file)).not.toBe(statStamp(file));
  });
});
