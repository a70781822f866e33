import { configError } from '../errors.js';
import { objectAt, type JsonObject } from './files.js';
import { commandLine, knownCommandLines, type Launcher } from './launcher.js';

export const PRE_EDIT = ['hook', 'pre-edit'];
export const STOP = ['hook', 'stop'];
/** Claude Code's file-editing tools. */
const CLAUDE_EDIT_MATCHER = 'Edit|Write|MultiEdit|NotebookEdit';
/** Gemini CLI's file-editing tools (write_file, replace). */
const GEMINI_EDIT_MATCHER = 'write_file|replace';

interface HookGroup {
  matcher?: string;
  hooks: { type: string; command: string; [key: string]: unknown }[];
  [key: string]: unknown;
}

function groupsAt(hooks: JsonObject, event: string, file: string): HookGroup[] {
  const current = hooks[event];
  if (current === undefined) return (hooks[event] = []) as HookGroup[];
  if (!Array.isArray(current))
    throw configError('CLIENT_CONFIG_SHAPE', `hooks.${event} in ${file} is not an array`, { path: file, fix: `Make hooks.${event} an array of hook groups` });
  return current as HookGroup[];
}

/**
 * Make `event` run `sentinel <subcommand>` through `launcher`. A hook Sentinel wrote before with the
 * other launcher (sentinelkit installed or removed since) is rewritten in place, not duplicated;
 * otherwise a group (with `matcher`) is added.
 */
function ensureHook(hooks: JsonObject, event: string, launcher: Launcher, subcommand: string[], file: string, matcher?: string, extra: JsonObject = {}): void {
  const command = commandLine(launcher, ...subcommand);
  const ours = knownCommandLines(...subcommand);
  const groups = groupsAt(hooks, event, file);
  const existing = groups.flatMap((g) => (Array.isArray(g?.hooks) ? g.hooks : [])).filter((h) => typeof h?.command === 'string' && ours.includes(h.command));
  if (existing.length) {
    for (const hook of existing) hook.command = command;
    return;
  }
  groups.push({ ...(matcher !== undefined ? { matcher } : {}), hooks: [{ type: 'command', command, ...extra }] });
}

/** .claude/settings.json: PreToolUse on edits → pre-edit; Stop → stop. Everything else is kept. */
export function mergeClaudeHooks(settings: JsonObject, file: string, launcher: Launcher): void {
  const hooks = objectAt(settings, 'hooks', file);
  ensureHook(hooks, 'PreToolUse', launcher, PRE_EDIT, file, CLAUDE_EDIT_MATCHER);
  ensureHook(hooks, 'Stop', launcher, STOP, file);
}

/** .gemini/settings.json: BeforeTool on write_file|replace → pre-edit; AfterAgent → stop (exit 2 asks for a retry). */
export function mergeGeminiHooks(settings: JsonObject, file: string, launcher: Launcher): void {
  const hooks = objectAt(settings, 'hooks', file);
  ensureHook(hooks, 'BeforeTool', launcher, PRE_EDIT, file, GEMINI_EDIT_MATCHER, { name: 'sentinel-scope' });
  ensureHook(hooks, 'AfterAgent', launcher, STOP, file, undefined, { name: 'sentinel-check' });
}

/** Cursor's file-editing tools (preToolUse matcher). */
const CURSOR_EDIT_MATCHER = 'Write|StrReplace|Edit|Delete';

/**
 * .cursor/hooks.json (`{"version": 1, "hooks": {"preToolUse": [{command, matcher}], "stop": [{command}]}}`):
 * entries are flat, not groups. Sentinel's entries are updated in place; everything else is kept.
 */
export function mergeCursorHooks(config: JsonObject, file: string, launcher: Launcher): void {
  if (config.version === undefined) config.version = 1;
  const hooks = objectAt(config, 'hooks', file);
  const ensure = (event: string, subcommand: string[], matcher?: string) => {
    const entries = hooks[event] ?? (hooks[event] = []);
    if (!Array.isArray(entries))
      throw configError('CLIENT_CONFIG_SHAPE', `hooks.${event} in ${file} is not an array`, {
        path: file,
        fix: `Make hooks.${event} an array of {"command": …} entries`,
      });
    const command = commandLine(launcher, ...subcommand);
    const ours = knownCommandLines(...subcommand);
    const existing = entries.filter((e: { command?: unknown }) => typeof e?.command === 'string' && ours.includes(e.command));
    if (existing.length) for (const entry of existing) (entry as { command: string }).command = command;
    else entries.push({ command, ...(matcher ? { matcher } : {}) });
  };
  ensure('preToolUse', PRE_EDIT, CURSOR_EDIT_MATCHER);
  ensure('stop', STOP);
}
