import picomatch from 'picomatch';
import { normalizeRelative, toPosix } from '../workspace/paths.js';

/**
 * Paths each known role owns when its agent.json declares no `owns` (from ROLES.md). A role not
 * listed here and without `owns` scores on keywords only.
 */
export const DEFAULT_OWNS: Readonly<Record<string, readonly string[]>> = {
  backender: ['server/src/**', 'db/migrations/**', 'db/**/*.sql', 'ops/backend/**'],
  releaser: ['.github/workflows/**', 'release/**', '.gitlab-ci.yml'],
  verifier: ['**/*.test.*', '**/*.spec.*', '.sentinel/tests/**', 'verification/**', 'test/**', 'tests/**'],
  observer: ['ops/logging/**'],
  designer: ['design/**'],
  integrator: ['src/clients/**', 'server/src/clients/**'],
  frontender: ['web/**', 'frontend/**', 'client/**', 'src/components/**', 'src/ui/**'],
  scribe: ['docs/**', 'CHANGELOG.md', '**/*.md'],
  capsuleauthor: ['.specify/specs/**', '.sentinel/capsules/**'],
  contextwarden: ['.sentinel/context/**'],
  refactorer: ['refactors/**'],
  commander: ['ops/commander/**'],
};

const CODE = '**/*.{ts,tsx,js,jsx,mjs,cjs,py,go,rs,java,kt,rb,php,cs,c,h,cpp,hpp,swift,sql,sh,vue,svelte}';

/** What each known role's charter forbids when agent.json declares no `never_outputs`. `!` marks an exception. */
export const DEFAULT_NEVER_OUTPUTS: Readonly<Record<string, readonly string[]>> = {
  verifier: ['server/src/**', 'src/**', 'db/migrations/**', '!**/*.test.*', '!**/*.spec.*', '!**/__tests__/**'],
  designer: [CODE],
  scribe: [CODE],
  router: ['**'],
  observer: ['server/src/**', 'db/migrations/**'],
};

/** Output entries may carry a leading `/` (as in the seed playbook) or a trailing `/` for a folder. */
export function normalizeOutputPath(raw: string): string {
  return normalizeRelative(toPosix(raw).replace(/^\/+/, ''));
}

/**
 * A glob list with `!` exceptions: a path matches when some positive glob matches and no `!` glob
 * does. Returns the first positive glob that matched, for the explanation.
 */
export function matchGlobList(globs: readonly string[], file: string): string | undefined {
  const positive = globs.filter((g) => !g.startsWith('!'));
  const negative = globs.filter((g) => g.startsWith('!')).map((g) => g.slice(1));
  if (negative.some((g) => matcherOf(g)(file))) return undefined;
  return positive.find((g) => matcherOf(g)(file));
}

/**
 * Compiled globs, kept: scoring one capsule matches every output against every role's globs, and
 * compiling them again each time was most of a warm route call (the roster's globs are few).
 */
const matchers = new Map<string, (file: string) => boolean>();
const MAX_MATCHERS = 1_000;

function matcherOf(glob: string): (file: string) => boolean {
  let matcher = matchers.get(glob);
  if (!matcher) {
    if (matchers.size >= MAX_MATCHERS) matchers.clear();
    matchers.set(glob, (matcher = picomatch(glob, { dot: true })));
  }
  return matcher;
}

/**
 * A catch-all glob constrains only the file extension (`**\/*.md`): it claims an output only when
 * no Required Output is owned by a specific glob of any role, so a docs-only capsule is the
 * Scribe's while a runbook written beside server code stays with the Backender.
 */
export const isCatchAll = (glob: string): boolean => /^(?:\*\*\/)?\*\.(?:[\w-]+|\{[\w,-]+\})$/.test(glob);
