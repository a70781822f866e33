import type { FactOf } from '../cache/file-facts.js';
import type { Capsule } from '../capsule/types.js';
import { diag, hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { isBinary } from '../secrets/text.js';
import { normalizeRelative } from '../workspace/paths.js';
import { checkAllowedContext } from './allowed.js';
import { artifactsFor, budgetFrom, budgetLevel, describeBudget, firstOverride, globMatcher, type Budget } from './budget.js';
import type { LoadedLimits } from './limits.js';
import { below, candidatesIn, isSorted } from '../workspace/glob-prefix.js';
import { isGlob, type WorkspaceView } from '../workspace/view.js';

export interface MeasuredFile {
  path: string;
  lines: number;
  maxLines: number;
  tokens?: number;
  maxTokens?: number;
  budget: Budget['source'];
  artifact?: string;
  /** Worst of the line and token levels. */
  level: 'ok' | 'warning' | 'over';
  /** Why the file was checked: it matches an artifact glob, a capsule lists it, or it is the capsule. */
  reason: 'artifact' | 'allowed-context' | 'capsule';
}

export interface ContextLintInput {
  limits: LoadedLimits;
  /** Capsules whose Allowed Context is checked (all, or the one asked for). */
  capsules: Capsule[];
  /** Every file of the workspace (POSIX, relative). */
  files: string[];
  view: WorkspaceView;
  /** Only the capsules' Allowed Context files, not every file matching an artifact glob. */
  focused: boolean;
  /** Text of a workspace file, or undefined when it cannot be read. */
  read(relative: string): string | undefined;
  /** A fact of a file's text, from a cache when the file is unchanged (default: computed from `read`). */
  fact?: FactOf;
  /** False when another gate of the run reports the CONTEXT_ALLOWED_* findings: they are then not worked out at all. */
  allowedFindings?: boolean;
  /** Loaded lazily: only called when a budget sets maxTokens. */
  tokenCounter(): Promise<(text: string) => number>;
  /** Sharded: measure only the files this shard owns, check only its capsules' entries (the rest is another shard's). */
  owns?: (relative: string) => boolean;
}

export interface ContextLintResult {
  diagnostics: Diagnostic[];
  files: MeasuredFile[];
  capsules: string[];
  limitsFile: string | null;
}

function occurrences(text: string, part: string): number {
  let count = 0;
  for (let at = text.indexOf(part); at !== -1; at = text.indexOf(part, at + part.length)) count++;
  return count;
}

/** Lines split at CRLF, CR or LF, a final separator ending the last line; counted without splitting. */
export function lineCount(text: string): number {
  if (text === '') return 0;
  const separators = occurrences(text, '\n') + (text.includes('\r') ? occurrences(text, '\r') - occurrences(text, '\r\n') : 0);
  const last = text[text.length - 1];
  return last === '\n' || last === '\r' ? separators : separators + 1;
}

/** Files an Allowed Context entry stands for: the file itself, a folder's files, a glob's matches. */
function entryExpander(files: readonly string[]): (entry: string) => string[] {
  const known = new Set(files);
  const cache = new Map<string, string[]>();
  const sorted = isSorted(files);
  return (entry) => {
    const normalized = normalizeRelative(entry);
    let found = cache.get(normalized);
    if (!found) {
      if (known.has(normalized)) found = [normalized];
      else {
        if (isGlob(normalized)) {
          const matcher = globMatcher(normalized);
          found = (sorted ? candidatesIn(files, normalized) : files).filter((f) => matcher(f));
        } else {
          found = sorted ? [...below(files, normalized)] : files.filter((f) => f.startsWith(`${normalized}/`));
        }
      }
      cache.set(normalized, found);
    }
    return found;
  };
}

const worst = (a: MeasuredFile['level'], b: MeasuredFile['level']): MeasuredFile['level'] =>
  a === 'over' || b === 'over' ? 'over' : a === 'warning' || b === 'warning' ? 'warning' : 'ok';

/**
 * Context lint: line (and token) budgets per artifact, Allowed Context entries that escape,
 * are forbidden, missing or duplicated, and files no artifact glob classifies.
 */
export async function lintContext(input: ContextLintInput): Promise<ContextLintResult> {
  const { limits: loaded, view } = input;
  const limits = loaded.limits;
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];

  // Which files to measure, and why.
  const reasons = new Map<string, MeasuredFile['reason']>();
  if (!input.focused) {
    const globs = limits.artifacts.flatMap((a) => a.globs.map(globMatcher));
    for (const file of input.files) if (globs.some((m) => m(file))) reasons.set(file, 'artifact');
  }
  const expand = entryExpander(input.files);
  const expanded = new Set<string>();
  for (const capsule of input.capsules) {
    if (capsule.file && input.focused) reasons.set(capsule.file, 'capsule');
    const own = !input.owns || input.owns(capsule.file ?? capsule.id ?? capsule.title);
    const enforce = loaded.file === undefined || (capsule.file !== undefined && artifactsFor(limits, capsule.file).some((a) => a.enforceAllowedContext));
    if (own && input.allowedFindings !== false)
      diagnostics.push(
        ...checkAllowedContext(capsule.allowedContext, view, { ...(capsule.file ? { file: capsule.file } : {}), enforce, codePrefix: 'CONTEXT_ALLOWED' }),
      );
    for (const item of capsule.allowedContext) {
      // A thousand capsules name the same folders and globs: each entry's files are added once.
      if (expanded.has(item.path) || !view.inside(item.path).ok) continue;
      expanded.add(item.path);
      for (const file of expand(item.path)) if (!reasons.has(file)) reasons.set(file, 'allowed-context');
    }
  }

  const measured: MeasuredFile[] = [];
  let count: ((text: string) => number) | undefined;
  const fact: FactOf =
    input.fact ??
    (<T>(file: string, _kind: string, compute: (text: string) => T) => {
      const text = input.read(file);
      return text === undefined ? undefined : compute(text);
    });
  for (const file of [...reasons.keys()].sort()) {
    if (input.owns && !input.owns(file)) continue;
    // -1: binary, which has no line budget. The secrets scan's test: one NUL planted in a comment
    // does not make text binary (it would switch the file's budget off).
    const lines = fact(file, 'line-count', (text) => (text.includes('\u0000') && isBinary(Buffer.from(text, 'utf8')) ? -1 : lineCount(text)));
    if (lines === undefined) continue;
    const where = { path: file };
    if (lines === -1) {
      diagnostics.push(
        diag('info', 'CONTEXT_BINARY', `${file} is binary; it has no line budget`, {
          ...where,
          fix: 'Leave binary files out of Allowed Context, or ignore this note',
        }),
      );
      continue;
    }
    const override = firstOverride(limits, file);
    const artifact = artifactsFor(limits, file)[0];
    const budget = budgetFrom(limits, override, artifact);
    const classified = artifact !== undefined || override !== undefined;
    if (!classified) {
      diagnostics.push(
        diag(
          'warning',
          'CONTEXT_UNCLASSIFIED',
          `${file} matches no artifact glob in context limits; checked against defaultMaxLines (${limits.defaultMaxLines})`,
          {
            ...where,
            fix: 'Add a glob for it to an artifact in context-limits (e.g. {"name": "source", "globs": ["src/**"]})',
          },
        ),
      );
    }
    const lineLevel = budgetLevel(lines, budget.maxLines, limits.warningThreshold);
    const row: MeasuredFile = { path: file, lines, maxLines: budget.maxLines, budget: budget.source, level: lineLevel, reason: reasons.get(file)! };
    if (budget.artifact) row.artifact = budget.artifact;
    // Described only for a finding: 20,000 files within budget need no words.
    const source = lineLevel === 'ok' && budget.maxTokens === undefined ? '' : describeBudget(budget);
    if (lineLevel === 'over') {
      diagnostics.push(
        diag('error', 'CONTEXT_OVER_BUDGET', `${file} has ${lines} lines; its budget is ${budget.maxLines} (${source})`, {
          ...where,
          line: budget.maxLines + 1,
          fix: `Split the file below ${budget.maxLines} lines, or add an override with a reason to context-limits`,
        }),
      );
    } else if (lineLevel === 'warning') {
      diagnostics.push(
        diag(
          'warning',
          'CONTEXT_NEAR_BUDGET',
          `${file} has ${lines} of ${budget.maxLines} lines (${Math.round((lines / budget.maxLines) * 100)}%, warning at ${Math.round(limits.warningThreshold * 100)}%; ${source})`,
          {
            ...where,
            fix: 'Plan a split before the file outgrows its budget',
          },
        ),
      );
    }
    if (budget.maxTokens !== undefined) {
      const counter = (count ??= await input.tokenCounter());
      const tokens = fact(file, 'tokens-o200k', counter);
      if (tokens === undefined) continue;
      const tokenLevel = budgetLevel(tokens, budget.maxTokens, limits.warningThreshold);
      row.tokens = tokens;
      row.maxTokens = budget.maxTokens;
      row.level = worst(row.level, tokenLevel);
      if (tokenLevel === 'over') {
        diagnostics.push(
          diag('error', 'CONTEXT_OVER_TOKENS', `${file} has ${tokens} tokens; its budget is ${budget.maxTokens} (${source})`, {
            ...where,
            fix: 'Shorten or split the file, or raise maxTokens with a reason',
          }),
        );
      } else if (tokenLevel === 'warning') {
        diagnostics.push(
          diag('warning', 'CONTEXT_NEAR_TOKENS', `${file} has ${tokens} of ${budget.maxTokens} tokens`, {
            ...where,
            fix: 'Plan a split before the file outgrows its token budget',
          }),
        );
      }
    }
    measured.push(row);
  }
  return {
    diagnostics: sortDiagnostics(diagnostics),
    files: measured,
    capsules: input.capsules.map((c) => c.id ?? c.file ?? c.title),
    limitsFile: loaded.file ?? null,
  };
}

export function lintStatus(result: ContextLintResult, strict: boolean): 'ok' | 'fail' | 'pending' {
  if (hasErrors(result.diagnostics) || (strict && result.diagnostics.some((d) => d.severity === 'warning'))) return 'fail';
  if (result.files.length === 0 && result.capsules.length === 0) return 'pending';
  return 'ok';
}
