import { closeSync, lstatSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { commonDirOf, isGitDirectory } from './git-dir.js';

/**
 * What `git cat-file --batch-check` answers for `REF^{commit}`, read from the .git files instead of
 * spawning git (the stop hook's cache lookup is a hot path). Exact for the common layouts only: a
 * `.git` folder or a `.git` file with `gitdir:` (linked worktree, submodule), loose refs,
 * packed-refs, symbolic refs, a detached HEAD, and refs that point at a commit stored loose or in a
 * version-2 pack index. Anything else returns undefined and the caller asks git: environment that
 * moves the repository, any `[extensions]` (reftable, sha256, worktree config), replace refs, a
 * name git could also read from a top-level file, a broken or symlinked ref, an object not found,
 * not a commit, or stored as a delta.
 */
export function commitsFromFiles(root: string, refs: readonly string[]): (string | undefined)[] | undefined {
  return refStateFromFiles(root, refs).commits;
}

/**
 * The refs' commits (as commitsFromFiles) and what, besides them, decides the merge base git finds
 * between them: the shallow boundary (`shallow`: a deepened or unshallowed clone finds a base it
 * could not before) and grafts (`info/grafts`), as their text ('' when absent). One reading of the
 * repository's files (packed-refs among them) for both: the stop hook's key and the contracts memo
 * need both. Either is undefined where it cannot be read exactly; the caller asks git for that one.
 */
export function refStateFromFiles(root: string, refs: readonly string[]): { commits?: (string | undefined)[]; history?: string } {
  const repo = openedOrUndefined(root);
  if (!repo) return {};
  const state: { commits?: (string | undefined)[]; history?: string } = {};
  try {
    state.commits = refs.map((ref) => {
      const oid = ref === 'HEAD' ? resolveFull(repo, 'HEAD', 0) : dwim(repo, ref);
      return oid === undefined ? undefined : commitOrThrow(repo, oid);
    });
  } catch {
    /* a ref this reader cannot follow exactly: git answers */
  }
  try {
    state.history = readHistory([path.join(repo.commonDir, 'shallow'), path.join(repo.commonDir, 'info', 'grafts')]);
  } catch {
    /* unreadable: git answers */
  }
  return state;
}

/** The history text (refStateFromFiles) from the shallow and grafts files named (git's `rev-parse --git-path` where the layout is unusual); throws when one cannot be read. */
export function readHistory(files: readonly string[]): string {
  return files
    .map((file) => {
      try {
        return readFileSync(file, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
        throw err;
      }
    })
    .join('\0');
}

function openedOrUndefined(root: string): Repo | undefined {
  try {
    return openRepo(root);
  } catch {
    return undefined;
  }
}

/** Thrown for anything this reader does not handle exactly; the caller falls back to git. */
class Unusual extends Error {}

interface Repo {
  /** The per-worktree git dir (HEAD). */
  gitDir: string;
  /** Where refs, packed-refs and objects live. */
  commonDir: string;
  packed: Map<string, string> | undefined;
}

/** Variables that move the repository, its objects or refs, or what git reads as config. */
const GIT_ENV = [
  'GIT_DIR',
  'GIT_COMMON_DIR',
  'GIT_WORK_TREE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_NAMESPACE',
  'GIT_REPLACE_REF_BASE',
  'GIT_NO_REPLACE_OBJECTS',
  'GIT_CEILING_DIRECTORIES',
  'GIT_DISCOVERY_ACROSS_FILESYSTEM',
  'GIT_CONFIG_PARAMETERS',
  'GIT_CONFIG_COUNT',
];

const OID = /^[0-9a-f]{40}$/;

function openRepo(root: string): Repo | undefined {
  if (GIT_ENV.some((name) => process.env[name] !== undefined)) return undefined;
  const dotGit = path.join(root, '.git');
  let gitDir = dotGit;
  if (statSync(dotGit).isFile()) {
    const match = /^gitdir: (.+)\n?$/.exec(readFileSync(dotGit, 'utf8'));
    if (!match) return undefined;
    gitDir = path.resolve(root, match[1]!);
  }
  const commonDir = commonDirOf(gitDir);
  // A `.git` folder git does not take as a repository: git uses a parent folder's, not these files.
  if (!isGitDirectory(gitDir, commonDir)) return undefined;
  // Extensions change how refs (reftable) or objects (sha256) are stored, or what config applies.
  if (/^\s*\[\s*extensions\b/im.test(readFileSync(path.join(commonDir, 'config'), 'utf8'))) return undefined;
  const repo: Repo = { gitDir, commonDir, packed: readPacked(commonDir) };
  if ([...(repo.packed?.keys() ?? [])].some((ref) => ref.startsWith('refs/replace/'))) return undefined;
  if (listDir(path.join(commonDir, 'refs', 'replace')).length > 0) return undefined;
  return repo;
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** packed-refs as ref -> object id; undefined when there is none. Peeled (^) lines are skipped. */
function readPacked(commonDir: string): Map<string, string> | undefined {
  let text: string;
  try {
    text = readFileSync(path.join(commonDir, 'packed-refs'), 'utf8');
  } catch {
    return undefined;
  }
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#') || line.startsWith('^')) continue;
    const match = /^([0-9a-f]{40}) (refs\/\S+)$/.exec(line);
    if (!match) throw new Unusual(`packed-refs line: ${line}`);
    out.set(match[2]!, match[1]!);
  }
  return out;
}

/** git's rules for a short name (`git help revisions`): the first that resolves wins. */
function dwim(repo: Repo, name: string): string | undefined {
  // Plain ref names only: no revision syntax (~ ^ @ :), and nothing git could read as an object id.
  if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(name) || name.includes('..') || name.endsWith('.lock') || /^[0-9a-f]{4,}$/i.test(name)) throw new Unusual(name);
  // `<name>` itself as a file at the top of the git dir: unusual for these names, let git decide.
  if (exists(path.join(repo.gitDir, name)) || exists(path.join(repo.commonDir, name))) throw new Unusual(name);
  for (const full of [`refs/${name}`, `refs/tags/${name}`, `refs/heads/${name}`, `refs/remotes/${name}`, `refs/remotes/${name}/HEAD`]) {
    const oid = resolveFull(repo, full, 0);
    if (oid !== undefined) return oid;
  }
  return undefined;
}

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}

/** A full ref's object id, following symbolic refs; undefined when it (or its target) does not exist. */
function resolveFull(repo: Repo, ref: string, depth: number): string | undefined {
  if (depth > 5) throw new Unusual(`symref chain at ${ref}`);
  if (ref !== 'HEAD' && (!ref.startsWith('refs/') || /^refs\/(worktree|bisect|rewritten)\//.test(ref))) throw new Unusual(ref);
  const file = path.join(ref === 'HEAD' ? repo.gitDir : repo.commonDir, ref);
  let text: string | undefined;
  try {
    // git reads a symlinked ref's link as the name of another ref, not as a path: let git answer.
    if (lstatSync(file).isSymbolicLink()) throw new Unusual(`symlinked ref ${ref}`);
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof Unusual) throw err;
    // A folder (refs/heads/x/ when asking for refs/heads/x) is no ref; anything else but absence is unusual.
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'EISDIR' && code !== 'ENOTDIR') throw err;
  }
  if (text !== undefined) {
    const symbolic = /^ref: (\S+)\n?$/.exec(text);
    if (symbolic) return resolveFull(repo, symbolic[1]!, depth + 1);
    const direct = /^([0-9a-f]{40})\n?$/.exec(text);
    if (!direct) throw new Unusual(`ref file ${ref}`);
    return direct[1];
  }
  return ref === 'HEAD' ? undefined : repo.packed?.get(ref);
}

/** The object id when it is a commit git can read; throws (fall back to git) when that cannot be told exactly. */
function commitOrThrow(repo: Repo, oid: string): string {
  if (!OID.test(oid)) throw new Unusual(oid);
  const objects = path.join(repo.commonDir, 'objects');
  let loose: Buffer | undefined;
  try {
    loose = readFileSync(path.join(objects, oid.slice(0, 2), oid.slice(2)));
  } catch {
    /* not loose: look in the packs */
  }
  const type = loose ? looseType(loose) : packedType(path.join(objects, 'pack'), oid);
  if (type !== 'commit') throw new Unusual(`${oid} is ${type ?? 'not found'}`);
  return oid;
}

/** The type in a loose object's header (`commit 245\0…`). */
function looseType(deflated: Buffer): string {
  const header = inflateSync(deflated).subarray(0, 32).toString('latin1');
  return /^(\w+) /.exec(header)?.[1] ?? 'unknown';
}

const PACK_TYPES = ['none', 'commit', 'tree', 'blob', 'tag', 'reserved', 'ofs-delta', 'ref-delta'];

/** The object's type from the first pack whose version-2 index holds it; undefined when none does. */
function packedType(packDir: string, oid: string): string | undefined {
  const want = Buffer.from(oid, 'hex');
  for (const name of listDir(packDir)) {
    if (!name.endsWith('.idx')) continue;
    const pack = path.join(packDir, name.replace(/\.idx$/, '.pack'));
    const offset = indexOffset(path.join(packDir, name), want);
    if (offset === undefined) continue;
    const fd = openSync(pack, 'r');
    try {
      const first = Buffer.alloc(1);
      readSync(fd, first, 0, 1, offset);
      return PACK_TYPES[(first[0]! >> 4) & 7];
    } finally {
      closeSync(fd);
    }
  }
  return undefined;
}

/** Binary search of a version-2 .idx for the object; its offset in the pack, or undefined. */
function indexOffset(idx: string, want: Buffer): number | undefined {
  const fd = openSync(idx, 'r');
  try {
    const read = (position: number, length: number): Buffer => {
      const buf = Buffer.alloc(length);
      if (readSync(fd, buf, 0, length, position) !== length) throw new Unusual(`short read in ${idx}`);
      return buf;
    };
    const header = read(0, 8 + 256 * 4);
    if (header.readUInt32BE(0) !== 0xff744f63 || header.readUInt32BE(4) !== 2) throw new Unusual(`index version in ${idx}`);
    const byte = want[0]!;
    let lo = byte === 0 ? 0 : header.readUInt32BE(8 + (byte - 1) * 4);
    let hi = header.readUInt32BE(8 + byte * 4);
    const count = header.readUInt32BE(8 + 255 * 4);
    const names = 8 + 256 * 4;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const cmp = read(names + mid * 20, 20).compare(want);
      if (cmp === 0) {
        // Names, then a CRC32 per object, then a 4-byte offset per object (high bit: a large offset).
        const offset = read(names + count * 24 + mid * 4, 4).readUInt32BE(0);
        if (offset & 0x80000000) throw new Unusual(`large pack offset in ${idx}`);
        return offset;
      }
      if (cmp < 0) lo = mid + 1;
      else hi = mid;
    }
    return undefined;
  } finally {
    closeSync(fd);
  }
}
