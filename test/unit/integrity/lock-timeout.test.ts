import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SentinelError } from '../../../src/core/errors.js';
import { withFileLock } from '../../../src/core/workspace/lock.js';
import { isStale, pidNamespace } from '../../../src/core/workspace/scratch.js';

describe('lock timeout', () => {
  it('is a diagnostic with a code, the lock file and a fix', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sentinel-lock-'));
    try {
      const target = path.join(dir, 'state.json');
      writeFileSync(`${target}.lock`, `${process.pid}\n${Date.now()}\n`);
      const err = await withFileLock(target, () => 1, { timeoutMs: 50 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SentinelError);
      expect(err).toMatchObject({ code: 'LOCK_TIMEOUT', path: `${target}.lock` });
      expect((err as SentinelError).fix).toContain('delete');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a lock owner in another pid namespace', () => {
  // Where /proc cannot be read, every lock is judged by its pid, as before.
  it.runIf(pidNamespace() !== null)('is judged by the lock age alone, while a dead owner in this namespace is recovered at once', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sentinel-lock-'));
    try {
      const own = pidNamespace()!;
      const dead = spawnSync(process.execPath, ['-e', '']).pid!;
      const other = String(Number(own) + 1);
      const target = path.join(dir, 'state.json');
      // A live writer in a second container: its pid looks dead from here, but its lock is young.
      writeFileSync(`${target}.lock`, `${dead}\n${Date.now()}\n${other}\n`);
      expect(isStale(`${target}.lock`, 60_000)).toBe(false);
      await expect(withFileLock(target, () => 1, { timeoutMs: 50 })).rejects.toMatchObject({ code: 'LOCK_TIMEOUT' });
      // Old enough, it is a leftover whatever its namespace.
      writeFileSync(`${target}.lock`, `${dead}\n${Date.now() - 120_000}\n${other}\n`);
      expect(isStale(`${target}.lock`, 60_000)).toBe(true);
      // Same namespace, dead pid: a killed run, recovered at once.
      writeFileSync(`${target}.lock`, `${dead}\n${Date.now()}\n${own}\n`);
      const body = await withFileLock(target, () => readFileSync(`${target}.lock`, 'utf8'));
      expect(body).toMatch(new RegExp(`^${process.pid}\\n\\d+\\n${own}\\n$`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
