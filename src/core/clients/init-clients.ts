import { usageError } from '../errors.js';

export interface ClientInitOptions {
  dryRun: boolean;
  force: boolean;
}

export interface ClientInitResult {
  files: { path: string; action: string; client?: string; note?: string }[];
}

/** Wires MCP client configs (claude, codex, cursor, vscode, gemini). Not part of this build. */
export async function initClients(_root: string, clients: string[], _options: ClientInitOptions): Promise<ClientInitResult> {
  throw usageError('CLIENTS_UNAVAILABLE', `MCP client setup (${clients.join(', ')}) is not available in this build`, {
    fix: 'Run `sentinel init` without --client, and configure the MCP server in your client by hand (command: `sentinel mcp`)',
  });
}
