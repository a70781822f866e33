import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BEGIN, END, agentInstructions, upsertSection } from '../../../src/core/clients/agents-md.js';
import { mergeClaudeHooks } from '../../../src/core/clients/hooks-config.js';
import type { Launcher } from '../../../src/core/clients/launcher.js';
import { editedFile, parseHookInput } from '../../../src/core/hooks/input.js';
import { LineTransport } from '../../../src/mcp/stdio.js';

const LOCAL: Launcher = { command: 'npx', prefix: ['sentinel'], installed: true };
const FETCHED: Launcher = { command: 'npx', prefix: ['-y', '-p', 'sentinelkit', 'sentinel'], installed: false };

function transport(maxLineBytes: number) {
  const input = new PassThrough();
  const written: unknown[] = [];
  const received: unknown[] = [];
  const t = new LineTransport({ input, write: (line) => (written.push(JSON.parse(line)), true), onceDrain: (r) => r() }, maxLineBytes);
  t.onmessage = (m) => received.push(m);
  return { t, input, written, received };
}

describe('LineTransport', () => {
  it('answers a malformed line with -32700 and keeps reading', async () => {
    const { t, input, written, received } = transport(1_000);
    await t.start();
    input.write('{not json\n{"jsonrpc":"2.0","id":1,"method":"ping"}\n');
    expect(written).toEqual([{ jsonrpc: '2.0', id: null, error: { code: -32700, message: expect.stringContaining('Parse error') } }]);
    expect(received).toEqual([{ jsonrpc: '2.0', id: 1, method: 'ping' }]);
  });

  it('answers JSON that is not JSON-RPC with -32600 and its id', async () => {
    const { t, input, written, received } = transport(1_000);
    await t.start();
    input.write('{"id":7,"hello":true}\n');
    expect(written).toEqual([{ jsonrpc: '2.0', id: 7, error: { code: -32600, message: expect.any(String) } }]);
    expect(received).toEqual([]);
  });

  it('refuses a line over the limit without buffering it, even split across chunks', async () => {
    const { t, input, written, received } = transport(100);
    await t.start();
    input.write(`{"jsonrpc":"2.0","id":"big","method":"tools/call","params":{"x":"${'a'.repeat(80)}`);
    input.write(`${'a'.repeat(200)}"}}\n{"jsonrpc":"2.0","id":2,"method":"ping"}\n`);
    expect(written).toEqual([{ jsonrpc: '2.0', id: 'big', error: { code: -32600, message: expect.stringContaining('larger than 100 bytes') } }]);
    expect(received).toEqual([{ jsonrpc: '2.0', id: 2, method: 'ping' }]);
  });

  it('passes a line just under the limit', async () => {
    const { t, input, received } = transport(60);
    await t.start();
    input.write('{"jsonrpc":"2.0","id":3,"method":"ping"}\n');
    expect(received).toHaveLength(1);
  });
});

describe('AGENTS.md section', () => {
  const section = agentInstructions({ command: 'npx', prefix: ['sentinel'], installed: true });
  it('appends once and replaces in place, leaving the rest byte for byte', () => {
    const original = '# Project\r\n\r\nOur rules.\r\n';
    const first = upsertSection(original, section);
    expect(first.startsWith(original)).toBe(true);
    expect(upsertSection(first, section)).toBe(first);
    const edited = first.replace('Sentinel: the referee', 'old heading') + 'tail text\r\n';
    const replaced = upsertSection(edited, section);
    expect(replaced).toBe(`${first}tail text\r\n`);
    expect(replaced.split(BEGIN)).toHaveLength(2);
    expect(replaced.split(END)).toHaveLength(2);
  });

  it('creates the file content when missing', () => {
    expect(upsertSection(undefined, section)).toBe(`${section}\n`);
  });
});

describe('Claude hooks merge', () => {
  it('adds PreToolUse and Stop once, keeping existing hooks', () => {
    const settings: Record<string, unknown> = { model: 'x', hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'audit' }] }] } };
    mergeClaudeHooks(settings, '.claude/settings.json', LOCAL);
    mergeClaudeHooks(settings, '.claude/settings.json', LOCAL);
    const hooks = settings.hooks as Record<string, { matcher?: string; hooks: { command: string }[] }[]>;
    expect(hooks.PreToolUse!.map((g) => g.matcher)).toEqual(['Bash', 'Edit|Write|MultiEdit|NotebookEdit']);
    expect(hooks.Stop!.flatMap((g) => g.hooks.map((h) => h.command))).toEqual(['npx sentinel hook stop']);
    expect(settings.model).toBe('x');
  });

  it('rewrites its own hook when the launcher changes, instead of adding a second one; leaves look-alikes alone', () => {
    const custom = { type: 'command', command: 'npx sentinel hook stop --verbose' };
    const settings: Record<string, unknown> = { hooks: { Stop: [{ hooks: [custom] }] } };
    mergeClaudeHooks(settings, '.claude/settings.json', FETCHED);
    const commands = () => (settings.hooks as Record<string, { hooks: { command: string }[] }[]>).Stop!.flatMap((g) => g.hooks.map((h) => h.command));
    expect(commands()).toEqual(['npx sentinel hook stop --verbose', 'npx -y -p sentinelkit sentinel hook stop']);
    mergeClaudeHooks(settings, '.claude/settings.json', LOCAL);
    expect(commands()).toEqual(['npx sentinel hook stop --verbose', 'npx sentinel hook stop']);
  });
});

describe('hook input', () => {
  it('reads the edited file from Claude and Gemini field names', () => {
    expect(editedFile(parseHookInput('{"tool_input":{"file_path":"/a/b.ts"}}'))).toBe('/a/b.ts');
    expect(editedFile(parseHookInput('{"tool_input":{"notebook_path":"n.ipynb"}}'))).toBe('n.ipynb');
    expect(editedFile(parseHookInput('{"tool_input":{"path":"c.md"}}'))).toBe('c.md');
    expect(editedFile(parseHookInput(''))).toBeUndefined();
    expect(() => parseHookInput('[1]')).toThrow();
  });
});
