import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Past this many cached characters, further reads are served but not kept. */
const DEFAULT_BUDGET = 256 * 1024 * 1024;

/**
 * Workspace text files read at most once per gate run: context budgets and the runbook's
 * env-var scan both read every source file, and a 20,000-file workspace should be read once.
 * A file that cannot be read (missing, a folder, no permission) is `undefined`.
 */
export function createTextCache(root: string, budget = DEFAULT_BUDGET): (relative: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  let kept = 0;
  return (relative) => {
    if (cache.has(relative)) return cache.get(relative);
    let text: string | undefined;
    try {
      text = readFileSync(path.join(root, ...relative.split('/')), 'utf8');
    } catch {
      text = undefined;
    }
    const size = text?.length ?? 0;
    if (kept + size <= budget) {
      cache.set(relative, text);
      kept += size;
    }
    return text;
  };
}
