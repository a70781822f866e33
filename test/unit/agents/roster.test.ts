import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRoster } from '../../../src/core/agents/check.js';
import { discoverAgents } from '../../../src/core/agents/discover.js';
import { DEFAULT_CONFIG } from '../../../src/core/workspace/config-types.js';
import { REPO_ROOT } from '../../helpers/cli.js';

// The shipped roster, discovered exactly as a workspace's would be.
const roster = discoverAgents(REPO_ROOT, { ...DEFAULT_CONFIG, agentsDir: 'assets/agents' });
const byId = new Map(roster.agents.map((a) => [a.id, a]));
const ROLES = [
  'router',
  'capsuleauthor',
  'contextwarden',
  'backender',
  'frontender',
  'designer',
  'integrator',
  'verifier',
  'observer',
  'releaser',
  'refactorer',
  'scribe',
  'builder',
  'commander',
];

describe('shipped roster', () => {
  it('has the 14 roles of ROLES.md and passes agents check without findings', () => {
    expect(roster.agents.map((a) => a.id).sort()).toEqual([...ROLES].sort());
    expect(checkRoster(roster, (a) => readFileSync(path.join(REPO_ROOT, a.dir, 'agent.json'), 'utf8')).diagnostics).toEqual([]);
  });

  it.each(ROLES)('%s: ROLE.md has every required section and the files fit the budget', (id) => {
    const agent = byId.get(id)!;
    const headings = [...agent.role.matchAll(/^## (.+)$/gm)].map((m) => m[1]!.trim().toLowerCase());
    expect(headings).toEqual(['mission', 'in scope', 'out of scope', 'required outputs', 'quality bar', 'escalation triggers']);
    expect(agent.role.split('\n').length).toBeLessThan(150);
    expect(agent.playbookText.split('\n').length).toBeLessThan(150);
    expect(agent.manifest.rulesHash).toMatch(new RegExp(`^${id.toUpperCase()}@1\\.\\d+$`));
    expect(agent.manifest.routing_keywords.length).toBeGreaterThanOrEqual(8);
  });

  it.each(ROLES)('%s: PLAYBOOK ends with HANDOFF naming exactly the roles in handoffs', (id) => {
    const agent = byId.get(id)!;
    const phases = agent.playbook.phases;
    expect(phases.at(-1)!.name).toBe('HANDOFF');
    expect(agent.playbook.notes.length).toBeGreaterThan(0);
    const handoffText = phases
      .at(-1)!
      .bullets.map((b) => b.text)
      .join(' ');
    for (const target of agent.manifest.handoffs ?? []) expect(handoffText).toContain(byId.get(target)!.manifest.name);
    const named = roster.agents.filter((other) => other.id !== id && handoffText.includes(`Tag ${other.manifest.name}`)).map((a) => a.id);
    for (const target of named) expect(agent.manifest.handoffs).toContain(target);
  });

  it('Backender playbook is the seed with its dash repaired', () => {
    const text = byId.get('backender')!.playbookText;
    expect(text.startsWith('# Backender - PLAYBOOK\n')).toBe(true);
    expect(text).toContain('Local manual checks: 2–3 representative requests');
    expect(text).not.toMatch(/â€/);
    expect(byId.get('backender')!.playbook.phases.map((p) => p.name)).toEqual(['ORIENT', 'PLAN', 'DESIGN', 'IMPLEMENT', 'VERIFY', 'PACKAGE', 'HANDOFF']);
  });

  it('owns the paths ROLES.md gives each role', () => {
    const owns = (id: string) => byId.get(id)!.manifest.owns ?? [];
    expect(owns('backender')).toEqual(expect.arrayContaining(['server/src/**', 'db/migrations/**', 'ops/backend/**']));
    expect(owns('releaser')).toEqual(expect.arrayContaining(['.github/workflows/**', 'release/**']));
    expect(owns('verifier')).toEqual(expect.arrayContaining(['**/*.test.*', '**/*.spec.*', '.sentinel/tests/**', 'verification/**']));
    expect(owns('observer')).toContain('ops/logging/**');
    expect(owns('designer')).toContain('design/**');
    expect(owns('integrator')).toContain('src/clients/**');
    expect(owns('scribe')).toEqual(expect.arrayContaining(['docs/**', 'CHANGELOG.md']));
    expect(owns('refactorer')).toContain('refactors/**');
    expect(owns('commander')).toContain('ops/commander/**');
    expect(owns('contextwarden')).toContain('.sentinel/context/**');
    expect(owns('capsuleauthor')).toEqual(expect.arrayContaining(['**/capsule.md', '.specify/**']));
  });

  it('forbids production code to the no-code roles, but lets the Verifier write tests next to it', async () => {
    const picomatch = (await import('picomatch')).default;
    const forbids = (id: string, file: string) => (byId.get(id)!.manifest.never_outputs ?? []).some((g) => picomatch(g, { dot: true })(file));
    for (const id of ['verifier', 'scribe', 'designer']) {
      expect(forbids(id, 'src/app.ts')).toBe(true);
      expect(forbids(id, 'server/src/routes/orders.ts')).toBe(true);
    }
    expect(forbids('verifier', 'src/app.test.ts')).toBe(false);
    expect(forbids('verifier', 'server/src/routes/orders.spec.ts')).toBe(false);
    expect(forbids('scribe', 'docs/guide.md')).toBe(false);
    expect(forbids('designer', 'design/tokens/colors.json')).toBe(false);
  });
});
