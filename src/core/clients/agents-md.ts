export const BEGIN = '<!-- sentinel:begin -->';
export const END = '<!-- sentinel:end -->';

import { commandLine, type Launcher } from './launcher.js';

/**
 * What the agent reads in AGENTS.md / CLAUDE.md: the capsule loop and the tool for each playbook
 * phase. CLI commands are quoted the way this repository can run them: a devDependency install
 * has no bare `sentinel` on PATH, so `npx sentinel …` (or `npx -y -p sentinelkit sentinel …`).
 */
export function agentInstructions(launcher: Launcher): string {
  const cli = commandLine(launcher);
  return [
    BEGIN,
    '## Sentinel: the referee for this repository',
    '',
    `Work happens in **capsules** (\`${cli} capsule list\`). Never judge your own work: ask the gates, through the`,
    `Sentinel MCP server (tools below) or the CLI \`${cli}\` (same names, e.g. \`${cli} check\`).`,
    '',
    '1. Pick the capsule: `sentinel_status`; a new one gets a lead from `sentinel_route` (capsule).',
    '2. Load your instructions: `sentinel_prompt` (capsule) — ROLE, PLAYBOOK, Goal, Acceptance, Allowed Context.',
    "3. Work only inside the capsule's Required Outputs and Allowed Context (`sentinel_scope` tells you; edits outside are blocked where the client has hooks).",
    '',
    '| playbook phase | call |',
    '| --- | --- |',
    '| ORIENT / PLAN | `sentinel_prompt`, `sentinel_context_lint`, resources `sentinel://capsule/<slug>` |',
    '| DESIGN | `sentinel_contract_validate` for DTOs and schemas; `sentinel_decision_log` (append) for each decision |',
    '| IMPLEMENT | `sentinel_scope` before and after edits |',
    '| VERIFY | `sentinel_check` (or `sentinel_run` for sentinel tests and project commands, `sentinel_logs_check`) |',
    '| PACKAGE | `sentinel_runbook` (set/append), `sentinel_provenance` (stamp, then check) |',
    '| HANDOFF | `sentinel_capsule_done`, then `sentinel_handoff` (suggest, then to + reason) |',
    '',
    'A capsule is done only when `sentinel_capsule_done` says so; it runs the gates itself and stores the evidence.',
    END,
  ].join('\n');
}

/**
 * Insert or replace the marked section. Text outside the markers is kept byte for byte; a file
 * without markers gets the section appended after one blank line.
 */
export function upsertSection(existing: string | undefined, section: string): string {
  if (existing === undefined || existing === '') return `${section}\n`;
  const newline = existing.includes('\r\n') ? '\r\n' : '\n';
  const body = newline === '\n' ? section : section.replace(/\n/g, '\r\n');
  const begin = existing.indexOf(BEGIN);
  const end = begin === -1 ? -1 : existing.indexOf(END, begin);
  if (begin !== -1 && end !== -1) return existing.slice(0, begin) + body + existing.slice(end + END.length);
  const separator = existing.endsWith(newline + newline) ? '' : existing.endsWith(newline) ? newline : newline + newline;
  return `${existing}${separator}${body}${newline}`;
}
