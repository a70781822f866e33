import { createHash } from 'node:crypto';

/** A small roster and workspace for route/prompt e2e tests (not the shipped roster: rules stay stable). */
function role(id: string, name: string, keywords: string[], extra: Record<string, unknown> = {}): Record<string, string> {
  const tag = id.toUpperCase();
  return {
    [`.sentinel/agents/${id}/agent.json`]: JSON.stringify(
      { id, name, rulesHash: `${tag}@1.0`, summary: `${name} role`, routing_keywords: keywords, prompt_files: ['ROLE.md', 'PLAYBOOK.md'], ...extra },
      null,
      2,
    ),
    [`.sentinel/agents/${id}/ROLE.md`]: `# ${name} - ROLE\n\n## Mission\n${name} mission statement.\n`,
    [`.sentinel/agents/${id}/PLAYBOOK.md`]: `# ${name} - PLAYBOOK\n\n1) ORIENT\n   - Read the capsule.\n\n2) IMPLEMENT\n   - Do the ${id} work.\n\n3) VERIFY\n   - Run the checks.\n\n4) HANDOFF\n   - Tag the next role.\n`,
  };
}

export const ROSTER_FILES: Record<string, string> = {
  ...role('backender', 'Backender', ['api', 'route', 'migration', 'service'], { owns: ['server/src/**', 'db/migrations/**', 'ops/backend/**'] }),
  ...role('verifier', 'Verifier', ['test', 'regression', 'verify'], {
    owns: ['**/*.test.*', '.sentinel/tests/**'],
    never_outputs: ['server/src/**/!(*.test.*|*.spec.*)', 'db/migrations/**'],
  }),
  ...role('scribe', 'Scribe', ['docs', 'readme', 'changelog'], { owns: ['docs/**', 'CHANGELOG.md', '**/*.md'], never_outputs: ['server/src/**'] }),
  ...role('router', 'Router', ['routing', 'roster']),
};

export interface CapsuleSpec {
  slug: string;
  goal: string;
  outputs: string[];
  acceptance?: string[];
  context?: string[];
  notes?: string[];
  /** Drop this section to make the capsule invalid. */
  omit?: string;
}

export function capsuleFile(spec: CapsuleSpec): Record<string, string> {
  const list = (items: string[]) => items.map((i) => `- ${i}`).join('\n');
  const sections: [string, string][] = [
    ['Goal', spec.goal],
    ['Required Outputs', list(spec.outputs)],
    ['Acceptance Criteria', list(spec.acceptance ?? ['`npm test` passes'])],
    ['Allowed Context', list(spec.context ?? ['`server/src/app.ts` — entry point'])],
    ['Router Notes', list(spec.notes ?? ['Decision: D-0007'])],
  ];
  const body = sections
    .filter(([title]) => title !== spec.omit)
    .map(([title, text]) => `## ${title}\n${text}\n`)
    .join('\n');
  const text = `<!-- ProducedBy=CAPSULEAUTHOR RulesHash=CAPSULEAUTHOR@1.0 Decision=D-0001 -->\n# Capsule ${spec.slug}@0badc0de\n\n${body}`;
  return { [`.specify/specs/${spec.slug}/capsule.md`]: text };
}

export const WORKSPACE_FILES: Record<string, string> = {
  ...ROSTER_FILES,
  'server/src/app.ts': 'export const app = 1;\n',
  'docs/guide.md': '# Guide\n',
};

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
