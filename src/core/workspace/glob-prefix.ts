/** Characters that give a path segment a glob meaning to picomatch (wildcards, classes, braces, extglobs, escapes). */
const SPECIAL = /[*?[\]{}()!|+@\\]/;

/**
 * The literal folder every match of `glob` lies in (`src/mod1/**` → `src/mod1`), or undefined
 * when the glob has no such folder. A path can only match when it is that folder or lies below it,
 * so matching thousands of files against hundreds of globs can skip most regex tests.
 */
export function literalPrefix(glob: string): string | undefined {
  const segments = glob.split('/');
  const index = segments.findIndex((segment) => SPECIAL.test(segment));
  if (index <= 0) return undefined;
  const prefix = segments.slice(0, index).join('/');
  return prefix === '.' || prefix.startsWith('./') || prefix.split('/').some((s) => s === '' || s === '..') ? undefined : prefix;
}

function lowerBound(sorted: readonly string[], key: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < key) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** True when `list` is in JavaScript's default sort order. */
export function isSorted(list: readonly string[]): boolean {
  for (let i = 1; i < list.length; i++) if (list[i - 1]! > list[i]!) return false;
  return true;
}

/** The paths of `sorted` below `folder` (`folder/…`), in order. */
export function below(sorted: readonly string[], folder: string): readonly string[] {
  return sorted.slice(lowerBound(sorted, `${folder}/`), lowerBound(sorted, `${folder}0`));
}

/**
 * The part of `sorted` (default sort order) that can hold matches of `glob`, in order: the run
 * from its literal folder up to `folder0` (`/` sorts just before `0`), or all of it. Testing the
 * glob's regex on that run finds the same matches as testing every path.
 */
export function candidatesIn(sorted: readonly string[], glob: string): readonly string[] {
  const prefix = literalPrefix(glob);
  if (prefix === undefined) return sorted;
  return sorted.slice(lowerBound(sorted, prefix), lowerBound(sorted, `${prefix}0`));
}

/**
 * The paths of a sorted listing that match any of `globs` (picomatch; `!pattern` excludes), in
 * order: what a walk with the same globs finds among the listed files, without touching the disk.
 */
export function matchListed(sorted: readonly string[], globs: readonly string[], options: { dot: boolean }, picomatch: PicomatchLike): string[] {
  const clean = (glob: string) => glob.replace(/^(?:\.\/)+/, '');
  const include = globs.filter((g) => !g.startsWith('!')).map(clean);
  const exclude = globs.filter((g) => g.startsWith('!')).map((g) => clean(g.slice(1)));
  const excluded = exclude.length ? picomatch(exclude, { dot: options.dot }) : undefined;
  const found = new Set<string>();
  for (const glob of include) {
    const matcher = picomatch(glob, { dot: options.dot });
    for (const file of candidatesIn(sorted, glob)) if (!found.has(file) && matcher(file) && !excluded?.(file)) found.add(file);
  }
  return include.length > 1 ? [...found].sort() : [...found];
}

/** picomatch's call shape, passed in so this module loads without it. */
type PicomatchLike = (glob: string | string[], options: { dot: boolean }) => (path: string) => boolean;
