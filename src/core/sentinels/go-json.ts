import path from 'node:path';
import { readTextIfExists } from '../workspace/fs.js';
import type { SentinelTestResult } from './types.js';

/** One line of `go test -json` (test2json) output. */
interface GoEvent {
  Action?: string;
  Package?: string;
  Test?: string;
  Elapsed?: number;
  Output?: string;
}

const MAX_MESSAGE = 4_000;

/**
 * Turn `go test -json` output into per-test results. A package that fails without any failing
 * test (a build error) becomes one `error` result named after the package.
 */
export function parseGoTestJson(output: string): { results: SentinelTestResult[]; sawEvents: boolean; packageOf: Map<SentinelTestResult, string> } {
  const packageOf = new Map<SentinelTestResult, string>();
  const tests = new Map<string, { name: string; pkg: string; action?: string; elapsed?: number; output: string[] }>();
  const packages = new Map<string, { action?: string; output: string[] }>();
  let sawEvents = false;
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    let event: GoEvent;
    try {
      event = JSON.parse(line) as GoEvent;
    } catch {
      continue;
    }
    sawEvents = true;
    const pkg = event.Package ?? '';
    if (event.Test) {
      const key = `${pkg}\u0000${event.Test}`;
      const entry = tests.get(key) ?? { name: event.Test, pkg, output: [] };
      tests.set(key, entry);
      if (event.Action === 'output' && event.Output) entry.output.push(event.Output);
      if (event.Action === 'pass' || event.Action === 'fail' || event.Action === 'skip') {
        entry.action = event.Action;
        if (event.Elapsed !== undefined) entry.elapsed = event.Elapsed;
      }
    } else {
      const entry = packages.get(pkg) ?? { output: [] };
      packages.set(pkg, entry);
      if (event.Action === 'output' && event.Output) entry.output.push(event.Output);
      if (event.Action === 'pass' || event.Action === 'fail' || event.Action === 'skip') entry.action = event.Action;
    }
  }
  const results: SentinelTestResult[] = [];
  const failingPackages = new Set<string>();
  for (const t of tests.values()) {
    const status = t.action === 'pass' ? 'passed' : t.action === 'skip' ? 'skipped' : t.action === 'fail' ? 'failed' : 'error';
    if (status === 'failed') failingPackages.add(t.pkg);
    const result: SentinelTestResult = { name: t.name, status, durationMs: Math.round((t.elapsed ?? 0) * 1000) };
    if (status !== 'passed') {
      const text = t.output
        .filter((l) => !/^(=== RUN|=== PAUSE|=== CONT|--- (PASS|FAIL|SKIP))/.test(l.trim()))
        .join('')
        .trim();
      if (text) result.message = text.slice(0, MAX_MESSAGE);
    }
    results.push(result);
    packageOf.set(result, t.pkg);
  }
  for (const [pkg, p] of packages) {
    if (p.action === 'fail' && !failingPackages.has(pkg)) {
      results.push({ name: pkg || '(package)', status: 'error', durationMs: 0, message: p.output.join('').trim().slice(-MAX_MESSAGE) });
    }
  }
  return { results, sawEvents, packageOf };
}

/** Path segments a package import path and a file's folder share at their ends (`ex/m/s/a`, `s/a`: 2). */
function sharedTail(pkg: string, dir: string): number {
  const [a, b] = [pkg.split('/').reverse(), dir.split('/').reverse()];
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * Go reports test names (and their package) only: find the _test.go file that declares each one.
 * A name declared in two packages goes to the file whose folder the package path ends with.
 */
export function attachGoFiles(results: SentinelTestResult[], files: string[], root: string, packageOf?: ReadonlyMap<SentinelTestResult, string>): void {
  const sources = files.map((f) => ({ file: f, text: readTextIfExists(path.join(root, f)) ?? '' }));
  for (const r of results) {
    const top = r.name.split('/')[0]!;
    const declares = new RegExp(`^func\\s+${top.replace(/[^\w]/g, '')}\\s*\\(`, 'm');
    const hits = sources.filter((s) => declares.test(s.text));
    const pkg = packageOf?.get(r);
    const tail = (file: string) => (pkg === undefined ? 0 : sharedTail(pkg, path.posix.dirname(file)));
    const hit = hits.reduce<(typeof hits)[number] | undefined>((best, s) => (best === undefined || tail(s.file) > tail(best.file) ? s : best), undefined);
    if (hit) r.file = hit.file;
  }
}
