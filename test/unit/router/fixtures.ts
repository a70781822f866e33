import { parseCapsule } from '../../../src/core/capsule/parse.js';
import type { Capsule } from '../../../src/core/capsule/types.js';
import type { RoutableAgent } from '../../../src/core/router/types.js';

export interface CapsuleParts {
  goal?: string;
  outputs?: string[];
  acceptance?: string[];
  context?: string[];
  notes?: string[];
}

export function capsuleText(parts: CapsuleParts): string {
  const list = (items: string[] | undefined) => (items ?? []).map((i) => `- ${i}`).join('\n');
  return [
    '<!-- ProducedBy=CAPSULEAUTHOR RulesHash=CAPSULEAUTHOR@1.0 Decision=D-0001 -->',
    '# Capsule sample@0badc0de',
    '',
    '## Goal',
    parts.goal ?? 'Do the thing.',
    '',
    '## Required Outputs',
    list(parts.outputs),
    '',
    '## Acceptance Criteria',
    list(parts.acceptance ?? ['`npm test` passes']),
    '',
    '## Allowed Context',
    list(parts.context ?? ['`README.md`']),
    '',
    '## Router Notes',
    list(parts.notes),
    '',
  ].join('\n');
}

export const makeCapsule = (parts: CapsuleParts): Capsule => parseCapsule(capsuleText(parts), '.specify/specs/sample/capsule.md');

export function agent(id: string, keywords: string[], owns: string[] = [], neverOutputs: string[] = []): RoutableAgent {
  return { id, name: id[0]!.toUpperCase() + id.slice(1), keywords, owns, ownsSource: owns.length ? 'agent.json' : 'none', neverOutputs };
}

/** A small roster shaped like the shipped one. */
export const ROSTER: RoutableAgent[] = [
  agent('backender', ['api', 'route', 'migration', 'service'], ['server/src/**', 'db/migrations/**', 'ops/backend/**']),
  agent('verifier', ['test', 'regression', 'verify'], ['**/*.test.*', '.sentinel/tests/**'], ['server/src/**/!(*.test.*|*.spec.*)', 'db/migrations/**']),
  agent('releaser', ['ci', 'workflow', 'release'], ['.github/workflows/**']),
  agent('scribe', ['docs', 'readme', 'changelog'], ['docs/**', 'CHANGELOG.md', '**/*.md'], ['server/src/**']),
  agent('observer', ['logging', 'redaction'], ['ops/logging/**']),
];
