import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { usageError } from '../errors.js';
import type { SentinelConfig } from '../workspace/config-types.js';
import { readTextIfExists, writeFileAtomic } from '../workspace/fs.js';
import { withWorkspaceLock } from '../workspace/lock.js';
import { resolveInside, normalizeRelative } from '../workspace/paths.js';
import { appendSection, setSection } from './edit.js';
import { resolveRunbookTemplate } from './template.js';

interface RunbookWriteRequest {
  file: string;
  section: string;
  content: string;
  mode: 'set' | 'append';
  role: string;
}

interface RunbookWriteResult {
  file: string;
  section: string;
  mode: 'set' | 'append';
  /** The runbook did not exist and was created from a template. */
  created: boolean;
  template?: string;
  /** The section did not exist and was added at the end. */
  sectionAdded: boolean;
  changed: boolean;
}

/** Read `--from-file` content (inside the workspace). */
export function readContentFile(root: string, file: string): string {
  const absolute = resolveInside(root, file);
  try {
    return readFileSync(absolute, 'utf8');
  } catch {
    throw usageError('RUNBOOK_CONTENT_MISSING', `Cannot read --from-file "${file}"`, { path: file, fix: 'Pass an existing file inside the workspace' });
  }
}

/** Edit one section of a runbook under a file lock with an atomic write; creates it from the role's template. */
export async function writeRunbookSection(root: string, config: SentinelConfig, request: RunbookWriteRequest): Promise<RunbookWriteResult> {
  const absolute = resolveInside(root, request.file);
  const relative = normalizeRelative(request.file);
  if (!/\.(md|markdown)$/i.test(relative)) {
    throw usageError('RUNBOOK_NOT_MARKDOWN', `"${relative}" is not a markdown file`, {
      path: relative,
      fix: 'Runbooks are markdown: pass a path ending in .md',
    });
  }
  if (request.section.trim() === '' || /[\r\n]/.test(request.section)) {
    throw usageError('RUNBOOK_BAD_SECTION', 'The section name must be one non-empty line', { fix: 'Pass --section "Startup" (the H2 title, without ##)' });
  }
  // The runbook's folder must exist for the write.
  mkdirSync(path.dirname(absolute), { recursive: true });
  return withWorkspaceLock(root, absolute, async () => {
    const existing = readTextIfExists(absolute);
    const template = existing === undefined ? resolveRunbookTemplate(root, config, request.role) : undefined;
    const before = existing ?? template!.text;
    const edit = request.mode === 'set' ? setSection(before, request.section, request.content) : appendSection(before, request.section, request.content);
    const created = existing === undefined;
    if (created || edit.changed) writeFileAtomic(absolute, edit.text);
    const result: RunbookWriteResult = {
      file: relative,
      section: request.section.trim(),
      mode: request.mode,
      created,
      sectionAdded: edit.added,
      changed: created || edit.changed,
    };
    if (template) result.template = template.source;
    return result;
  });
}
