import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempRepo, runSentinel, type TempRepo } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';

/*
 * Runs are in-process (runInProcess: same output, exit code, files and stdin) except the first,
 * which spawn the built binary so they are also proven as a shell or an agent's client sees them.
 */

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());
const read = (file: string) => readFileSync(path.join(repo!.dir, file), 'utf8');
const SERVER = { command: 'npx', args: ['sentinel', 'mcp'] };
const FETCHED_SERVER = { command: 'npx', args: ['-y', '-p', 'sentinelkit', 'sentinel', 'mcp'] };
const WITH_SENTINELKIT = JSON.stringify({ name: 'app', devDependencies: { sentinelkit: '^0.1.0' } });

describe('sentinel init --client', () => {
  it('merges into existing configs without losing any entry, and is idempotent', async () => {
    const agentsMd = '# Agents\n\nHouse rules stay.\n';
    repo = makeTempRepo({
      '.mcp.json': JSON.stringify({ mcpServers: { github: { command: 'gh-mcp' } }, extra: true }, null, 4),
      '.codex/config.toml': 'model = "o3"\n\n[mcp_servers.docs]\ncommand = "docs-mcp"\nargs = ["--x"]\n',
      '.cursor/mcp.json': '{"mcpServers":{"db":{"command":"db-mcp"}}}',
      '.vscode/mcp.json': '{"servers":{"web":{"type":"http","url":"https://example.com"}},"inputs":[]}',
      '.gemini/settings.json':
        '{"theme":"dark","mcpServers":{"fs":{"command":"fs"}},"hooks":{"BeforeTool":[{"matcher":"run_shell_command","hooks":[{"type":"command","command":"audit"}]}]}}',
      '.claude/settings.json': '{"permissions":{"allow":["Bash(ls)"]}}',
      'AGENTS.md': agentsMd,
      'package.json': WITH_SENTINELKIT,
    });
    const first = await runSentinel(['init', '--client', 'all', '--json'], { cwd: repo.dir });
    expect(first.code, first.stderr).toBe(0);
    const mcp = JSON.parse(read('.mcp.json'));
    expect(mcp).toEqual({ mcpServers: { github: { command: 'gh-mcp' }, sentinel: SERVER }, extra: true });
    expect(read('.mcp.json')).toContain('    "mcpServers"');
    const codex = parseToml(read('.codex/config.toml')) as Record<string, any>;
    expect(codex.model).toBe('o3');
    expect(codex.mcp_servers.docs).toEqual({ command: 'docs-mcp', args: ['--x'] });
    expect(codex.mcp_servers.sentinel).toEqual(SERVER);
    expect(JSON.parse(read('.cursor/mcp.json')).mcpServers).toEqual({ db: { command: 'db-mcp' }, sentinel: SERVER });
    const vscode = JSON.parse(read('.vscode/mcp.json'));
    expect(vscode.servers.web).toEqual({ type: 'http', url: 'https://example.com' });
    expect(vscode.servers.sentinel).toEqual({ type: 'stdio', ...SERVER });
    expect(vscode.inputs).toEqual([]);
    const gemini = JSON.parse(read('.gemini/settings.json'));
    expect(gemini.theme).toBe('dark');
    expect(Object.keys(gemini.mcpServers)).toEqual(['fs', 'sentinel']);
    expect(gemini.hooks.BeforeTool.map((g: { matcher: string }) => g.matcher)).toEqual(['run_shell_command', 'write_file|replace']);
    expect(gemini.hooks.AfterAgent[0].hooks[0].command).toBe('npx sentinel hook stop');
    const claude = JSON.parse(read('.claude/settings.json'));
    expect(claude.permissions).toEqual({ allow: ['Bash(ls)'] });
    expect(claude.hooks.PreToolUse[0]).toEqual({
      matcher: 'Edit|Write|MultiEdit|NotebookEdit',
      hooks: [{ type: 'command', command: 'npx sentinel hook pre-edit' }],
    });
    expect(claude.hooks.Stop[0].hooks[0].command).toBe('npx sentinel hook stop');
    const agents = read('AGENTS.md');
    expect(agents.startsWith(agentsMd)).toBe(true);
    expect(agents).toContain('<!-- sentinel:begin -->');
    expect(agents).toContain('sentinel_capsule_done');
    // sentinelkit is a devDependency here: no bare `sentinel` on PATH, so the section says `npx sentinel`.
    expect(agents).toContain('`npx sentinel check`');
    expect(agents).not.toMatch(/(?<!npx )`sentinel [a-z]/);
    expect(read('CLAUDE.md')).toContain('<!-- sentinel:end -->');

    const before = ['.mcp.json', '.codex/config.toml', '.claude/settings.json', '.gemini/settings.json', 'AGENTS.md'].map(read);
    const second = await runInProcess(['init', '--client', 'all', '--json'], { cwd: repo.dir });
    expect(second.code).toBe(0);
    expect(second.json<{ clients: { action: string }[] }>().clients.every((f) => f.action === 'unchanged')).toBe(true);
    expect(['.mcp.json', '.codex/config.toml', '.claude/settings.json', '.gemini/settings.json', 'AGENTS.md'].map(read)).toEqual(before);
  });

  it('names sentinelkit for npx when package.json does not list it, and switches to the local bin once it does', async () => {
    repo = makeTempRepo({ 'package.json': JSON.stringify({ name: 'app', devDependencies: { sentinel: '1.0.0' } }) });
    expect((await runInProcess(['init', '--client', 'claude,codex,gemini'], { cwd: repo.dir })).code).toBe(0);
    expect(JSON.parse(read('.mcp.json')).mcpServers.sentinel).toEqual(FETCHED_SERVER);
    expect((parseToml(read('.codex/config.toml')) as Record<string, any>).mcp_servers.sentinel).toEqual(FETCHED_SERVER);
    const commands = (file: string) =>
      Object.values(JSON.parse(read(file)).hooks as Record<string, { hooks: { command: string }[] }[]>).flatMap((groups) =>
        groups.flatMap((g) => g.hooks.map((h) => h.command)),
      );
    expect(commands('.claude/settings.json')).toEqual(['npx -y -p sentinelkit sentinel hook pre-edit', 'npx -y -p sentinelkit sentinel hook stop']);
    expect(commands('.gemini/settings.json')).toEqual(['npx -y -p sentinelkit sentinel hook pre-edit', 'npx -y -p sentinelkit sentinel hook stop']);

    writeFileSync(path.join(repo.dir, 'package.json'), WITH_SENTINELKIT);
    expect((await runInProcess(['init', '--client', 'claude,gemini'], { cwd: repo.dir })).code).toBe(0);
    expect(JSON.parse(read('.gemini/settings.json')).mcpServers.sentinel).toEqual(SERVER);
    expect(commands('.claude/settings.json')).toEqual(['npx sentinel hook pre-edit', 'npx sentinel hook stop']);
    expect(commands('.gemini/settings.json')).toEqual(['npx sentinel hook pre-edit', 'npx sentinel hook stop']);
  });

  it('replaces the marked section in place, leaving the rest of the file byte-identical', async () => {
    const head = '# Claude\r\n\r\nBefore.\r\n\r\n';
    const tail = '\r\n\r\nAfter.\r\n';
    repo = makeTempRepo({ 'CLAUDE.md': `${head}<!-- sentinel:begin -->\r\nstale text\r\n<!-- sentinel:end -->${tail}` });
    expect((await runInProcess(['init', '--client', 'claude'], { cwd: repo.dir })).code).toBe(0);
    const text = read('CLAUDE.md');
    expect(text.startsWith(`${head}<!-- sentinel:begin -->`)).toBe(true);
    expect(text.endsWith(`<!-- sentinel:end -->${tail}`)).toBe(true);
    expect(text).not.toContain('stale text');
  });

  it('refuses invalid JSON with file and line, and writes nothing', async () => {
    const broken = '{\n  "mcpServers": {\n    "x": {"command": "y"},\n  }\n}\n';
    repo = makeTempRepo({ '.cursor/mcp.json': broken });
    const result = await runInProcess(['init', '--client', 'cursor,claude'], { cwd: repo.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\.cursor\/mcp\.json:4/);
    expect(read('.cursor/mcp.json')).toBe(broken);
    expect(existsSync(path.join(repo.dir, '.mcp.json'))).toBe(false);
    expect(existsSync(path.join(repo.dir, 'AGENTS.md'))).toBe(false);
  });

  it('--dry-run plans without writing; unknown clients are usage errors', async () => {
    repo = makeTempRepo({ 'README.md': 'x\n' });
    const dry = await runInProcess(['init', '--client', 'vscode', '--dry-run', '--json'], { cwd: repo.dir });
    expect(dry.code).toBe(0);
    expect(dry.json<{ clients: { path: string; action: string }[] }>().clients).toContainEqual(
      expect.objectContaining({ path: '.vscode/mcp.json', action: 'would-create' }),
    );
    expect(existsSync(path.join(repo.dir, '.vscode/mcp.json'))).toBe(false);
    const unknown = await runInProcess(['init', '--client', 'emacs'], { cwd: repo.dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('emacs');
  });
});
