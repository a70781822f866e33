import { glob } from 'tinyglobby';
import { hasErrors, sortDiagnostics } from '../diagnostics.js';
import type { ChangedFile } from '../git/git.js';
import { listFilesAtEach } from '../git/git.js';
import type { GateOutcome } from '../gates/types.js';
import { checkMigrationChanges, migrationMatchers, unitOf } from './check.js';

interface MigrationInputs {
  root: string;
  globs: string[];
  isGitRepo: boolean;
  base: () => Promise<string>;
  changedFiles: () => Promise<ChangedFile[]>;
}

/** Compare migration folders with base; only additions that sort last are allowed. */
export async function migrationsOutcome(inputs: MigrationInputs): Promise<GateOutcome> {
  const { root, globs } = inputs;
  if (!inputs.isGitRepo) return { status: 'skipped', diagnostics: [], data: {}, summary: 'not a git repository: nothing to compare with' };
  const base = await inputs.base();
  const { matchers } = migrationMatchers(globs);
  const folders = [...new Set(matchers.map((m) => m.folder || '.'))];
  const baseFiles: string[] = [];
  for (const files of await listFilesAtEach(root, base, folders)) for (const file of files) if (unitOf(file, globs)) baseFiles.push(file);
  const positive = globs.filter((g) => !g.startsWith('!'));
  const currentFiles = (
    await glob(positive, { cwd: root, onlyFiles: true, dot: true, ignore: ['**/node_modules/**', '**/.git/**'], expandDirectories: false })
  ).filter((f) => unitOf(f, globs) !== undefined);
  const changed = (await inputs.changedFiles()).filter((c) => unitOf(c.path, globs) || (c.oldPath && unitOf(c.oldPath, globs)));
  const data = {
    base,
    folders,
    migrationsAtBase: new Set(baseFiles).size,
    changed: changed.map((c) => ({ path: c.path, status: c.status, ...(c.oldPath ? { oldPath: c.oldPath } : {}) })),
  };
  if (baseFiles.length === 0 && currentFiles.length === 0) {
    return { status: 'skipped', diagnostics: [], data, summary: `no migrations under ${globs.filter((g) => !g.startsWith('!')).join(', ')}` };
  }
  const diagnostics = sortDiagnostics(checkMigrationChanges({ globs, changed, baseFiles, currentFiles, base }));
  if (hasErrors(diagnostics)) {
    return { status: 'fail', diagnostics, data, summary: `${diagnostics.length} forward-only violation(s) since ${base.slice(0, 12)}` };
  }
  const added = changed.length;
  return { status: 'ok', diagnostics, data, summary: `${added} new migration file(s) since ${base.slice(0, 12)}, none changed` };
}
