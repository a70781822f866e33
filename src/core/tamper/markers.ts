import path from 'node:path';
import { languageOf, type TestLanguage } from './languages.js';

/** A line that skips, focuses or defers tests (or filters which tests run). */
interface Marker {
  line: number;
  /** The marker as written: `it.skip`, `@pytest.mark.xfail`, `t.Skip`, `--testNamePattern`. */
  marker: string;
  /** The trimmed source line: identifies the marker when comparing base and now. */
  text: string;
}

const JS_MARKERS = [
  /\b(?:it|test|describe|suite|context|specify|bench)(?:\.(?:concurrent|sequential|serial|parallel|describe|each))*\.(?:skip|only|todo|fixme|skipIf|runIf|fails)\b/g,
  /\b(?:xit|xtest|xdescribe|xcontext|xspecify|fit|ftest|fdescribe|fcontext)\s*\(/g,
  /\bthis\.skip\s*\(/g,
  /\bpending\s*\(/g,
];
const PYTHON_MARKERS = [
  /@(?:pytest\.)?mark\.(?:skip|skipif|xfail)\b/g,
  // Not as a decorator: `slow = pytest.mark.skip(…)` then `@slow`, `pytest.param(…, marks=pytest.mark.skip)`.
  /(?<![\w@.])pytest\.mark\.(?:skip|skipif|xfail)\b/g,
  /(?<![\w@.])unittest\.(?:skip|skipIf|skipUnless|expectedFailure)\b/g,
  /\bimport\b.*\b(?:skip|skipIf|skipUnless|expectedFailure)\s+as\b/g,
  /\bpytest\.(?:skip|xfail|importorskip)\s*\(/g,
  /@(?:unittest\.)?(?:skip|skipIf|skipUnless|expectedFailure)\b/g,
  /\bself\.skipTest\s*\(/g,
  /\braise\s+(?:unittest\.)?SkipTest\b/g,
];
/**
 * A conftest.py that governs the sentinel tests: what stops pytest collecting them or rewrites
 * their outcome (a `pytest_runtest_makereport` wrapper can turn every failure into a pass).
 */
const CONFTEST_MARKERS = [
  /\bcollect_ignore(?:_glob)?\b/g,
  /\bpytest_plugins\b/g,
  /\bdef\s+pytest_(?:ignore_collect|collection_modifyitems|deselected|runtest_makereport|report_teststatus|runtest_call|runtest_protocol|pyfunc_call|pycollect_makeitem|collect_file|runtest_setup|make_collect_report)\b/g,
];
const GO_MARKERS = [/\.(?:Skip|Skipf|SkipNow)\s*\(/g];
/** Options in runner configs that silently narrow which tests run. */
const FILTER_MARKERS = [
  /--?testNamePattern\b|\btestNamePattern\b/g,
  /--?testPathIgnorePatterns\b|\btestPathIgnorePatterns\b/g,
  /--grep(?:-invert)?\b|\bgrepInvert\b/g,
  /--deselect\b/g,
  /(?:^|\s|["'])-k\s+\S/g,
  /(?:^|\s|["'])-t\s+\S/g,
  /\s-run[= ]\S/g,
];
/** pytest's own configs: `-p plugin` loads a plugin, which can rewrite every test's outcome (elsewhere `-p` is `tsc -p`). */
const PYTEST_CONFIG = /^(?:pytest\.ini|pyproject\.toml|setup\.cfg|tox\.ini)$/;
const PYTEST_CONFIG_MARKERS = [/(?:^|\s|["'])-p(?=\s+\S)/g];

const RUNNER_CONFIG =
  /^(?:package\.json|(?:vitest|vite|jest|playwright)\.config\.[cm]?[jt]s|\.mocharc(?:\.\w+)?|pytest\.ini|pyproject\.toml|setup\.cfg|tox\.ini|Makefile)$/;

/** package.json, vitest.config.ts, pytest.ini…: files whose edits can filter tests out. */
export const isRunnerConfig = (file: string): boolean => RUNNER_CONFIG.test(path.posix.basename(file));

const TEST_FILE = [/\.(?:test|spec)\.[cm]?[jt]sx?$/, /(?:^|\/)(?:__tests__|tests?|spec|e2e)\//, /(?:^|\/)test_[^/]*\.py$/, /_test\.(?:py|go)$/];
export const isTestFile = (file: string): boolean => TEST_FILE.some((re) => re.test(file));

function isCommentLine(text: string, language: TestLanguage): boolean {
  const trimmed = text.trimStart();
  if (language === 'python') return trimmed.startsWith('#');
  if (language === 'js' || language === 'go') return trimmed.startsWith('//') || trimmed.startsWith('/*') || trimmed.startsWith('*');
  return false;
}

export const isConftest = (file: string): boolean => path.posix.basename(file) === 'conftest.py';

function patternsFor(file: string, hooks: boolean): RegExp[] {
  if (isRunnerConfig(file)) return PYTEST_CONFIG.test(path.posix.basename(file)) ? [...FILTER_MARKERS, ...PYTEST_CONFIG_MARKERS] : FILTER_MARKERS;
  const language = languageOf(file);
  if (language === 'js') return JS_MARKERS;
  if (language === 'python') return hooks && isConftest(file) ? [...PYTHON_MARKERS, ...CONFTEST_MARKERS] : PYTHON_MARKERS;
  if (language === 'go') return GO_MARKERS;
  return [];
}

/**
 * Every skip/only/todo/fixme marker (or, in runner configs, test filter; in a conftest.py, with
 * `hooks`, what drops tests or rewrites outcomes) with its line.
 */
export function findMarkers(file: string, text: string, hooks = true): Marker[] {
  const patterns = patternsFor(file, hooks);
  if (patterns.length === 0) return [];
  const language = isRunnerConfig(file) ? 'other' : languageOf(file);
  const markers: Marker[] = [];
  text.split(/\r?\n/).forEach((lineText, index) => {
    if (isCommentLine(lineText, language)) return;
    for (const pattern of patterns) {
      for (const match of lineText.matchAll(pattern)) {
        markers.push({
          line: index + 1,
          marker: match[0]
            .trim()
            .replace(/\s*\($/, '')
            .replace(/^["']/, ''),
          text: lineText.trim(),
        });
      }
    }
  });
  return markers;
}

/**
 * Markers that are new: for each marker (`it.skip`, `t.Skip`…) whose count grew since base, the
 * lines holding it that were not there at base. A reworded line alone is not tampering.
 */
export function newMarkers(before: Marker[], after: Marker[]): Marker[] {
  const count = (list: Marker[], name: string) => list.filter((m) => m.marker === name).length;
  const seen = new Map<string, number>();
  for (const m of before) seen.set(`${m.marker}\u0000${m.text}`, (seen.get(`${m.marker}\u0000${m.text}`) ?? 0) + 1);
  const added: Marker[] = [];
  for (const m of after) {
    const key = `${m.marker}\u0000${m.text}`;
    const left = seen.get(key) ?? 0;
    if (left > 0) seen.set(key, left - 1);
    else if (count(after, m.marker) > count(before, m.marker)) added.push(m);
  }
  return added;
}

const ASSERTION =
  /\bexpect(?:TypeOf)?\s*\(|\bassert\w*\b|\bt\.(?:Error|Errorf|Fatal|Fatalf|Fail|FailNow)\s*\(|\.should\b|\bshould\.|\brequire\.\w+\s*\(|\bpytest\.raises\s*\(/g;
const TEST_CASE: Record<TestLanguage, RegExp> = {
  js: /\b(?:it|test|specify)(?:\.\w+)*\s*\(/g,
  python: /^\s*(?:async\s+)?def\s+test\w*\s*\(/gm,
  go: /^func\s+(?:\([^)]*\)\s+)?(?:Test|Benchmark|Fuzz|Example)\w*\s*\(/gm,
  other: /(?!)/g,
};

/** Text with comment lines removed, so commenting a test out counts as removing it. */
function codeOnly(text: string, language: TestLanguage): string {
  return text
    .split(/\r?\n/)
    .map((line) => (isCommentLine(line, language) ? '' : line))
    .join('\n');
}

/** How many assertions and test cases a test file holds. */
export function countChecks(file: string, text: string): { assertions: number; tests: number } {
  const language = languageOf(file);
  const code = codeOnly(text, language);
  return { assertions: [...code.matchAll(ASSERTION)].length, tests: [...code.matchAll(TEST_CASE[language])].length };
}
