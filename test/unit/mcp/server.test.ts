import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { encode } from 'gpt-tokenizer';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { runInit } from '../../../src/core/init/run.js';
import type { SentinelConfig } from '../../../src/core/workspace/config-types.js';
import { loadConfig } from '../../../src/core/workspace/config.js';
import { CORE_TOOLS } from '../../../src/mcp/registry.js';
import { createServer } from '../../../src/mcp/server.js';
import { makeTempRepo, type TempRepo } from '../../helpers/cli.js';
import { ALNUM, drawFrom, rng } from '../../corpora/secrets/synthetic.js';

let repo: TempRepo;
let outside: string;

beforeAll(async () => {
  repo = makeTempRepo({ 'README.md': '# demo\n' });
  await runInit(repo.dir, { dryRun: false, force: false });
  outside = mkdtempSync(path.join(tmpdir(), 'sentinel-outside-'));
  writeFileSync(path.join(outside, 'secret.jsonl'), '{"level":"info"}\n');
});

afterAll(() => {
  repo.cleanup();
  rmSync(outside, { recursive: true, force: true });
});

async function connect(options: { toolset?: 'all' | 'core'; config?: (c: SentinelConfig) => SentinelConfig; root?: string } = {}): Promise<Client> {
  const server = createServer({
    root: options.root ?? repo.dir,
    loadConfig: (root) => (options.config ?? ((c) => c))(loadConfig(root)),
    toolset: options.toolset ?? 'all',
    log: () => {},
    version: 'test',
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'test', version: '1' });
  await client.connect(clientSide);
  return client;
}

const call = async (client: Client, name: string, args: Record<string, unknown> = {}) => (await client.callTool({ name, arguments: args })) as CallToolResult;
const text = (result: CallToolResult) => result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');

describe('tools/list', () => {
  it('lists every tool with schemas, annotations and a title, under 2,500 tokens', async () => {
    const client = await connect();
    const listed = await client.listTools();
    expect(listed.tools.map((t) => t.name).sort()).toEqual(
      [
        'sentinel_capsule_done',
        'sentinel_capsule_validate',
        'sentinel_check',
        'sentinel_context_lint',
        'sentinel_contract_validate',
        'sentinel_decision_log',
        'sentinel_handoff',
        'sentinel_logs_check',
        'sentinel_prompt',
        'sentinel_provenance',
        'sentinel_route',
        'sentinel_run',
        'sentinel_runbook',
        'sentinel_scope',
        'sentinel_status',
      ].sort(),
    );
    for (const tool of listed.tools) {
      expect(tool.outputSchema?.type).toBe('object');
      expect(tool.annotations?.title).toBeTruthy();
      expect(typeof tool.annotations?.readOnlyHint).toBe('boolean');
      expect(typeof tool.annotations?.destructiveHint).toBe('boolean');
      expect(typeof tool.annotations?.idempotentHint).toBe('boolean');
      for (const property of Object.values(tool.inputSchema.properties ?? {})) expect((property as { description?: string }).description).toBeTruthy();
    }
    expect(encode(JSON.stringify(listed)).length).toBeLessThan(2_500);
    await client.close();
  });

  it('--tools core exposes the smaller set', async () => {
    const client = await connect({ toolset: 'core' });
    expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual([...CORE_TOOLS].sort());
    await client.close();
  });
});

describe('tools/call', () => {
  it('answers every read-only call with structuredContent and a text summary', async () => {
    const client = await connect();
    const calls: [string, Record<string, unknown>][] = [
      ['sentinel_status', {}],
      ['sentinel_check', { gates: ['capsules', 'ledger'] }],
      ['sentinel_capsule_validate', {}],
      ['sentinel_route', { capsule: 'example', mode: 'explain' }],
      ['sentinel_route', { capsule: 'example', mode: 'prompt' }],
      ['sentinel_prompt', { capsule: 'example', agent: 'backender' }],
      ['sentinel_contract_validate', {}],
      ['sentinel_context_lint', {}],
      ['sentinel_scope', {}],
      ['sentinel_run', {}],
      ['sentinel_decision_log', { action: 'list' }],
      ['sentinel_decision_log', { action: 'validate' }],
      ['sentinel_provenance', { action: 'check' }],
      ['sentinel_runbook', { action: 'check' }],
      ['sentinel_logs_check', {}],
      ['sentinel_handoff', { capsule: 'example', suggest: true }],
    ];
    for (const [name, args] of calls) {
      const result = await call(client, name, args);
      expect(result.isError, `${name}: ${text(result)}`).toBeFalsy();
      const structured = result.structuredContent as { ok: boolean; summary: string };
      expect(typeof structured.ok).toBe('boolean');
      expect(structured.summary.length).toBeGreaterThan(0);
      expect(text(result).length).toBeGreaterThan(0);
    }
    await client.close();
  });

  it('routes, appends a decision, stamps (dry run) and edits a runbook through the same core as the CLI', async () => {
    const client = await connect();
    const routed = await call(client, 'sentinel_route', { capsule: 'example' });
    expect((routed.structuredContent as { lead: string }).lead).toBe('backender');
    expect(existsSync(path.join(repo.dir, '.sentinel/state/example.json'))).toBe(true);
    const appended = await call(client, 'sentinel_decision_log', {
      action: 'append',
      author: 'backender',
      scope: 'health',
      decision: 'Use fastify',
      rationale: 'fast',
    });
    expect((appended.structuredContent as { id: string }).id).toBe('D-0001');
    const shown = await call(client, 'sentinel_decision_log', { action: 'show', id: 'D-0001' });
    expect(text(shown)).toContain('Use fastify');
    const stamped = await call(client, 'sentinel_provenance', { action: 'stamp', files: ['README.md'], decision: 'D-0001', dryRun: true });
    expect((stamped.structuredContent as { wrote: boolean }).wrote).toBe(false);
    expect(readFileSync(path.join(repo.dir, 'README.md'), 'utf8')).toBe('# demo\n');
    const set = await call(client, 'sentinel_runbook', { action: 'set', file: 'ops/backend/runbook.md', section: 'Startup', text: 'npm start' });
    expect(set.isError, text(set)).toBeFalsy();
    expect(readFileSync(path.join(repo.dir, 'ops/backend/runbook.md'), 'utf8')).toContain('npm start');
    await client.close();
  });

  it('reports core usage errors as tool errors with the fix', async () => {
    const client = await connect();
    const result = await call(client, 'sentinel_decision_log', { action: 'show', id: 'D-9999' });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/DECISION_NOT_FOUND.*fix:/);
    const unknownCommand = await call(client, 'sentinel_run', { commands: ['rm-everything'] });
    expect(unknownCommand.isError).toBe(true);
    expect(text(unknownCommand)).toContain('COMMAND_UNKNOWN');
    await client.close();
  });

  it('refuses unknown and mistyped arguments', async () => {
    const client = await connect();
    const unknown = await call(client, 'sentinel_scope', { capsule: 'example', bogus: 1 });
    expect(unknown.isError).toBe(true);
    expect(text(unknown)).toContain('bogus');
    const wrongType = await call(client, 'sentinel_check', { gates: ['nope'] });
    expect(wrongType.isError).toBe(true);
    await expect(client.callTool({ name: 'sentinel_nope', arguments: {} })).rejects.toThrow(/Unknown tool/);
    await client.close();
  });

  it('keeps CLI-only inputs out of the tool: route accept cannot name the file its answer came from', async () => {
    const client = await connect();
    const route = (await client.listTools()).tools.find((t) => t.name === 'sentinel_route')!;
    expect(Object.keys(route.inputSchema.properties ?? {})).not.toContain('source');
    const answer = JSON.stringify({ leadAgent: 'backender' });
    const result = await call(client, 'sentinel_route', { capsule: 'example', mode: 'accept', answer, source: 'README.md' });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toMatchObject({ ok: false, error: { code: 'MCP_INVALID_ARGUMENTS' } });
    expect(text(result)).toContain('source');
    await client.close();
  });
});

describe('safety', () => {
  it('refuses paths outside the workspace: parent, absolute and symlinked', async () => {
    symlinkSync(outside, path.join(repo.dir, 'escape'));
    onTestFinished(() => unlinkSync(path.join(repo.dir, 'escape')));
    const client = await connect();
    for (const [name, args] of [
      ['sentinel_capsule_validate', { paths: ['../x/capsule.md'] }],
      ['sentinel_capsule_validate', { paths: ['/etc/passwd'] }],
      ['sentinel_logs_check', { files: ['escape/secret.jsonl'] }],
      ['sentinel_runbook', { action: 'set', file: 'escape/new/runbook.md', section: 'Startup', text: 'x' }],
      ['sentinel_prompt', { capsule: '../../etc/capsule.md' }],
    ] as const) {
      const result = await call(client, name, args);
      expect(result.isError, `${name} ${JSON.stringify(args)}`).toBe(true);
      expect(text(result)).toContain('PATH_OUTSIDE_ROOT');
    }
    expect(existsSync(path.join(outside, 'new'))).toBe(false);
    const inside = await call(client, 'sentinel_capsule_validate', { paths: ['.specify/specs/example'] });
    expect(inside.isError, text(inside)).toBeFalsy();
    await client.close();
  });

  it('refuses arguments over mcp.maxInputBytes', async () => {
    const client = await connect({ config: (c) => ({ ...c, mcp: { maxInputBytes: 200 } }) });
    const big = await call(client, 'sentinel_route', { capsule: 'example', mode: 'accept', answer: 'x'.repeat(500) });
    expect(big.isError).toBe(true);
    expect(text(big)).toContain('MCP_INPUT_TOO_LARGE');
    const small = await call(client, 'sentinel_status', {});
    expect(small.isError).toBeFalsy();
    await client.close();
  });
});

describe('long tools', () => {
  const withCommands = (commands: Record<string, string>) => (c: SentinelConfig) => ({
    ...c,
    gates: { ...c.gates, commands: Object.fromEntries(Object.entries(commands).map(([k, run]) => [k, { run }])) },
  });

  it('sends progress notifications when the request has a progressToken', async () => {
    const client = await connect({ config: withCommands({ one: 'node -e 0', two: 'node -e 0' }) });
    const seen: { progress: number; message?: string | undefined }[] = [];
    const result = (await client.callTool({ name: 'sentinel_run', arguments: { commands: ['one', 'two'] } }, undefined, {
      onprogress: (p) => seen.push(p),
    })) as CallToolResult;
    expect(result.isError, text(result)).toBeFalsy();
    expect(seen.map((p) => p.message)).toEqual(['commands: one (1/2)', 'commands: two (2/2)']);
    const checkSeen: number[] = [];
    await client.callTool({ name: 'sentinel_check', arguments: { gates: ['capsules', 'ledger'] } }, undefined, {
      onprogress: (p) => checkSeen.push(p.progress),
    });
    expect(checkSeen.length).toBeGreaterThanOrEqual(3);
    expect(checkSeen.every((v, i) => i === 0 || v > checkSeen[i - 1]!)).toBe(true);
    await client.close();
  });

  it('cancellation kills the running command', async () => {
    const pidFile = path.join(repo.dir, 'sleeper.pid');
    const script = `require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setTimeout(() => {}, 60000)`;
    const client = await connect({ config: withCommands({ sleep: `node -e ${JSON.stringify(script)}` }) });
    const controller = new AbortController();
    const pending = client.callTool({ name: 'sentinel_run', arguments: { commands: ['sleep'] } }, undefined, { signal: controller.signal });
    // The file exists before its pid is written in it (and, under load, a while before): wait for the pid.
    const written = () => (existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : 0);
    await expect.poll(written, { timeout: 30_000, interval: 50 }).toBeGreaterThan(0);
    const pid = written();
    controller.abort('test cancels');
    await expect(pending).rejects.toThrow();
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    await expect.poll(alive, { timeout: 20_000, interval: 50 }).toBe(false);
    await client.close();
  });
});

describe('resources and prompts', () => {
  it('lists and reads capsules, agent ROLE/PLAYBOOK and the ledger', async () => {
    const client = await connect();
    const { resources } = await client.listResources();
    const uris = resources.map((r) => r.uri);
    expect(uris).toContain('sentinel://capsule/example');
    expect(uris).toContain('sentinel://agent/backender/role');
    expect(uris).toContain('sentinel://agent/backender/playbook');
    expect(uris).toContain('sentinel://ledger');
    const templates = (await client.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate);
    expect(templates).toContain('sentinel://capsule/{slug}');
    const capsule = await client.readResource({ uri: 'sentinel://capsule/example' });
    expect((capsule.contents[0] as { text: string }).text).toContain('# Capsule example@');
    const playbook = await client.readResource({ uri: 'sentinel://agent/backender/playbook' });
    expect((playbook.contents[0] as { text: string }).text).toContain('VERIFY');
    await expect(client.readResource({ uri: 'sentinel://capsule/missing' })).rejects.toThrow(/not found/);
    await expect(client.readResource({ uri: 'sentinel://agent/nobody/role' })).rejects.toThrow(/not found/);
    await client.close();
  });

  it('reads the pull-request description as a resource (no tool, so tools/list stays in budget)', async () => {
    const client = await connect();
    expect((await client.listResources()).resources.map((r) => r.uri)).toContain('sentinel://pr-body');
    const body = await client.readResource({ uri: 'sentinel://pr-body/example' });
    expect((body.contents[0] as { text: string }).text).toMatch(/^<!-- sentinel:pr-body -->\n## Sentinel\n\n### Capsule `example@/);
    await expect(client.readResource({ uri: 'sentinel://pr-body/missing' })).rejects.toThrow(/not found/);
    await client.close();
  });

  it('renders the router prompt and one prompt per agent', async () => {
    const client = await connect();
    const names = (await client.listPrompts()).prompts.map((p) => p.name);
    expect(names).toContain('route_capsule');
    expect(names).toContain('agent_backender');
    const router = await client.getPrompt({ name: 'route_capsule', arguments: { capsule: 'example' } });
    expect((router.messages[0]!.content as { text: string }).text).toContain('example');
    const agent = await client.getPrompt({ name: 'agent_backender', arguments: { capsule: 'example' } });
    expect((agent.messages[0]!.content as { text: string }).text).toContain('PLAYBOOK');
    await expect(client.getPrompt({ name: 'agent_backender', arguments: { capsule: 'nope' } })).rejects.toThrow();
    await client.close();
  });
});

describe('resources and prompts pass the redactor tools use', () => {
  it('masks a token planted in the ledger, a capsule title and an agent summary (resources and prompts, read and listed)', async () => {
    const token = `ghp_${drawFrom(rng('mcp-resource-redaction'))(ALNUM, 36)}`;
    const own = makeTempRepo({ 'README.md': '# demo\n' });
    onTestFinished(() => own.cleanup());
    await runInit(own.dir, { dryRun: false, force: false });
    const capsuleFile = path.join(own.dir, '.specify/specs/example/capsule.md');
    writeFileSync(
      capsuleFile,
      readFileSync(capsuleFile, 'utf8')
        .replace(/^(# Capsule .*)$/m, `$1 ${token}`)
        .replace('## Goal\n', `## Goal\nDeploy with ${token} first.\n`),
    );
    const agentFile = path.join(own.dir, '.sentinel/agents/backender/agent.json');
    const agent = JSON.parse(readFileSync(agentFile, 'utf8')) as { summary: string };
    writeFileSync(agentFile, JSON.stringify({ ...agent, summary: `${agent.summary} Token ${token}.` }));
    writeFileSync(
      path.join(own.dir, '.sentinel/DECISIONS.md'),
      `${readFileSync(path.join(own.dir, '.sentinel/DECISIONS.md'), 'utf8')}\nGITHUB_TOKEN=${token}\n`,
    );
    const client = await connect({ root: own.dir });
    const read = async (uri: string) => ((await client.readResource({ uri })).contents[0] as { text: string }).text;
    const prompt = async (name: string) =>
      ((await client.getPrompt({ name, arguments: { capsule: 'example' } })).messages[0]!.content as { text: string }).text;
    const shown: Record<string, string> = {
      ledger: await read('sentinel://ledger'),
      prBody: await read('sentinel://pr-body/example'),
      capsule: await read('sentinel://capsule/example'),
      router: await prompt('route_capsule'),
      agent: await prompt('agent_backender'),
      resourceList: JSON.stringify(await client.listResources()),
      promptList: JSON.stringify(await client.listPrompts()),
    };
    expect(shown.resourceList).toContain('health endpoint');
    expect(shown.promptList).toContain('Builds routes');
    for (const [where, text] of Object.entries(shown)) {
      expect(text, where).toContain(`********${token.slice(-4)}`);
      expect(text, where).not.toContain(token);
    }
    await client.close();
  });
});
