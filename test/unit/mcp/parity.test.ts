import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../src/cli/program.js';
import { runInit } from '../../../src/core/init/run.js';
import { loadConfig } from '../../../src/core/workspace/config.js';
import { createServer } from '../../../src/mcp/server.js';
import { capsuleFile } from '../../e2e/route-fixtures.js';
import { makeTempRepo, type TempRepo } from '../../helpers/cli.js';

/**
 * Issue 10: every operation answers the same over the CLI (`--json`, run in-process) and over MCP
 * (in memory), on one shared workspace. Timings and per-run file names are the only fields left out.
 */
let repo: TempRepo;
let client: Client;

beforeAll(async () => {
  repo = makeTempRepo({
    'README.md': '# demo\n',
    ...capsuleFile({
      slug: 'orders-api',
      goal: 'Add the orders endpoint to the API server.',
      outputs: ['server/src/routes/orders.ts'],
      acceptance: ['`npm test` passes'],
      context: ['README.md'],
      notes: ['Lead: backender'],
    }),
  });
  await runInit(repo.dir, { dryRun: false, force: false });
  repo.commit('init');
  // One real decision, so show/stamp have something to work on.
  await cli([
    'decide',
    '--author',
    'backender',
    '--scope',
    'orders',
    '--decision',
    'Use REST',
    '--rationale',
    'Clients speak HTTP',
    '--outputs',
    'server/src/routes/orders.ts',
  ]);
  repo.write({
    'server/src/routes/orders.ts': 'export const orders = [];\n',
    '.sentinel/tests/sentinels/totals.test.mjs': "import test from 'node:test';\ntest('totals add up', () => {});\n",
  });
  const server = createServer({ root: repo.dir, loadConfig, toolset: 'all', log: () => {}, version: 'test' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  client = new Client({ name: 'parity', version: '1' });
  await client.connect(clientSide);
}, 120_000);

afterAll(async () => {
  await client?.close();
  repo?.cleanup();
});

/** Run the CLI in this process with --json; return what it printed and its exit code. */
async function cli(args: string[]): Promise<{ code: number; json: Record<string, unknown> }> {
  const chunks: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    process.exitCode = 0;
    await runCli(['--root', repo.dir, '--json', ...args]);
    return { code: Number(process.exitCode ?? 0), json: JSON.parse(chunks.join('')) as Record<string, unknown> };
  } finally {
    write.mockRestore();
    stderr.mockRestore();
    process.exitCode = 0;
  }
}

async function mcp(name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

const VARYING = new Set(['durationMs', 'sharedMs', 'waitMs', 'wallMs', 'evidenceFile', 'at', 'startedAt', 'finishedAt']);
/** Drop what differs between two runs of the same thing (timings, the evidence file's time-stamped name). */
function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !VARYING.has(key))
      .map(([key, v]) => [key, stable(v)]),
  );
}

async function same(tool: string, args: Record<string, unknown>, argv: string[]): Promise<Record<string, unknown>> {
  const fromCli = await cli(argv);
  const fromMcp = await mcp(tool, args);
  expect(fromMcp.isError, JSON.stringify(fromMcp.content)).toBeFalsy();
  expect(stable(fromMcp.structuredContent)).toEqual(stable(fromCli.json));
  expect(fromCli.code).toBe(fromCli.json.ok ? 0 : 1);
  return fromCli.json;
}

describe('CLI --json and MCP structuredContent are the same document', () => {
  it('status', async () => {
    expect((await same('sentinel_status', {}, ['status'])).capsules).toContainEqual(expect.objectContaining({ slug: 'orders-api' }));
  });

  it('capsule validate', async () => {
    await same('sentinel_capsule_validate', {}, ['capsule', 'validate']);
    await same('sentinel_capsule_validate', { paths: ['.specify/specs/orders-api'] }, ['capsule', 'validate', '.specify/specs/orders-api']);
  });

  it('route (nothing logged), explain and the router prompt', async () => {
    expect((await same('sentinel_route', { capsule: 'orders-api', log: false }, ['route', 'orders-api', '--no-log'])).lead).toBe('backender');
    await same('sentinel_route', { capsule: 'orders-api', mode: 'explain' }, ['route', 'orders-api', '--explain']);
    await same('sentinel_route', { capsule: 'orders-api', mode: 'prompt' }, ['route', 'orders-api', '--prompt']);
  });

  it('prompt', async () => {
    await same('sentinel_prompt', { capsule: 'orders-api', agent: 'backender' }, ['prompt', 'orders-api', '--agent', 'backender']);
  });

  it('check, scope, context lint, contracts, logs, runbook check, provenance check, sentinels run', async () => {
    await same('sentinel_check', { gates: ['capsules', 'ledger', 'context'] }, ['check', '--only', 'capsules,ledger,context']);
    await same('sentinel_scope', { capsule: 'orders-api' }, ['scope', '--capsule', 'orders-api']);
    await same('sentinel_context_lint', {}, ['context', 'lint']);
    await same('sentinel_contract_validate', {}, ['contracts', 'validate']);
    await same('sentinel_logs_check', {}, ['logs', 'check']);
    await same('sentinel_runbook', { action: 'check' }, ['runbook', 'check']);
    await same('sentinel_provenance', {}, ['provenance', 'check']);
    await same('sentinel_run', {}, ['sentinels', 'run']);
  }, 120_000);

  it('ledger list, show, validate and append (dry run), with supersededBy and normalised outputs', async () => {
    const list = await same('sentinel_decision_log', { action: 'list' }, ['decisions', 'list']);
    expect((list.entries as { supersededBy: string[] }[])[0]!.supersededBy).toEqual([]);
    await same('sentinel_decision_log', { action: 'show', id: 'D-0001' }, ['decisions', 'show', 'D-0001']);
    await same('sentinel_decision_log', { action: 'validate' }, ['decisions', 'validate']);
    const fields = { author: 'backender', scope: 'orders', decision: 'Use JSON', rationale: 'Clients parse it', supersedes: 'D-0001', dryRun: true };
    const appended = await same('sentinel_decision_log', { action: 'append', ...fields, outputs: ['`server/src/routes/orders.ts`', 'none'] }, [
      'decide',
      '--author',
      'backender',
      '--scope',
      'orders',
      '--decision',
      'Use JSON',
      '--rationale',
      'Clients parse it',
      '--supersedes',
      'D-0001',
      '--dry-run',
      '--outputs',
      '`server/src/routes/orders.ts`,none',
    ]);
    expect(appended.entry).toContain('Outputs: server/src/routes/orders.ts');
  });

  it('stamp (dry run) and handoff suggestions', async () => {
    await same('sentinel_provenance', { action: 'stamp', files: ['server/src/routes/orders.ts'], decision: 'D-0001', agent: 'backender', dryRun: true }, [
      'stamp',
      'server/src/routes/orders.ts',
      '--decision',
      'D-0001',
      '--agent',
      'backender',
      '--dry-run',
    ]);
    await same('sentinel_handoff', { capsule: 'orders-api', suggest: true }, ['handoff', 'orders-api', '--suggest']);
  });

  it('capsule done (the capsule stays unrouted: both refuse alike)', async () => {
    const cliRun = await cli(['capsule', 'done', 'orders-api']);
    const mcpRun = await mcp('sentinel_capsule_done', { capsule: 'orders-api' });
    expect(Boolean(mcpRun.isError)).toBe(cliRun.code === 2);
    expect(stable(mcpRun.structuredContent)).toEqual(stable(cliRun.json));
  }, 120_000);
});

describe('the same errors on both edges', () => {
  const both = async (tool: string, args: Record<string, unknown>, argv: string[], code: string) => {
    const fromCli = await cli(argv);
    expect(fromCli.code).toBe(2);
    expect(fromCli.json.error).toMatchObject({ code });
    const fromMcp = await mcp(tool, args);
    expect(fromMcp.isError).toBe(true);
    // One error document: what --json prints is the tool's structuredContent, its summary the text.
    expect(fromMcp.structuredContent).toEqual(fromCli.json);
    expect(fromMcp.content).toEqual([{ type: 'text', text: fromCli.json.summary }]);
    expect(fromCli.json.summary).toMatch(new RegExp(`^error ${code}: `));
  };

  it('an unknown project command', () => both('sentinel_run', { commands: ['nope'] }, ['commands', 'run', 'nope'], 'COMMAND_UNKNOWN'));
  it('a sentinel-test filter that matches nothing', () =>
    both('sentinel_run', { filter: 'no-such-test' }, ['sentinels', 'run', '--filter', 'no-such-test'], 'SENTINELS_FILTER_NO_MATCH'));
  it('an unknown gate', () => both('sentinel_check', { gates: ['nope'] }, ['check', '--only', 'nope'], 'GATE_UNKNOWN'));
  it('a broken context-limits file is a config error', async () => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const path = await import('node:path');
    const limits = path.join(repo.dir, loadConfig(repo.dir).contextLimits);
    const before = readFileSync(limits, 'utf8');
    writeFileSync(limits, '{\n  "defaultMaxLines": 100,\n  "warningTreshold": 0.5\n}\n');
    try {
      const fromCli = await cli(['context', 'lint']);
      expect(fromCli.code).toBe(2);
      expect(fromCli.json.error).toMatchObject({ kind: 'config', code: 'CONTEXT_LIMITS_SCHEMA' });
      const fromMcp = await mcp('sentinel_context_lint', {});
      expect(fromMcp.isError).toBe(true);
      expect(fromMcp.structuredContent).toEqual(fromCli.json);
    } finally {
      writeFileSync(limits, before);
    }
  });
  it('a handoff whose follow-up would not validate fails alike, with its reasons', async () => {
    const { existsSync, readFileSync, writeFileSync } = await import('node:fs');
    const path = await import('node:path');
    const limits = path.join(repo.dir, loadConfig(repo.dir).contextLimits);
    const before = readFileSync(limits, 'utf8');
    // A capsule budget of 5 lines: any follow-up capsule is over it (CAPSULE_TOO_LONG).
    const parsed = JSON.parse(before) as { artifacts: { name: string; maxLines: number }[] };
    const artifacts = parsed.artifacts.map((a) => (a.name === 'capsules' ? { ...a, maxLines: 5 } : a));
    writeFileSync(limits, JSON.stringify({ ...parsed, artifacts }, null, 2));
    try {
      const args = { capsule: 'orders-api', to: 'scribe', reason: 'Document the orders endpoint' };
      const doc = await same('sentinel_handoff', args, ['handoff', 'orders-api', '--to', 'scribe', '--reason', args.reason]);
      expect(doc).toMatchObject({ ok: false, status: 'fail', outcome: 'invalid', recorded: false });
      expect((doc.diagnostics as { code: string }[])[0]!.code).toBe('HANDOFF_CAPSULE_INVALID');
      expect(existsSync(path.join(repo.dir, String(doc.file)))).toBe(false);
    } finally {
      writeFileSync(limits, before);
    }
  });
  it('LEDGER_ABSENT when there is no ledger', async () => {
    const { renameSync } = await import('node:fs');
    const path = await import('node:path');
    const ledger = path.join(repo.dir, loadConfig(repo.dir).ledger);
    renameSync(ledger, `${ledger}.away`);
    try {
      const doc = await same('sentinel_decision_log', { action: 'validate' }, ['decisions', 'validate']);
      expect((doc.diagnostics as { code: string }[]).map((d) => d.code)).toEqual(['LEDGER_ABSENT']);
    } finally {
      renameSync(`${ledger}.away`, ledger);
    }
  });
});
