import path from 'node:path';
import { error, type Diagnostic } from '../diagnostics.js';
import { configError, usageError } from '../errors.js';
import { describeAjvError } from '../schema/ajv-errors.js';
import type { ValidateFunction } from 'ajv';
import { validate as validateAgentSchema } from '../../generated/validators/agent.js';
import { lineOfPointer, parseJsonText } from '../schema/json-text.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { normalizeText, sha256 } from '../workspace/fs.js';
import { diskSettings, trackedSettings, type SettingsSource } from '../workspace/settings-source.js';
import { warmTracked } from '../workspace/warm.js';
import { parsePlaybook } from './playbook.js';
import type { Agent, AgentManifest, MissingPromptFile, Roster } from './types.js';

// Compiled at build time (scripts/build-validators.mjs): no ajv compiler on the hot path.
const manifestValidator = (): ValidateFunction => validateAgentSchema;

/** The rules an agent is given: ROLE.md and PLAYBOOK.md, normalised so CRLF checkouts hash alike. */
export function rulesContentHash(role: string, playbook: string): string {
  return sha256(`${normalizeText(role)}\n${normalizeText(playbook)}`);
}

/**
 * Find a prompt file: relative to the agent folder first (our layout), then to the workspace root
 * (the Python predecessor's layout: ".sentinel/agents/x/ROLE.md"). Both are confined to the root.
 */
function resolvePromptFile(
  root: string,
  dir: string,
  name: string,
  source: SettingsSource = diskSettings(root),
): { file?: string; text: string; tried: string[] } {
  const inFolder = path.posix.join(dir, name);
  const fromRoot = name.includes('/') ? [path.posix.normalize(name)] : [];
  // A name that already starts with the agent folder is most likely meant from the root: try (and report) that first.
  const ordered = name.startsWith(`${dir}/`) ? [...fromRoot, inFolder] : [inFolder, ...fromRoot];
  const candidates = ordered.filter((c, i, all) => all.indexOf(c) === i && !c.startsWith('../') && !path.posix.isAbsolute(c));
  for (const file of candidates) {
    const content = source.read(file);
    if (content !== undefined) return { file, text: normalizeText(content), tried: candidates };
  }
  return { text: '', tried: candidates };
}

function loadAgent(root: string, source: SettingsSource, agentsDir: string, folder: string, diagnostics: Diagnostic[]): Agent | undefined {
  const dir = path.posix.join(agentsDir, folder);
  const manifestPath = path.posix.join(dir, 'agent.json');
  const text = source.read(manifestPath);
  if (text === undefined) return undefined; // not an agent folder
  const parsed = parseJsonText(normalizeText(text));
  if (!parsed.ok) {
    diagnostics.push(
      error('AGENT_JSON_INVALID', `Invalid JSON: ${parsed.error.message}`, { path: manifestPath, line: parsed.error.line, fix: 'Fix the JSON syntax' }),
    );
    return undefined;
  }
  const validate = manifestValidator();
  if (!validate(parsed.value)) {
    for (const err of validate.errors ?? []) {
      diagnostics.push(
        error('AGENT_JSON_SCHEMA', describeAjvError(err), {
          path: manifestPath,
          line: lineOfPointer(normalizeText(text), err.instancePath) ?? 1,
          fix: 'Make agent.json match schemas/agent.schema.json (id, name, rulesHash, summary, routing_keywords, prompt_files)',
        }),
      );
    }
    return undefined;
  }
  const manifest = parsed.value as AgentManifest;
  if (manifest.id !== folder) {
    diagnostics.push(
      error('AGENT_ID_MISMATCH', `agent.json id "${manifest.id}" differs from its folder "${folder}"`, {
        path: manifestPath,
        line: lineOfPointer(normalizeText(text), '/id') ?? 1,
        fix: `Set "id": "${folder}" or rename the folder`,
      }),
    );
    return undefined;
  }
  const missing: MissingPromptFile[] = [];
  const readPromptFile = (name: string): { file?: string; text: string } => {
    const found = resolvePromptFile(root, dir, name, source);
    if (found.file === undefined) {
      missing.push({ name, tried: found.tried });
      diagnostics.push(
        error('AGENT_FILE_MISSING', `${name} listed in prompt_files was not found (tried ${found.tried.join(', ')})`, {
          path: found.tried[0] ?? manifestPath,
          fix: `Create ${found.tried[0]}, or fix the path in prompt_files (relative to ${dir}/ or to the repository root)`,
        }),
      );
      return { text: '' };
    }
    return { file: found.file, text: found.text };
  };
  const role = readPromptFile(manifest.prompt_files.find((f) => /role\.md$/i.test(f)) ?? 'ROLE.md');
  const playbook = readPromptFile(manifest.prompt_files.find((f) => /playbook\.md$/i.test(f)) ?? 'PLAYBOOK.md');
  return {
    id: manifest.id,
    dir,
    manifest,
    role: role.text,
    playbookText: playbook.text,
    playbook: parsePlaybook(playbook.text),
    contentHash: rulesContentHash(role.text, playbook.text),
    ...(role.file ? { roleFile: role.file } : {}),
    ...(playbook.file ? { playbookFile: playbook.file } : {}),
    missingFiles: missing,
  };
}

/**
 * Discover `<agentsDir>/*\/agent.json`; no role name is hard-coded. Sorted by id. `source`: where
 * the files are read (the working tree, or the recorded base when the referee judges a capsule).
 */
export function discoverAgents(root: string, config: SentinelConfig, source?: SettingsSource): Roster {
  if (source) return discoverFrom(root, config, source);
  // From the working tree: a warm process (MCP) reads the roster again only when a file or folder it read changed.
  return warmTracked(`roster:${root}:${config.agentsDir}`, (track) => discoverFrom(root, config, trackedSettings(root, track)));
}

function discoverFrom(root: string, config: SentinelConfig, source: SettingsSource): Roster {
  const diagnostics: Diagnostic[] = [];
  const agents: Agent[] = [];
  for (const folder of source.folders(config.agentsDir)) {
    const agent = loadAgent(root, source, config.agentsDir, folder, diagnostics);
    if (agent) agents.push(agent);
  }
  return { agents, diagnostics };
}

export function findAgent(roster: Roster, id: string): Agent {
  const agent = roster.agents.find((a) => a.id === id.toLowerCase());
  if (!agent) {
    throw usageError('AGENT_NOT_FOUND', `Unknown agent "${id}" (known: ${roster.agents.map((a) => a.id).join(', ') || 'none'})`, {
      fix: 'Pass an agent id from `sentinel agents list`',
    });
  }
  return agent;
}

/** Refuse to use an agent whose ROLE.md or PLAYBOOK.md was not found: say where it was looked for. */
export function requirePromptFiles(agent: Agent): Agent {
  const first = agent.missingFiles?.[0];
  if (!first) return agent;
  const all = agent.missingFiles!.map((m) => `${m.name} (tried ${m.tried.join(', ')})`).join('; ');
  throw configError('AGENT_FILE_MISSING', `Agent ${agent.id}: prompt file not found: ${all}`, {
    path: first.tried[0] ?? `${agent.dir}/agent.json`,
    fix: `Create the file, or fix prompt_files in ${agent.dir}/agent.json (paths relative to the agent folder or to the repository root)`,
  });
}
