import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { capsuleSlug } from '../capsule/discover.js';
import { error, info, type Diagnostic } from '../diagnostics.js';
import { readFilesAt } from '../contracts/git-batch.js';
import { parseLedger } from '../ledger/parse.js';
import type { LedgerEntry } from '../ledger/types.js';
import { readState } from '../state/state.js';
import { decisionNaming, type Allowance } from '../tamper/allowance.js';
import { detectTamper, isTamperRelevant, type TamperChange, type TamperFinding, type TamperKind, type TamperPaths } from '../tamper/detect.js';
import { importedPaths, readsPackage, withReexports } from '../tamper/neighbours.js';
import type { ChangedFile } from '../git/git.js';
import { readTextIfExists } from '../workspace/fs.js';
import { walkWorkspace } from '../workspace/ignore.js';
import { normalizeRelative } from '../workspace/paths.js';
import { activeCapsule } from './scope.js';
import type { Gate, GateInputs } from './types.js';

export const TAMPER_CODES: Record<TamperKind, string> = {
  'sentinel-deleted': 'TAMPER_SENTINEL_DELETED',
  'fixture-deleted': 'TAMPER_FIXTURE_DELETED',
  'fixture-reclassified': 'TAMPER_FIXTURE_RECLASSIFIED',
  'marker-added': 'TAMPER_TEST_SKIPPED',
  'assertions-removed': 'TAMPER_ASSERTIONS_REMOVED',
  'tests-removed': 'TAMPER_TESTS_REMOVED',
  'unreachable-assertion': 'TAMPER_UNREACHABLE_ASSERTION',
  'swallowed-assertion': 'TAMPER_SWALLOWED_ASSERTION',
  'inverted-assertion': 'TAMPER_INVERTED_ASSERTION',
  tautology: 'TAMPER_TAUTOLOGY',
  'process-exit': 'TAMPER_PROCESS_EXIT',
  'assert-reassigned': 'TAMPER_ASSERT_REASSIGNED',
  'module-mocked': 'TAMPER_MODULE_MOCKED',
  'assertion-conditional': 'TAMPER_ASSERTION_CONDITIONAL',
  'assertion-vague': 'TAMPER_ASSERTION_VAGUE',
  unparseable: 'TAMPER_TEST_UNREADABLE',
};

const VERIFIER_ROUTE = 'only a Verifier-led capsule may do this, with a ledger decision naming the file (`sentinel decide --outputs <file>`)';

function fixFor(finding: TamperFinding, base: string): string {
  const short = base.slice(0, 7);
  switch (finding.kind) {
    case 'sentinel-deleted':
    case 'fixture-deleted':
      return `Restore it (git checkout ${short} -- ${finding.path}); ${VERIFIER_ROUTE}`;
    case 'fixture-reclassified':
      return `Move it back; ${VERIFIER_ROUTE}`;
    case 'marker-added':
      return `Remove the marker and fix the code under test; ${VERIFIER_ROUTE}`;
    case 'unreachable-assertion':
      return `Make the check run again: remove the early return/exit or the constant-false condition; ${VERIFIER_ROUTE}`;
    case 'swallowed-assertion':
      return `Let the failure through: rethrow or assert in the catch, or drop the try; ${VERIFIER_ROUTE}`;
    case 'inverted-assertion':
      return `Assert what the code must do, not that a check fails: drop the throws/toThrow/raises(AssertionError) around it; ${VERIFIER_ROUTE}`;
    case 'tautology':
      return `Check the value the code under test produces, as the test did at ${short}; ${VERIFIER_ROUTE}`;
    case 'process-exit':
      return `Remove the exit: a test file must let its runner finish; ${VERIFIER_ROUTE}`;
    case 'assert-reassigned':
      return `Use the assertion library as imported, unmodified; ${VERIFIER_ROUTE}`;
    case 'module-mocked':
      return `Exercise the real code under test; mock only its outside dependencies; ${VERIFIER_ROUTE}`;
    case 'assertion-conditional':
      return `Let the check run every time, as at ${short}; if the condition is real (a platform, a feature flag), ${VERIFIER_ROUTE}`;
    case 'assertion-vague':
      return `Check the value itself again (toBe/toEqual/==), as at ${short}, not only that there is one; ${VERIFIER_ROUTE}`;
    case 'unparseable':
      return `Write the test in syntax the parser reads (as it did at ${short}); ${VERIFIER_ROUTE}`;
    default:
      return `Put the removed checks back (git diff ${short} -- ${finding.path}); ${VERIFIER_ROUTE}`;
  }
}

/** The Go files of a folder now, and at base (those now, less the ones added since, plus the ones deleted or moved away). */
function packageFiles(root: string, dir: string, changed: readonly ChangedFile[]): { now: string[]; base: string[] } {
  let names: string[] = [];
  try {
    names = readdirSync(path.join(root, dir)).filter((n) => n.endsWith('.go'));
  } catch {
    /* a folder that is gone has no files now */
  }
  const now = names.map((n) => path.posix.join(dir, n));
  const added = new Set(changed.filter((c) => c.status === 'added' || c.status === 'untracked' || c.oldPath).map((c) => c.path));
  const gone = changed.flatMap((c) => (c.status === 'deleted' ? [c.path] : c.oldPath && c.status === 'renamed' ? [c.oldPath] : []));
  const base = [...now.filter((p) => !added.has(p)), ...gone.filter((p) => path.posix.dirname(p) === dir && p.endsWith('.go'))];
  return { now, base };
}

/** Read the files a sentinel test's helpers may live in, at base (one batch) and now, for every change that needs them. */
async function readNeighbours(ctx: GateInputs, base: string, inputs: TamperChange[], paths: TamperPaths, changed: readonly ChangedFile[]): Promise<void> {
  const wanted = new Map<TamperChange, { base: string[]; now: string[] }>();
  for (const input of inputs) {
    if (input.after === undefined || !(input.path === paths.sentinelsDir || input.path.startsWith(`${paths.sentinelsDir}/`))) continue;
    const basePath = input.oldPath ?? input.path;
    const imports = [...importedPaths(input.path, input.after), ...(input.before === undefined ? [] : importedPaths(basePath, input.before))];
    const pkg = readsPackage(input.path) ? packageFiles(ctx.root, path.posix.dirname(input.path), changed) : { now: [], base: [] };
    wanted.set(input, { base: [...imports, ...pkg.base], now: [...imports, ...pkg.now] });
  }
  if (wanted.size === 0) return;
  // Base versions through one `git cat-file --batch` per hop of re-exports followed, not one per file.
  const atBase = new Map<string, string | undefined>();
  const readBase = async (paths: string[]) => {
    const missing = paths.filter((p) => !atBase.has(p));
    const got = missing.length ? await readFilesAt(ctx.root, base, missing) : new Map<string, string>();
    for (const p of missing) atBase.set(p, got.get(p));
  };
  const now = new Map<string, string | undefined>();
  const readNow = (p: string) => {
    if (!now.has(p)) now.set(p, readTextIfExists(path.join(ctx.root, p)));
    return now.get(p);
  };
  const readAllNow = async (paths: string[]) => void paths.forEach(readNow);
  await withReexports([...new Set([...wanted.values()].flatMap((w) => w.base))], readBase, (p) => atBase.get(p));
  for (const [input, w] of wanted) {
    const pick = (list: string[], read: (p: string) => string | undefined) =>
      new Map(
        list.flatMap((p) => (p === input.path || p === input.oldPath ? [] : [[p, read(p)] as const])).filter((e): e is [string, string] => e[1] !== undefined),
      );
    const baseFiles = await withReexports(w.base, readBase, (p) => atBase.get(p));
    const nowFiles = await withReexports(w.now, readAllNow, readNow);
    input.neighbours = { before: pick(baseFiles, (p) => atBase.get(p)), after: pick(nowFiles, readNow) };
  }
}

/**
 * Sentinel tests that did not change but import a file that did (a helper module emptied while the
 * tests calling it were left alone): compared too, their text the same at base and now.
 */
async function sentinelsImportingChanged(
  ctx: GateInputs,
  paths: TamperPaths,
  changed: readonly ChangedFile[],
  inputs: TamperChange[],
): Promise<TamperChange[]> {
  const seen = new Set(inputs.flatMap((i) => [i.path, ...(i.oldPath ? [i.oldPath] : [])]));
  const touchedPaths = changed.flatMap((c) => [c.path, ...(c.oldPath ? [c.oldPath] : [])]);
  const touched = new Set(touchedPaths.filter((p) => /\.(?:[cm]?[jt]sx?|py)$/.test(p)));
  // A Go test calls the helpers of every file of its package (folder): any changed .go file there counts.
  const goDirs = new Set(touchedPaths.filter((p) => p.endsWith('.go')).map((p) => path.posix.dirname(p)));
  if (touched.size === 0 && goDirs.size === 0) return [];
  const out: TamperChange[] = [];
  if (!existsSync(path.join(ctx.root, paths.sentinelsDir))) return [];
  const read = new Map<string, string | undefined>();
  const readNow = (p: string) => {
    if (!read.has(p)) read.set(p, readTextIfExists(path.join(ctx.root, p)));
    return read.get(p);
  };
  for (const file of await walkWorkspace(ctx.root, paths.sentinelsDir)) {
    if (seen.has(file)) continue;
    const go = file.endsWith('.go');
    if (!go && !/\.(?:[cm]?[jt]sx?|py)$/.test(file)) continue;
    if (go && !goDirs.has(path.posix.dirname(file))) continue;
    const text = readTextIfExists(path.join(ctx.root, file));
    if (text === undefined) continue;
    // A helper reached through an index's `export … from` counts as imported too.
    const imports = go ? [] : importedPaths(file, text);
    const reached = async () => (await withReexports(imports, async () => undefined, readNow)).some((p) => touched.has(p));
    if (go || imports.some((p) => touched.has(p)) || (imports.length > 0 && (await reached())))
      out.push({ path: file, status: 'modified', before: text, after: text });
  }
  return out;
}

/** The Verifier exception: the active capsule's recorded lead is `verifier` and its state is not hand-edited. */
async function verifierLedger(ctx: GateInputs): Promise<{ capsule?: string; entries?: LedgerEntry[] }> {
  const active = await activeCapsule(ctx);
  if (!active.capsule) return {};
  const slug = capsuleSlug(active.capsule);
  const state = readState(ctx.root, ctx.config, slug);
  if (!state || state.tampered || state.state.lead?.toLowerCase() !== 'verifier') return { capsule: slug };
  const text = readTextIfExists(path.join(ctx.root, ctx.config.ledger));
  return { capsule: slug, entries: text === undefined ? [] : parseLedger(text, ctx.config.ledger).entries };
}

export const gate: Gate = {
  name: 'tamper',
  description: 'no skipped, deleted or weakened sentinel tests or fixtures',
  async run(ctx) {
    if (!(await ctx.isGitRepo())) {
      return {
        status: 'skipped',
        diagnostics: [info('TAMPER_NOT_GIT', 'Not a git repository: there is no base to compare tests with', { fix: 'Run inside a git work tree (git init)' })],
        data: {},
        summary: 'not a git repository',
      };
    }
    const base = await ctx.base();
    const paths: TamperPaths = {
      sentinelsDir: normalizeRelative(ctx.config.sentinels.dir),
      fixturesDir: path.posix.join(normalizeRelative(ctx.config.contractsDir), 'fixtures'),
    };
    const changed = await ctx.changedFiles();
    const relevant = changed.filter((c) => isTamperRelevant(c.path, paths) || (c.oldPath !== undefined && isTamperRelevant(c.oldPath, paths)));
    const findings: TamperFinding[] = [];
    const hadBefore = (c: (typeof relevant)[number]) => c.status !== 'added' && c.status !== 'untracked';
    // Every base version through one `git cat-file --batch`, not one `git show` per file.
    const beforeTexts = await readFilesAt(
      ctx.root,
      base,
      relevant.filter(hadBefore).map((c) => c.oldPath ?? c.path),
    );
    const inputs = relevant.map((change) => {
      const input: TamperChange = { path: change.path, status: change.status };
      if (change.oldPath) input.oldPath = change.oldPath;
      if (hadBefore(change)) {
        const before = beforeTexts.get(change.oldPath ?? change.path);
        if (before !== undefined) input.before = before;
      }
      if (change.status !== 'deleted') {
        const after = readTextIfExists(path.join(ctx.root, change.path));
        if (after !== undefined) input.after = after;
      }
      return input;
    });
    inputs.push(...(await sentinelsImportingChanged(ctx, paths, changed, inputs)));
    await readNeighbours(ctx, base, inputs, paths, changed);
    for (const input of inputs) findings.push(...detectTamper(input, paths));
    const diagnostics: Diagnostic[] = [];
    const allowed: (TamperFinding & Allowance)[] = [];
    const exception = findings.length > 0 ? await verifierLedger(ctx) : {};
    for (const finding of findings) {
      const where = { path: finding.path, ...(finding.line !== undefined ? { line: finding.line } : {}) };
      const allowance = exception.entries ? decisionNaming(finding.path, exception.entries) : undefined;
      if (allowance) {
        allowed.push({ ...finding, ...allowance });
        diagnostics.push(
          info(
            'TAMPER_ALLOWED',
            `${finding.message} — allowed: Verifier capsule ${exception.capsule}, decision ${allowance.decision} (${allowance.via})`,
            where,
          ),
        );
      } else {
        diagnostics.push(error(TAMPER_CODES[finding.kind], finding.message, { ...where, fix: fixFor(finding, base) }));
      }
    }
    const blocking = findings.length - allowed.length;
    const data = {
      base,
      checked: relevant.length,
      findings: findings.filter((f) => !allowed.some((a) => a.path === f.path && a.kind === f.kind && a.line === f.line)),
      allowed,
      activeCapsule: exception.capsule,
    };
    if (blocking > 0)
      return { status: 'fail', diagnostics, data, summary: `${blocking} tampering finding(s) in ${relevant.length} changed test/fixture file(s)` };
    const note = allowed.length ? `; ${allowed.length} allowed by Verifier decisions` : '';
    return { status: 'ok', diagnostics, data, summary: `${relevant.length} changed test/fixture file(s), no tampering${note}` };
  },
};
