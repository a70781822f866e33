import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import path from 'node:path';

/** Past this many cached characters, further reads are served but not kept. */
const DEFAULT_BUDGET = 256 * 1024 * 1024;

/** Files up to this size are read into one reused buffer: no per-file stat and allocation. */
const BUFFER_SIZE = 1024 * 1024;

function readWith(buffer: Buffer, file: string): string {
  const fd = openSync(file, 'r');
  try {
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    // A full buffer may mean more is left: read the file whole instead.
    return length < buffer.length ? buffer.toString('utf8', 0, length) : readFileSync(file, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * Workspace text files read at most once per gate run: context budgets and the runbook's
 * env-var scan both read every source file, and a 20,000-file workspace should be read once.
 * A file that cannot be read (missing, a folder, no permission) is `undefined`.
 */
export function createTextCache(
  root: string,
  budget = DEFAULT_BUDGET,
  /** Called before a file is first read (the file-facts store stats it then: see cache/file-facts.ts). */
  beforeRead?: (relative: string) => void,
): (relative: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  let kept = 0;
  let buffer: Buffer | undefined;
  return (relative) => {
    if (cache.has(relative)) return cache.get(relative);
    let text: string | undefined;
    beforeRead?.(relative);
    try {
      buffer ??= Buffer.allocUnsafe(BUFFER_SIZE);
      text = readWith(buffer, path.join(root, ...relative.split('/')));
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
