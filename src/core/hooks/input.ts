/** The JSON a client hook sends on stdin (Claude Code and Gemini CLI share these field names). */
export interface HookInput {
  hook_event_name?: string;
  tool_name?: string;
  tool_input?: { file_path?: unknown; path?: unknown; notebook_path?: unknown; [key: string]: unknown };
  cwd?: string;
  /** Set by Claude Code (Stop) and Gemini CLI (AfterAgent) when the hook already blocked once this turn. */
  stop_hook_active?: boolean;
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

/** The file an editing tool is about to touch, whichever client sent it. */
export function editedFile(input: HookInput): string | undefined {
  const toolInput = input.tool_input ?? {};
  for (const key of ['file_path', 'notebook_path', 'path'] as const) {
    const value = toolInput[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return undefined;
}
