import { discoverAgents } from '../../core/agents/discover.js';
import { createCapsuleChecker } from '../../core/capsule/check.js';
import { loadCapsuleFile, loadCapsules } from '../../core/capsule/discover.js';
import { statSync } from 'node:fs';
import path from 'node:path';
import { usageError } from '../../core/errors.js';
import { diagnosticsLine, stringList, type ToolCall, type ToolOutcome } from '../tool.js';

/** A folder stands for its capsule.md, as on the command line. */
function capsuleFile(root: string, relative: string): string {
  try {
    if (statSync(path.join(root, relative)).isDirectory()) relative = path.posix.join(relative, 'capsule.md');
    statSync(path.join(root, relative));
  } catch {
    throw usageError('CAPSULE_NOT_FOUND', `No capsule file at ${relative}`, { path: relative, fix: 'Pass a capsule.md path (or its folder)' });
  }
  return relative;
}

export async function handle(call: ToolCall): Promise<ToolOutcome> {
  const given = stringList(call.args.paths);
  const capsules = given.length ? given.map((file) => loadCapsuleFile(call.root, capsuleFile(call.root, file))) : await loadCapsules(call.root, call.config);
  const checker = await createCapsuleChecker(call.root, call.config, discoverAgents(call.root, call.config));
  const checks = capsules.map((capsule) => checker.check(capsule));
  const valid = checks.filter((c) => c.ok).length;
  const all = checks.flatMap((c) => c.diagnostics);
  const summary = `${checks.length} capsule(s): ${valid} valid, ${checks.length - valid} invalid`;
  return {
    structured: { ok: valid === checks.length, summary, capsules: checks.map((c) => ({ file: c.capsule.file ?? null, id: c.capsule.id ?? null, ok: c.ok, diagnostics: c.diagnostics })) },
    text: summary + diagnosticsLine(all),
  };
}
