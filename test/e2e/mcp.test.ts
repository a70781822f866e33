import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, SENTINEL_BIN, git, makeTempRepo, runSentinel, type TempRepo } from '../helpers/cli.js';

let repo: TempRepo;

beforeAll(async () => {
  repo = makeTempRepo({ 'README.md': '# demo\n' });
  const init = await runSentinel(['init'], { cwd: repo.dir });
  expect(init.code, init.stderr).toBe(0);
  repo.commit('init');
});
afterAll(() => repo.cleanup());

/** Send raw lines to `sentinel mcp`, collect stdout lines until `count` responses arrived. */
function rawSession(lines: string[], count: number): Promise<{ stdout: string[]; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SENTINEL_BIN, 'mcp', '--root', repo.dir], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out; stdout so far:\n${out}\nstderr:\n${err}`));
    }, 30_000);
    child.stdout.on('data', (d) => {
      out += d;
      if (out.split('\n').filter(Boolean).length >= count) child.stdin.end();
    });
    child.stderr.on('data', (d) => (err += d));
    child.on('close', () => {
      clearTimeout(timer);
      resolve({ stdout: out.split('\n').filter(Boolean), stderr: err });
    });
    for (const line of lines) child.stdin.write(`${line}\n`);
  });
}

describe('sentinel mcp over stdio', () => {
  it('answers a malformed line with a JSON-RPC error, keeps serving, and writes only JSON-RPC to stdout', async () => {
    const init = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
    };
    const { stdout } = await rawSession(
      [
        JSON.stringify(init),
        JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
        '{"jsonrpc":"2.0","id":2,"method":"tools/list"',
        JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/list' }),
        JSON.stringify({ jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'sentinel_status', arguments: {} } }),
      ],
      4,
    );
    const messages = stdout.map((line) => JSON.parse(line) as { jsonrpc: string; id: number | null; result?: any; error?: { code: number } });
    for (const m of messages) expect(m.jsonrpc).toBe('2.0');
    expect(messages.find((m) => m.id === 1)?.result.serverInfo.name).toBe('sentinel');
    expect(messages.find((m) => m.id === null)?.error?.code).toBe(-32700);
    expect(messages.find((m) => m.id === 3)?.result.tools).toHaveLength(15);
    const status = messages.find((m) => m.id === 4)!.result;
    expect(status.isError).toBeUndefined();
    expect(status.structuredContent.capsules[0].slug).toBe('example');
  });

  it('serves the SDK client: list and call', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [SENTINEL_BIN, 'mcp', '--root', repo.dir, '--tools', 'core'],
      stderr: 'pipe',
    });
    const client = new Client({ name: 'e2e', version: '1' });
    await client.connect(transport);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('sentinel_capsule_done');
    expect(tools).toHaveLength(7);
    const result = (await client.callTool({ name: 'sentinel_capsule_validate', arguments: {} })) as CallToolResult;
    expect(result.structuredContent).toMatchObject({ ok: true });
    await client.close();
  });

  it('answers warm calls from the current files: a capsule edited in place or added is seen by the next call', async () => {
    const transport = new StdioClientTransport({ command: process.execPath, args: [SENTINEL_BIN, 'mcp', '--root', repo.dir], stderr: 'pipe' });
    const client = new Client({ name: 'e2e-warm', version: '1' });
    await client.connect(transport);
    const validate = async () => ((await client.callTool({ name: 'sentinel_capsule_validate', arguments: {} })) as CallToolResult).structuredContent as any;
    const capsuleFile = path.join(repo.dir, '.specify/specs/example/capsule.md');
    const original = readFileSync(capsuleFile, 'utf8');
    try {
      expect((await validate()).ok).toBe(true);
      expect((await validate()).ok).toBe(true);
      // The same number of bytes, edited in place: no folder changes, the Goal heading is gone.
      writeFileSync(capsuleFile, original.replace('## Goal', '## Gaol'));
      expect((await validate()).ok).toBe(false);
      writeFileSync(capsuleFile, original);
      expect((await validate()).ok).toBe(true);
      mkdirSync(path.join(repo.dir, '.specify/specs/broken'), { recursive: true });
      writeFileSync(path.join(repo.dir, '.specify/specs/broken/capsule.md'), '# Capsule broken\n\n## Goal\nSomething, one day.\n');
      const both = await validate();
      expect(both.capsules.map((c: { file: string }) => c.file)).toEqual(['.specify/specs/broken/capsule.md', '.specify/specs/example/capsule.md']);
      expect(both.ok).toBe(false);
    } finally {
      writeFileSync(capsuleFile, original);
      rmSync(path.join(repo.dir, '.specify/specs/broken'), { recursive: true, force: true });
      await client.close();
    }
  });

  it('answers scope from kept git answers equal to a fresh process after an edit, a staged change and a commit', async () => {
    const own = makeTempRepo({ 'README.md': '# demo\n' });
    const transport = new StdioClientTransport({ command: process.execPath, args: [SENTINEL_BIN, 'mcp', '--root', own.dir], stderr: 'pipe' });
    const client = new Client({ name: 'e2e-warm-git', version: '1' });
    try {
      expect((await runSentinel(['init'], { cwd: own.dir })).code).toBe(0);
      own.commit('init');
      expect((await runSentinel(['route', 'example'], { cwd: own.dir })).code).toBe(0);
      await client.connect(transport);
      const verdict = (doc: any) => ({ ok: doc.ok, status: doc.status, summary: doc.summary, diagnostics: doc.diagnostics });
      const same = async () => {
        const warm = ((await client.callTool({ name: 'sentinel_scope', arguments: { capsule: 'example' } })) as CallToolResult).structuredContent;
        const fresh = (await runSentinel(['scope', '--capsule', 'example', '--json'], { cwd: own.dir })).json();
        expect(verdict(warm)).toEqual(verdict(fresh));
        return JSON.stringify(warm);
      };
      await same();
      expect(await same()).not.toContain('README.md');
      writeFileSync(path.join(own.dir, 'README.md'), '# done\n');
      expect(await same()).toContain('README.md');
      git(own.dir, 'add', 'README.md');
      expect(await same()).toContain('README.md');
      own.commit('readme');
      expect(await same()).toContain('README.md');
    } finally {
      await client.close();
      own.cleanup();
    }
  });

  it('refuses an unknown --tools set', async () => {
    const result = await runSentinel(['mcp', '--tools', 'most'], { cwd: repo.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--tools');
  });
});

describe('sentinel mcp smoke and the mcp gate', () => {
  // One smoke run proves three things (each smoke costs seconds): every step reported with its
  // time; the server tested on a workspace of its own (the user's draft capsule and broken config
  // do not fail it, and the temporary workspace is removed); the caller's SENTINEL_CAPSULE ignored
  // (npm start sets one).
  it("reports every step with timings, on a workspace of its own, ignoring the caller's SENTINEL_CAPSULE", async () => {
    const user = makeTempRepo({
      '.sentinel/config.json': '{"version": 1, "capsules": 5}\n',
      '.specify/specs/aaa-draft/capsule.md': '# Capsule aaa-draft\n\n## Goal\nSomething, one day.\n',
    });
    try {
      const result = await runSentinel(['mcp', 'smoke', '--json'], { cwd: user.dir, env: { SENTINEL_CAPSULE: 'payment-provider-client' } });
      const report = result.json<{ ok: boolean; root: string; steps: { step: string; status: string; detail: string; durationMs: number }[] }>();
      expect(result.code, JSON.stringify(report.steps.filter((s) => s.status === 'fail'))).toBe(0);
      expect(report.ok).toBe(true);
      const steps = report.steps.map((s) => s.step);
      expect(steps[0]).toBe('initialize');
      expect(steps).toContain('tools/list');
      expect(steps.at(-1)).toBe('shutdown');
      expect(steps.filter((s) => s.startsWith('tools/call '))).toHaveLength(15);
      expect(report.steps.find((s) => s.step === 'tools/call sentinel_capsule_done')?.status).toBe('skipped');
      for (const s of report.steps) expect(typeof s.durationMs).toBe('number');
      expect(report.root).not.toBe(user.dir);
      expect(report.steps.find((s) => s.step === 'tools/call sentinel_route')).toMatchObject({ status: 'ok', detail: expect.stringContaining('mcp-smoke@') });
      expect(report.steps.find((s) => s.step === 'tools/call sentinel_scope')?.status).not.toBe('fail');
      expect(existsSync(report.root)).toBe(false);
    } finally {
      user.cleanup();
    }
  }, 120_000);

  it('counts a call the server refuses as a failure, never as ok', async () => {
    const draft = makeTempRepo({ '.specify/specs/half/capsule.md': '# Capsule half\n\n## Goal\nSomething, one day.\n' });
    try {
      expect((await runSentinel(['init'], { cwd: draft.dir })).code).toBe(0);
      const { runSmoke } = await import('../../src/core/mcp-smoke/run.js');
      const report = await runSmoke({ root: draft.dir, binary: SENTINEL_BIN, capsule: 'half' });
      expect(report.ok).toBe(false);
      expect(report.steps.find((s) => s.step === 'tools/call sentinel_route')?.status).toBe('fail');
    } finally {
      draft.cleanup();
    }
  });

  // One check run: the gate passes without recursing, also when the CLI is started through
  // node_modules/.bin/sentinel (npx, the shipped workflow), the stricter of the two ways.
  it('runs as a gate of sentinel check without recursing, started through node_modules/.bin/sentinel', async () => {
    const bin = path.join(repo.dir, 'node_modules', '.bin');
    mkdirSync(bin, { recursive: true });
    symlinkSync(SENTINEL_BIN, path.join(bin, 'sentinel'));
    try {
      const result = await new Promise<{ code: number; stdout: string }>((resolve) => {
        const child = spawn(path.join(bin, 'sentinel'), ['check', '--only', 'mcp', '--json'], { cwd: repo.dir, stdio: ['ignore', 'pipe', 'inherit'] });
        let stdout = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.on('close', (code) => resolve({ code: code ?? -1, stdout }));
      });
      const report = JSON.parse(result.stdout) as { gates: { gate: string; status: string; summary: string }[] };
      expect(report.gates[0]).toMatchObject({ gate: 'mcp', status: 'ok' });
      expect(report.gates[0]!.summary).toMatch(/steps passed/);
      expect(result.code).toBe(0);
    } finally {
      rmSync(path.join(repo.dir, 'node_modules'), { recursive: true, force: true });
    }
  }, 120_000);
});

describe('MCP Inspector CLI', () => {
  const inspector = path.join(REPO_ROOT, 'node_modules/@modelcontextprotocol/inspector/cli/build/cli.js');
  const run = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [inspector, '--cli', process.execPath, SENTINEL_BIN, 'mcp', '--root', repo.dir, ...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });

  it('lists the tools', async () => {
    const result = await run(['--method', 'tools/list']);
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { tools: unknown[] }).tools).toHaveLength(15);
  });

  it('calls sentinel_status', async () => {
    const result = await run(['--method', 'tools/call', '--tool-name', 'sentinel_status']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).structuredContent.capsules[0].slug).toBe('example');
  });
});
