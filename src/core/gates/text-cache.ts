import { closeSync, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import path from 'node:path';

/** Past this many cached characters, further reads are served but not kept. */
const DEFAULT_BUDGET = 256 * 1024 * 1024;

/** Files up to this size are read into one reused buffer: no allocation per file. */
const BUFFER_SIZE = 1024 * 1024;

/** Told about each file read: its bytes and the stat of the very file they came from (the opened descriptor's). */
export type OnRead = (relative: string, bytes: Buffer, stat: Stats) => void;

/** Read through one descriptor: the stat describes the file read, even if a symlink is switched meanwhile. */
function readWith(buffer: Buffer, file: string, onRead?: (bytes: Buffer, stat: Stats) => void): string {
  const fd = openSync(file, 'r');
  try {
    // Taken before the bytes: an edit during the read shows as a new stat next time.
    const stat = onRead ? fstatSync(fd) : undefined;
    let target = buffer;
    let length = 0;
    for (;;) {
      if (length === target.length) {
        // Larger than the buffer: continue in a buffer twice the size.
        const grown = Buffer.allocUnsafe(target.length * 2);
        target.copy(grown, 0, 0, length);
        target = grown;
      }
      const read = readSync(fd, target, length, target.length - length, null);
      if (read === 0) break;
      length += read;
    }
    const bytes = target.subarray(0, length);
    if (onRead) onRead(bytes, stat!);
    return bytes.toString('utf8');
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
  /** Called with each file's bytes as read (the file-facts store keys what it learns on them: cache/file-facts.ts). */
  onRead?: OnRead,
): (relative: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  let kept = 0;
  let buffer: Buffer | undefined;
  return (relative) => {
    if (cache.has(relative)) return cache.get(relative);
    let text: string | undefined;
    try {
      buffer ??= Buffer.allocUnsafe(BUFFER_SIZE);
      text = readWith(buffer, path.join(root, ...relative.split('/')), onRead && ((bytes, stat) => onRead(relative, bytes, stat)));
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
