import { readdirSync } from 'node:fs';
import path from 'node:path';
import { readTextIfExists } from './fs.js';

/**
 * Where the referee's own settings files (roster, context limits, secrets allowlist) are read
 * from: the working tree for everyday commands, the recorded base for `capsule done` and
 * `sentinel verify`, so a lead cannot loosen the rules it is judged by in its own working tree.
 */
export interface SettingsSource {
  /** 'working tree', or where else the files come from (e.g. "base 1a2b3c4d5e6f"). */
  readonly origin: string;
  /** Text of a root-relative POSIX file, undefined when it does not exist there. */
  read(relative: string): string | undefined;
  /** Names of the direct sub-folders of a root-relative folder, sorted. */
  folders(relative: string): string[];
}

const clean = (p: string): string => path.posix.normalize(p.replace(/\\/g, '/')).replace(/^\.\//, '').replace(/\/+$/, '');

export function diskSettings(root: string): SettingsSource {
  return {
    origin: 'working tree',
    read: (relative) => readTextIfExists(path.join(root, ...clean(relative).split('/'))),
    folders(relative) {
      try {
        return readdirSync(path.join(root, clean(relative)), { withFileTypes: true })
          .filter((d) => d.isDirectory())
          .map((d) => d.name)
          .sort();
      } catch {
        return [];
      }
    },
  };
}

/** diskSettings that first reports the absolute path of each file it reads and folder it lists (warm.ts's warmTracked). */
export function trackedSettings(root: string, track: (absolute: string) => void): SettingsSource {
  const disk = diskSettings(root);
  return {
    origin: disk.origin,
    read(relative) {
      track(path.join(root, ...clean(relative).split('/')));
      return disk.read(relative);
    },
    folders(relative) {
      track(path.join(root, clean(relative)));
      return disk.folders(relative);
    },
  };
}

const under = (file: string, roots: readonly string[]) => roots.some((r) => file === r || file.startsWith(`${r}/`));

/**
 * A source over files already read (e.g. from a commit): paths are root-relative POSIX. Under
 * `roots` (the folders and files that were read) a missing file is missing; anything else, such as
 * a prompt file kept outside the agents folder, comes from `fallback`.
 */
export function mapSettings(origin: string, files: ReadonlyMap<string, string>, roots: readonly string[], fallback: SettingsSource): SettingsSource {
  const kept = roots.map(clean);
  return {
    origin,
    read: (relative) => (under(clean(relative), kept) ? files.get(clean(relative)) : fallback.read(relative)),
    folders(relative) {
      if (!under(clean(relative), kept)) return fallback.folders(relative);
      const prefix = `${clean(relative)}/`;
      const out = new Set<string>();
      for (const file of files.keys()) {
        if (!file.startsWith(prefix)) continue;
        const rest = file.slice(prefix.length);
        const slash = rest.indexOf('/');
        if (slash > 0) out.add(rest.slice(0, slash));
      }
      return [...out].sort();
    },
  };
}

/** A reader of absolute paths under root over a source (for loaders that take absolute paths). */
export function absoluteReader(root: string, source: SettingsSource): (absolute: string) => string | undefined {
  return (absolute) => source.read(path.relative(root, absolute).split(path.sep).join('/'));
}
