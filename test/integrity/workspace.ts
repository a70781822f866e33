import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { expect } from 'vitest';
import { SENTINEL_BIN, makeTempRepo, runSentinel, type RunResult, type TempRepo } from '../helpers/cli.js';
import { DOCS_GUIDE_NEW_ARGS } from '../helpers/capsules.js';
import { runInProcess } from '../helpers/in-process.js';

/** The honest work of the docs capsule: its one Required Output. */
export const HONEST_GUIDE = '# Guide\n\n`demo run` runs the demo.\n';

export interface Arena {
  repo: TempRepo;
  /** In-process (runInProcess): the same output, exit code and files, without a process start. */
  run(...args: string[]): Promise<RunResult>;
  /** The built binary (dist/sentinel.mjs), for attacks on the CLI boundary: exit codes as a shell sees them, config edits. */
  cli(...args: string[]): Promise<RunResult>;
  state(): any;
  writeState(state: unknown): void;
  capsuleFile: string;
  /** Back to the routed, committed scene: the next attack starts clean. */
  reset(): void;
}

/**
 * The scene of every attack: a committed workspace with one docs capsule (lead: scribe) routed and
 * in progress, whose honest work (docs/guide.md) would pass `capsule done`.
 */
export async function arena(
  options: { config?: (config: any) => void; files?: Record<string, string>; setup?: (dir: string) => void; phase?: string } = {},
): Promise<Arena> {
  const repo = makeTempRepo({ 'README.md': '# Demo\n', ...options.files });
  // Most attacks run in-process (runInProcess: same output, exit code and files); those on the CLI
  // boundary (exit codes, config edits) spawn the built binary (`cli`), as do `init`, git's
  // commit-msg hook, the hook attacks and the MCP sessions.
  const run = (...args: string[]) => runInProcess(args, { cwd: repo.dir });
  const cli = (...args: string[]) => runSentinel(args, { cwd: repo.dir });
  const init = await runSentinel(['init'], { cwd: repo.dir });
  expect(init.code, init.stderr).toBe(0);
  // An honest agent works with SENTINEL_CAPSULE set, so its commits carry the capsule's trailers
  // (the commits gate asks for them), including the one that lands the work after `done`.
  const hook = path.join(repo.dir, '.git', 'hooks', 'commit-msg');
  writeFileSync(hook, `#!/bin/sh\nSENTINEL_CAPSULE=docs-guide exec "${process.execPath}" "${SENTINEL_BIN}" hook commit-msg "$1"\n`);
  chmodSync(hook, 0o755);
  const configFile = path.join(repo.dir, '.sentinel/config.json');
  const config = JSON.parse(readFileSync(configFile, 'utf8'));
  config.gates.commands = { test: { run: 'node -e "process.exit(0)"' } };
  options.config?.(config);
  writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);
  options.setup?.(repo.dir);
  const created = await run(...DOCS_GUIDE_NEW_ARGS);
  expect(created.code, created.stderr + created.stdout).toBe(0);
  repo.commit('set up');
  const routed = await run('route', 'docs-guide');
  expect(routed.code, routed.stderr + routed.stdout).toBe(0);
  const phase = await run('capsule', 'phase', 'docs-guide', options.phase ?? 'VERIFY');
  expect(phase.code, phase.stderr).toBe(0);
  const stateFile = path.join(repo.dir, '.sentinel/state/docs-guide.json');
  repo.commit('routed');
  const scene = repo.git('rev-parse', 'HEAD').trim();
  return {
    repo,
    reset() {
      repo.git('reset', '-q', '--hard', scene);
      repo.git('clean', '-qfdx');
    },
    run,
    cli,
    capsuleFile: path.join(repo.dir, JSON.parse(readFileSync(stateFile, 'utf8')).capsuleFile),
    state: () => JSON.parse(readFileSync(stateFile, 'utf8')),
    writeState: (state) => writeFileSync(stateFile, `${JSON.stringify(state, null, 2)}\n`),
  };
}

type DoneResult = { code: number; failed: string[]; codes: string[]; report: any; stderr: string };

/** `capsule done --json` with the failing gates' error codes, for readable assertions (in-process). */
export function done(a: Arena, ...extra: string[]): Promise<DoneResult> {
  return doneWith(a.run, extra);
}

/** `done` through the built binary: the verdict and exit code a shell (or CI) gets. */
export function doneCli(a: Arena, ...extra: string[]): Promise<DoneResult> {
  return doneWith(a.cli, extra);
}

async function doneWith(run: Arena['run'], extra: string[]): Promise<DoneResult> {
  const result = await run('capsule', 'done', 'docs-guide', '--json', ...extra);
  let report: any = {};
  try {
    report = result.json();
  } catch {
    /* usage errors print on stderr */
  }
  const codes: string[] = (report.gates ?? []).flatMap((g: any) =>
    g.status === 'fail' ? g.diagnostics.filter((d: any) => d.severity === 'error').map((d: any) => d.code) : [],
  );
  return { code: result.code, failed: report.failed ?? [], codes, report, stderr: result.stderr + (report.error ? JSON.stringify(report.error) : '') };
}

/** An MCP client session on the built binary, rooted at the arena. */
export async function mcp(a: Arena): Promise<{ call(name: string, args: Record<string, unknown>): Promise<CallToolResult>; close(): Promise<void> }> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [SENTINEL_BIN, 'mcp', '--root', a.repo.dir], stderr: 'pipe' });
  const client = new Client({ name: 'integrity', version: '1' });
  await client.connect(transport);
  return {
    call: async (name, args) => (await client.callTool({ name, arguments: args })) as CallToolResult,
    close: () => client.close(),
  };
}
