// Figures for the labelled corpora, computed in-process with the same code paths as the CLI.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { classifyCriterion } from '../../src/core/capsule/acceptance.js';
import { routeAndRecord } from '../../src/core/router/run.js';
import { DEFAULT_CONFIG } from '../../src/core/workspace/config-types.js';
import { writeFiles } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { capsuleFiles, loadCapsules, loadCriteria } from './load.mjs';

export interface CriteriaFigures {
  split: string;
  total: number;
  /** command/inspectable items called vague. */
  falseVague: number;
  notVague: number;
  /** vague items called vague. */
  caught: number;
  vague: number;
  /** items whose class matches the label exactly. */
  sameClass: number;
  misses: { text: string; label: string; got: string }[];
}

export function measureCriteria(split?: string): CriteriaFigures {
  const items = loadCriteria().filter((i) => !split || i.split === split);
  const f: CriteriaFigures = { split: split ?? 'all', total: items.length, falseVague: 0, notVague: 0, caught: 0, vague: 0, sameClass: 0, misses: [] };
  for (const item of items) {
    const got = classifyCriterion(item.text).class;
    if (got === item.label) f.sameClass++;
    if (item.label === 'vague') {
      f.vague++;
      if (got === 'vague') f.caught++;
    } else {
      f.notVague++;
      if (got === 'vague') f.falseVague++;
    }
    if ((got === 'vague') !== (item.label === 'vague')) f.misses.push({ text: item.text, label: item.label, got });
  }
  return f;
}

export interface RoutingFigures {
  split: string;
  routable: number;
  /** routable capsules routed to their labelled lead. */
  correct: number;
  /** refusals of routable capsules (always wrong: a refusal must be labelled). */
  wrongRefusals: number;
  refusalsLabelled: number;
  /** labelled refusals refused for the labelled code and diagnostic. */
  refusalsRight: number;
  misses: { slug: string; expected: string; got: string }[];
}

/** A workspace with the shipped roster and init's context limits, holding every corpus capsule. */
export function corpusWorkspace(): { root: string; cleanup(): void } {
  const root = mkdtempSync(path.join(tmpdir(), 'sentinel-corpus-'));
  cpSync(path.join(REPO_ROOT, 'assets/agents'), path.join(root, DEFAULT_CONFIG.agentsDir), { recursive: true });
  cpSync(path.join(REPO_ROOT, 'assets/init/context-limits.json'), path.join(root, DEFAULT_CONFIG.contextLimits));
  writeFiles(root, capsuleFiles(loadCapsules()));
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export interface RoutedCapsule {
  slug: string;
  split: string;
  lead?: string;
  refuse?: string;
  because?: string;
  /** The lead chosen, or `refused <code> <error codes>`. */
  got: string;
  ok: boolean;
  refusalCode?: string;
  errorCodes: string[];
}

/** Route every corpus capsule once (nothing logged). */
export async function routeCorpus(root: string): Promise<RoutedCapsule[]> {
  const out: RoutedCapsule[] = [];
  for (const capsule of loadCapsules()) {
    const { outcome } = await routeAndRecord(root, DEFAULT_CONFIG, capsule.slug, { log: false });
    const errorCodes = outcome.ok ? [] : [...new Set(outcome.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code))];
    out.push({
      slug: capsule.slug,
      split: capsule.split,
      ...(capsule.lead ? { lead: capsule.lead } : {}),
      ...(capsule.refuse ? { refuse: capsule.refuse } : {}),
      ...(capsule.because ? { because: capsule.because } : {}),
      got: outcome.ok ? outcome.decision.leadAgent : `refused ${outcome.refusal.code} ${errorCodes.join(',')}`.trim(),
      ok: outcome.ok,
      ...(outcome.ok ? {} : { refusalCode: outcome.refusal.code }),
      errorCodes,
    });
  }
  return out;
}

export function routingFigures(results: readonly RoutedCapsule[], split?: string): RoutingFigures {
  const f: RoutingFigures = { split: split ?? 'all', routable: 0, correct: 0, wrongRefusals: 0, refusalsLabelled: 0, refusalsRight: 0, misses: [] };
  for (const r of results.filter((c) => !split || c.split === split)) {
    if (r.lead) {
      f.routable++;
      if (r.ok && r.got === r.lead) f.correct++;
      else f.misses.push({ slug: r.slug, expected: r.lead, got: r.got });
      if (!r.ok) f.wrongRefusals++;
    } else {
      f.refusalsLabelled++;
      if (!r.ok && r.refusalCode === r.refuse && (!r.because || r.errorCodes.includes(r.because))) f.refusalsRight++;
      else f.misses.push({ slug: r.slug, expected: `refused ${r.refuse} ${r.because ?? ''}`.trim(), got: r.got });
    }
  }
  return f;
}
