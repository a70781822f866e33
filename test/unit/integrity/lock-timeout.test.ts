import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SentinelError } from '../../../src/core/errors.js';
import { withFileLock } from '../../../src/core/workspace/lock.js';

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
