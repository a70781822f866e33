/** The JSON a client hook sends on stdin (Claude Code and Gemini CLI share these field names). */
export interface HookInput {
  hook_event_name?: string;
  tool_name?: string;
  tool_input?: { file_path?: unknown; path?: unknown; notebook_path?: unknown; [key: string]: unknown };
  cwd?: string;
  /** Set by Claude Code (Stop), Codex (Stop) and Gemini CLI (AfterAgent) when the hook already blocked once this turn. */
  stop_hook_active?: boolean;
  /** Cursor: the open folders (no cwd), its version, and how many follow-ups the stop hook already caused. */
  workspace_roots?: unknown;
  cursor_version?: unknown;
  loop_count?: unknown;
}

/** Cursor sends `cursor_version`/`workspace_roots` and reads JSON answers on stdout instead of exit codes alone. */
export const isCursorInput = (input: HookInput): boolean => typeof input.cursor_version === 'string' || Array.isArray(input.workspace_roots);

/** The folder the client runs in: `cwd` (Claude Code, Codex, Gemini) or Cursor's first workspace root. */
export function hookCwd(input: HookInput): string | undefined {
  if (typeof input.cwd === 'string' && input.cwd) return input.cwd;
  const roots = input.workspace_roots;
  return Array.isArray(roots) && typeof roots[0] === 'string' && roots[0] ? roots[0] : undefined;
}

/** The client already let the stop hook send the agent back once this turn. */
export const stopAlreadyBlocked = (input: HookInput): boolean =>
  input.stop_hook_active === true || (typeof input.loop_count === 'number' && input.loop_count > 0);

const PATCH_TARGET = /^\*\*\* (?:Update|Add|Delete) File: (.+?)\s*$|^\*\*\* Move to: (.+?)\s*$/gm;

/** Files named by a Codex apply_patch envelope (`*** Update File: a.ts`, `*** Add File:`, `*** Delete File:`, `*** Move to:`). */
function patchTargets(patch: string): string[] {
  return [...new Set([...patch.matchAll(PATCH_TARGET)].map((m) => (m[1] ?? m[2])!))];
}

/** The hook's verdict: `block` becomes exit 2 with `reason` on stderr (the agent reads it). */
export interface HookVerdict {
  block: boolean;
  reason: string;
}

export function parseHookInput(text: string): HookInput {
  if (text.trim() === '') return {};
  const value = JSON.parse(text) as unknown;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('hook input is not a JSON object');
  return value as HookInput;
}

/**
 * The files an editing tool is about to touch, whichever client sent it: `file_path`/`path`
 * (Claude Code, Gemini CLI, Cursor) or the targets of a Codex apply_patch (`tool_input.command`,
 * a string or `["apply_patch", "<patch>"]`).
 */
export function editedFiles(input: HookInput): string[] {
  const toolInput = typeof input.tool_input === 'object' && input.tool_input !== null ? input.tool_input : {};
  for (const key of ['file_path', 'notebook_path', 'path'] as const) {
    const value = toolInput[key];
    if (typeof value === 'string' && value.trim() !== '') return [value];
  }
  const command = toolInput.command ?? toolInput.input;
  const patch = Array.isArray(command) ? command.filter((c): c is string => typeof c === 'string').join('\n') : typeof command === 'string' ? command : '';
  return patch.includes('*** Begin Patch') ? patchTargets(patch) : [];
}

/** The first file an editing tool is about to touch. */
export const editedFile = (input: HookInput): string | undefined => editedFiles(input)[0];
