import path from 'node:path';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../../core/diagnostics.js';
import type { Agent, Roster } from '../../core/agents/types.js';
import type { ActionBody } from '../action.js';
import type { CliContext } from '../context.js';
import { countBySeverity } from '../render/diagnostics.js';
import { formatTable } from '../render/table.js';

async function loadRoster(ctx: CliContext): Promise<Roster> {
  const config = await ctx.config();
  const { discoverAgents } = await import('../../core/agents/discover.js');
  return discoverAgents(ctx.root, config);
}

function agentSummary(agent: Agent) {
  return {
    id: agent.id,
    name: agent.manifest.name,
    rulesHash: agent.manifest.rulesHash,
    phases: agent.playbook.phases.length,
    summary: agent.manifest.summary,
    dir: agent.dir,
  };
}

export const list: ActionBody = async (ctx) => {
  const roster = await loadRoster(ctx);
  const diagnostics = sortDiagnostics([...roster.diagnostics]);
  if (ctx.json) {
    ctx.printJson({ ok: !hasErrors(diagnostics), agents: roster.agents.map(agentSummary), diagnostics });
  } else if (roster.agents.length === 0) {
    ctx.out('No agents found. Run `sentinel init` to install the default roster.');
  } else {
    const rows = roster.agents.map((a) => [a.id, a.manifest.name, a.manifest.rulesHash, String(a.playbook.phases.length), a.manifest.summary]);
    ctx.out(formatTable(['ID', 'NAME', 'RULES', 'PHASES', 'SUMMARY'], rows));
  }
  if (!ctx.json) ctx.printDiagnostics(diagnostics);
  return hasErrors(diagnostics) ? 1 : 0;
};

export const show: ActionBody = async (ctx, args) => {
  const roster = await loadRoster(ctx);
  const { findAgent } = await import('../../core/agents/discover.js');
  const agent = findAgent(roster, String(args[0]));
  const m = agent.manifest;
  if (ctx.json) {
    ctx.printJson({
      ok: true,
      agent: { ...agentSummary(agent), manifest: m, contentHash: agent.contentHash, phases: agent.playbook.phases, notes: agent.playbook.notes },
    });
    return 0;
  }
  const { style } = ctx;
  const lines = [
    `${style.bold(m.name)} (${agent.id})  ${m.rulesHash}`,
    m.summary,
    '',
    `folder:     ${agent.dir}`,
    `prompts:    ${m.prompt_files.join(', ')}`,
    `keywords:   ${m.routing_keywords.join(', ')}`,
  ];
  if (m.owns?.length) lines.push(`owns:       ${m.owns.join(', ')}`);
  if (m.never_outputs?.length) lines.push(`never:      ${m.never_outputs.join(', ')}`);
  if (m.handoffs) lines.push(`handoffs:   ${m.handoffs.join(', ') || '(none)'}`);
  lines.push(`rules hash: ${agent.contentHash}`, '', style.bold('Playbook'));
  for (const phase of agent.playbook.phases) {
    lines.push(`${phase.index}) ${phase.name}`);
    const base = Math.min(...phase.bullets.map((b) => b.depth));
    for (const bullet of phase.bullets) lines.push(`${'  '.repeat(bullet.depth - base + 1)}- ${bullet.text}`);
  }
  if (agent.playbook.notes.length) {
    lines.push('Notes:');
    for (const note of agent.playbook.notes) lines.push(`  - ${note}`);
  }
  ctx.out(lines.join('\n'));
  return 0;
};

export const check: ActionBody = async (ctx, _args, opts) => {
  const config = await ctx.config();
  const [{ discoverAgents }, { checkRoster, recordRulesHash }, fs, { withWorkspaceLock }] = await Promise.all([
    import('../../core/agents/discover.js'),
    import('../../core/agents/check.js'),
    import('../../core/workspace/fs.js'),
    import('../../core/workspace/lock.js'),
  ]);
  const manifestFile = (agent: Agent) => path.join(ctx.root, ...agent.dir.split('/'), 'agent.json');
  let roster = discoverAgents(ctx.root, config);
  let result = checkRoster(roster, (agent) => fs.readTextIfExists(manifestFile(agent)));
  const updated: string[] = [];
  if (opts.update) {
    // A drifted agent whose hash is tied to a version (rules_version) is not recorded: the fix is
    // to bump rulesHash first. Without rules_version the bump cannot be seen, so --update adopts it.
    for (const status of result.rules.filter((r) => r.state !== 'drift' || r.recordedFor === undefined)) {
      const agent = roster.agents.find((a) => a.id === status.id)!;
      const file = manifestFile(agent);
      await withWorkspaceLock(ctx.root, file, () => {
        const text = fs.readTextIfExists(file);
        const next = text === undefined ? undefined : recordRulesHash(text, agent);
        if (next !== undefined) {
          fs.writeFileAtomic(file, next);
          updated.push(agent.id);
        }
      });
    }
    if (updated.length) {
      roster = discoverAgents(ctx.root, config);
      result = checkRoster(roster, (agent) => fs.readTextIfExists(manifestFile(agent)));
    }
  }
  const diagnostics: Diagnostic[] = result.diagnostics;
  const ok = !hasErrors(diagnostics);
  if (ctx.json) {
    ctx.printJson({ ok, agents: roster.agents.length, rules: result.rules, ...(opts.update ? { updated } : {}), diagnostics });
  } else {
    ctx.printDiagnostics(diagnostics);
    const counts = countBySeverity(diagnostics);
    if (opts.update) ctx.out(updated.length ? `Recorded rules_sha256 for: ${updated.join(', ')}` : 'No rules hash needed recording.');
    ctx.out(`${roster.agents.length} agents checked: ${counts.errors} errors, ${counts.warnings} warnings`);
  }
  return ok ? 0 : 1;
};
