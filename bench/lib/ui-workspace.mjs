// A generated workspace for the board: N capsules across every status, with state files, router
// logs and a few evidence files, as `sentinel route/phase/done` would leave them.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const STATUSES = ['draft', 'routed', 'in_progress', 'blocked', 'done'];
const LEADS = ['backender', 'builder', 'verifier'];
const PHASES = ['ORIENT', 'PLAN', 'IMPLEMENT', 'VERIFY', 'HANDOFF'];

function write(root, rel, content) {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

const sha256 = (text) => createHash('sha256').update(text).digest('hex');

/** Sorted-key JSON, as Sentinel hashes state files (src/core/schema/canonical-json.ts). */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

function agent(id) {
  return {
    'agent.json': JSON.stringify(
      {
        id,
        name: id[0].toUpperCase() + id.slice(1),
        rulesHash: `${id.toUpperCase()}@1.0`,
        summary: `The ${id}.`,
        routing_keywords: [id, 'api'],
        prompt_files: ['ROLE.md', 'PLAYBOOK.md'],
        owns: [`src/${id}/**`],
      },
      null,
      2,
    ),
    'ROLE.md': `# ${id}\n\nDoes ${id} work.\n`,
    'PLAYBOOK.md': `# ${id} playbook\n\n${PHASES.map((p, i) => `${i + 1}) ${p}\n- step`).join('\n')}\n`,
  };
}

export function generateUiWorkspace(root, count) {
  write(root, '.sentinel/config.json', JSON.stringify({ version: 1 }, null, 2));
  write(
    root,
    '.sentinel/DECISIONS.md',
    '# Decisions\n\n## NEXT_ID\nD-0002\n\nID: D-0001\nDate: 2024-05-01\nAuthor: BENCH\nScope: bench (capsule capsule-0000)\nDecision: Generated workspace\nRationale: Benchmark\nOutputs: src/**\nSupersedes: none\n',
  );
  for (const id of LEADS) for (const [name, text] of Object.entries(agent(id))) write(root, `.sentinel/agents/${id}/${name}`, text);
  const at = (i) => new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
  for (let i = 0; i < count; i++) {
    const slug = `capsule-${String(i).padStart(4, '0')}`;
    const lead = LEADS[i % LEADS.length];
    const text = [
      `# Capsule ${slug}@${sha256(slug).slice(0, 8)} — step ${i}`,
      '',
      '## Goal',
      `Implement the ${lead} api step ${i}.`,
      '',
      '## Required Outputs',
      `- \`src/${lead}/step${i}.ts\``,
      '',
      '## Acceptance Criteria',
      `- \`npm test -- ${slug}\` passes`,
      '',
      '## Allowed Context',
      `- \`src/${lead}/\``,
      '',
      '## Router Notes',
      `- Lead: ${lead}`,
      '',
    ].join('\n');
    write(root, `.specify/specs/${slug}/capsule.md`, text);
    const status = STATUSES[i % STATUSES.length];
    if (status === 'draft') continue;
    const state = {
      schema: 1,
      slug,
      capsuleId: `${slug}@${sha256(slug).slice(0, 8)}`,
      capsuleFile: `.specify/specs/${slug}/capsule.md`,
      status,
      lead,
      history: [{ at: at(i), from: 'draft', to: 'routed', by: 'sentinel-router', note: `lead ${lead}` }],
      handoffs: [],
      evidence: [],
      createdAt: at(i),
      updatedAt: at(i),
    };
    if (status !== 'routed') state.phase = PHASES[i % PHASES.length];
    if (status === 'done') {
      state.gates = { capsules: 'ok', scope: 'ok', ledger: 'ok' };
      const file = `.sentinel/evidence/${slug}/${at(i).replace(/[:.]/g, '-')}.json`;
      state.evidenceFile = file;
      write(
        root,
        file,
        JSON.stringify(
          {
            schema: 1,
            slug,
            capsuleId: state.capsuleId,
            outcome: 'done',
            at: at(i),
            by: 'referee',
            base: null,
            treeHash: '',
            gates: Object.keys(state.gates).map((gate) => ({ gate, status: 'ok', summary: 'ok', durationMs: 10, diagnostics: [] })),
            evidence: [],
          },
          null,
          2,
        ),
      );
    }
    state.contentHash = sha256(canonical(state));
    write(root, `.sentinel/state/${slug}.json`, `${JSON.stringify(state, null, 2)}\n`);
    write(
      root,
      `.sentinel/router_log/${slug}.jsonl`,
      `${JSON.stringify({ timestamp: at(i), routerRulesHash: 'x', capsuleId: state.capsuleId, capsuleContentHash: sha256(text), decision: { leadAgent: lead, requiredOutputs: [], acceptanceCriteria: [], contextToMount: [], notes: '' }, producedBy: 'sentinel-router' })}\n`,
    );
  }
  const git = (...a) => execFileSync('git', a, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '-q', '-b', 'main');
  git('-c', 'user.email=bench@example.com', '-c', 'user.name=Bench', '-c', 'commit.gpgsign=false', 'add', '-A');
  git('-c', 'user.email=bench@example.com', '-c', 'user.name=Bench', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'generated');
}
