import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseJsonc } from 'jsonc-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { makeRoutedRepo, makeTempRepo, runSentinel, type TempRepo } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';

/*
 * Runs are in-process (runInProcess: same output, exit code, files and stdin) except the first and each client's first hook,
 * which spawn the built binary so they are also proven as a shell or an agent's client sees them.
 */

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());
const read = (file: string) => readFileSync(path.join(repo!.dir, file), 'utf8');

const CODEX = `# my Codex settings
model = "o3"   # fast enough

[mcp_servers.docs]
command = "docs-mcp"
args = ["--x"]  # keep

# hooks of my own
[[hooks.PreToolUse]]
matcher = "Bash"
[[hooks.PreToolUse.hooks]]
type = "command"
command = "./audit.sh"
`;

const VSCODE = `{
  // servers for this repository
  "servers": {
    "docs": { "type": "stdio", "command": "docs-mcp", }, // trailing comma, as VS Code allows
  },
}
`;

describe("init --client codex, cursor, vscode: hooks and merges that keep the user's file", () => {
  it('edits .codex/config.toml in place: comments and layout kept, MCP server and PreToolUse/Stop hooks added once', async () => {
    repo = makeTempRepo({ '.codex/config.toml': CODEX });
    expect((await runSentinel(['init', '--client', 'codex'], { cwd: repo.dir })).code).toBe(0);
    const text = read('.codex/config.toml');
    expect(text.startsWith(CODEX)).toBe(true);
    const toml = parseToml(text) as Record<string, any>;
    expect(toml.mcp_servers.sentinel).toEqual({ command: 'npx', args: ['-y', '-p', 'sentinelkit', 'sentinel', 'mcp'] });
    expect(toml.hooks.PreToolUse.map((g: { matcher: string }) => g.matcher)).toEqual(['Bash', 'apply_patch']);
    expect(toml.hooks.PreToolUse[1].hooks).toEqual([{ type: 'command', command: 'npx -y -p sentinelkit sentinel hook pre-edit' }]);
    expect(toml.hooks.Stop[0].hooks[0].command).toBe('npx -y -p sentinelkit sentinel hook stop');
    // Again: nothing to do. With sentinelkit installed: the same entries switch launcher in place.
    expect((await runInProcess(['init', '--client', 'codex', '--json'], { cwd: repo.dir })).json().clients[0].action).toBe('unchanged');
    writeFileSync(path.join(repo.dir, 'package.json'), JSON.stringify({ devDependencies: { sentinelkit: '*' } }));
    expect((await runInProcess(['init', '--client', 'codex'], { cwd: repo.dir })).code).toBe(0);
    const again = read('.codex/config.toml');
    expect(again).toContain('# hooks of my own');
    expect(again.match(/\[\[hooks\.Stop\]\]/g)).toHaveLength(1);
    expect((parseToml(again) as any).hooks.Stop[0].hooks[0].command).toBe('npx sentinel hook stop');
    expect((parseToml(again) as any).mcp_servers.sentinel.args).toEqual(['sentinel', 'mcp']);
  });

  it('writes .cursor/hooks.json (version 1, preToolUse on edits, stop)', async () => {
    repo = makeTempRepo({ 'README.md': '# x\n' });
    expect((await runInProcess(['init', '--client', 'cursor'], { cwd: repo.dir })).code).toBe(0);
    expect(JSON.parse(read('.cursor/hooks.json'))).toEqual({
      version: 1,
      hooks: {
        preToolUse: [{ command: 'npx -y -p sentinelkit sentinel hook pre-edit', matcher: 'Write|StrReplace|Edit|Delete' }],
        stop: [{ command: 'npx -y -p sentinelkit sentinel hook stop' }],
      },
    });
  });

  it('merges a JSONC .vscode/mcp.json keeping its comments and trailing commas, and warns when git ignores it', async () => {
    repo = makeTempRepo({ '.vscode/mcp.json': VSCODE, '.gitignore': '.vscode/\n' });
    const res = await runInProcess(['init', '--client', 'vscode'], { cwd: repo.dir });
    expect(res.code).toBe(0);
    const text = read('.vscode/mcp.json');
    expect(text).toContain('// servers for this repository');
    expect(text).toContain('// trailing comma, as VS Code allows');
    const value = parseJsonc(text, [], { allowTrailingComma: true }) as any;
    expect(value.servers.docs).toEqual({ type: 'stdio', command: 'docs-mcp' });
    expect(value.servers.sentinel).toEqual({ type: 'stdio', command: 'npx', args: ['-y', '-p', 'sentinelkit', 'sentinel', 'mcp'] });
    expect(res.stderr).toContain('.vscode/mcp.json is ignored by git');
  });
});

describe('hook payloads as Codex and Cursor send them', () => {
  async function routed(): Promise<TempRepo> {
    repo = await makeRoutedRepo(runInProcess);
    return repo;
  }
  const patch = (...files: string[]) => ['*** Begin Patch', ...files.flatMap((f) => [`*** Update File: ${f}`, '@@', '-a', '+b']), '*** End Patch'].join('\n');

  it('Codex PreToolUse on apply_patch: blocked when any patched file is out of scope, allowed inside; Stop honours stop_hook_active', async () => {
    const r = await routed();
    const codex = (command: unknown) =>
      JSON.stringify({ session_id: 's', turn_id: 't', hook_event_name: 'PreToolUse', tool_name: 'apply_patch', tool_input: { command }, cwd: r.dir });
    const out = await runSentinel(['hook', 'pre-edit'], { cwd: r.dir, input: codex(patch('server/src/routes/health.ts', 'src/other.ts')) });
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('src/other.ts');
    const inside = await runInProcess(['hook', 'pre-edit'], { cwd: r.dir, input: codex(['apply_patch', patch('server/src/routes/health.ts')]) });
    expect(inside.code, inside.stderr).toBe(0);
    r.write({ 'src/stray.ts': 'export const x = 1;\n' });
    const stop = await runInProcess(['hook', 'stop'], { cwd: r.dir, input: JSON.stringify({ hook_event_name: 'Stop', cwd: r.dir, stop_hook_active: false }) });
    expect(stop.code).toBe(2);
    const again = await runInProcess(['hook', 'stop'], { cwd: r.dir, input: JSON.stringify({ hook_event_name: 'Stop', cwd: r.dir, stop_hook_active: true }) });
    expect(again.code).toBe(0);
  });

  it('Cursor preToolUse answers {"permission":"deny"} on stdout; stop sends a follow-up once, then lets the agent stop', async () => {
    const r = await routed();
    const common = { conversation_id: 'c', generation_id: 'g', cursor_version: '1.7.0', workspace_roots: [r.dir] };
    const write = (file: string) =>
      JSON.stringify({ ...common, hook_event_name: 'preToolUse', tool_name: 'Write', tool_input: { file_path: path.join(r.dir, file) } });
    const denied = await runSentinel(['hook', 'pre-edit'], { cwd: r.dir, input: write('src/other.ts') });
    expect(denied.code).toBe(2);
    expect(JSON.parse(denied.stdout)).toMatchObject({ permission: 'deny', agent_message: expect.stringContaining('src/other.ts') });
    const allowed = await runInProcess(['hook', 'pre-edit'], { cwd: r.dir, input: write('server/src/routes/health.ts') });
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(JSON.parse(allowed.stdout)).toEqual({ permission: 'allow' });
    r.write({ 'src/stray.ts': 'export const x = 1;\n' });
    const stop = await runInProcess(['hook', 'stop'], {
      cwd: r.dir,
      input: JSON.stringify({ ...common, hook_event_name: 'stop', status: 'completed', loop_count: 0 }),
    });
    expect(stop.code).toBe(0);
    expect(JSON.parse(stop.stdout).followup_message).toContain('src/stray.ts');
    const later = await runInProcess(['hook', 'stop'], {
      cwd: r.dir,
      input: JSON.stringify({ ...common, hook_event_name: 'stop', status: 'completed', loop_count: 1 }),
    });
    expect(JSON.parse(later.stdout)).toEqual({});
  });
});
