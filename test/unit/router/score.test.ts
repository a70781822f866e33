import { describe, expect, it } from 'vitest';
import { compareCandidates, scoreCapsule } from '../../../src/core/router/score.js';
import { LEAD_WEIGHT, OUTPUT_PATH_WORD_WEIGHT, PATH_FULL_OUTPUTS, PATH_WEIGHT, PHRASE_CAP, SECTION_WEIGHTS } from '../../../src/core/router/rules.js';
import { agent, makeCapsule, ROSTER } from './fixtures.js';
import { NO_LEAD_NOTE, specSourceNote } from '../../../src/core/capsule/boilerplate.js';

const byId = (scoring: ReturnType<typeof scoreCapsule>, id: string) => scoring.candidates.find((c) => c.id === id)!;

describe('keyword weights', () => {
  it('counts a keyword in Goal and Required Outputs at the high weight, elsewhere at the low weight', () => {
    const roster = [agent('a', ['widget'])];
    const inGoal = scoreCapsule(makeCapsule({ goal: 'Build the widget.', outputs: ['`x/y.txt`'] }), roster);
    const inAcceptance = scoreCapsule(makeCapsule({ goal: 'Build it.', outputs: ['`x/y.txt`'], acceptance: ['the widget shows in `npm test`'] }), roster);
    expect(byId(inGoal, 'a').keywordScore).toBe(SECTION_WEIGHTS.goal);
    expect(byId(inAcceptance, 'a').keywordScore).toBe(SECTION_WEIGHTS.acceptanceCriteria);
    expect(SECTION_WEIGHTS.goal).toBeGreaterThan(SECTION_WEIGHTS.acceptanceCriteria);
    expect(SECTION_WEIGHTS.requiredOutputs).toBeGreaterThan(SECTION_WEIGHTS.allowedContext);
  });

  it('counts a keyword once per section, however often it repeats, and records where it counted', () => {
    const scoring = scoreCapsule(makeCapsule({ goal: 'widget widget widgets', outputs: ['`widgets/a.txt`'], notes: ['widget'] }), [
      agent('a', ['widget', 'widgets']),
    ]);
    const a = byId(scoring, 'a');
    expect(a.keywords.map((h) => h.section)).toEqual(['goal', 'requiredOutputs', 'routerNotes']);
    // `widgets/` is only in the output's path: a weak hint (the place is scored by ownership).
    expect(a.keywordScore).toBe(SECTION_WEIGHTS.goal + OUTPUT_PATH_WORD_WEIGHT + SECTION_WEIGHTS.routerNotes);
  });

  it('counts a word of an output note at the Required Outputs weight, and ignores Allowed Context paths', () => {
    const scoring = scoreCapsule(makeCapsule({ goal: 'Do it.', outputs: ['`x/y.txt` — the widget'], context: ['`widget/a.ts`'] }), [agent('a', ['widget'])]);
    expect(byId(scoring, 'a').keywords.map((h) => [h.section, h.points])).toEqual([['requiredOutputs', SECTION_WEIGHTS.requiredOutputs]]);
  });

  it('weighs a phrase by its words, up to PHRASE_CAP', () => {
    const roster = [agent('a', ['no behaviour change']), agent('b', ['extract'])];
    const scoring = scoreCapsule(makeCapsule({ goal: 'Extract pricing, no behaviour change.', outputs: ['`x/y.txt`'] }), roster);
    expect(byId(scoring, 'a').keywordScore).toBe(SECTION_WEIGHTS.goal * Math.min(3, PHRASE_CAP));
    expect(byId(scoring, 'b').keywordScore).toBe(SECTION_WEIGHTS.goal);
  });

  it('scores nothing for words that only appear inside other words', () => {
    const scoring = scoreCapsule(makeCapsule({ goal: 'Tune the apiary.', outputs: ['`x/y.txt`'] }), [agent('a', ['api'])]);
    expect(byId(scoring, 'a').score).toBe(0);
  });
});

describe('path ownership', () => {
  it('gives PATH_WEIGHT per Required Output under an owned glob and names the glob', () => {
    const scoring = scoreCapsule(makeCapsule({ goal: 'Nothing specific.', outputs: ['`server/src/a.ts`', '/db/migrations/0002_x.sql'] }), ROSTER);
    const backender = byId(scoring, 'backender');
    expect(backender.pathScore).toBe(2 * PATH_WEIGHT);
    expect(backender.paths.map((p) => [p.output, p.glob])).toEqual([
      ['server/src/a.ts', 'server/src/**'],
      ['db/migrations/0002_x.sql', 'db/migrations/**'],
    ]);
    expect(scoring.candidates[0]!.id).toBe('backender');
  });

  it('shares the path points out beyond PATH_FULL_OUTPUTS outputs, so many files in one place do not outvote the Goal', () => {
    const outputs = ['`server/src/a.ts`', '`server/src/b.ts`', '`server/src/c.ts`', '`server/src/d.ts`'];
    expect(byId(scoreCapsule(makeCapsule({ outputs }), ROSTER), 'backender').pathScore).toBe(PATH_FULL_OUTPUTS * PATH_WEIGHT);
  });

  it('gives an output to its narrowest owner only: a kind of file beats a place, a longer prefix beats a shorter one', () => {
    const roster = [agent('place', [], ['server/src/**']), agent('clients', [], ['server/src/clients/**']), agent('tests', [], ['**/*.test.*'])];
    const scoring = scoreCapsule(makeCapsule({ outputs: ['`server/src/clients/pay.ts`', '`server/src/a.test.ts`'] }), roster);
    expect(byId(scoring, 'clients').paths.map((p) => p.output)).toEqual(['server/src/clients/pay.ts']);
    expect(byId(scoring, 'tests').paths.map((p) => p.output)).toEqual(['server/src/a.test.ts']);
    expect(byId(scoring, 'place').pathScore).toBe(0);
  });

  it('routes CI workflows to the releaser and test files to the verifier', () => {
    expect(scoreCapsule(makeCapsule({ outputs: ['`.github/workflows/ci.yml`'] }), ROSTER).candidates[0]!.id).toBe('releaser');
    expect(scoreCapsule(makeCapsule({ outputs: ['`.sentinel/tests/sentinels/orders.test.ts`'] }), ROSTER).candidates[0]!.id).toBe('verifier');
  });

  it('lets a catch-all glob (**/*.md) claim a docs-only capsule but not a runbook beside server code', () => {
    const docsOnly = scoreCapsule(makeCapsule({ outputs: ['`README.md`', '`guides/setup.md`'] }), ROSTER);
    expect(byId(docsOnly, 'scribe').pathScore).toBe(2 * PATH_WEIGHT);
    const mixed = scoreCapsule(makeCapsule({ outputs: ['`server/src/a.ts`', '`ops/backend/runbook.md`', '`README.md`'] }), ROSTER);
    expect(byId(mixed, 'scribe').pathScore).toBe(0);
    expect(byId(mixed, 'backender').paths.map((p) => p.output)).toEqual(['server/src/a.ts', 'ops/backend/runbook.md']);
  });

  it('honours ! exceptions in owned globs', () => {
    const roster = [agent('a', [], ['src/**', '!src/generated/**'])];
    const scoring = scoreCapsule(makeCapsule({ outputs: ['`src/a.ts`', '`src/generated/b.ts`'] }), roster);
    expect(byId(scoring, 'a').paths.map((p) => p.output)).toEqual(['src/a.ts']);
  });
});

describe('Router Notes lead', () => {
  it('honours a lead whose charter allows the outputs, even against a higher scorer', () => {
    const capsule = makeCapsule({
      goal: 'Add the api route, the service and the migration.',
      outputs: ['`server/src/routes/a.test.ts`'],
      notes: ['Lead: verifier'],
    });
    const scoring = scoreCapsule(capsule, ROSTER);
    expect(scoring.lead?.status).toBe('honoured');
    expect(scoring.candidates[0]!.id).toBe('verifier');
    expect(scoring.candidates[0]!.leadScore).toBe(LEAD_WEIGHT);
    expect(byId(scoring, 'backender').score).toBeGreaterThan(byId(scoring, 'verifier').score - LEAD_WEIGHT);
  });

  it('overrules a lead whose never_outputs match a Required Output, and says which', () => {
    const capsule = makeCapsule({ goal: 'Add the orders route.', outputs: ['`server/src/routes/orders.ts`'], notes: ['Lead: verifier'] });
    const scoring = scoreCapsule(capsule, ROSTER);
    expect(scoring.lead?.status).toBe('overruled');
    expect(scoring.lead?.conflicts).toEqual([{ output: 'server/src/routes/orders.ts', glob: 'server/src/**/!(*.test.*|*.spec.*)' }]);
    expect(scoring.lead?.reason).toContain('server/src/routes/orders.ts');
    expect(scoring.candidates[0]!.id).toBe('backender');
    expect(byId(scoring, 'verifier').leadScore).toBe(0);
  });

  it('ignores a lead that is not in the roster', () => {
    const scoring = scoreCapsule(makeCapsule({ goal: 'Add the route.', outputs: ['`server/src/a.ts`'], notes: ['Lead: wizard'] }), ROSTER);
    expect(scoring.lead?.status).toBe('unknown');
    expect(scoring.candidates[0]!.id).toBe('backender');
  });
});

describe('ties', () => {
  it('break on path score, then Goal/Outputs keywords, then id', () => {
    // b: 5 path points; a: 5 keyword points spread so the totals tie.
    const pathVsWords = scoreCapsule(
      makeCapsule({ goal: 'alpha beta', outputs: ['`owned/x.txt`'], acceptance: ['gamma in `npm test`'], context: ['`x.md` — delta'] }),
      [agent('a', ['alpha', 'gamma', 'delta']), agent('b', [], ['owned/**'])],
    );
    expect(pathVsWords.candidates.map((c) => [c.id, c.score])).toEqual([
      ['b', 5],
      ['a', 5],
    ]);
    const primaryVsOther = scoreCapsule(makeCapsule({ goal: 'alpha', outputs: ['`x/y.txt`'], acceptance: ['beta gamma delta in `npm test`'] }), [
      agent('a', ['beta', 'gamma', 'delta']),
      agent('b', ['alpha']),
    ]);
    expect(primaryVsOther.candidates.map((c) => [c.id, c.score])).toEqual([
      ['b', 3],
      ['a', 3],
    ]);
    const alphabetical = scoreCapsule(makeCapsule({ goal: 'alpha', outputs: ['`x/y.txt`'] }), [agent('zed', ['alpha']), agent('amy', ['alpha'])]);
    expect(alphabetical.candidates.map((c) => c.id)).toEqual(['amy', 'zed']);
  });

  it('gives the same ranking whatever the roster order', () => {
    const capsule = makeCapsule({ goal: 'Add the route, a test and docs.', outputs: ['`server/src/a.ts`', '`docs/a.md`'] });
    const forward = scoreCapsule(capsule, ROSTER).candidates.map((c) => c.id);
    const backward = scoreCapsule(capsule, [...ROSTER].reverse()).candidates.map((c) => c.id);
    expect(backward).toEqual(forward);
    const sorted = [...scoreCapsule(capsule, ROSTER).candidates].sort(compareCandidates).map((c) => c.id);
    expect(sorted).toEqual(forward);
  });
});

describe('boilerplate Router Notes', () => {
  const roster = [...ROSTER, agent('capsuleauthor', ['spec', 'plan'])];
  it('the lines capsule new and from-spec write earn no points; the same words written by a person do', () => {
    const goal = 'Tidy the date helpers.';
    const boiler = scoreCapsule(makeCapsule({ goal, notes: [NO_LEAD_NOTE, specSourceNote('.specify/specs/001-x', ['spec.md', 'plan.md'])] }), roster);
    expect(boiler.candidates.flatMap((c) => c.keywords.filter((h) => h.section === 'routerNotes'))).toEqual([]);
    const written = scoreCapsule(makeCapsule({ goal, notes: ['Route it after the spec and plan are reviewed'] }), roster);
    expect(written.candidates.flatMap((c) => c.keywords.filter((h) => h.section === 'routerNotes')).length).toBeGreaterThan(0);
  });
});
