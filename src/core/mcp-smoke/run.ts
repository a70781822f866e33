import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { draftFromInput, renderCapsule } from '../capsule/generate.js';
import { runInit } from '../init/run.js';
import { SMOKE_ENV } from '../workspace/caller.js';

interface SmokeStep {
  step: string;
  status: 'ok' | 'fail' | 'skipped';
  durationMs: number;
  detail: string;
}

interface SmokeReport {
  ok: boolean;
  /** The workspace the smoke ran in: a temporary one of its own, removed afterwards. */
  root: string;
  command: string[];
  durationMs: number;
  steps: SmokeStep[];
}

interface SmokeOptions {
  /** The workspace the server serves; `runSmoke` makes a temporary one of its own. */
  root: string;
  /** The sentinel entry script the server is started from (`process.execPath <binary> mcp`). */
  binary: string;
  /** Per-request timeout. */
  timeoutMs?: number;
  /** How long the server may take to exit once its stdin ends (default 10 s: a busy machine is slow, not broken). */
  shutdownGraceMs?: number;
}

/** Set in the spawned server's environment: its mcp gate skips itself instead of recursing. */
export { SMOKE_ENV };

type Call = { args: Record<string, unknown> } | { skip: string };

/** A read-only (or dry-run) call per tool; tools that only change things, or run the project's tests, are skipped with the reason. */
function plannedCall(tool: string, capsule: string | undefined): Call {
  const needsCapsule = (args: Record<string, unknown>): Call =>
    capsule ? { args: { capsule, ...args } } : { skip: 'no capsule in the workspace to call it with' };
  switch (tool) {
    case 'sentinel_check':
      return { args: { gates: ['capsules', 'ledger'], skip: ['mcp'] } };
    case 'sentinel_route':
      return needsCapsule({ mode: 'explain' });
    case 'sentinel_prompt':
      return needsCapsule({});
    case 'sentinel_handoff':
      return needsCapsule({ suggest: true });
    case 'sentinel_run':
      return { skip: "runs the project's sentinel tests; the sentinels gate covers it" };
    case 'sentinel_capsule_done':
      return { skip: 'changes capsule state; no read-only mode' };
    case 'sentinel_decision_log':
      return { args: { action: 'list' } };
    case 'sentinel_provenance':
    case 'sentinel_runbook':
      return { args: { action: 'check' } };
    default:
      return { args: {} };
  }
}

/** The capsule the smoke workspace holds, so route/prompt/handoff have something valid to work on. */
const SMOKE_CAPSULE = 'mcp-smoke';

/**
 * A fresh `sentinel init` workspace with one routable capsule, committed to git when git is there.
 * The smoke tests the server, not the user's repository: a draft capsule or a failing gate in
 * the user's workspace must not make the server look broken, nor a broken server look fine.
 */
async function createSmokeWorkspace(): Promise<string> {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'sentinel-mcp-smoke-')));
  await runInit(root, { dryRun: false, force: false });
  const draft = draftFromInput({
    slug: SMOKE_CAPSULE,
    goal: 'Add a GET /health route to the HTTP server that returns 200 and the service version.',
    outputs: ['src/routes/health.ts'],
    accept: ['GET /health returns 200 with a JSON body holding the version'],
    context: ['package.json'],
    lead: 'backender',
  });
  const dir = path.join(root, '.specify', 'specs', SMOKE_CAPSULE);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'capsule.md'), renderCapsule(draft));
  writeFileSync(path.join(root, 'package.json'), '{"name":"mcp-smoke","private":true}\n');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
  try {
    git('init', '-q');
    git('add', '-A');
    git('-c', 'user.name=sentinel', '-c', 'user.email=sentinel@localhost', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'mcp smoke workspace');
  } catch {
    // No git on the machine: the tools still answer on a plain folder.
  }
  return root;
}

/** Run the smoke in a workspace of its own, removed afterwards. */
export async function runSmokeInOwnWorkspace(options: Omit<SmokeOptions, 'root'>): Promise<SmokeReport> {
  const root = await createSmokeWorkspace();
  try {
    return await runSmoke({ ...options, root, capsule: SMOKE_CAPSULE });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Start the real server over stdio, initialize, list, call every tool read-only, shut down; each
 * step timed. A call the server refuses (`isError`, or `ok: false` in its answer) is a failure.
 * Never throws.
 */
export async function runSmoke(options: SmokeOptions & { capsule?: string }): Promise<SmokeReport> {
  const command = [process.execPath, options.binary, 'mcp', '--root', options.root];
  const steps: SmokeStep[] = [];
  const started = performance.now();
  const timed = async (step: string, fn: () => Promise<{ status?: SmokeStep['status']; detail: string }>): Promise<boolean> => {
    const t = performance.now();
    try {
      const { status = 'ok', detail } = await fn();
      steps.push({ step, status, durationMs: Math.round(performance.now() - t), detail });
      return status !== 'fail';
    } catch (err) {
      steps.push({ step, status: 'fail', durationMs: Math.round(performance.now() - t), detail: err instanceof Error ? err.message : String(err) });
      return false;
    }
  };
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  env[SMOKE_ENV] = '1';
  // The caller's active capsule belongs to the caller's workspace, not the one under test.
  delete env.SENTINEL_CAPSULE;
  if (options.capsule) env.SENTINEL_CAPSULE = options.capsule;
  const transport = new StdioClientTransport({ command: command[0]!, args: command.slice(1), env, stderr: 'pipe', cwd: options.root });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const client = new Client({ name: 'sentinel-smoke', version: '1' });
  const request = { timeout: options.timeoutMs ?? 60_000 };
  const connected = await timed('initialize', async () => {
    await client.connect(transport, request);
    const info = client.getServerVersion();
    return { detail: `${info?.name ?? '?'} ${info?.version ?? '?'}` };
  });
  if (connected) {
    let tools: { name: string }[] = [];
    await timed('tools/list', async () => {
      tools = (await client.listTools(undefined, request)).tools;
      return { detail: `${tools.length} tools` };
    });
    let capsule: string | undefined;
    await timed('resources/list', async () => {
      const { resources } = await client.listResources(undefined, request);
      capsule = options.capsule ?? resources.find((r) => r.uri.startsWith('sentinel://capsule/'))?.uri.slice('sentinel://capsule/'.length);
      if (options.capsule && !resources.some((r) => r.uri === `sentinel://capsule/${options.capsule}`)) {
        return { status: 'fail', detail: `capsule ${options.capsule} is not among the ${resources.length} resources` };
      }
      return { detail: `${resources.length} resources` };
    });
    await timed('prompts/list', async () => ({ detail: `${(await client.listPrompts(undefined, request)).prompts.length} prompts` }));
    for (const tool of tools) {
      const planned = plannedCall(tool.name, capsule);
      await timed(`tools/call ${tool.name}`, async () => {
        if ('skip' in planned) return { status: 'skipped', detail: planned.skip };
        const result = (await client.callTool({ name: tool.name, arguments: planned.args }, undefined, request)) as CallToolResult;
        const text = result.content.find((c) => c.type === 'text')?.text ?? '';
        if (result.isError) return { status: 'fail', detail: text.slice(0, 300) };
        const structured = result.structuredContent as { ok?: boolean; summary?: string } | undefined;
        const summary = structured?.summary ?? text.split('\n')[0] ?? '';
        if (structured?.ok === false) return { status: 'fail', detail: `refused: ${summary}`.slice(0, 300) };
        return { detail: summary.slice(0, 200) };
      });
    }
  }
  await timed('shutdown', async () => {
    // The SDK's close() sends SIGTERM after only 2 s, which a busy machine can exceed: end stdin ourselves and give
    // the server a grace period to exit before close() takes over.
    const child = (transport as unknown as { _process?: ChildProcess })._process;
    const exited = child && child.exitCode === null ? await endAndWait(child, options.shutdownGraceMs ?? SHUTDOWN_GRACE_MS) : undefined;
    const t = performance.now();
    await client.close();
    if (exited === false || (exited === undefined && performance.now() - t >= 2_000)) {
      return { status: 'fail', detail: 'the server did not exit when stdin closed' };
    }
    return { detail: 'exited on stdin end' };
  });
  if (!connected && stderr.trim()) steps[0]!.detail += `; server stderr: ${stderr.trim().split('\n').slice(-5).join(' | ')}`;
  return { ok: steps.every((s) => s.status !== 'fail'), root: options.root, command, durationMs: Math.round(performance.now() - started), steps };
}

const SHUTDOWN_GRACE_MS = 10_000;

/** Ends the child's stdin and resolves true once it exits, false when it is still running after `graceMs`. */
function endAndWait(child: ChildProcess, graceMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), graceMs);
    timer.unref();
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
    child.stdin?.end();
  });
}
