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

/** A test that is false only for paths that certainly do not match `glob`. */
export function mayMatch(glob: string): (p: string) => boolean {
  const prefix = literalPrefix(glob);
  if (prefix === undefined) return () => true;
  const below = `${prefix}/`;
  return (p) => p === prefix || p.startsWith(below);
}
