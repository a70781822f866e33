import { afterEach, describe, expect, it } from 'vitest';
import { parsePlaybook } from '../../../src/core/agents/playbook.js';
import type { Agent } from '../../../src/core/agents/types.js';
import { parseCapsule } from '../../../src/core/capsule/parse.js';
import { phaseTools } from '../../../src/core/prompt/phases.js';
import { agentPromptValues, demoteHeadings, provenanceHeader } from '../../../src/core/prompt/render.js';
import { fillTemplate, loadTemplate } from '../../../src/core/prompt/template.js';
import { buildDecision } from '../../../src/core/router/decide.js';
import { makeTempDir } from '../../helpers/cli.js';
import { capsuleText } from '../router/fixtures.js';

const PLAYBOOK = '# X - PLAYBOOK\n\n1) ORIENT\n   - read\n2) VERIFY\n   - test\n3) CELEBRATE\n   - cake\n4) HANDOFF\n   - tag\n';
const agent: Agent = {
  id: 'backender',
  dir: '.sentinel/agents/backender',
  manifest: { id: 'backender', name: 'Backender', rulesHash: 'BACKENDER@1.2', summary: 's', routing_keywords: [], prompt_files: ['ROLE.md', 'PLAYBOOK.md'] },
  role: '# Backender - ROLE\n\n## Mission\nServe.\n',
  playbookText: PLAYBOOK,
  playbook: parsePlaybook(PLAYBOOK),
  contentHash: 'f'.repeat(64),
};
const dirs: { cleanup(): void }[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

describe('phaseTools', () => {
  it('maps known phases to their MCP tools and unknown phases to sentinel_check', () => {
    expect(phaseTools(agent.playbook).map((p) => [p.phase, p.tools])).toEqual([
      ['ORIENT', ['sentinel_capsule_validate', 'sentinel_status']],
      ['VERIFY', ['sentinel_check', 'sentinel_run', 'sentinel_logs_check']],
      ['CELEBRATE', ['sentinel_check']],
      ['HANDOFF', ['sentinel_handoff', 'sentinel_capsule_done']],
    ]);
  });
});

describe('provenanceHeader', () => {
  it('uses the agent tag, its rulesHash, the capsule decision and id', () => {
    const capsule = parseCapsule(capsuleText({ outputs: ['`a/b.ts`'] }));
    expect(provenanceHeader(agent, capsule, 'D-0007')).toBe('ProducedBy=BACKENDER RulesHash=BACKENDER@1.2 Decision=D-0007 Capsule=sample@0badc0de');
    expect(provenanceHeader(agent, capsule)).toContain('Decision=D-####');
  });
});

describe('agentPromptValues', () => {
  it('renders identity, context with notes, deliverables verbatim and gates', () => {
    const capsule = parseCapsule(
      capsuleText({ outputs: ['`server/src/a.ts` — handler'], acceptance: ['`npm test` passes'], context: ['`server/src/app.ts` — entry'] }),
    );
    const decision = buildDecision(capsule, 'backender', '.sentinel/agents', '');
    const values = agentPromptValues({ agent, capsule, decision, gates: [{ name: 'scope', description: 'stay in scope' }], decisionId: 'D-0001' });
    expect(values.context_list).toBe('- `server/src/app.ts` — entry\n- `.sentinel/agents/backender/**`');
    expect(values.deliverables).toContain('- [ ] `server/src/a.ts` — handler');
    expect(values.deliverables).toContain('- [ ] `npm test` passes');
    expect(values.gates).toBe('- `scope` — stay in scope');
    expect(values.role).toContain('#### Mission');
    expect(values.decision_hint).toBe('');
  });
});

describe('acceptance classes and capsule findings in the prompt', () => {
  it('says how each criterion is proven and lists the findings routing did not block on', () => {
    const acceptance = ['`npm test` passes', 'With the network off a banner appears and cached data stays on screen', 'The page is fast'];
    const capsule = parseCapsule(capsuleText({ outputs: ['`web/src/a.tsx`'], acceptance }));
    const finding = {
      severity: 'error' as const,
      code: 'CAPSULE_ACCEPTANCE_VAGUE',
      message: 'Acceptance criterion "The page is fast" is a judgement',
      line: 13,
    };
    const values = agentPromptValues({ agent, capsule, decision: buildDecision(capsule, 'backender', '.sentinel/agents', ''), gates: [], warnings: [finding] });
    expect(values.deliverables).toContain('- [ ] `npm test` passes — proven by running it');
    expect(values.deliverables).toContain('- [ ] With the network off a banner appears and cached data stays on screen — checked by review');
    expect(values.deliverables).toContain('- [ ] The page is fast — vague: nothing can check it');
    expect(values.deliverables).toContain('- error (line 13): Acceptance criterion "The page is fast" is a judgement (CAPSULE_ACCEPTANCE_VAGUE)');
  });

  it('adds no findings block for a clean capsule', () => {
    const capsule = parseCapsule(capsuleText({ outputs: ['`a/b.ts`'] }));
    expect(agentPromptValues({ agent, capsule, decision: buildDecision(capsule, 'backender', '.sentinel/agents', ''), gates: [] }).deliverables).not.toContain(
      'Capsule findings',
    );
  });
});

describe('capsule block', () => {
  it('wraps the capsule in a fence longer than any fence inside it', () => {
    const capsule = parseCapsule(capsuleText({ outputs: ['`a/b.ts`'] }) + '\n````sh\nnpm test\n````\n');
    const values = agentPromptValues({ agent, capsule, decision: buildDecision(capsule, 'backender', '.sentinel/agents', ''), gates: [] });
    expect(values.capsule!.startsWith('`````markdown\n')).toBe(true);
    expect(values.capsule!.endsWith('\n`````')).toBe(true);
  });
});

describe('demoteHeadings', () => {
  it('pushes headings down two levels but leaves fenced lines alone', () => {
    expect(demoteHeadings('# A\n## B\n```\n# not a heading\n```\ntext')).toBe('### A\n#### B\n```\n# not a heading\n```\ntext');
  });
});

describe('templates', () => {
  it('fills placeholders in one pass and reports unknown ones', () => {
    const result = fillTemplate('{{a}} {{ b }} {{missing}}', { a: '{{b}}', b: 'B' });
    expect(result.text).toBe('{{b}} B {{missing}}');
    expect(result.unknown).toEqual(['missing']);
  });

  it('prefers a same-named file in .sentinel/prompts over the shipped one', () => {
    const dir = makeTempDir({ '.sentinel/prompts/agent.md': 'MINE {{agent_id}}' });
    dirs.push(dir);
    expect(loadTemplate(dir.dir, 'agent.md')).toMatchObject({ text: 'MINE {{agent_id}}', overridden: true, source: '.sentinel/prompts/agent.md' });
    const shipped = loadTemplate(dir.dir, 'router.md');
    expect(shipped.overridden).toBe(false);
    expect(shipped.text).toContain('{{schema}}');
  });

  it('the shipped agent template uses only placeholders the renderer provides', () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const capsule = parseCapsule(capsuleText({ outputs: ['`a/b.ts`'] }));
    const values = agentPromptValues({ agent, capsule, decision: buildDecision(capsule, 'backender', '.sentinel/agents', ''), gates: [] });
    expect(fillTemplate(loadTemplate(dir.dir, 'agent.md').text, values).unknown).toEqual([]);
  });
});
