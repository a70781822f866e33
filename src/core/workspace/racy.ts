/**
 * Git's "racy" files: a timestamp is only as fine as the file system keeps it, so a file changed
 * this close to now may change again without its stat changing. Until then its stat does not
 * vouch for its content.
 */
export const RACY_MS = 2_000;

interface Times {
  mtimeMs: number | bigint;
  ctimeMs: number | bigint;
}

/**
 * Whether a stat is old enough to vouch for the content. A window of 0 or less (tests) trusts every
 * stat: Date.now() counts whole milliseconds and the file system finer, so a file written this very
 * millisecond would look changed after now and never be trusted.
 */
export function settledStat(stat: Times, windowMs = RACY_MS, nowMs = Date.now()): boolean {
  if (windowMs <= 0) return true;
  return nowMs - Number(stat.mtimeMs) > windowMs && nowMs - Number(stat.ctimeMs) > windowMs;
}
