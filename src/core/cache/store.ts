import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../workspace/fs.js';

/** Bumped whenever the shape of a cached record changes: older caches are then left unread and removed. */
export const CACHE_SCHEMA = 2;

/** Past this size a namespace keeps only its newest records (see `set`). */
const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

interface CacheOptions {
  /** Absolute folder of the workspace's cache (layoutOf(config).cacheDir under the root). */
  dir: string;
  /** Sentinel's version: part of the folder name and of every record's signature. */
  version: string;
  /** A key kept outside the workspace (see secret.ts); records are signed with it. */
  secret: Buffer;
  maxBytes?: number;
}

/**
 * A namespace of records (key → JSON value), one signed file per namespace. A file that does not
 * parse, belongs to another version or carries a wrong signature is ignored and removed: an agent
 * can write into the workspace, so nothing is trusted because it sits in the cache folder.
 */
export interface CacheNamespace<T> {
  get(key: string): T | undefined;
  /** Keys in insertion order, oldest first. */
  keys(): string[];
  set(key: string, value: T): void;
  delete(key: string): void;
  /** Write the namespace back (atomic) when it changed, newest records first within the size bound. */
  save(): void;
}

interface NamespaceOptions {
  /** This namespace's size bound instead of the cache's. */
  maxBytes?: number;
}

export interface Cache {
  readonly dir: string;
  namespace<T>(name: string, options?: NamespaceOptions): CacheNamespace<T>;
}

const signature = (secret: Buffer, namespace: string, version: string, records: string): string =>
  createHmac('sha256', secret).update(`sentinel-cache\x00${CACHE_SCHEMA}\x00${version}\x00${namespace}\x00${records}`).digest('hex');

function sameMac(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** The folder of this schema and version; the folders of other versions are removed (bounded size). */
function versionDir(dir: string, version: string): string {
  const name = `v${CACHE_SCHEMA}-${version.replace(/[^A-Za-z0-9._-]/g, '_')}`;
  try {
    for (const entry of readdirSync(dir)) {
      if (entry !== name && entry !== '.gitignore') rmSync(path.join(dir, entry), { recursive: true, force: true });
    }
  } catch {
    /* no cache folder yet */
  }
  return path.join(dir, name);
}

/** Open the cache; nothing is read until a namespace is. */
export function openCache(options: CacheOptions): Cache {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let folder: string | undefined;
  const here = () => (folder ??= versionDir(options.dir, options.version));
  // Checked once per opened cache, not on every save (a run saves a dozen namespaces).
  let ignored = false;
  return {
    dir: options.dir,
    namespace<T>(name: string, own: NamespaceOptions = {}): CacheNamespace<T> {
      const bound = own.maxBytes ?? maxBytes;
      if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`bad cache namespace "${name}"`);
      const file = () => path.join(here(), `${name}.json`);
      const records = new Map<string, T>(load<T>(file(), name, options));
      let dirty = false;
      return {
        get: (key) => records.get(key),
        keys: () => [...records.keys()],
        set(key, value) {
          records.delete(key);
          records.set(key, value);
          dirty = true;
        },
        delete(key) {
          dirty = records.delete(key) || dirty;
        },
        save() {
          if (!dirty) return;
          dirty = false;
          // Newest first until the bound: an entry too large for the bound is not kept at all.
          // Each record is serialised once: its text both measures it and goes into the file.
          const kept: string[] = [];
          let bytes = 0;
          for (const entry of [...records].reverse()) {
            const json = JSON.stringify(entry);
            if (bytes + json.length + 1 > bound) continue;
            bytes += json.length + 1;
            kept.push(json);
          }
          const text = `[${kept.reverse().join(',')}]`;
          const head = { schema: CACHE_SCHEMA, version: options.version, namespace: name };
          const mac = signature(options.secret, name, options.version, text);
          if (!ignored) ensureIgnored(options.dir);
          ignored = true;
          // {schema, version, namespace, records, mac}, spliced so the records are not serialised twice (see STORED).
          writeFileAtomic(file(), `${JSON.stringify(head).slice(0, -1)},"records":${text},"mac":"${mac}"}`);
        },
      };
    },
  };
}

/** The file as `save` writes it: the signed records text is sliced out, so it is neither parsed nor serialised twice. */
const STORED = /^\{"schema":(\d+),"version":("(?:[^"\\]|\\.)*"),"namespace":"([a-z0-9-]+)","records":([\s\S]*),"mac":"([0-9a-f]{64})"\}$/;

function load<T>(file: string, namespace: string, options: CacheOptions): [string, T][] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  try {
    const stored = STORED.exec(text);
    if (!stored || Number(stored[1]) !== CACHE_SCHEMA || JSON.parse(stored[2]!) !== options.version || stored[3] !== namespace) throw new Error('foreign');
    const records = stored[4]!;
    if (!sameMac(stored[5]!, signature(options.secret, namespace, options.version, records))) throw new Error('forged');
    const parsed: unknown = JSON.parse(records);
    if (!Array.isArray(parsed)) throw new Error('foreign');
    return parsed as [string, T][];
  } catch {
    // Corrupted, forged or foreign: never trusted, and removed so it costs nothing next time.
    rmSync(file, { force: true });
    return [];
  }
}

/** The cache folder ignores itself in git, like .pytest_cache: nothing to add to the user's .gitignore. */
function ensureIgnored(dir: string): void {
  const file = path.join(dir, '.gitignore');
  try {
    readFileSync(file);
  } catch {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, '# Sentinel cache: safe to delete, never committed.\n*\n');
  }
}
