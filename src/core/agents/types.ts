import type { Diagnostic } from '../diagnostics.js';
import type { Playbook } from './playbook.js';

export interface AgentManifest {
  id: string;
  name: string;
  rulesHash: string;
  summary: string;
  routing_keywords: string[];
  mount_paths?: string[];
  prompt_files: string[];
  owns?: string[];
  never_outputs?: string[];
  handoffs?: string[];
  rules_sha256?: string;
  /** The rulesHash that rules_sha256 was recorded for (written by `agents check --update`). */
  rules_version?: string;
}

export interface Agent {
  id: string;
  /** Workspace-relative folder of the role. */
  dir: string;
  manifest: AgentManifest;
  role: string;
  playbookText: string;
  playbook: Playbook;
  /** Workspace-relative paths the role and playbook were read from; absent when not found. */
  roleFile?: string;
  playbookFile?: string;
  /** prompt_files that were found nowhere, with the paths tried. */
  missingFiles?: MissingPromptFile[];
  /** sha256 of ROLE.md + "\n" + PLAYBOOK.md (normalised): the rules the agent actually gets. */
  contentHash: string;
}

export interface MissingPromptFile {
  name: string;
  tried: string[];
}

export interface Roster {
  agents: Agent[];
  diagnostics: Diagnostic[];
}
