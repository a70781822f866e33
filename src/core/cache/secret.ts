import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const SECRET_FILE = 'cache-secret';

/**
 * The key that signs cache records, kept outside every workspace (the caller passes the user's
 * cache folder, e.g. ~/.cache/sentinel) with mode 0600: a record written into a workspace's cache
 * folder without it is rejected. Undefined when the folder cannot hold it (then nothing is cached).
 */
export function loadCacheSecret(dir: string): Buffer | undefined {
  const file = path.join(dir, SECRET_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const text = readFileSync(file, 'utf8').trim();
      if (/^[0-9a-f]{64}$/.test(text)) return Buffer.from(text, 'hex');
      return undefined;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return undefined;
    }
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      // 'wx': two processes racing both end up reading the one that won.
      writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
    }
  }
  return undefined;
}
