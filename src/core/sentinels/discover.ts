import { readFileSync } from 'node:fs';
import path from 'node:path';
import { glob } from 'tinyglobby';
import type { SentinelRunner } from '../workspace/config-types.js';
import { exists } from '../workspace/fs.js';
import type { ResolvedRunner } from './types.js';

const JS_TEST = /(?:^|[-_.])(?:test|spec)(?:[-_.][^/]*)?\.[cm]?[jt]sx?$|^(?:test|spec)[-_.][^/]*\.[cm]?[jt]sx?$/;
const PY_TEST = /^test_[^/]*\.py$|_test\.py$/;
const GO_TEST = /_test\.go$/;

/** Node strips TypeScript types by default from 23.6 on; older versions can run only JavaScript. */
export const nodeRunsTypeScript = (): boolean => {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  return major > 23 || (major === 23 && minor >= 6);
};

/** Every file under the sentinel folder (workspace-relative, POSIX, sorted), skipping dependencies. */
export async function listSentinelFiles(root: string, dir: string): Promise<string[]> {
  if (!exists(path.join(root, dir))) return [];
  const files = await glob('**/*', {
    cwd: path.join(root, dir),
    dot: false,
    onlyFiles: true,
    ignore: ['**/node_modules/**', '**/__pycache__/**', '**/vendor/**'],
  });
  return files.map((f) => path.posix.join(dir.replace(/\\/g, '/').replace(/\/$/, ''), f)).sort();
}

/** The files a runner treats as tests, by its naming conventions. */
export function testFilesFor(runner: ResolvedRunner, files: string[]): string[] {
  const base = (f: string) => path.posix.basename(f);
  switch (runner) {
    case 'pytest':
      return files.filter((f) => PY_TEST.test(base(f)));
    case 'go':
      return files.filter((f) => GO_TEST.test(base(f)));
    case 'node':
    case 'vitest':
    case 'jest':
      return files.filter((f) => JS_TEST.test(base(f)));
    case 'command':
      return files;
  }
}

/** A package installed in the project (node_modules next to the root). */
export function installedPackage(root: string, name: string): { dir: string; bin: Record<string, string> } | undefined {
  const dir = path.join(root, 'node_modules', name);
  try {
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; bin?: string | Record<string, string> };
    const bin = typeof pkg.bin === 'string' ? { [name]: pkg.bin } : (pkg.bin ?? {});
    return { dir, bin };
  } catch {
    return undefined;
  }
}

/**
 * `auto`: Python tests → pytest, Go tests → go, otherwise vitest if the project has it, else jest
 * if it has that, else node's built-in runner.
 */
export function detectRunner(configured: SentinelRunner, root: string, files: string[]): ResolvedRunner {
  if (configured !== 'auto') return configured;
  const names = files.map((f) => path.posix.basename(f));
  if (names.some((n) => PY_TEST.test(n))) return 'pytest';
  if (names.some((n) => GO_TEST.test(n))) return 'go';
  if (installedPackage(root, 'vitest')) return 'vitest';
  if (installedPackage(root, 'jest')) return 'jest';
  return 'node';
}
