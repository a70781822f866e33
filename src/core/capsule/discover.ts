import { readFileSync } from 'node:fs';
import path from 'node:path';
import { usageError } from '../errors.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { checkInside, toPosix } from '../workspace/paths.js';
import { parseCapsule } from './parse.js';
import { literalPrefix } from '../workspace/glob-prefix.js';
import { copyData, filesStamp, foldersStamp, forgetWarmExcept, GLOB_SKIPPED, warm, warmStateEnabled } from '../workspace/warm.js';
import type { Capsule } from './types.js';
import type { FactOf } from '../cache/file-facts.js';

/** Workspace-relative paths of every capsule file, sorted. */
export async function listCapsuleFiles(root: string, config: SentinelConfig): Promise<string[]> {
  const globs = config.capsules.globs;
  // A warm process (MCP) walks again only when a folder the globs can reach changed (a file added, removed or renamed).
  const files = await warm(
    `capsule-files:${root}:${JSON.stringify(globs)}`,
    () =>
      foldersStamp(
        root,
        globs.map((g) => literalPrefix(g) ?? ''),
      ),
    async () => {
      // Loaded when a listing is needed: the pre-edit hook usually finds its capsule from the state alone.
      const { glob } = await import('tinyglobby');
      // Not .git nor node_modules: no capsule lives there, and the warm stamp above does not walk them.
      const ignore = [...GLOB_SKIPPED].map((name) => `**/${name}/**`);
      return (await glob(globs, { cwd: root, dot: true, onlyFiles: true, ignore })).map(toPosix).sort();
    },
  );
  return [...files];
}

/** The slug of a capsule: from its title, else from its folder name. */
export function capsuleSlug(capsule: Capsule): string {
  if (capsule.slug) return capsule.slug;
  const file = capsule.file ?? 'capsule.md';
  const dir = path.posix.basename(path.posix.dirname(file));
  return dir && dir !== '.' ? dir : path.posix.basename(file, '.md');
}

export function loadCapsuleFile(root: string, relative: string): Capsule {
  const text = readFileSync(path.join(root, relative), 'utf8');
  return parseCapsule(text, toPosix(relative));
}

/** `fact`: a gate run's per-file facts, so an unchanged capsule file is not parsed again (cache/file-facts.ts). */
export async function loadCapsules(root: string, config: SentinelConfig, fact?: FactOf): Promise<Capsule[]> {
  const files = await listCapsuleFiles(root, config);
  if (fact) {
    // A copy: the recorded capsule must stay as parsed whatever a gate does with its own.
    return files.map((file) => structuredClone(fact(file, 'capsule', (text) => parseCapsule(text, file))) ?? loadCapsuleFile(root, file));
  }
  if (!warmStateEnabled()) return files.map((file) => loadCapsuleFile(root, file));
  // Warm process: a capsule is parsed again only when its file's stat changed; callers get a copy.
  const prefix = `capsule:${root}:`;
  forgetWarmExcept(prefix, new Set(files.map((file) => prefix + file)));
  return Promise.all(
    files.map((file) =>
      warm(
        prefix + file,
        () => filesStamp([path.join(root, file)]),
        async () => loadCapsuleFile(root, file),
      ).then((capsule) => copyData(capsule)),
    ),
  );
}

/**
 * Find a capsule by path, id (`slug@hash`) or slug. Unknown references are usage errors (exit 2)
 * that list what exists.
 */
export async function findCapsule(root: string, config: SentinelConfig, ref: string): Promise<Capsule> {
  const inside = checkInside(root, ref);
  if (inside.ok && /\.md$/i.test(inside.relative)) {
    try {
      return loadCapsuleFile(root, inside.relative);
    } catch {
      throw usageError('CAPSULE_NOT_FOUND', `No capsule file at ${inside.relative}`, {
        path: inside.relative,
        fix: 'Check the path, or pass the capsule slug',
      });
    }
  }
  const capsules = await loadCapsules(root, config);
  const wanted = ref.toLowerCase();
  const match =
    capsules.find((c) => c.id?.toLowerCase() === wanted) ??
    capsules.find((c) => capsuleSlug(c).toLowerCase() === wanted) ??
    capsules.find((c) => c.file && path.posix.dirname(c.file).toLowerCase() === wanted.replace(/\/$/, ''));
  if (!match) {
    const known = capsules.map(capsuleSlug).slice(0, 20).join(', ') || 'none';
    throw usageError('CAPSULE_NOT_FOUND', `Unknown capsule "${ref}" (known: ${known})`, {
      fix: 'Pass a capsule slug, id or path; `sentinel capsule list` shows them',
    });
  }
  return match;
}
