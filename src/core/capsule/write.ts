import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { usageError } from '../errors.js';
import { normalizeText, readTextIfExists, writeFileAtomic } from '../workspace/fs.js';
import { withWorkspaceLock } from '../workspace/lock.js';

type WriteOutcome = 'created' | 'unchanged' | 'replaced';

interface WriteResult {
  outcome: WriteOutcome;
  /** Workspace-relative path of the .bak copy, when --force replaced a different file. */
  backup?: string;
}

/**
 * Write a generated capsule. An identical file is left alone; a different one is replaced only
 * with `force`, after copying it to `<file>.bak`.
 */
export async function writeCapsuleFile(root: string, relative: string, text: string, force: boolean): Promise<WriteResult> {
  const absolute = path.join(root, ...relative.split('/'));
  mkdirSync(path.dirname(absolute), { recursive: true });
  return withWorkspaceLock(root, absolute, async () => {
    const existing = readTextIfExists(absolute);
    if (existing === undefined) {
      writeFileAtomic(absolute, text);
      return { outcome: 'created' as const };
    }
    if (normalizeText(existing) === text) return { outcome: 'unchanged' as const };
    if (!force) {
      throw usageError('CAPSULE_EXISTS', `${relative} already exists with different content`, {
        path: relative,
        fix: 'Pass --force to replace it (a .bak copy is kept), or --dry-run to see the new text',
      });
    }
    copyFileSync(absolute, `${absolute}.bak`);
    writeFileAtomic(absolute, text);
    return { outcome: 'replaced' as const, backup: `${relative}.bak` };
  });
}
