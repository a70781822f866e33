import path from 'node:path';
import { usageError } from '../errors.js';
import { readTextIfExists, writeFileAtomic } from '../workspace/fs.js';
import { agentInstructions, upsertSection } from './agents-md.js';
import { codexConfigText } from './codex-toml.js';
import { jsonText, objectAt, readJsonObject, readTomlTable, type JsonObject, type PlannedFile } from './files.js';
import { mergeClaudeHooks, mergeCursorHooks, mergeGeminiHooks } from './hooks-config.js';
import { editJsonc } from './jsonc.js';
import { git } from '../git/git.js';
import { launcherFor, type Launcher } from './launcher.js';

interface ClientInitOptions {
  dryRun: boolean;
  force: boolean;
}

interface ClientInitResult {
  files: { path: string; action: string; client?: string; note?: string; warning?: string }[];
}

/** Written client files that git ignores: the client config would not reach the rest of the team. */
async function ignoredByGit(root: string, files: string[]): Promise<Set<string>> {
  if (files.length === 0) return new Set();
  const result = await git(root, ['check-ignore', '--no-index', '--', ...files]);
  return new Set(
    result.code === 0
      ? result.stdout
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean)
      : [],
  );
}

const CLIENTS = ['claude', 'codex', 'cursor', 'vscode', 'gemini'] as const;
type ClientName = (typeof CLIENTS)[number];

/** How every client starts the server: the project's own sentinelkit, or npx fetches it by name. */
const serverEntry = (launcher: Launcher) => ({ command: launcher.command, args: [...launcher.prefix, 'mcp'] });

function jsonPlan(root: string, file: string, client: string, edit: (config: JsonObject) => void, options: { jsonc?: boolean } = {}): PlannedFile {
  const { value, text, jsonc } = readJsonObject(root, file, options);
  const original = jsonc ? structuredClone(value) : undefined;
  edit(value);
  // JSONC (comments, trailing commas) is edited in place so the user's comments survive.
  const after = jsonc && text !== undefined ? editJsonc(text, original, value) : jsonText(value, text);
  return { path: file, client, existed: text !== undefined, ...(text !== undefined ? { before: text } : {}), after };
}

/** `mcpServers.sentinel` (Claude Code .mcp.json, Cursor, Gemini): other servers and keys are kept. */
const mcpServersEntry = (file: string, launcher: Launcher) => (config: JsonObject) => {
  const servers = objectAt(config, 'mcpServers', file);
  servers.sentinel = { ...objectAt(servers, 'sentinel', file), ...serverEntry(launcher) };
};

function planClient(root: string, client: ClientName, launcher: Launcher): PlannedFile[] {
  const SERVER = serverEntry(launcher);
  switch (client) {
    case 'claude':
      return [
        jsonPlan(root, '.mcp.json', client, mcpServersEntry('.mcp.json', launcher)),
        jsonPlan(root, '.claude/settings.json', client, (c) => mergeClaudeHooks(c, '.claude/settings.json', launcher)),
        markdownPlan(root, 'CLAUDE.md', client, launcher),
      ];
    case 'cursor':
      return [
        jsonPlan(root, '.cursor/mcp.json', client, mcpServersEntry('.cursor/mcp.json', launcher)),
        jsonPlan(root, '.cursor/hooks.json', client, (c) => mergeCursorHooks(c, '.cursor/hooks.json', launcher)),
      ];
    case 'vscode':
      return [
        jsonPlan(
          root,
          '.vscode/mcp.json',
          client,
          (c) => {
            const servers = objectAt(c, 'servers', '.vscode/mcp.json');
            servers.sentinel = { ...objectAt(servers, 'sentinel', '.vscode/mcp.json'), type: 'stdio', ...SERVER };
          },
          { jsonc: true },
        ),
      ];
    case 'gemini':
      return [
        jsonPlan(root, '.gemini/settings.json', client, (c) => {
          mcpServersEntry('.gemini/settings.json', launcher)(c);
          mergeGeminiHooks(c, '.gemini/settings.json', launcher);
        }),
      ];
    case 'codex': {
      const file = '.codex/config.toml';
      // Parsed first so a broken file is refused with its line before anything is written.
      const { text } = readTomlTable(root, file);
      return [
        { path: file, client, existed: text !== undefined, ...(text !== undefined ? { before: text } : {}), after: codexConfigText(text, launcher, file) },
      ];
    }
  }
}

function markdownPlan(root: string, file: string, client: string, launcher: Launcher): PlannedFile {
  const text = readTextIfExists(path.join(root, file));
  return {
    path: file,
    client,
    existed: text !== undefined,
    ...(text !== undefined ? { before: text } : {}),
    after: upsertSection(text, agentInstructions(launcher)),
  };
}

function parseClientList(clients: string[]): ClientName[] {
  const wanted = new Set<ClientName>();
  for (const name of clients) {
    if (name === 'all') CLIENTS.forEach((c) => wanted.add(c));
    else if ((CLIENTS as readonly string[]).includes(name)) wanted.add(name as ClientName);
    else throw usageError('CLIENT_UNKNOWN', `Unknown client "${name}"`, { fix: `Use one or more of: ${CLIENTS.join(', ')}, or all` });
  }
  if (wanted.size === 0) throw usageError('CLIENT_UNKNOWN', 'No client named', { fix: `Pass --client ${CLIENTS.join(',')} or --client all` });
  return CLIENTS.filter((c) => wanted.has(c));
}

/**
 * Wire MCP clients: every file is planned (and every existing file parsed) before anything is
 * written, so a broken config aborts the whole run with nothing changed. Merges keep all other
 * entries; only Sentinel's own entries are set. AGENTS.md is written for every client. Commands
 * run `npx sentinel …` when package.json lists sentinelkit, else `npx -y -p sentinelkit sentinel …`.
 */
export async function initClients(root: string, clients: string[], options: ClientInitOptions): Promise<ClientInitResult> {
  const names = parseClientList(clients);
  const launcher = launcherFor(root);
  const plans = [...names.flatMap((c) => planClient(root, c, launcher)), markdownPlan(root, 'AGENTS.md', names.join(','), launcher)];
  const ignored = await ignoredByGit(
    root,
    plans.map((p) => p.path),
  );
  const files = plans.map((plan) => {
    const unchanged = plan.before === plan.after;
    const action = unchanged ? 'unchanged' : options.dryRun ? (plan.existed ? 'would-update' : 'would-create') : plan.existed ? 'updated' : 'created';
    if (!unchanged && !options.dryRun) writeFileAtomic(path.join(root, plan.path), plan.after);
    const warning = ignored.has(plan.path)
      ? `${plan.path} is ignored by git, so this client setup stays on this machine; un-ignore it (e.g. "!${plan.path}" in .gitignore) to share it`
      : undefined;
    return {
      path: plan.path,
      action,
      client: plan.client,
      ...(plan.path.endsWith('.md') ? { note: 'sentinel section' } : { note: 'merged' }),
      ...(warning ? { warning } : {}),
    };
  });
  return { files };
}
