import picomatch from 'picomatch';
import { capsuleSlug } from '../capsule/discover.js';
import type { Capsule } from '../capsule/types.js';
import { error, info, type Diagnostic } from '../diagnostics.js';
import { git } from '../git/git.js';
import type { GateOutcome } from '../gates/types.js';
import { normalizeOutputPath } from '../router/ownership.js';
import { TRAILER_KEYS } from './trailers.js';
import { slugOfRef } from '../capsule/ref.js';

export interface CommitFacts {
  sha: string;
  subject: string;
  files: string[];
  /** Values of Sentinel-Capsule trailers. */
  capsules: string[];
  /** Values of Sentinel-Decision trailers. */
  decisions: string[];
}

const SEP = '\u001e';

/** Commits in base..HEAD with their files and Sentinel-Capsule trailers (one `git log`). */
export async function commitsSince(root: string, base: string): Promise<CommitFacts[]> {
  const trailer = (key: string) => `%(trailers:key=${key},valueonly,separator=%x1f)`;
  const format = `${SEP}%H%x00%s%x00${trailer(TRAILER_KEYS.capsule)}%x00${trailer(TRAILER_KEYS.decision)}%x00`;
  const result = await git(root, ['log', '--no-merges', '--name-only', `--format=${format}`, `${base}..HEAD`]);
  if (result.code !== 0) throw new Error(`git log failed: ${result.stderr.trim()}`);
  return result.stdout
    .split(SEP)
    .filter((chunk) => chunk.trim())
    .map((chunk) => {
      const [sha, subject, capsules, decisions, rest] = chunk.split('\0') as [string, string, string, string, string | undefined];
      const values = (text: string) =>
        text
          .split('\u001f')
          .map((t) => t.trim())
          .filter(Boolean);
      return {
        sha,
        subject,
        capsules: values(capsules),
        decisions: values(decisions),
        files: (rest ?? '')
          .split('\n')
          .map((f) => f.trim())
          .filter(Boolean),
      };
    });
}

/** Does a Required Output (file, folder/ or glob) cover the file? */
export function outputCovers(output: string, file: string): boolean {
  const entry = normalizeOutputPath(output).replace(/\/$/, '');
  if (/[*?[{]/.test(entry)) return picomatch(entry, { dot: true })(file);
  return file === entry || file.startsWith(`${entry}/`);
}

/** Commits touching a capsule's Required Outputs must carry its Sentinel-Capsule trailer. */
export function checkCommits(commits: readonly CommitFacts[], capsules: readonly Capsule[]): GateOutcome {
  const diagnostics: Diagnostic[] = [];
  let checked = 0;
  for (const commit of commits) {
    const carried = new Set(commit.capsules.map(slugOfRef));
    for (const capsule of capsules) {
      const slug = capsuleSlug(capsule);
      const touched = commit.files.filter((f) => capsule.requiredOutputs.some((o) => o.path && outputCovers(o.path, f)));
      if (touched.length === 0) continue;
      checked++;
      if (carried.has(slug)) continue;
      const id = capsule.id ?? slug;
      diagnostics.push(
        error(
          'COMMITS_TRAILER_MISSING',
          `Commit ${commit.sha.slice(0, 12)} "${commit.subject}" changes ${touched.length} output(s) of ${id} (${touched.slice(0, 3).join(', ')}) without a ${TRAILER_KEYS.capsule}: ${id} trailer`,
          {
            path: touched[0]!,
            fix: `Reword it: \`git rebase -i ${commit.sha.slice(0, 12)}^\` and add "${TRAILER_KEYS.capsule}: ${id}" (\`git commit --amend --trailer "${TRAILER_KEYS.capsule}: ${id}"\` for the last commit); \`sentinel init --git-hooks\` adds it to new commits`,
          },
        ),
      );
    }
  }
  const data = { commits: commits.map((c) => ({ sha: c.sha, subject: c.subject, capsules: c.capsules, files: c.files.length })), checked };
  if (commits.length === 0)
    return { status: 'ok', diagnostics: [info('COMMITS_NONE', 'No commits since the base')], data, summary: 'no commits since the base' };
  if (diagnostics.length)
    return {
      status: 'fail',
      diagnostics,
      data,
      summary: `${diagnostics.length} commit/capsule pair(s) without provenance trailers in ${commits.length} commit(s)`,
    };
  return { status: 'ok', diagnostics, data, summary: `${commits.length} commit(s) since the base; every one touching a capsule's outputs carries its trailer` };
}
