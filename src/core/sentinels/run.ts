import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { error, info, type Diagnostic } from '../diagnostics.js';
import { envWithLocalBins, outputTail, runProcess, type ProcessResult } from '../commands/process.js';
import type { GateInputs, GateOutcome } from '../gates/types.js';
import { readTextIfExists } from '../workspace/fs.js';
import { listSentinelFiles } from './discover.js';
import { assignRunners, projectRunner } from './file-runner.js';
import { attachGoFiles, parseGoTestJson } from './go-json.js';
import { parseJUnit } from './junit.js';
import { planInvocations, type Invocation } from './plan.js';
import { claimFiles, missingTests } from './ran-all.js';
import { countResults, type ResolvedRunner, type SentinelTestResult } from './types.js';

interface SentinelRunOptions {
  /** Substring of a test file path or test name. */
  filter?: string;
}

const FIX_FAILED = 'The regression this sentinel guards has come back: fix the code, not the sentinel';

function crashDiagnostic(code: string, message: string, result: ProcessResult, fix: string): Diagnostic {
  const tail = outputTail(result.output);
  return error(code, `${message}${tail ? `\n${tail}` : ''}`, { fix });
}

/** Read what one runner call reported; a missing or malformed report is a crash, never a pass. */
function readResults(
  inv: Invocation,
  result: ProcessResult,
  root: string,
): { results: SentinelTestResult[]; packageOf?: Map<SentinelTestResult, string> } | { error: string } {
  if (inv.format === 'go-json') {
    const parsed = parseGoTestJson(result.output);
    return parsed.sawEvents ? { results: parsed.results, packageOf: parsed.packageOf } : { error: 'go test printed no test events' };
  }
  const xml = inv.reportPath ? readTextIfExists(inv.reportPath) : undefined;
  if (xml === undefined) return { error: 'the runner wrote no JUnit report' };
  const parsed = parseJUnit(xml, { root, ...(inv.fileHint ? { fileHint: inv.fileHint } : {}) });
  return parsed.ok ? { results: parsed.results } : { error: parsed.error };
}

function firstLines(text: string, count: number): string {
  const lines = text.split('\n');
  return lines.length > count ? `${lines.slice(0, count).join('\n')}\n… (${lines.length - count} more lines in --json)` : text;
}

function matches(result: SentinelTestResult, filter: string): boolean {
  return result.name.includes(filter) || (result.file ?? '').includes(filter);
}

const LOAD_ERROR =
  /ERR_MODULE_NOT_FOUND|Cannot find (?:module|package) ['"][^'"]+['"]|Failed to (?:load url|resolve import) \S+|SyntaxError: .+|ReferenceError: (?:describe|it|test|expect) is not defined/;

/** A failure that is really "the file could not load" (seen in the runner's output), not a regression. */
function loadFailure(result: SentinelTestResult, output: string, runner: ResolvedRunner): Diagnostic | undefined {
  if (result.status !== 'failed' && result.status !== 'error') return undefined;
  const cause = LOAD_ERROR.exec(result.message ?? '') ?? LOAD_ERROR.exec(output);
  // node --test names a file that failed to load after the file itself; vitest reports it with no test name.
  const fileLevel =
    !result.name ||
    (result.file !== undefined && (result.name === result.file || result.name.endsWith(`/${result.file}`) || result.name.endsWith(result.file)));
  if (!cause || !fileLevel) return undefined;
  return error('SENTINELS_TEST_UNLOADABLE', `${result.file ?? result.name} could not load under ${runner}: ${cause[0]}`, {
    ...(result.file ? { path: result.file } : {}),
    fix: 'Install the missing package or fix the import/syntax; this is a setup error, not a regression',
  });
}

interface GroupRun {
  results: SentinelTestResult[];
  diagnostics: Diagnostic[];
}

/** Run one runner over its files; crashes and unreadable reports become diagnostics. */
async function runGroup(ctx: GateInputs, runner: ResolvedRunner, toRun: string[], deadline: number, tempDir: string): Promise<GroupRun> {
  const { root, config } = ctx;
  const dir = config.sentinels.dir;
  const results: SentinelTestResult[] = [];
  const diagnostics: Diagnostic[] = [];
  const plan = planInvocations(runner, toRun, config, root, tempDir);
  if (!plan.ok) return { results, diagnostics: [plan.diagnostic] };
  for (const [i, inv] of plan.invocations.entries()) {
    if (ctx.signal?.aborted) break;
    ctx.onProgress?.('sentinels', plan.invocations.length > 1 ? `${inv.fileHint ?? runner} (${i + 1}/${plan.invocations.length})` : runner);
    const remaining = deadline - Date.now();
    const proc = await runProcess({
      argv: inv.argv,
      cwd: root,
      timeoutMs: Math.max(remaining, 1),
      env: { ...envWithLocalBins([root]), ...inv.env, FORCE_COLOR: '0', NO_COLOR: '1', CI: process.env.CI ?? '1' },
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    const where = `${runner}${inv.fileHint ? ` on ${inv.fileHint}` : ''}`;
    if (proc.spawnError) {
      diagnostics.push(
        error('SENTINELS_RUNNER_MISSING', `Cannot start ${inv.argv[0]}: ${proc.spawnError.message}`, {
          path: dir,
          fix: 'Install the runner or set sentinels.runner in .sentinel/config.json',
        }),
      );
      break;
    }
    if (proc.timedOut || remaining <= 0) {
      diagnostics.push(
        crashDiagnostic(
          'SENTINELS_TIMEOUT',
          `${where} timed out after ${Math.round(config.sentinels.timeoutMs / 1000)}s and was killed`,
          proc,
          'Find the hanging test, or raise sentinels.timeoutMs in .sentinel/config.json',
        ),
      );
      break;
    }
    const read = readResults(inv, proc, root);
    if ('error' in read) {
      diagnostics.push(
        crashDiagnostic(
          'SENTINELS_RUNNER_CRASHED',
          `${where} crashed (exit ${proc.exitCode ?? proc.signal}): ${read.error}`,
          proc,
          'Run the sentinel tests by hand and fix the crash shown above',
        ),
      );
      continue;
    }
    if (runner === 'go') attachGoFiles(read.results, toRun, root, read.packageOf);
    if (inv.fileHint) for (const r of read.results) r.file ??= inv.fileHint;
    claimFiles(read.results, toRun);
    const kept: SentinelTestResult[] = [];
    for (const r of read.results) {
      const load = loadFailure(r, proc.output, runner);
      if (load) diagnostics.push(load);
      else kept.push(r);
    }
    const failing = read.results.some((r) => r.status === 'failed' || r.status === 'error');
    if (proc.exitCode !== 0 && !failing) {
      diagnostics.push(
        crashDiagnostic(
          'SENTINELS_RUNNER_FAILED',
          `${where} exited with ${proc.exitCode ?? proc.signal} but reported no failing test`,
          proc,
          'Run the sentinel tests by hand: the runner itself failed (a setup, import or config error)',
        ),
      );
    }
    results.push(...kept);
  }
  return { results, diagnostics };
}

/** Run the sentinel tests, each file with the runner it is written for, and judge the results. */
export async function runSentinels(ctx: GateInputs, options: SentinelRunOptions = {}): Promise<GateOutcome> {
  const { root, config } = ctx;
  const dir = config.sentinels.dir;
  const allFiles = await listSentinelFiles(root, dir);
  let project: { runner: ResolvedRunner; because: string } | undefined;
  const projectOnce = () =>
    (project ??= projectRunner(
      root,
      dir,
      (relative) => listDir(root, relative),
      (relative) => readTextIfExists(path.join(root, ...relative.split('/'))),
    ));
  const read = (relative: string) => readTextIfExists(path.join(root, ...relative.split('/')));
  const assigned = assignRunners(root, config.sentinels.runner, allFiles, projectOnce, read);
  const runners = [...new Set(assigned.map((a) => a.runner))];
  const runner: ResolvedRunner = runners[0] ?? (config.sentinels.runner === 'auto' ? projectOnce().runner : config.sentinels.runner);
  const filter = options.filter;
  const base = {
    runner,
    runners,
    dir,
    filter: filter ?? null,
    assignments: assigned.map(({ file, runner: r, because, problem }) => ({ file, runner: r, because, ...(problem ? { problem: problem.code } : {}) })),
  };
  if (assigned.length === 0) {
    return {
      status: 'pending',
      diagnostics: [
        info('SENTINELS_NONE', `No sentinel tests in ${dir}/ for the ${runner} runner`, {
          path: dir,
          fix: `Add a regression test under ${dir}/ for each bug that must never come back`,
        }),
      ],
      data: { ...base, files: 0, tests: [], counts: countResults([]) },
      summary: 'no sentinel tests',
    };
  }
  const testFiles = assigned.map((a) => a.file);
  const byFile = filter ? testFiles.filter((f) => f.includes(filter)) : testFiles;
  // A filter that names no file narrows by test name after the run instead.
  const chosen = new Set(byFile.length ? byFile : testFiles);
  const diagnostics: Diagnostic[] = [];
  const groups = new Map<ResolvedRunner, string[]>();
  for (const a of assigned.filter((x) => chosen.has(x.file))) {
    if (a.problem) diagnostics.push(error(a.problem.code, a.problem.message, { path: a.file, fix: a.problem.fix }));
    else groups.set(a.runner, [...(groups.get(a.runner) ?? []), a.file]);
  }
  const tempDir = mkdtempSync(path.join(tmpdir(), 'sentinel-junit-'));
  const results: SentinelTestResult[] = [];
  try {
    const deadline = Date.now() + config.sentinels.timeoutMs;
    for (const [groupRunner, files] of groups) {
      const group = await runGroup(ctx, groupRunner, files, deadline, tempDir);
      results.push(...group.results);
      diagnostics.push(...group.diagnostics);
      // A filtered run leaves tests out on purpose; a crashed one is already a failure.
      if (!filter && !ctx.signal?.aborted && group.diagnostics.length === 0) diagnostics.push(...missingTests(root, groupRunner, files, group.results));
    }
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
  const shown = filter && byFile.length === 0 ? results.filter((r) => matches(r, filter)) : results;
  for (const r of shown) {
    const where = { ...(r.file ? { path: r.file } : { path: dir }), ...(r.line ? { line: r.line } : {}) };
    const detail = r.message ? `: ${firstLines(r.message, 12)}` : '';
    if (r.status === 'failed') diagnostics.push(error('SENTINEL_TEST_FAILED', `Sentinel test failed: ${r.name}${detail}`, { ...where, fix: FIX_FAILED }));
    else if (r.status === 'error') diagnostics.push(error('SENTINEL_TEST_ERROR', `Sentinel test errored: ${r.name}${detail}`, { ...where, fix: FIX_FAILED }));
    else if (r.status === 'skipped')
      diagnostics.push(
        error('SENTINEL_TEST_SKIPPED', `Sentinel test skipped: ${r.name}${detail}`, {
          ...where,
          fix: 'Sentinel tests must run: remove the skip, or record a decision retiring it',
        }),
      );
  }
  const counts = countResults(shown);
  const data = { ...base, files: chosen.size, tests: shown, counts, filterMatched: !filter || shown.length > 0 };
  const crashed = diagnostics.some((d) => d.code.startsWith('SENTINELS_'));
  if (!crashed && counts.total === 0) {
    const message = filter ? `No sentinel test matches --filter "${filter}"` : `The ${runner} runner found no sentinel tests in ${dir}/`;
    return {
      status: 'pending',
      diagnostics: [
        info('SENTINELS_NONE', message, { path: dir, fix: filter ? 'Use part of a test name or file path' : `Add a regression test under ${dir}/` }),
      ],
      data,
      summary: 'no sentinel tests ran',
    };
  }
  // A skipped or todo sentinel guards nothing: the run fails, as issue 11 asks.
  const failed = crashed || counts.failed + counts.error + counts.skipped > 0;
  const notRun = diagnostics.filter((d) => d.code === 'SENTINELS_TESTS_NOT_RUN').length;
  const unloadable = diagnostics.filter((d) => d.code.startsWith('SENTINELS_')).length - notRun;
  const summary = `${counts.passed} passed, ${counts.failed + counts.error} failed, ${counts.skipped} skipped (${runners.join(', ') || runner})${unloadable ? `; ${unloadable} setup error(s): not regressions` : ''}${notRun ? `; ${notRun} file(s) ran fewer tests than they define` : ''}`;
  return { status: failed ? 'fail' : 'ok', diagnostics, data, summary };
}

function listDir(root: string, relative: string): string[] {
  try {
    return readdirSync(path.join(root, ...relative.split('/').filter(Boolean)));
  } catch {
    return [];
  }
}
