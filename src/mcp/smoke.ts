import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

export interface SmokeStep {
  step: string;
  status: 'ok' | 'fail' | 'skipped';
  durationMs: number;
  detail: string;
}

export interface SmokeReport {
  ok: boolean;
  root: string;
  command: string[];
  durationMs: number;
  steps: SmokeStep[];
}

export interface SmokeOptions {
  root: string;
  /** The sentinel entry script the server is started from (`process.execPath <binary> mcp`). */
  binary: string;
  /** Per-request timeout. */
  timeoutMs?: number;
}

/** Set in the spawned server's environment: its mcp gate skips itself instead of recursing. */
export const SMOKE_ENV = 'SENTINEL_MCP_SMOKE';

type Call = { args: Record<string, unknown> } | { skip: string };

/** A read-only (or dry-run) call per tool; tools that only change things, or run the project's tests, are skipped with the reason. */
function plannedCall(tool: string, capsule: string | undefined): Call {
  const needsCapsule = (args: Record<string, unknown>): Call => (capsule ? { args: { capsule, ...args } } : { skip: 'no capsule in the workspace to call it with' });
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

/**
 * `sentinel mcp smoke` and the mcp gate: start the real server over stdio, initialize, list,
 * call every tool read-only, shut down; each step timed. Never throws.
 */
export async function runSmoke(options: SmokeOptions): Promise<SmokeReport> {
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
      capsule = resources.find((r) => r.uri.startsWith('sentinel://capsule/'))?.uri.slice('sentinel://capsule/'.length);
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
        const summary = (result.structuredContent as { summary?: string } | undefined)?.summary ?? text.split('\n')[0] ?? '';
        return { detail: summary.slice(0, 200) };
      });
    }
  }
  await timed('shutdown', async () => {
    const t = performance.now();
    await client.close();
    // The SDK waits 2s for the child to exit on stdin end before it sends SIGTERM.
    if (performance.now() - t >= 2_000) return { status: 'fail', detail: 'the server did not exit when stdin closed' };
    return { detail: 'exited on stdin end' };
  });
  if (!connected && stderr.trim()) steps[0]!.detail += `; server stderr: ${stderr.trim().split('\n').slice(-5).join(' | ')}`;
  return { ok: steps.every((s) => s.status !== 'fail'), root: options.root, command, durationMs: Math.round(performance.now() - started), steps };
}
