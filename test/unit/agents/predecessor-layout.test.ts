import { afterEach, describe, expect, it } from 'vitest';
import { discoverAgents, requirePromptFiles } from '../../../src/core/agents/discover.js';
import { parsePlaybook } from '../../../src/core/agents/playbook.js';
import { DEFAULT_CONFIG } from '../../../src/core/workspace/config-types.js';
import { makeTempDir } from '../../helpers/cli.js';

// The Python predecessor (sentinel-kit) wrote prompt_files from the repository root and
// framed its numbered phases with "## Checklist" / "## Flow" / "## Escalate When" headings.
const PLAYBOOK = [
  '# Builder - Playbook',
  '',
  '## Checklist',
  '- Capsule and Allowed Context reviewed.',
  '',
  '## Flow',
  '1) PLAN',
  '   - Write a numbered list of edits.',
  '',
  '2) VERIFY',
  '   - Tests: `pnpm test`',
  '',
  '3) HANDOFF',
  '   - Tag Scribe.',
  '',
  '## Escalate When',
  '- Capsule does not grant access to a required file.',
  '',
].join('\n');

const dirs: { cleanup(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

function workspace(promptFiles: string[], files: Record<string, string>) {
  const manifest = { id: 'builder', name: 'Builder', rulesHash: 'BUILDER@1.2', summary: 'Builds.', routing_keywords: ['build'], prompt_files: promptFiles };
  const tmp = makeTempDir({ ...files, '.sentinel/agents/builder/agent.json': JSON.stringify(manifest) });
  dirs.push(tmp);
  return discoverAgents(tmp.dir, DEFAULT_CONFIG);
}

describe('prompt_files from the predecessor', () => {
  it('accepts paths from the repository root', () => {
    const roster = workspace(['.sentinel/agents/builder/ROLE.md', '.sentinel/agents/builder/PLAYBOOK.md'], {
      '.sentinel/agents/builder/ROLE.md': '# Builder\n',
      '.sentinel/agents/builder/PLAYBOOK.md': PLAYBOOK,
    });
    expect(roster.diagnostics).toEqual([]);
    const agent = roster.agents[0]!;
    expect(agent.role).toBe('# Builder\n');
    expect(agent.playbookFile).toBe('.sentinel/agents/builder/PLAYBOOK.md');
    expect(agent.playbook.phases.map((p) => p.name)).toEqual(['PLAN', 'VERIFY', 'HANDOFF']);
  });

  it('accepts paths from the agent folder', () => {
    const roster = workspace(['ROLE.md', 'PLAYBOOK.md'], {
      '.sentinel/agents/builder/ROLE.md': '# Builder\n',
      '.sentinel/agents/builder/PLAYBOOK.md': PLAYBOOK,
    });
    expect(roster.diagnostics).toEqual([]);
    expect(roster.agents[0]!.roleFile).toBe('.sentinel/agents/builder/ROLE.md');
  });

  it('reports a missing file as not found at the paths tried, and refuses to use the agent', () => {
    const roster = workspace(['.sentinel/agents/builder/ROLE.md', 'PLAYBOOK.md'], { '.sentinel/agents/builder/PLAYBOOK.md': PLAYBOOK });
    expect(roster.diagnostics).toHaveLength(1);
    const d = roster.diagnostics[0]!;
    expect(d.code).toBe('AGENT_FILE_MISSING');
    expect(d.path).toBe('.sentinel/agents/builder/ROLE.md');
    expect(d.message).toContain('not found (tried .sentinel/agents/builder/ROLE.md, .sentinel/agents/builder/.sentinel/agents/builder/ROLE.md)');
    expect(d.message).not.toMatch(/empty|no numbered phases/);
    expect(() => requirePromptFiles(roster.agents[0]!)).toThrow(/prompt file not found: \.sentinel\/agents\/builder\/ROLE\.md \(tried/);
  });

  it('never reads outside the workspace', () => {
    const roster = workspace(['../../../../etc/hostname', 'PLAYBOOK.md'], { '.sentinel/agents/builder/PLAYBOOK.md': PLAYBOOK });
    expect(roster.agents[0]!.role).toBe('');
    expect(roster.diagnostics.map((d) => d.code)).toEqual(['AGENT_FILE_MISSING']);
  });
});

describe('parsePlaybook with section headings around numbered phases', () => {
  it('takes the numbered items as the phases and headings only as separators', () => {
    const playbook = parsePlaybook(PLAYBOOK);
    expect(playbook.phases.map((p) => [p.index, p.name, p.bullets.length])).toEqual([
      [1, 'PLAN', 1],
      [2, 'VERIFY', 1],
      [3, 'HANDOFF', 1],
    ]);
  });

  it('still reads "## ORIENT" headings as phases when nothing is numbered', () => {
    const playbook = parsePlaybook('# X\n\n## ORIENT\n- read\n\n## HANDOFF\n- tag\n');
    expect(playbook.phases.map((p) => p.name)).toEqual(['ORIENT', 'HANDOFF']);
  });
});
