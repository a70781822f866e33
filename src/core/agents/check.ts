import { error, info, sortDiagnostics, warning, type Diagnostic } from '../diagnostics.js';
import { lineOfPointer } from '../schema/json-text.js';
import { normalizeText } from '../workspace/fs.js';
import type { Agent, Roster } from './types.js';

/**
 * Rules drift states. The recorded `rules_sha256` belongs to the version in `rules_version`
 * (or, when that is absent, to the current `rulesHash`).
 *  - ok: the content hash matches the recorded one.
 *  - drift: content changed, declared version did not → error.
 *  - bumped: version was bumped since the hash was recorded → record it with --update.
 *  - unrecorded: no hash recorded yet → record it with --update.
 */
type RulesState = 'ok' | 'drift' | 'bumped' | 'unrecorded';

interface AgentRulesStatus {
  id: string;
  rulesHash: string;
  contentHash: string;
  recorded?: string;
  recordedFor?: string;
  state: RulesState;
}

export function rulesState(agent: Agent): AgentRulesStatus {
  const { manifest } = agent;
  const status: AgentRulesStatus = { id: agent.id, rulesHash: manifest.rulesHash, contentHash: agent.contentHash, state: 'ok' };
  if (manifest.rules_sha256 !== undefined) status.recorded = manifest.rules_sha256;
  if (manifest.rules_version !== undefined) status.recordedFor = manifest.rules_version;
  if (!manifest.rules_sha256) status.state = 'unrecorded';
  else if (manifest.rules_sha256 === agent.contentHash)
    status.state = manifest.rules_version && manifest.rules_version !== manifest.rulesHash ? 'bumped' : 'ok';
  else status.state = manifest.rules_version && manifest.rules_version !== manifest.rulesHash ? 'bumped' : 'drift';
  return status;
}

/** Suggest the next minor version: BACKENDER@1.0 → BACKENDER@1.1, X@2 → X@2.1. */
export function nextRulesVersion(rulesHash: string): string {
  const match = /^(.*@)(\d+)(?:\.(\d+))?(.*)$/.exec(rulesHash);
  if (!match) return `${rulesHash}.1`;
  return `${match[1]}${match[2]}.${Number(match[3] ?? 0) + 1}`;
}

interface RosterCheck {
  diagnostics: Diagnostic[];
  rules: AgentRulesStatus[];
}

/**
 * Check a discovered roster: discovery errors, duplicate ids, playbook shape (phases, a final
 * HANDOFF phase), handoffs to unknown roles, and rules drift. `manifestText` gives line numbers.
 */
export function checkRoster(roster: Roster, manifestText: (agent: Agent) => string | undefined = () => undefined): RosterCheck {
  const diagnostics: Diagnostic[] = [...roster.diagnostics];
  const rules: AgentRulesStatus[] = [];
  const known = new Set(roster.agents.map((a) => a.id));
  const seen = new Map<string, Agent>();
  for (const agent of roster.agents) {
    const manifestPath = `${agent.dir}/agent.json`;
    const text = normalizeText(manifestText(agent) ?? '');
    const lineOf = (pointer: string) => (text ? lineOfPointer(text, pointer) : undefined);
    const at = (pointer: string) => {
      const line = lineOf(pointer);
      return line ? { path: manifestPath, line } : { path: manifestPath };
    };
    const first = seen.get(agent.id);
    if (first) {
      diagnostics.push(
        error('AGENT_DUPLICATE_ID', `Agent id "${agent.id}" is also declared in ${first.dir}/agent.json`, { ...at('/id'), fix: 'Give each role a unique id' }),
      );
      continue;
    }
    seen.set(agent.id, agent);

    const playbookFile = agent.playbookFile ?? `${agent.dir}/${agent.manifest.prompt_files.find((f) => /playbook\.md$/i.test(f)) ?? 'PLAYBOOK.md'}`;
    const phases = agent.playbook.phases;
    if (agent.playbookText.trim() !== '' && phases.length === 0) {
      diagnostics.push(
        error('AGENT_PLAYBOOK_NO_PHASES', 'PLAYBOOK.md has no phases', {
          path: playbookFile,
          line: 1,
          fix: 'Write numbered phases ("1) ORIENT", "2) PLAN", …) each followed by "-" bullets',
        }),
      );
    } else if (phases.length > 0) {
      const handoff = phases.find((p) => p.name === 'HANDOFF');
      if (!handoff) {
        diagnostics.push(
          error('AGENT_PLAYBOOK_NO_HANDOFF', 'PLAYBOOK.md has no HANDOFF phase', {
            path: playbookFile,
            line: phases[phases.length - 1]!.line,
            fix: `Add a final phase "${phases.length + 1}) HANDOFF" naming the roles to tag and when`,
          }),
        );
      } else if (handoff !== phases[phases.length - 1]) {
        diagnostics.push(
          warning('AGENT_PLAYBOOK_HANDOFF_NOT_LAST', `HANDOFF is phase ${handoff.index} of ${phases.length}; it should come last`, {
            path: playbookFile,
            line: handoff.line,
            fix: 'Move the HANDOFF phase to the end of the playbook',
          }),
        );
      }
      for (const phase of phases.filter((p) => p.bullets.length === 0)) {
        diagnostics.push(
          warning('AGENT_PLAYBOOK_EMPTY_PHASE', `Phase ${phase.name} has no bullets`, {
            path: playbookFile,
            line: phase.line,
            fix: 'Add "-" bullets saying what to do in this phase',
          }),
        );
      }
    }

    (agent.manifest.handoffs ?? []).forEach((target, index) => {
      if (!known.has(target.toLowerCase())) {
        diagnostics.push(
          warning('AGENT_HANDOFF_UNKNOWN', `handoffs names "${target}", which is not in the roster`, {
            ...at(`/handoffs/${index}`),
            fix: `Use one of: ${[...known].sort().join(', ')}, or add a "${target}" role`,
          }),
        );
      }
    });

    const status = rulesState(agent);
    rules.push(status);
    if (status.state === 'drift') {
      diagnostics.push(
        error(
          'AGENT_RULES_DRIFT',
          `ROLE.md/PLAYBOOK.md changed but rulesHash is still ${agent.manifest.rulesHash} (recorded ${status.recorded!.slice(0, 12)}…, now ${status.contentHash.slice(0, 12)}…)`,
          {
            ...at('/rulesHash'),
            fix: `bump rulesHash (e.g. ${nextRulesVersion(agent.manifest.rulesHash)}) and run \`sentinel agents check --update\``,
          },
        ),
      );
    } else if (status.state === 'bumped') {
      diagnostics.push(
        info('AGENT_RULES_BUMPED', `rulesHash is ${agent.manifest.rulesHash} but the recorded hash belongs to ${status.recordedFor}`, {
          ...at('/rules_sha256'),
          fix: 'Run `sentinel agents check --update` to record the hash for the new version',
        }),
      );
    } else if (status.state === 'unrecorded') {
      diagnostics.push(
        warning('AGENT_RULES_UNRECORDED', `No rules_sha256 recorded for ${agent.manifest.rulesHash}; drift cannot be detected`, {
          ...at('/rulesHash'),
          fix: 'Run `sentinel agents check --update` to record it',
        }),
      );
    }
  }
  if (roster.agents.length === 0 && roster.diagnostics.length === 0) {
    diagnostics.push(warning('AGENT_ROSTER_EMPTY', 'No agents found', { fix: 'Run `sentinel init` to install the default roster' }));
  }
  return { diagnostics: sortDiagnostics(diagnostics), rules };
}

/**
 * The agent.json text after recording the current hash for the declared version. Existing keys
 * keep their order; output is 2-space JSON with a final newline. Undefined when nothing changes.
 */
export function recordRulesHash(manifestJson: string, agent: Agent): string | undefined {
  const manifest = JSON.parse(normalizeText(manifestJson)) as Record<string, unknown>;
  if (manifest.rules_sha256 === agent.contentHash && manifest.rules_version === agent.manifest.rulesHash) return undefined;
  manifest.rules_sha256 = agent.contentHash;
  manifest.rules_version = agent.manifest.rulesHash;
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
