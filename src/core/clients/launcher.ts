import path from 'node:path';
import { readTextIfExists } from '../workspace/fs.js';

/** The npm package that ships the `sentinel` binary. */
const PACKAGE_NAME = 'sentinelkit';

/** How client configs start Sentinel: `npx` plus these arguments before the subcommand. */
export interface Launcher {
  command: 'npx';
  prefix: string[];
  /** True when the project's package.json lists sentinelkit, so `npx sentinel` finds its local bin. */
  installed: boolean;
}

const LOCAL: string[] = ['sentinel'];
// Without a local install, bare `npx sentinel` would fetch whatever npm package is called "sentinel".
const FETCHED: string[] = ['-y', '-p', PACKAGE_NAME, 'sentinel'];

/** Does package.json at the root list sentinelkit in dependencies or devDependencies? Unreadable counts as no. */
export function projectListsSentinelkit(root: string): boolean {
  const text = readTextIfExists(path.join(root, 'package.json'));
  if (text === undefined) return false;
  try {
    const pkg = JSON.parse(text.replace(/^\uFEFF/, '')) as { dependencies?: unknown; devDependencies?: unknown } | null;
    return [pkg?.dependencies, pkg?.devDependencies].some((deps) => typeof deps === 'object' && deps !== null && Object.hasOwn(deps, PACKAGE_NAME));
  } catch {
    return false;
  }
}

export function launcherFor(root: string): Launcher {
  const installed = projectListsSentinelkit(root);
  return { command: 'npx', prefix: installed ? LOCAL : FETCHED, installed };
}

/** `npx …` as one shell command line, e.g. for hooks: `npx sentinel hook stop`. */
export const commandLine = (launcher: Launcher, ...subcommand: string[]): string => [launcher.command, ...launcher.prefix, ...subcommand].join(' ');

/** Every command line Sentinel itself may have written for this subcommand (either launcher). */
export const knownCommandLines = (...subcommand: string[]): string[] => [LOCAL, FETCHED].map((prefix) => ['npx', ...prefix, ...subcommand].join(' '));
