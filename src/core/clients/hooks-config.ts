import { configError } from '../errors.js';
import { objectAt, type JsonObject } from './files.js';

export const PRE_EDIT_COMMAND = 'npx sentinel hook pre-edit';
export const STOP_COMMAND = 'npx sentinel hook stop';
/** Claude Code's file-editing tools. */
export const CLAUDE_EDIT_MATCHER = 'Edit|Write|MultiEdit|NotebookEdit';
/** Gemini CLI's file-editing tools (write_file, replace). */
export const GEMINI_EDIT_MATCHER = 'write_file|replace';

interface HookGroup {
  matcher?: string;
  hooks: { type: string; command: string; [key: string]: unknown }[];
  [key: string]: unknown;
}

function groupsAt(hooks: JsonObject, event: string, file: string): HookGroup[] {
  const current = hooks[event];
  if (current === undefined) return (hooks[event] = []) as HookGroup[];
  if (!Array.isArray(current)) throw configError('CLIENT_CONFIG_SHAPE', `hooks.${event} in ${file} is not an array`, { path: file, fix: `Make hooks.${event} an array of hook groups` });
  return current as HookGroup[];
}

/** Add `command` under `event` (in a group with `matcher`) unless some group already runs it. */
function ensureHook(hooks: JsonObject, event: string, command: string, file: string, matcher?: string, extra: JsonObject = {}): void {
  const groups = groupsAt(hooks, event, file);
  if (groups.some((g) => Array.isArray(g?.hooks) && g.hooks.some((h) => h?.command === command))) return;
  groups.push({ ...(matcher !== undefined ? { matcher } : {}), hooks: [{ type: 'command', command, ...extra }] });
}

/** .claude/settings.json: PreToolUse on edits → pre-edit; Stop → stop. Everything else is kept. */
export function mergeClaudeHooks(settings: JsonObject, file: string): void {
  const hooks = objectAt(settings, 'hooks', file);
  ensureHook(hooks, 'PreToolUse', PRE_EDIT_COMMAND, file, CLAUDE_EDIT_MATCHER);
  ensureHook(hooks, 'Stop', STOP_COMMAND, file);
}

/** .gemini/settings.json: BeforeTool on write_file|replace → pre-edit; AfterAgent → stop (exit 2 asks for a retry). */
export function mergeGeminiHooks(settings: JsonObject, file: string): void {
  const hooks = objectAt(settings, 'hooks', file);
  ensureHook(hooks, 'BeforeTool', PRE_EDIT_COMMAND, file, GEMINI_EDIT_MATCHER, { name: 'sentinel-scope' });
  ensureHook(hooks, 'AfterAgent', STOP_COMMAND, file, undefined, { name: 'sentinel-check' });
}
