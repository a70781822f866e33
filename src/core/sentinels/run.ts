import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { error, info, warning, type Diagnostic } from '../diagnostics.js';
import { envWithLocalBins, outputTail, runProcess, type ProcessResult } from '../commands/process.js';
import type { GateInputs, GateOutcome } from '../gates/types.js';
import { readTextIfExists } from '../workspace/fs.js';
import { detectRunner, listSentinelFiles, testFilesFor } from './discover.js';
import { parseGoTestJson } from './go-json.js';
import { parseJUnit } from './junit.js';
import { planInvocations, type Invocation } from './plan.js';
import { countResults, type ResolvedRunner, type SentinelTestResult } from './types.js';

export interface SentinelRunOptions {
  /** Substring of a test file path or test name. */
  filter?: string;
}

const FIX_FAILED = 'The regression this sentinel guards has come back: fix the code, not the sentinel';

function crashDiagnostic(code: string, message: string, result: ProcessResult, fix: string): Diagnostic {
  const tail = outputTail(result.output);
  return error(code, `${message}${tail ? `\n${tail}` : ''}`, { fix });
}

/** Read what one runner call reported; a missing or malformed report is a crash, never a pass. */
function readResults(inv: Invocation, result: ProcessResult, root: string): { results: SentinelTestResult[] } | { error: string } {
  if (inv.format === 'go-json') {
    const parsed = parseGoTestJson(result.output);
    return parsed.sawEvents ? { results: parsed.results } : { error: 'go test printed no test events' };
  }
  const xml = inv.reportPath ? readTextIfExists(inv.reportPath) : undefined;
  if (xml === undefined) return { error: 'the runner wrote no JUnit report' };
  const parsed = parseJUnit(xml, { root, ...(inv.fileHint ? { fileHint: inv.fileHint } : {}) });
  return parsed.ok ? { results: parsed.results } : { error: parsed.error };
}

/** Go reports test names only: find the _test.go file that declares each one. */
function attachGoFiles(results: SentinelTestResult[], files: string[], root: string): void {
  const sources = files.map((f) => ({ file: f, text: readTextIfExists(path.join(root, f)) ?? '' }));
  for (const r of results) {
    const top = r.name.split('/')[0]!;
    const hit = sources.find((s) => new RegExp(`^func\\s+${top.replace(/[^\w]/g, '')}\\s*\\(`, 'm').test(s.text));
    if (hit) r.file = hit.file;
  }
}

function firstLines(text: string, count: number): string {
  const lines = text.split('\n');
  return lines.length > count ? `${lines.slice(0, count).join('\n')}\n… (${lines.length - count} more lines in --json)` : text;
}

function matches(result: SentinelTestResult, filter: string): boolean {
  return result.name.includes(filter) || (result.file ?? '').includes(filter);
}

/** Run the sentinel tests with the configured runner and judge the results. */
export async function runSentinels(ctx: GateInputs, options: SentinelRunOptions = {}): Promise<GateOutcome> {
  const { root, config } = ctx;
  const dir = config.sentinels.dir;
  const allFiles = await listSentinelFiles(root, dir);
  const runner: ResolvedRunner = detectRunner(config.sentinels.runner, root, allFiles);
  const testFiles = testFilesFor(runner, allFiles);
  const base = { runner, dir, filter: options.filter ?? null };
  if (testFiles.length === 0) {
    return {
      status: 'pending',
      diagnostics: [info('SENTINELS_NONE', `No sentinel tests in ${dir}/ for the ${runner} runner`, { path: dir, fix: `Add a regression test under ${dir}/ for each bug that must never come back` })],
      data: { ...base, files: 0, tests: [], counts: countResults([]) },
      summary: 'no sentinel tests',
    };
  }
  const filter = options.filter;
  const byFile = filter ? testFiles.filter((f) => f.includes(filter)) : testFiles;
  // A filter that names no file narrows by test name after the run instead.
  const toRun = byFile.length ? byFile : testFiles;
  const tempDir = mkdtempSync(path.join(tmpdir(), 'sentinel-junit-'));
  try {
    const plan = planInvocations(runner, toRun, config, root, tempDir);
    if (!plan.ok) return { status: 'fail', diagnostics: [plan.diagnostic], data: { ...base, files: toRun.length, tests: [], counts: countResults([]) }, summary: `${runner} cannot run` };
    const deadline = Date.now() + config.sentinels.timeoutMs;
    const results: SentinelTestResult[] = [];
    const diagnostics: Diagnostic[] = [];
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
        diagnostics.push(error('SENTINELS_RUNNER_MISSING', `Cannot start ${inv.argv[0]}: ${proc.spawnError.message}`, { path: dir, fix: 'Install the runner or set sentinels.runner in .sentinel/config.json' }));
        break;
      }
      if (proc.timedOut || remaining <= 0) {
        diagnostics.push(crashDiagnostic('SENTINELS_TIMEOUT', `${where} timed out after ${Math.round(config.sentinels.timeoutMs / 1000)}s and was killed`, proc, 'Find the hanging test, or raise sentinels.timeoutMs in .sentinel/config.json'));
        break;
      }
      const read = readResults(inv, proc, root);
      if ('error' in read) {
        diagnostics.push(crashDiagnostic('SENTINELS_RUNNER_CRASHED', `${where} crashed (exit ${proc.exitCode ?? proc.signal}): ${read.error}`, proc, 'Run the sentinel tests by hand and fix the crash shown above'));
        continue;
      }
      if (runner === 'go') attachGoFiles(read.results, toRun, root);
      const failing = read.results.some((r) => r.status === 'failed' || r.status === 'error');
      if (proc.exitCode !== 0 && !failing) {
        diagnostics.push(crashDiagnostic('SENTINELS_RUNNER_FAILED', `${where} exited with ${proc.exitCode ?? proc.signal} but reported no failing test`, proc, 'Run the sentinel tests by hand: the runner itself failed (a setup, import or config error)'));
      }
      results.push(...read.results);
    }
    const shown = filter && byFile.length === 0 ? results.filter((r) => matches(r, filter)) : results;
    for (const r of shown) {
      const where = { ...(r.file ? { path: r.file } : { path: dir }), ...(r.line ? { line: r.line } : {}) };
      const detail = r.message ? `: ${firstLines(r.message, 12)}` : '';
      if (r.status === 'failed') diagnostics.push(error('SENTINEL_TEST_FAILED', `Sentinel test failed: ${r.name}${detail}`, { ...where, fix: FIX_FAILED }));
      else if (r.status === 'error') diagnostics.push(error('SENTINEL_TEST_ERROR', `Sentinel test errored: ${r.name}${detail}`, { ...where, fix: FIX_FAILED }));
      else if (r.status === 'skipped') diagnostics.push(warning('SENTINEL_TEST_SKIPPED', `Sentinel test skipped: ${r.name}${detail}`, { ...where, fix: 'Sentinel tests must run: remove the skip, or record a decision retiring it' }));
    }
    const counts = countResults(shown);
    const data = { ...base, files: toRun.length, tests: shown, counts, filterMatched: !filter || shown.length > 0 };
    const crashed = diagnostics.some((d) => d.code.startsWith('SENTINELS_'));
    if (!crashed && counts.total === 0) {
      const message = filter ? `No sentinel test matches --filter "${filter}"` : `The ${runner} runner found no sentinel tests in ${dir}/`;
      return { status: 'pending', diagnostics: [info('SENTINELS_NONE', message, { path: dir, fix: filter ? 'Use part of a test name or file path' : `Add a regression test under ${dir}/` })], data, summary: 'no sentinel tests ran' };
    }
    const failed = crashed || counts.failed + counts.error > 0;
    const summary = `${counts.passed} passed, ${counts.failed + counts.error} failed, ${counts.skipped} skipped (${runner})${crashed ? '; runner failed' : ''}`;
    return { status: failed ? 'fail' : 'ok', diagnostics, data, summary };
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
}
