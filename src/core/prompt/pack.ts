import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { forbiddenBy } from '../context/allowed.js';
import { createRedactor } from '../secrets/redact.js';
import { checkInside, toPosix } from '../workspace/paths.js';
import { resolvedTarget } from '../workspace/resolved.js';
import { normalizeText } from '../workspace/fs.js';
import type { TokenCounter } from '../tokens/count.js';

export type OmitReason = 'over budget' | 'missing' | 'binary' | 'outside workspace' | 'forbidden';

export interface PackFile {
  path: string;
  /** Normalised text; absent when the file cannot be inlined (see reason). */
  text?: string;
  reason?: OmitReason;
}

export interface Packed {
  path: string;
  tokens: number;
}

export interface Omitted {
  path: string;
  tokens: number;
  reason: OmitReason;
}

interface PackResult {
  prompt: string;
  tokens: number;
  packed: Packed[];
  omitted: Omitted[];
}

const IGNORE = ['**/node_modules/**', '**/.git/**'];

/**
 * Expand Allowed Context entries into files, in capsule order; a folder or glob expands to its
 * files sorted by path; a file listed twice is read once. Files matching `forbidden` (the context
 * limits' forbiddenPaths, e.g. `.env`) are never read.
 */
export async function expandContext(root: string, entries: readonly string[], forbidden: readonly string[] = []): Promise<PackFile[]> {
  const out: PackFile[] = [];
  const seen = new Set<string>();
  const isForbidden = (file: string) => forbiddenBy(file, forbidden) !== undefined;
  const add = (file: PackFile) => {
    if (seen.has(file.path)) return;
    seen.add(file.path);
    out.push(file);
  };
  for (const entry of entries) {
    const inside = checkInside(root, entry.replace(/^\/+/, ''));
    if (!inside.ok) {
      add({ path: entry, reason: 'outside workspace' });
      continue;
    }
    let matches: string[];
    if (isDynamicPattern(inside.relative)) {
      matches = await glob(inside.relative, { cwd: root, dot: true, onlyFiles: true, ignore: IGNORE });
    } else {
      let stat;
      try {
        stat = statSync(inside.absolute);
      } catch {
        add({ path: inside.relative, reason: 'missing' });
        continue;
      }
      matches = stat.isDirectory() ? await glob(`${inside.relative}/**`, { cwd: root, dot: true, onlyFiles: true, ignore: IGNORE }) : [inside.relative];
    }
    if (matches.length === 0) add({ path: inside.relative, reason: 'missing' });
    for (const match of matches.map(toPosix).sort()) add(readPackFile(root, match, isForbidden));
  }
  return out;
}

const redactor = createRedactor();

function readPackFile(root: string, relative: string, forbidden: (file: string) => boolean): PackFile {
  if (forbidden(relative)) return { path: relative, reason: 'forbidden' };
  const inside = checkInside(root, relative);
  if (!inside.ok) return { path: relative, reason: 'outside workspace' };
  // A symlink is judged by its target: `src/envalias.txt -> ../.env` is as forbidden as `.env`.
  const target = resolvedTarget(root, inside.relative);
  if (target !== undefined && forbidden(target)) return { path: relative, reason: 'forbidden' };
  const bytes = readFileSync(inside.absolute);
  if (bytes.includes(0)) return { path: relative, reason: 'binary' };
  // Packed content reaches the agent's prompt: secrets in it are masked like every other output.
  return { path: relative, text: redactor.text(normalizeText(bytes.toString('utf8'))) };
}

const LANGUAGES: Record<string, string> = {
  ts: 'ts',
  tsx: 'tsx',
  js: 'js',
  mjs: 'js',
  cjs: 'js',
  jsx: 'jsx',
  json: 'json',
  md: 'md',
  py: 'python',
  sql: 'sql',
  yaml: 'yaml',
  yml: 'yaml',
  sh: 'sh',
  go: 'go',
  rs: 'rust',
  toml: 'toml',
  css: 'css',
  html: 'html',
};

/** A fenced block whose fence is longer than any backtick run inside, so nothing breaks out. */
export function fenced(text: string, language = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${text.endsWith('\n') ? text : `${text}\n`}${fence}\n`;
}

/** One file as a heading and a fenced block. */
export function fileBlock(file: string, text: string): string {
  return `### ${file}\n\n${fenced(text, LANGUAGES[path.posix.extname(file).slice(1).toLowerCase()] ?? '')}`;
}

/**
 * Fill the prompt with whole files until the budget (tokens of the entire rendered prompt) is
 * spent. A file either fits whole or is listed as omitted; nothing is ever cut.
 */
export function packWithinBudget(
  files: readonly PackFile[],
  budget: number,
  render: (blocks: string, omitted: readonly Omitted[]) => string,
  count: TokenCounter,
): PackResult {
  const omitted: Omitted[] = [];
  const chosen: { path: string; block: string; tokens: number }[] = [];
  let remaining = budget - count(render('', []));
  for (const file of files) {
    if (file.text === undefined) {
      omitted.push({ path: file.path, tokens: 0, reason: file.reason ?? 'missing' });
      continue;
    }
    const block = fileBlock(file.path, file.text);
    const tokens = count(block);
    // +1 for the blank line joining blocks.
    if (tokens + 1 <= remaining) {
      chosen.push({ path: file.path, block, tokens });
      remaining -= tokens + 1;
    } else {
      omitted.push({ path: file.path, tokens, reason: 'over budget' });
    }
  }
  const order = new Map(files.map((f, i) => [f.path, i]));
  const byOrder = (a: Omitted, b: Omitted) => order.get(a.path)! - order.get(b.path)!;
  const renderNow = () => render(chosen.map((c) => c.block).join('\n'), omitted.sort(byOrder));
  // Tokens do not add up exactly across block boundaries, and the omitted list costs tokens too:
  // re-count the whole prompt and drop files from the end until it fits.
  let prompt = renderNow();
  let tokens = count(prompt);
  while (tokens > budget && chosen.length > 0) {
    const dropped = chosen.pop()!;
    omitted.push({ path: dropped.path, tokens: dropped.tokens, reason: 'over budget' });
    prompt = renderNow();
    tokens = count(prompt);
  }
  return { prompt, tokens, packed: chosen.map((c) => ({ path: c.path, tokens: c.tokens })), omitted };
}
