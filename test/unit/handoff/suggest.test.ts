import { describe, expect, it } from 'vitest';
import { parsePlaybook } from '../../../src/core/agents/playbook.js';
import { changedScripts, parseUnifiedDiff } from '../../../src/core/handoff/diff.js';
import { logFields, namedRoles, suggestHandoffs, type DiffFacts, type RuleContext } from '../../../src/core/handoff/suggest.js';

const ROSTER = [
  { id: 'verifier', name: 'Verifier' },
  { id: 'releaser', name: 'Releaser' },
  { id: 'observer', name: 'Observer' },
  { id: 'integrator', name: 'Integrator' },
  { id: 'builder', name: 'Builder' },
  { id: 'backender', name: 'Backender' },
  { id: 'contextwarden', name: 'Context Warden' },
];
const BACKENDER_HANDOFF = `7) HANDOFF
   - Tag Verifier to extend tests around new routes/services/jobs.
   - Tag Releaser to wire CI steps (migrate, build, test).
   - Tag Observer if new log fields or error classes were introduced.
   - Tag Integrator for any missing external client functions.
`;
const phaseOf = (text: string) => parsePlaybook(text).phases[0];
const NAMED = namedRoles(phaseOf(BACKENDER_HANDOFF), ROSTER);
const CTX: RuleContext = {
  migrationGlobs: ['db/migrations/**'],
  clientGlobs: ['src/clients/**', 'server/src/clients/**'],
  knownLogFields: new Set(['msg', 'level']),
};

function facts(files: Record<string, string[]>, extra: Partial<DiffFacts> = {}): DiffFacts {
  return {
    files: Object.keys(files).map((p) => ({ path: p, status: 'untracked' as const })),
    added: Object.fromEntries(Object.entries(files).map(([p, lines]) => [p, lines.map((text, i) => ({ line: i + 1, text }))])),
    removed: {},
    scripts: [],
    ...extra,
  };
}
const roles = (f: DiffFacts) => suggestHandoffs(NAMED, f, CTX).map((s) => s.to);

describe('namedRoles', () => {
  it('reads the Backender HANDOFF bullets', () => {
    expect(NAMED.map((n) => n.id)).toEqual(['verifier', 'releaser', 'observer', 'integrator']);
    expect(NAMED[0]!.bullet).toBe('Tag Verifier to extend tests around new routes/services/jobs.');
  });
  it('handles "X or Y", multi-word names, and bullets that tag no role', () => {
    const phase = phaseOf(
      '5) HANDOFF\n   - Tag Builder or Backender to emit new fields.\n   - Tag Context Warden when context grows.\n   - Tag the chosen lead with the id.\n',
    );
    expect(namedRoles(phase, ROSTER).map((n) => n.id)).toEqual(['builder', 'backender', 'contextwarden']);
    expect(namedRoles(undefined, ROSTER)).toEqual([]);
  });
});

describe('suggestion rules', () => {
  it('Verifier: new code under routes/services/jobs; not for other code or tests', () => {
    expect(roles(facts({ 'server/src/routes/orders.ts': ['export const r = 1;'] }))).toEqual(['verifier']);
    expect(roles(facts({ 'server/src/jobs/cleanup.ts': ['export const j = 1;'] }))).toEqual(['verifier']);
    expect(roles(facts({ 'server/src/util/format.ts': ['export const f = 1;'], 'server/src/routes/orders.test.ts': ['it()'] }))).toEqual([]);
  });

  it('Releaser: a new migration or a new build/test script; not a modified migration or an unrelated script', () => {
    expect(roles(facts({ 'db/migrations/0002_orders.sql': ['CREATE TABLE orders (id int);'] }))).toEqual(['releaser']);
    expect(roles(facts({}, { scripts: [{ file: 'package.json', name: 'test:e2e', command: 'vitest run e2e', change: 'added' }] }))).toEqual(['releaser']);
    const modified: DiffFacts = {
      files: [{ path: 'db/migrations/0001_init.sql', status: 'modified' }],
      added: {},
      removed: {},
      scripts: [{ file: 'package.json', name: 'format', command: 'prettier -w .', change: 'added' }],
    };
    expect(roles(modified)).toEqual([]);
  });

  it('Observer: log calls with new fields (also across lines) and new error classes; not known fields', () => {
    const f = facts({
      'server/src/app.ts': [
        'log.info({ orderId, totalCents: 3 }, "created");',
        'req.log.warn({',
        '  retryCount: n,',
        '}, "retry");',
        'export class PaymentDeclinedError extends Error {}',
      ],
    });
    const observer = suggestHandoffs(NAMED, f, CTX).find((s) => s.to === 'observer')!;
    expect(observer.evidence.map((e) => [e.line, e.detail])).toEqual([
      [1, 'new log field(s) orderId, totalCents'],
      [2, 'new log field(s) retryCount'],
      [5, 'new error class PaymentDeclinedError (Error)'],
    ]);
    expect(roles(facts({ 'server/src/app.ts': ['logger.info({ msg: "x", level: 30 });', '// log.info({ secretField })', 'class Orders {}'] }))).toEqual([]);
  });

  it('Observer: a field already logged in a removed line is not new', () => {
    const f: DiffFacts = {
      files: [{ path: 'src/a.ts', status: 'modified' }],
      added: { 'src/a.ts': [{ line: 4, text: 'log.info({ orderId }, "moved")' }] },
      removed: { 'src/a.ts': ['log.info({ orderId }, "old")'] },
      scripts: [],
    };
    expect(roles(f)).toEqual([]);
  });

  it('Integrator: outbound calls read with the lexer (aliases, dynamic import) outside client folders; not inside them', () => {
    expect(roles(facts({ 'server/src/util/pay.ts': ['const res = await fetch(url);'] }))).toEqual(['integrator']);
    expect(roles(facts({ 'src/lib/a.ts': ['import axios from "axios";', 'await axios.post(u, body);'] }))).toEqual(['integrator']);
    expect(roles(facts({ 'src/lib/b.ts': ["import { request as r } from 'node:https';", 'r(options, cb);'] }))).toEqual(['integrator']);
    expect(roles(facts({ 'src/lib/c.ts': ["const { got } = await import('got');"] }))).toEqual(['integrator']);
    expect(roles(facts({ 'src/lib/e.py': ['import requests as rq', 'rq.get(url)'] }))).toEqual(['integrator']);
    expect(
      roles(
        facts({
          'src/clients/pay.ts': ['const res = await fetch(url);'],
          'src/lib/d.ts': ['const prefetch = refetch(x); this.fetch2 = 1;', "// fetch('x')", "const s = 'fetch(1)';"],
        }),
      ),
    ).toEqual([]);
    expect(roles(facts({ 'src/lib/f.ts': ["import { createServer, STATUS_CODES } from 'node:http';", 'createServer(handler);'] }))).toEqual([]);
  });

  it('roles the HANDOFF phase does not name are never proposed', () => {
    const onlyVerifier = namedRoles(phaseOf('4) HANDOFF\n   - Tag Verifier to test.\n'), ROSTER);
    const f = facts({ 'server/src/routes/a.ts': ['await fetch(x);', 'log.info({ orderId });'] });
    expect(suggestHandoffs(onlyVerifier, f, CTX).map((s) => s.to)).toEqual(['verifier']);
  });
});

describe('diff parsing', () => {
  it('parseUnifiedDiff gives added lines with new line numbers and removed lines', () => {
    const diff = [
      'diff --git a/src/a.ts b/src/a.ts',
      'index 1..2 100644',
      '--- a/src/a.ts',
      '+++ b/src/a.ts',
      '@@ -3,1 +3,2 @@',
      '-old()',
      '+first()',
      '+second()',
      '@@ -10 +11 @@',
      '+late()',
    ].join('\n');
    const parsed = parseUnifiedDiff(diff);
    expect(parsed.added['src/a.ts']).toEqual([
      { line: 3, text: 'first()' },
      { line: 4, text: 'second()' },
      { line: 11, text: 'late()' },
    ]);
    expect(parsed.removed['src/a.ts']).toEqual(['old()']);
  });
  it('changedScripts reports new and changed scripts only', () => {
    const before = JSON.stringify({ scripts: { test: 'vitest', lint: 'eslint .' } });
    const after = JSON.stringify({ scripts: { test: 'vitest run', lint: 'eslint .', build: 'tsc' } });
    expect(changedScripts('package.json', before, after)).toEqual([
      { file: 'package.json', name: 'test', command: 'vitest run', change: 'changed' },
      { file: 'package.json', name: 'build', command: 'tsc', change: 'added' },
    ]);
    expect(changedScripts('package.json', before, before)).toEqual([]);
  });
  it('logFields reads shorthand, quoted and typed keys', () => {
    expect(logFields([{ line: 1, text: "log.info({ a, 'b-c': 1, d: \"x, y\" }, 'm')" }], 0)).toEqual(['a', 'b-c', 'd']);
  });
});
