import path from 'node:path';
import { ROLE_RUNBOOKS, type SentinelConfig } from '../workspace/config-types.js';
import { readTextIfExists } from '../workspace/fs.js';
import { assetsDir } from '../workspace/package-dir.js';
import { checkInside } from '../workspace/paths.js';
import { CONFIG_PATH, TEMPLATES_DIR } from '../workspace/layout.js';

interface RunbookTemplate {
  text: string;
  /** Where it came from: a workspace path, `builtin:<name>` or `generated`. */
  source: string;
}

const safeRole = (role: string) => role.replace(/[^A-Za-z0-9_-]/g, '');

/**
 * The template a missing runbook starts from, first found wins: the role's `template` in config,
 * `.sentinel/templates/runbook.<role>.md` in the workspace, the shipped `runbook.<role>.md`, a
 * skeleton of the sections config requires for the role, the shipped generic `runbook.md`.
 */
export function resolveRunbookTemplate(root: string, config: SentinelConfig, role: string): RunbookTemplate {
  const id = safeRole(role);
  const candidates: string[] = [];
  const configured = config.runbooks[role]?.template;
  if (configured) candidates.push(configured);
  candidates.push(`${TEMPLATES_DIR}/runbook.${id}.md`);
  for (const candidate of candidates) {
    const inside = checkInside(root, candidate);
    if (!inside.ok) continue;
    const text = readTextIfExists(inside.absolute);
    if (text !== undefined) return { text, source: inside.relative };
  }
  const shipped = readTextIfExists(path.join(assetsDir(), 'templates', `runbook.${id}.md`));
  if (shipped !== undefined) return { text: shipped, source: `builtin:runbook.${id}.md` };
  const sections = (config.runbooks[role] ?? ROLE_RUNBOOKS[role])?.sections ?? [];
  if (sections.length > 0) return { text: skeleton(role, sections), source: 'generated' };
  const generic = readTextIfExists(path.join(assetsDir(), 'templates', 'runbook.md')) ?? '# Runbook\n';
  return { text: generic, source: 'builtin:runbook.md' };
}

function skeleton(role: string, sections: string[]): string {
  const parts = [`# ${role} runbook`, '', `Required sections come from \`${CONFIG_PATH}\` (runbooks.${role}.sections).`];
  for (const section of sections) parts.push('', `## ${section}`, '', `<!-- Fill in: ${section}. -->`);
  return `${parts.join('\n')}\n`;
}
