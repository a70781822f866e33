import { countChecks, findMarkers, isConftest, isRunnerConfig, isTestFile, newMarkers } from './markers.js';
import { changedOutsideLimit, helperSources, type Files } from './neighbours.js';
import { syntaxFacts } from './syntax.js';
import { compareFacts } from './weakening.js';

export type TamperKind =
  | 'sentinel-deleted'
  | 'fixture-deleted'
  | 'fixture-reclassified'
  | 'marker-added'
  | 'assertions-removed'
  | 'tests-removed'
  | 'unreachable-assertion'
  | 'swallowed-assertion'
  | 'inverted-assertion'
  | 'tautology'
  | 'process-exit'
  | 'assert-reassigned'
  | 'module-mocked'
  | 'assertion-conditional'
  | 'assertion-vague'
  | 'unparseable';

export interface TamperFinding {
  kind: TamperKind;
  /** The path the finding is about (the base path for deletions). */
  path: string;
  line?: number;
  message: string;
  /** Counts at base and now, for removals. */
  before?: number;
  after?: number;
}

/** One changed file with its content at base and now (undefined where it does not exist). */
export interface TamperChange {
  path: string;
  status: string;
  oldPath?: string;
  before?: string;
  after?: string;
  /**
   * Files a sentinel test's helpers may live in (what `importedPaths` names, the Go package's
   * other files), at base and now: a call to one of their helpers counts its assertions.
   */
  neighbours?: { before: Files; after: Files };
}

export interface TamperPaths {
  /** Sentinel tests folder (config.sentinels.dir), workspace-relative. */
  sentinelsDir: string;
  /** `<contractsDir>/fixtures`, workspace-relative. */
  fixturesDir: string;
}

const under = (file: string, dir: string) => file === dir || file.startsWith(`${dir}/`);
const inBad = (file: string, fixturesDir: string) =>
  file
    .slice(fixturesDir.length + 1)
    .split('/')
    .slice(1, -1)
    .includes('bad');

/** A conftest.py pytest loads for the sentinel tests: in their folder or one above it (the workspace root included). */
export function governsSentinels(file: string, paths: TamperPaths): boolean {
  if (!isConftest(file)) return false;
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  return dir === '' || under(paths.sentinelsDir, dir) || under(dir, paths.sentinelsDir);
}

/** Which files tamper detection needs to read: the rest of the diff cannot hide tests. */
export function isTamperRelevant(file: string, paths: TamperPaths): boolean {
  return under(file, paths.sentinelsDir) || under(file, paths.fixturesDir) || isTestFile(file) || isRunnerConfig(file) || governsSentinels(file, paths);
}

/** Compare one change against base: deletions, new skip/only markers, fewer assertions or tests. */
export function detectTamper(change: TamperChange, paths: TamperPaths): TamperFinding[] {
  const findings: TamperFinding[] = [];
  const basePath = change.oldPath ?? change.path;
  const gone = change.after === undefined || change.status === 'deleted';
  // Sentinels and fixtures may move within their folder; moving them out deletes them.
  if (under(basePath, paths.sentinelsDir) && (gone || !under(change.path, paths.sentinelsDir))) {
    findings.push({ kind: 'sentinel-deleted', path: basePath, message: `sentinel test ${basePath} was ${gone ? 'deleted' : `moved out to ${change.path}`}` });
    return findings;
  }
  if (under(basePath, paths.fixturesDir) && change.before !== undefined) {
    if (gone || !under(change.path, paths.fixturesDir)) {
      findings.push({
        kind: 'fixture-deleted',
        path: basePath,
        message: `contract fixture ${basePath} was ${gone ? 'deleted' : `moved out to ${change.path}`}`,
      });
      return findings;
    }
    if (inBad(basePath, paths.fixturesDir) !== inBad(change.path, paths.fixturesDir)) {
      findings.push({
        kind: 'fixture-reclassified',
        path: change.path,
        message: `contract fixture moved from ${basePath} to ${change.path}: what it must prove flipped`,
      });
    }
  }
  if (gone) return findings;
  const before = change.before ?? '';
  const after = change.after!;
  // Sentinel tests are compared on their syntax; the line-level checks below cover the rest.
  if (under(change.path, paths.sentinelsDir)) {
    const side = (file: string, files: Files | undefined) => (files ? helperSources(file, files) : undefined);
    const nb = change.neighbours;
    const limit = nb && changedOutsideLimit(nb.before, nb.after, (p) => under(p, paths.sentinelsDir));
    const now = syntaxFacts(change.path, after, nb && helperSources(change.path, nb.after, limit));
    const was = change.before === undefined ? undefined : syntaxFacts(basePath, before, side(basePath, change.neighbours?.before));
    if (now && (change.before === undefined || was)) return [...findings, ...compareFacts(change.path, was, now)];
    // Read at base, unreadable now: the line checks below would be all that is left to look.
    if (was && !now) {
      findings.push({
        kind: 'unparseable',
        path: change.path,
        message: `sentinel test ${change.path} no longer parses (it did at base): its tests cannot be compared`,
      });
    }
  }
  const beforeMarkers = findMarkers(basePath, before, governsSentinels(basePath, paths));
  const afterMarkers = findMarkers(change.path, after, governsSentinels(change.path, paths));
  for (const marker of newMarkers(beforeMarkers, afterMarkers)) {
    const count = (list: typeof afterMarkers) => list.filter((m) => m.marker === marker.marker).length;
    findings.push({
      kind: 'marker-added',
      path: change.path,
      line: marker.line,
      message: `${marker.marker} added (${count(beforeMarkers)} at base, ${count(afterMarkers)} now): ${marker.text}`,
      before: count(beforeMarkers),
      after: count(afterMarkers),
    });
  }
  if (under(change.path, paths.sentinelsDir) && change.before !== undefined) {
    const was = countChecks(basePath, before);
    const now = countChecks(change.path, after);
    if (now.tests < was.tests) {
      findings.push({
        kind: 'tests-removed',
        path: change.path,
        message: `sentinel test cases removed: ${was.tests} at base, ${now.tests} now`,
        before: was.tests,
        after: now.tests,
      });
    }
    if (now.assertions < was.assertions) {
      findings.push({
        kind: 'assertions-removed',
        path: change.path,
        message: `assertions removed from a sentinel test: ${was.assertions} at base, ${now.assertions} now`,
        before: was.assertions,
        after: now.assertions,
      });
    }
  }
  return findings;
}
