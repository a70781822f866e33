import { describe, expect, it } from 'vitest';
import { checkRoster, nextRulesVersion, recordRulesHash, rulesState } from '../../../src/core/agents/check.js';
import { rulesContentHash } from '../../../src/core/agents/discover.js';
import { parsePlaybook } from '../../../src/core/agents/playbook.js';
import type { Agent, AgentManifest, Roster } from '../../../src/core/agents/types.js';

const ROLE = '# X - ROLE\n\n## Mission\nDo x.\n';
const PLAYBOOK = '# X - PLAYBOOK\n\n1) ORIENT\n   - Read.\n\n2) HANDOFF\n   - Tag Verifier.\n\nNotes:\n- none\n';

function agent(id: string, overrides: { [K in keyof AgentManifest]?: AgentManifest[K] | undefined } = {}, playbook = PLAYBOOK, role = ROLE): Agent {
  const contentHash = rulesContentHash(role, playbook);
  const manifest: AgentManifest = {
    id,
    name: id,
    rulesHash: `${id.toUpperCase()}@1.0`,
    summary: 's',
    routing_keywords: ['k'],
    prompt_files: ['ROLE.md', 'PLAYBOOK.md'],
    rules_sha256: contentHash,
    rules_version: `${id.toUpperCase()}@1.0`,
  };
  // An override set to undefined removes the key, as a manifest without it would be.
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete (manifest as unknown as Record<string, unknown>)[key];
    else (manifest as unknown as Record<string, unknown>)[key] = value;
  }
  return { id, dir: `.sentinel/agents/${id}`, manifest, role, playbookText: playbook, playbook: parsePlaybook(playbook), contentHash };
}

const roster = (...agents: Agent[]): Roster => ({ agents, diagnostics: [] });
const codes = (r: Roster) => checkRoster(r).diagnostics.map((d) => `${d.severity}:${d.code}`);

describe('checkRoster', () => {
  it('accepts a well-formed roster', () => {
    expect(codes(roster(agent('builder', { handoffs: ['verifier'] }), agent('verifier')))).toEqual([]);
  });

  it('passes discovery diagnostics through', () => {
    const r: Roster = { agents: [], diagnostics: [{ severity: 'error', code: 'AGENT_JSON_SCHEMA', message: 'x', path: 'a' }] };
    expect(codes(r)).toEqual(['error:AGENT_JSON_SCHEMA']);
  });

  it('warns about an empty roster', () => {
    expect(codes(roster())).toEqual(['warning:AGENT_ROSTER_EMPTY']);
  });

  it('reports duplicate ids', () => {
    expect(codes(roster(agent('a'), agent('a')))).toEqual(['error:AGENT_DUPLICATE_ID']);
  });

  it('reports a playbook without phases', () => {
    const d = checkRoster(roster(agent('a', {}, '# A\n\nJust prose, no phases.\n'))).diagnostics;
    expect(d).toMatchObject([{ severity: 'error', code: 'AGENT_PLAYBOOK_NO_PHASES', path: '.sentinel/agents/a/PLAYBOOK.md' }]);
    expect(d[0]!.fix).toMatch(/1\) ORIENT/);
  });

  it('reports a playbook without a HANDOFF phase, at its last phase', () => {
    const d = checkRoster(roster(agent('a', {}, '1) ORIENT\n- read\n2) BUILD\n- do\n'))).diagnostics;
    expect(d).toMatchObject([{ code: 'AGENT_PLAYBOOK_NO_HANDOFF', line: 3 }]);
    expect(d[0]!.fix).toContain('3) HANDOFF');
  });

  it('accepts "## Handoff" headings and warns when HANDOFF is not last', () => {
    expect(codes(roster(agent('a', {}, '## Orient\n- read\n## Handoff\n- tag\n')))).toEqual([]);
    expect(codes(roster(agent('a', {}, '1) HANDOFF\n- tag\n2) VERIFY\n- run\n')))).toEqual(['warning:AGENT_PLAYBOOK_HANDOFF_NOT_LAST']);
  });

  it('warns about phases without bullets', () => {
    expect(codes(roster(agent('a', {}, '1) ORIENT\n2) HANDOFF\n- tag\n')))).toEqual(['warning:AGENT_PLAYBOOK_EMPTY_PHASE']);
  });

  it('warns when handoffs name a role that is not in the roster, pointing at the line', () => {
    const a = agent('a', { handoffs: ['b', 'ghost'] });
    const text = JSON.stringify(a.manifest, null, 2);
    const d = checkRoster(roster(a, agent('b')), () => text).diagnostics;
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'warning', code: 'AGENT_HANDOFF_UNKNOWN', path: '.sentinel/agents/a/agent.json' });
    expect(text.split('\n')[d[0]!.line! - 1]).toContain('"ghost"');
  });

  it('reports drift: content changed, rulesHash did not', () => {
    const original = agent('backender');
    const edited = agent('backender', { rules_sha256: original.contentHash, rules_version: 'BACKENDER@1.0' }, `${PLAYBOOK}- extra\n`);
    const text = JSON.stringify(edited.manifest, null, 2);
    const d = checkRoster(roster(edited), () => text).diagnostics;
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'error', code: 'AGENT_RULES_DRIFT', line: 4 });
    expect(d[0]!.fix).toBe('bump rulesHash (e.g. BACKENDER@1.1) and run `sentinel agents check --update`');
  });

  it('reports drift when no rules_version was recorded', () => {
    const edited = agent('x', { rules_sha256: '0'.repeat(64), rules_version: undefined });
    expect(rulesState(edited).state).toBe('drift');
  });

  it('does not report drift after the version was bumped; asks to record instead', () => {
    const bumped = agent('backender', { rulesHash: 'BACKENDER@1.1', rules_sha256: '0'.repeat(64), rules_version: 'BACKENDER@1.0' });
    expect(rulesState(bumped).state).toBe('bumped');
    expect(codes(roster(bumped))).toEqual(['info:AGENT_RULES_BUMPED']);
  });

  it('warns when no hash is recorded', () => {
    expect(codes(roster(agent('a', { rules_sha256: undefined, rules_version: undefined })))).toEqual(['warning:AGENT_RULES_UNRECORDED']);
  });

  it('CRLF checkouts of the same rules hash alike', () => {
    expect(rulesContentHash(ROLE.replace(/\n/g, '\r\n'), PLAYBOOK.replace(/\n/g, '\r\n'))).toBe(rulesContentHash(ROLE, PLAYBOOK));
  });
});

describe('recordRulesHash', () => {
  it('records the hash and version, keeping key order and 2-space JSON', () => {
    const a = agent('a', { rulesHash: 'A@1.1', rules_sha256: '0'.repeat(64), rules_version: 'A@1.0' });
    const before = JSON.stringify({ id: 'a', rulesHash: 'A@1.1', rules_sha256: '0'.repeat(64), rules_version: 'A@1.0', extra: true }, null, 2);
    const after = recordRulesHash(before, a)!;
    expect(after).toBe(`${JSON.stringify({ id: 'a', rulesHash: 'A@1.1', rules_sha256: a.contentHash, rules_version: 'A@1.1', extra: true }, null, 2)}\n`);
  });

  it('returns undefined when nothing changes', () => {
    const a = agent('a');
    expect(recordRulesHash(JSON.stringify(a.manifest), a)).toBeUndefined();
  });
});

describe('nextRulesVersion', () => {
  it.each([
    ['BACKENDER@1.0', 'BACKENDER@1.1'],
    ['X@2', 'X@2.1'],
    ['X@1.9', 'X@1.10'],
    ['X@1.2.3', 'X@1.3'],
  ])('%s → %s', (from, to) => expect(nextRulesVersion(from)).toBe(to));
});
