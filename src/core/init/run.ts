import { lstatSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { error, type Diagnostic } from '../diagnostics.js';
import { DEFAULT_CONFIG, type SentinelConfig } from '../workspace/config-types.js';
import { CONFIG_PATH, loadConfig } from '../workspace/config.js';
import { exists, readTextIfExists, writeFileAtomic } from '../workspace/fs.js';
import { withWorkspaceLock } from '../workspace/lock.js';
import { assetsDir } from '../workspace/package-dir.js';
import { checkInside } from '../workspace/paths.js';
import { detectProject, type ProjectFacts } from './detect.js';
import { SENTINEL_DIR } from '../workspace/layout.js';
import {
  assetRelative,
  destinationFor,
  joinRoot,
  planInit,
  renderConfig,
  summarize,
  type Existing,
  type InitFilePlan,
  type InitOptions,
  type InitSource,
  type InitSummary,
} from './plan.js';

export interface InitReport {
  root: string;
  dryRun: boolean;
  force: boolean;
  files: InitFilePlan[];
  summary: InitSummary;
  project: ProjectFacts;
  diagnostics: Diagnostic[];
}

function listFiles(dir: string): string[] {
  if (!exists(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else if (entry.isFile()) out.push(full);
  }
  return out.sort();
}

/** Everything init ships: the roster, templates and the init assets, mapped to destinations. */
function collectInitSources(config: SentinelConfig, facts: ProjectFacts, assets = assetsDir()): InitSource[] {
  const sources: InitSource[] = [];
  for (const group of ['agents', 'templates', 'init'] as const) {
    const base = path.join(assets, group);
    for (const file of listFiles(base)) {
      const rel = assetRelative(base, file);
      const content = readFileSync(file, 'utf8');
      const to = destinationFor(group, rel, config);
      sources.push({
        path: to,
        source: to === CONFIG_PATH ? `assets/init/${rel} + detected commands` : `assets/${group}/${rel}`,
        content: to === CONFIG_PATH ? renderConfig(content, facts) : content,
      });
    }
  }
  return sources;
}

function subfolders(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

function existingAt(root: string, relative: string): Existing {
  const file = joinRoot(root, relative);
  let stat;
  try {
    stat = lstatSync(file);
  } catch {
    return { kind: 'missing' };
  }
  if (stat.isSymbolicLink()) return { kind: 'other', what: 'a symbolic link' };
  if (!stat.isFile()) return { kind: 'other', what: stat.isDirectory() ? 'a directory' : 'a special file' };
  return { kind: 'file', text: readFileSync(file, 'utf8') };
}

/**
 * Scaffold Sentinel into `root`. Honours paths from an existing `.sentinel/config.json`, never
 * overwrites a differing file without --force, and backs up before replacing.
 */
export async function runInit(root: string, options: InitOptions): Promise<InitReport> {
  const config = readTextIfExists(path.join(root, ...CONFIG_PATH.split('/'))) === undefined ? structuredClone(DEFAULT_CONFIG) : loadConfig(root);
  const facts = detectProject(
    (rel) => readTextIfExists(joinRoot(root, rel)),
    (rel) => subfolders(joinRoot(root, rel)),
  );
  const sources = collectInitSources(config, facts);
  const diagnostics: Diagnostic[] = [];
  const safe = sources.filter((source) => {
    const inside = checkInside(root, source.path);
    if (!inside.ok) {
      diagnostics.push(
        error('INIT_PATH_OUTSIDE_ROOT', `Refusing to write ${source.path}: ${inside.message}`, {
          path: CONFIG_PATH,
          fix: 'Point the paths in .sentinel/config.json inside the workspace',
        }),
      );
    }
    return inside.ok;
  });
  const plan = () =>
    planInit(
      safe,
      (rel) => existingAt(root, rel),
      (rel) => exists(joinRoot(root, rel)),
      options,
    );
  let files: InitFilePlan[];
  if (options.dryRun) {
    files = plan();
  } else {
    mkdirSync(path.join(root, SENTINEL_DIR), { recursive: true });
    files = await withWorkspaceLock(root, path.join(root, SENTINEL_DIR, 'init'), () => {
      const planned = plan();
      const byPath = new Map(safe.map((s) => [s.path, s]));
      for (const file of planned) {
        if (file.action !== 'created' && file.action !== 'replaced') continue;
        const target = joinRoot(root, file.path);
        if (file.backup) writeFileAtomic(joinRoot(root, file.backup), readFileSync(target));
        writeFileAtomic(target, byPath.get(file.path)!.content);
      }
      return planned;
    });
  }
  for (const file of files) {
    if (file.action === 'conflict') {
      diagnostics.push(
        error('INIT_PATH_CONFLICT', `${file.path}: ${file.note}`, { path: file.path, fix: 'Move it out of the way, then run `sentinel init` again' }),
      );
    }
  }
  return { root, dryRun: options.dryRun, force: options.force, files, summary: summarize(files), project: facts, diagnostics };
}
