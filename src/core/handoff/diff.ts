import path from 'node:path';
import { changedFiles, git, showFile, type ChangedFile } from '../git/git.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { readTextIfExists } from '../workspace/fs.js';
import { isBookkeeping } from '../workspace/layout.js';
import type { AddedLine, DiffFacts } from './suggest.js';

const MAX_FILE_BYTES = 1_000_000;

/** Parse `git diff -U0` output into added lines (with new line numbers) and removed lines per file. */
export function parseUnifiedDiff(text: string): { added: Record<string, AddedLine[]>; removed: Record<string, string[]> } {
  const added: Record<string, AddedLine[]> = {};
  const removed: Record<string, string[]> = {};
  let file: string | undefined;
  let next = 0;
  for (const raw of text.split('\n')) {
    if (raw.startsWith('+++ ')) {
      const target = raw.slice(4).trim();
      file = target === '/dev/null' ? undefined : target.replace(/^b\//, '');
      continue;
    }
    if (raw.startsWith('--- ') || raw.startsWith('diff --git') || raw.startsWith('index ')) continue;
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(raw);
    if (hunk) {
      next = Number(hunk[1]);
      continue;
    }
    if (!file) continue;
    if (raw.startsWith('+')) (added[file] ??= []).push({ line: next++, text: raw.slice(1) });
    else if (raw.startsWith('-')) (removed[file] ??= []).push(raw.slice(1));
  }
  return { added, removed };
}

type Scripts = Record<string, string>;

function scriptsOf(text: string | undefined): Scripts {
  if (!text) return {};
  try {
    const scripts = (JSON.parse(text) as { scripts?: unknown }).scripts;
    return scripts && typeof scripts === 'object' ? (Object.fromEntries(Object.entries(scripts).filter(([, v]) => typeof v === 'string')) as Scripts) : {};
  } catch {
    return {};
  }
}

/** package.json scripts that are new, or whose command changed, between two versions. */
export function changedScripts(file: string, before: string | undefined, after: string | undefined): DiffFacts['scripts'] {
  const old = scriptsOf(before);
  return Object.entries(scriptsOf(after))
    .filter(([name, command]) => old[name] !== command)
    .map(([name, command]) => ({ file, name, command, change: name in old ? ('changed' as const) : ('added' as const) }));
}

/** The capsule's diff since base: changed files, added/removed lines, changed package scripts. */
export async function readDiffFacts(root: string, config: SentinelConfig, base: string): Promise<DiffFacts> {
  const files: ChangedFile[] = (await changedFiles(root, base)).filter((f) => !isBookkeeping(config, f.path));
  const tracked = files.filter((f) => f.status !== 'untracked' && f.status !== 'deleted').map((f) => f.path);
  const parsed = tracked.length
    ? parseUnifiedDiff((await git(root, ['diff', '--relative', '--no-color', '--no-ext-diff', '-U0', '-M', base, '--', ...tracked])).stdout)
    : { added: {}, removed: {} };
  for (const f of files.filter((x) => x.status === 'untracked')) {
    const text = readTextIfExists(path.join(root, f.path));
    if (text === undefined || text.length > MAX_FILE_BYTES || text.includes('\0')) continue;
    parsed.added[f.path] = text.split(/\r?\n/).map((line, i) => ({ line: i + 1, text: line }));
  }
  const scripts: DiffFacts['scripts'] = [];
  for (const f of files.filter((x) => path.posix.basename(x.path) === 'package.json' && x.status !== 'deleted')) {
    const before = f.status === 'untracked' || f.status === 'added' ? undefined : await showFile(root, base, f.oldPath ?? f.path);
    scripts.push(...changedScripts(f.path, before, readTextIfExists(path.join(root, f.path))));
  }
  return { files, added: parsed.added, removed: parsed.removed, scripts };
}
