import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The installed sentinelkit package folder (holds assets/ and schemas/), from src/ or dist/ alike. */
export function packageDir(): string {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'sentinelkit') return (cached = dir);
    } catch {
      /* keep walking */
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('Cannot locate the sentinelkit package folder (assets/ and schemas/)');
    dir = parent;
  }
}

export const assetsDir = (): string => path.join(packageDir(), 'assets');
export const schemasDir = (): string => path.join(packageDir(), 'schemas');
