import { fstatSync, writeSync } from 'node:fs';

declare const __SENTINEL_SYNC_STDIO__: boolean;

/**
 * Whether this build writes stdout and stderr with `fs.writeSync` instead of Node's stream
 * objects: only the hot commands' CommonJS files (tsdown.hot.config.ts), whose every write goes
 * through the CLI context. Creating `process.stdout` or `process.stderr` on a pipe loads Node's
 * stream and socket modules (~5 ms of a hook's start-up). Elsewhere command bodies also write to
 * the streams themselves, and a write of ours must not overtake one they still hold queued.
 */
export const syncStdio = typeof __SENTINEL_SYNC_STDIO__ === 'boolean' && __SENTINEL_SYNC_STDIO__;

/** Descriptors whose reader is gone (EPIPE): later writes to them are dropped. */
const closed = new Set<1 | 2>();
const guarded = new Set<1 | 2>();

/**
 * process.stdout or process.stderr, for which a reader that closed early (`sentinel … | head`, a
 * hook client that stopped reading) is not an error of ours: the descriptor is marked closed, its
 * later writes are dropped and the command goes on, so it still exits with its own code (a hook's
 * block, a failed check) however long it works after its output was refused.
 */
export function quietStream(fd: 1 | 2): NodeJS.WriteStream {
  const stream = fd === 1 ? process.stdout : process.stderr;
  if (!guarded.has(fd)) {
    guarded.add(fd);
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
      closed.add(fd);
    });
  }
  return stream;
}

/** Descriptors that fell back to their stream (a non-blocking pipe was full): every later write queues behind it there. */
const streamed = new Set<1 | 2>();

/**
 * Write all of text to fd 1 or 2. A pipe left non-blocking that is full answers EAGAIN: the rest
 * then goes through the stream, and so does every later write to that descriptor. A closed reader
 * (EPIPE, `sentinel … | head`) is not an error of ours: the text and every later write to that
 * descriptor are dropped and the command goes on, so it still exits with its own code (a hook's
 * verdict, a failed validation), as it does when the stream meets the EPIPE (quietStream).
 */
export function writeTo(fd: 1 | 2, text: string): void {
  if (closed.has(fd)) return;
  if (!syncStdio || streamed.has(fd)) {
    quietStream(fd).write(text);
    return;
  }
  const bytes = Buffer.from(text, 'utf8');
  let done = 0;
  try {
    while (done < bytes.length) done += writeSync(fd, bytes, done);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EPIPE') {
      closed.add(fd);
      return;
    }
    if (code !== 'EAGAIN') throw err;
    streamed.add(fd);
    quietStream(fd).write(bytes.subarray(done));
  }
}

/**
 * Whether fd 1 is a terminal, without creating `process.stdout` when it cannot be one: only a
 * character device can be a terminal, and a pipe or a file is not one.
 */
export function stdoutIsTTY(): boolean {
  if (!syncStdio) return Boolean(process.stdout.isTTY);
  try {
    if (!fstatSync(1).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return Boolean(process.stdout.isTTY);
}
