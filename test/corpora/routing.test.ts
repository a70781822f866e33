// The deterministic router measured on the labelled capsule corpus (test/corpora/capsules/) with the
// shipped roster. Targets (issue 13): at least 95% routed to the labelled lead; every refusal is one
// the corpus labels, for the labelled reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/cli.js';
import { loadCapsules, pct } from './load.mjs';
import { corpusWorkspace, routeCorpus, routingFigures, type RoutedCapsule } from './measure.js';

const MIN_ROUTED_RIGHT = 0.95;

let workspace: { root: string; cleanup(): void };
let results: RoutedCapsule[];
beforeAll(async () => {
  workspace = corpusWorkspace();
  results = await routeCorpus(workspace.root);
}, 180_000);
afterAll(() => workspace.cleanup());

describe('routing corpus', () => {
  it('holds at least 60 capsules, at least 3 per role of the shipped roster', () => {
    const capsules = loadCapsules();
    expect(capsules.filter((c) => c.lead).length).toBeGreaterThanOrEqual(60);
    for (const role of readdirSync(path.join(REPO_ROOT, 'assets/agents'))) {
      expect(capsules.filter((c) => c.lead === role).length, role).toBeGreaterThanOrEqual(3);
    }
  });

  it.each(['tune', 'holdout', undefined])('meets the targets (split %s)', (split) => {
    const f = routingFigures(results, split);
    console.log(
      `routing ${f.split.padEnd(8)} ${f.correct}/${f.routable} routed to the labelled lead (${pct(f.correct, f.routable)}), ${f.wrongRefusals} unlabelled refusals, ${f.refusalsRight}/${f.refusalsLabelled} labelled refusals for the labelled reason`,
    );
    for (const m of f.misses) console.log(`  ${m.slug}: expected ${m.expected}, got ${m.got}`);
    expect(f.correct / f.routable, JSON.stringify(f.misses, null, 1)).toBeGreaterThanOrEqual(MIN_ROUTED_RIGHT);
    expect(f.wrongRefusals).toBe(0);
    expect(f.refusalsRight).toBe(f.refusalsLabelled);
  });
});
