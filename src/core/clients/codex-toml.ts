import { parse as parseToml } from 'smol-toml';
import { configError } from '../errors.js';
import { PRE_EDIT, STOP } from './hooks-config.js';
import { commandLine, knownCommandLines, type Launcher } from './launcher.js';

/** Codex's file-editing tool: patches arrive as `tool_input.command` (`*** Update File: …`). */
const CODEX_EDIT_MATCHER = 'apply_patch';

const HEADER = /^\s*\[/;
const SENTINEL_TABLE = /^\s*\[\s*mcp_servers\s*\.\s*(?:sentinel|"sentinel")\s*\]\s*(?:#.*)?$/;
const tomlString = (value: string): string => JSON.stringify(value);
const tomlArray = (values: string[]): string => `[${values.map(tomlString).join(', ')}]`;

/** Replace `key = …` (one line, or an array spread over lines) inside lines[start, end), or insert it after the header. */
function setKey(lines: string[], start: number, end: number, key: string, value: string): number {
  const pattern = new RegExp(`^(\\s*)${key}\\s*=`);
  for (let i = start; i < end; i++) {
    const match = pattern.exec(lines[i]!);
    if (!match) continue;
    let last = i;
    if (/=\s*\[[^\]]*$/.test(lines[i]!)) while (last + 1 < end && !lines[last]!.includes(']')) last++;
    const comment = /\]\s*(#.*)$|"\s*(#.*)$/.exec(lines[last]!)?.slice(1).find(Boolean);
    lines.splice(i, last - i + 1, `${match[1]}${key} = ${value}${comment ? ` ${comment}` : ''}`);
    return end - (last - i);
  }
  lines.splice(start, 0, `${key} = ${value}`);
  return end + 1;
}

/**
 * `.codex/config.toml` with Sentinel's MCP server and hooks, made by editing the document text:
 * the user's comments, order and layout stay as they were. `[mcp_servers.sentinel]` is updated in
 * place (or appended); a hook Sentinel wrote before keeps its place and only gets the current
 * command line; missing hooks are appended as `[[hooks.PreToolUse]]` / `[[hooks.Stop]]` tables.
 */
export function codexConfigText(before: string | undefined, launcher: Launcher, file: string): string {
  const eol = before?.includes('\r\n') ? '\r\n' : '\n';
  const lines = (before ?? '').replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
  if (lines.length === 1 && lines[0] === '') lines.pop();
  const server = { command: tomlString(launcher.command), args: tomlArray([...launcher.prefix, 'mcp']) };
  const tableAt = lines.findIndex((l) => SENTINEL_TABLE.test(l));
  if (tableAt >= 0) {
    let end = lines.findIndex((l, i) => i > tableAt && HEADER.test(l));
    if (end < 0) end = lines.length;
    end = setKey(lines, tableAt + 1, end, 'command', server.command);
    setKey(lines, tableAt + 1, end, 'args', server.args);
  } else {
    lines.push(...(lines.length ? [''] : []), '[mcp_servers.sentinel]', `command = ${server.command}`, `args = ${server.args}`);
  }
  const hooks: [string, string[], string | undefined][] = [
    ['PreToolUse', PRE_EDIT, CODEX_EDIT_MATCHER],
    ['Stop', STOP, undefined],
  ];
  for (const [event, subcommand, matcher] of hooks) {
    const command = commandLine(launcher, ...subcommand);
    const ours = new Set(knownCommandLines(...subcommand).map(tomlString));
    const at = lines.findIndex((l) => {
      const m = /^\s*command\s*=\s*("(?:[^"\\]|\\.)*")/.exec(l);
      return m !== null && ours.has(m[1]!);
    });
    if (at >= 0) lines[at] = lines[at]!.replace(/("(?:[^"\\]|\\.)*")/, tomlString(command));
    else
      lines.push(
        '',
        `[[hooks.${event}]]`,
        ...(matcher ? [`matcher = ${tomlString(matcher)}`] : []),
        `[[hooks.${event}.hooks]]`,
        'type = "command"',
        `command = ${tomlString(command)}`,
      );
  }
  const text = `${lines.join('\n')}\n`;
  try {
    parseToml(text);
  } catch (err) {
    throw configError('CLIENT_CONFIG_MERGE', `${file}: adding Sentinel's entries would make it invalid TOML (${(err as Error).message.split('\n')[0]})`, {
      path: file,
      fix: `Your file defines mcp_servers or hooks inline; add [mcp_servers.sentinel] and [[hooks.PreToolUse]]/[[hooks.Stop]] tables running \`${commandLine(launcher, ...PRE_EDIT)}\` / \`${commandLine(launcher, ...STOP)}\` by hand; nothing was written`,
    });
  }
  return eol === '\n' ? text : text.replace(/\n/g, eol);
}
