import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { discoverAgents } from '../../../src/core/agents/discover.js';
import { openCache } from '../../../src/core/cache/store.js';
import { createCapsuleChecker } from '../../../src/core/capsule/check.js';
import { createCapsuleJudge, type CapsuleCheckRecord, type CapsuleVerdict } from '../../../src/core/capsule/check-memo.js';
import { capsuleSlug } from '../../../src/core/capsule/discover.js';
import { parseCapsule } from '../../../src/core/capsule/parse.js';
import { statusReport } from '../../../src/core/lifecycle/report.js';
import { DEFAULT_CONFIG, type SentinelConfig } from '../../../src/core/workspace/config-types.js';
import { enableWarmState } from '../../../src/core/workspace/warm.js';

let root: string;
const write = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
};
const CAPSULE = '.specify/specs/orders/capsule.md';
const capsuleText = (extra = '') =>
  [
    '<!-- ProducedBy=ARCHITECT RulesHash=ARCHITECT@1 Decision=D-0001 -->',
    '# Capsule orders@0badc0de',
    '',
    '## Goal',
    'Serve orders.',
    '',
    '## Required Outputs',
    '- `src/orders.ts`',
    '',
    '## Acceptance Criteria',
    '- `npm test -- orders` passes',
    '',
    '## Allowed Context',
    '- `src/alias.ts`',
    '- `src/later.ts`',
    '- `lib/**/*.ts`',
    '- `docs/new.md` (to be created by Scribe)',
    extra,
    '',
    '## Router Notes',
    '- Lead: builder',
    '',
  ].join('\n');
const agent = (id: string) => {
  write(
    `.sentinel/agents/${id}/agent.json`,
    JSON.stringify({ id, name: id, rulesHash: `${id.toUpperCase()}@1`, summary: 'x', routing_keywords: ['k'], prompt_files: ['ROLE.md'] }),
  );
  write(`.sentinel/agents/${id}/ROLE.md`, `# ${id}\n`);
};
const limits = (forbiddenPaths: string[], maxLines = 300) =>
  write(
    '.sentinel/context/limits/context-limits.json',
    JSON.stringify({
      defaultMaxLines: 300,
      warningThreshold: 0.8,
      forbiddenPaths,
      artifacts: [{ name: 'capsules', globs: ['.specify/specs/*/capsule.md'], maxLines }],
    }),
  );

beforeEach(() => {
  root = realpathSync(mkdtempSync(path.join(tmpdir(), 'sentinel-check-memo-')));
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: root });
  agent('builder');
  limits(['.env']);
  write('src/orders.ts', 'export {};\n');
  write('src/alias.ts', 'export {};\n');
  write('.env', 'SECRET=1\n');
  write(CAPSULE, capsuleText());
});
afterEach(() => {
  enableWarmState(false);
  rmSync(root, { recursive: true, force: true });
});

/** The verdict of a fresh, unrecorded validation: what the memo must always equal. */
async function fresh(config: SentinelConfig = DEFAULT_CONFIG): Promise<CapsuleVerdict> {
  const checker = await createCapsuleChecker(root, config, discoverAgents(root, config));
  const capsule = parseCapsule(readFileSync(path.join(root, CAPSULE), 'utf8'), CAPSULE);
  const { ok, diagnostics } = checker.check(capsule);
  return { file: CAPSULE, slug: capsuleSlug(capsule), id: capsule.id ?? null, title: capsule.title, ok, diagnostics };
}

const codes = (v: CapsuleVerdict) => v.diagnostics.map((d) => `${d.severity} ${d.code}`).sort();

describe.each([
  ['a one-shot run (records in the signed cache)', false],
  ['a warm process (records and workspace answers in memory)', true],
])('capsule verdicts kept by their inputs, in %s', (_name, warmProcess) => {
  const records = new Map<string, CapsuleCheckRecord>();
  let validated = 0;
  beforeEach(() => {
    records.clear();
    // racyMs 0: files written a moment ago are trusted, so the test sees reuse at all.
    if (warmProcess) enableWarmState(true, { racyMs: 0 });
  });
  const judged = async (config: SentinelConfig = DEFAULT_CONFIG): Promise<CapsuleVerdict> => {
    const checker = await createCapsuleChecker(root, config, discoverAgents(root, config));
    const counting = { ...checker, check: (...args: Parameters<typeof checker.check>) => (validated++, checker.check(...args)) };
    return createCapsuleJudge(root, counting, { get: (f) => records.get(f), set: (f, r) => void records.set(f, r) }, 0)(CAPSULE);
  };
  /** The memo's verdict equals a fresh one, and says whether it validated again. */
  const expectFresh = async (config?: SentinelConfig): Promise<{ verdict: CapsuleVerdict; revalidated: boolean }> => {
    const before = validated;
    const verdict = await judged(config);
    expect(verdict).toEqual(await fresh(config));
    return { verdict, revalidated: validated > before };
  };

  it('reuses a verdict while nothing changed, and validates again when any input changes', async () => {
    const first = await expectFresh();
    expect(first.revalidated).toBe(true);
    expect(codes(first.verdict)).toContain('error CAPSULE_CONTEXT_MISSING'); // src/later.ts, lib/**/*.ts
    expect(codes(first.verdict)).toContain('error CAPSULE_CONTEXT_CREATOR_UNKNOWN'); // Scribe
    expect((await expectFresh()).revalidated).toBe(false);

    // Each input validation reads, changed one at a time: the verdict follows (and is validated again).
    const changes: [string, () => void, SentinelConfig?][] = [
      ['the capsule text', () => write(CAPSULE, capsuleText('- `src/alias.ts`'))],
      ['a file it names appears', () => write('src/later.ts', 'export {};\n')],
      ['a file its glob matches appears in the listing', () => write('lib/deep/util.ts', 'export {};\n')],
      ['the roster gains the creator role', () => agent('scribe')],
      [
        'a named file becomes a symlink to a forbidden file',
        () => (unlinkSync(path.join(root, 'src/alias.ts')), symlinkSync('../.env', path.join(root, 'src/alias.ts'))),
      ],
      ['the forbidden paths', () => limits([])],
      ['its line budget (context limits)', () => limits([], 5)],
      ['its line budget (config)', () => limits([]), { ...DEFAULT_CONFIG, capsules: { ...DEFAULT_CONFIG.capsules, maxLines: 4 } }],
      ['a glob match leaves the listing', () => rmSync(path.join(root, 'lib'), { recursive: true })],
    ];
    let previous = first.verdict;
    for (const [what, change, config] of changes) {
      change();
      const next = await expectFresh(config);
      expect(next.revalidated, what).toBe(true);
      expect(next.verdict, what).not.toEqual(previous);
      expect((await expectFresh(config)).revalidated, `${what}, asked again`).toBe(false);
      previous = next.verdict;
    }
  });

  it('a caller changing its verdict changes nothing for the next', async () => {
    const first = (await expectFresh()).verdict;
    first.diagnostics[0]!.message = 'mutated';
    first.diagnostics.push({ severity: 'error', code: 'X', message: 'x' });
    expect((await expectFresh()).revalidated).toBe(false);
  });
});

describe('capsule verdicts of a file changed a moment ago', () => {
  afterEach(() => vi.restoreAllMocks());

  it('are not vouched for by its stat: the text is read and hashed next time', async () => {
    const records = new Map<string, CapsuleCheckRecord>();
    const checker = await createCapsuleChecker(root, DEFAULT_CONFIG, discoverAgents(root, DEFAULT_CONFIG));
    // "A moment ago" whatever the load: the clock reads the capsule's own write time (a loaded
    // machine can spend the whole window between beforeEach's write and this judge).
    const written = statSync(path.join(root, CAPSULE));
    vi.spyOn(Date, 'now').mockReturnValue(Math.floor(Math.max(written.mtimeMs, written.ctimeMs)) + 1);
    createCapsuleJudge(root, checker, { get: (f) => records.get(f), set: (f, r) => void records.set(f, r) })(CAPSULE);
    vi.restoreAllMocks();
    expect(records.get(CAPSULE)!.s).toBe('');
    createCapsuleJudge(root, checker, { get: (f) => records.get(f), set: (f, r) => void records.set(f, r) }, 0)(CAPSULE);
    expect(records.get(CAPSULE)!.s).not.toBe('');
  });
});

describe('status with the signed cache', () => {
  it('equals status without it, and a forged record is dropped, not believed', async () => {
    const secret = randomBytes(32);
    const cacheDir = path.join(root, '.sentinel/cache');
    const cache = () => openCache({ dir: cacheDir, version: 't', secret });
    const now = new Date('2026-01-01T00:00:00Z');
    const plain = await statusReport(root, DEFAULT_CONFIG, now);
    expect(plain.capsules[0]!.status).toBe('draft');
    expect(await statusReport(root, DEFAULT_CONFIG, now, cache())).toEqual(plain);
    expect(await statusReport(root, DEFAULT_CONFIG, now, cache())).toEqual(plain);
    // An agent rewrites the recorded verdict as passing: the signature fails, the capsule is validated.
    const versionDir = path.join(
      cacheDir,
      readdirSync(cacheDir).find((n) => n.startsWith('v'))!,
    );
    const file = path.join(
      versionDir,
      readdirSync(versionDir).find((n) => n.startsWith('capsule-checks'))!,
    );
    writeFileSync(file, readFileSync(file, 'utf8').replace('"ok":false', '"ok":true'));
    expect(readFileSync(file, 'utf8')).toContain('"ok":true');
    expect(await statusReport(root, DEFAULT_CONFIG, now, cache())).toEqual(plain);
  });
});
