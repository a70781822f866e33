import picomatch from 'picomatch';
import type { ArtifactLimit, ContextLimits, LimitOverride } from './limits.js';

export interface Budget {
  maxLines: number;
  maxTokens?: number;
  /** Where the line budget came from. */
  source: 'override' | 'artifact' | 'default' | 'config';
  artifact?: string;
  pattern?: string;
  reason?: string;
}

type Matcher = (p: string) => boolean;
const cache = new Map<string, Matcher>();

function regexMatcher(glob: string): Matcher {
  // A bare RegExp is several times faster than picomatch's matcher wrapper on hot paths.
  const regex = picomatch.makeRe(glob, { dot: true });
  return (p) => regex.test(p);
}

/** A `.` or `..` segment, which picomatch's `**` never crosses. */
const DOT_SEGMENT = /(?:^|\/)\.{1,2}(?:\/|$)/;

/**
 * `src/mod1/**` with a plain literal folder: the folder itself and everything below it, as
 * picomatch (dot: true) matches it, without building its regex (a thousand capsules' Allowed
 * Context globs cost a millisecond each to compile). Undefined for any other glob.
 */
export function folderGlobMatcher(glob: string): Matcher | undefined {
  if (!glob.endsWith('/**')) return undefined;
  const folder = glob.slice(0, -3);
  if (!/^[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*$/.test(folder) || DOT_SEGMENT.test(folder)) return undefined;
  const under = `${folder}/`;
  return (p) => p === folder || (p.startsWith(under) && !DOT_SEGMENT.test(p.slice(under.length)));
}

/** picomatch matchers are costly to build; a gate run asks the same globs thousands of times. */
export function globMatcher(glob: string): Matcher {
  let matcher = cache.get(glob);
  if (!matcher) {
    const compiled = folderGlobMatcher(glob.replace(/^\.\//, '')) ?? regexMatcher(glob.replace(/^\.\//, ''));
    // A plain folder path (`docs` or `docs/`) covers what lies under it.
    const folder = /[*?[\]{}]/.test(glob) ? undefined : glob.replace(/^\.\//, '').replace(/\/+$/, '');
    matcher = folder === undefined ? compiled : (p: string) => compiled(p) || p === folder || p.startsWith(`${folder}/`);
    cache.set(glob, matcher);
  }
  return matcher;
}

export function firstOverride(limits: ContextLimits, file: string): LimitOverride | undefined {
  return limits.overrides.find((o) => globMatcher(o.pattern)(file));
}

/** Artifacts whose globs match the file, in declaration order. */
export function artifactsFor(limits: ContextLimits, file: string): ArtifactLimit[] {
  return limits.artifacts.filter((a) => a.globs.some((g) => globMatcher(g)(file)));
}

/**
 * The budget of one file: the first matching override, else the first matching artifact's
 * maxLines, else `fallback` (defaultMaxLines, or config.capsules.maxLines for capsules).
 */
export function budgetFor(limits: ContextLimits, file: string, fallback?: { maxLines: number; source: 'config' }): Budget {
  return budgetFrom(limits, firstOverride(limits, file), artifactsFor(limits, file)[0], fallback);
}

/** budgetFor with the matching override and artifact already known. */
export function budgetFrom(
  limits: ContextLimits,
  override: LimitOverride | undefined,
  artifact: ArtifactLimit | undefined,
  fallback?: { maxLines: number; source: 'config' },
): Budget {
  const maxTokens = override?.maxTokens ?? artifact?.maxTokens;
  const tokens = maxTokens !== undefined ? { maxTokens } : {};
  const named = artifact ? { artifact: artifact.name } : {};
  if (override?.maxLines !== undefined) {
    return {
      maxLines: override.maxLines,
      source: 'override',
      pattern: override.pattern,
      ...(override.reason ? { reason: override.reason } : {}),
      ...named,
      ...tokens,
    };
  }
  if (artifact?.maxLines !== undefined) return { maxLines: artifact.maxLines, source: 'artifact', ...named, ...tokens };
  if (fallback) return { maxLines: fallback.maxLines, source: fallback.source, ...named, ...tokens };
  return { maxLines: limits.defaultMaxLines, source: 'default', ...named, ...tokens };
}

/** How a measured size compares with its limit. */
export function budgetLevel(used: number, limit: number, warningThreshold: number): 'ok' | 'warning' | 'over' {
  if (used > limit) return 'over';
  return used >= Math.ceil(limit * warningThreshold) ? 'warning' : 'ok';
}

export function describeBudget(budget: Budget): string {
  if (budget.source === 'override') return `override "${budget.pattern}"${budget.reason ? ` (${budget.reason})` : ''}`;
  if (budget.source === 'artifact') return `artifact "${budget.artifact}"`;
  if (budget.source === 'config') return 'config capsules.maxLines';
  return 'defaultMaxLines';
}
