#!/usr/bin/env node
// Judgement heuristics measured on the labelled corpora (test/corpora/), through the built binary:
// acceptance-criteria classes (`capsule validate` on capsules holding every corpus criterion) and
// routing (`route --no-log` on every corpus capsule, shipped roster). Fails below the issue-13 targets.
//
//   node bench/judgement.mjs [--json]
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hasFlag, REPO, sentinelBin } from './lib/cli-args.mjs';
import { capsuleFiles, loadCapsules, loadCriteria, pct } from '../test/corpora/load.mjs';

const bin = sentinelBin('judgement');
const json = hasFlag('--json');

function runJson(cwd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, '--json', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        resolve({ code, body: JSON.parse(out) });
      } catch {
        reject(new Error(`sentinel ${args.join(' ')} exited ${code} without JSON`));
      }
    });
  });
}

function writeFiles(root, files) {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
}

function workspace(files) {
  const root = mkdtempSync(path.join(tmpdir(), 'sentinel-bench-judgement-'));
  cpSync(path.join(REPO, 'assets/agents'), path.join(root, '.sentinel/agents'), { recursive: true });
  cpSync(path.join(REPO, 'assets/init/context-limits.json'), path.join(root, '.sentinel/context/limits/context-limits.json'));
  writeFiles(root, files);
  spawnSync('git', ['init', '-q'], { cwd: root });
  return root;
}

/** One capsule per corpus file, its criteria as Acceptance Criteria items; classes read back per line. */
async function measureCriteria() {
  const items = loadCriteria();
  const byFile = new Map();
  for (const item of items) byFile.set(item.file, [...(byFile.get(item.file) ?? []), item]);
  const files = {};
  const lines = new Map();
  let n = 0;
  for (const [file, group] of byFile) {
    const slug = `criteria-${++n}`;
    const head = [
      `# Capsule ${slug}@0badc0de`,
      '',
      '## Goal',
      `Criteria of ${file}.`,
      '',
      '## Required Outputs',
      '- `docs/x.md`',
      '',
      '## Acceptance Criteria',
    ];
    group.forEach((item, i) => lines.set(`.specify/specs/${slug}/capsule.md:${head.length + i + 1}`, item));
    files[`.specify/specs/${slug}/capsule.md`] = [
      ...head,
      ...group.map((i) => `- ${i.text}`),
      '',
      '## Allowed Context',
      '- `README.md`',
      '',
      '## Router Notes',
      '- Lead: scribe',
      '',
    ].join('\n');
  }
  files['README.md'] = '# x\n';
  const root = workspace(files);
  try {
    const { body } = await runJson(root, ['capsule', 'validate']);
    const got = new Map();
    for (const capsule of body.capsules) {
      for (const d of capsule.diagnostics) {
        const key = `${d.path}:${d.line}`;
        if (d.code === 'CAPSULE_ACCEPTANCE_VAGUE' && d.severity === 'error') got.set(key, 'vague');
        else if (d.code === 'CAPSULE_ACCEPTANCE_REVIEW' && !got.has(key)) got.set(key, 'inspectable');
      }
    }
    const split = (name) => {
      const f = { split: name, total: 0, falseVague: 0, notVague: 0, caught: 0, vague: 0, sameClass: 0 };
      for (const [key, item] of lines) {
        if (name !== 'all' && item.split !== name) continue;
        const cls = got.get(key) ?? 'command';
        f.total++;
        if (cls === item.label) f.sameClass++;
        if (item.label === 'vague') (f.vague++, cls === 'vague' && f.caught++);
        else (f.notVague++, cls === 'vague' && f.falseVague++);
      }
      return f;
    };
    return ['tune', 'holdout', 'all'].map(split);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function measureRouting() {
  const capsules = loadCapsules();
  const root = workspace(capsuleFiles(capsules));
  try {
    const results = [];
    const queue = [...capsules];
    const started = performance.now();
    await Promise.all(
      [0, 1].map(async () => {
        for (let c = queue.shift(); c; c = queue.shift()) {
          const { body } = await runJson(root, ['route', c.slug, '--no-log']);
          const errors = (body.diagnostics ?? []).filter((d) => d.severity === 'error').map((d) => d.code);
          results.push({ ...c, ok: body.ok, got: body.ok ? body.decision.leadAgent : body.refusal.code, errors });
        }
      }),
    );
    const ms = (performance.now() - started) / capsules.length;
    const split = (name) => {
      const f = { split: name, routable: 0, correct: 0, wrongRefusals: 0, refusalsLabelled: 0, refusalsRight: 0, misses: [] };
      for (const r of results.filter((x) => name === 'all' || x.split === name)) {
        if (r.lead) {
          f.routable++;
          if (r.ok && r.got === r.lead) f.correct++;
          else f.misses.push(`${r.slug}: ${r.lead} expected, got ${r.got}`);
          if (!r.ok) f.wrongRefusals++;
        } else {
          f.refusalsLabelled++;
          if (!r.ok && r.got === r.refuse && (!r.because || r.errors.includes(r.because))) f.refusalsRight++;
          else f.misses.push(`${r.slug}: refusal ${r.refuse} expected, got ${r.got}`);
        }
      }
      return f;
    };
    return { figures: ['tune', 'holdout', 'all'].map(split), msPerRoute: ms };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const criteria = await measureCriteria();
const routing = await measureRouting();
const allCriteria = criteria.at(-1);
const allRouting = routing.figures.at(-1);
const ok =
  allCriteria.falseVague / allCriteria.notVague <= 0.02 &&
  allCriteria.caught / allCriteria.vague >= 0.9 &&
  allRouting.correct / allRouting.routable >= 0.95 &&
  allRouting.wrongRefusals === 0 &&
  allRouting.refusalsRight === allRouting.refusalsLabelled;
if (json) console.log(JSON.stringify({ bench: 'judgement', criteria, routing, ok }));
else {
  console.log(`judgement heuristics on the labelled corpora (${bin})`);
  console.log('  acceptance criteria (targets: ≤ 2% of command/inspectable called vague, ≥ 90% of vague caught)');
  for (const f of criteria)
    console.log(
      `    ${f.split.padEnd(8)} ${String(f.total).padStart(3)}: called vague ${f.falseVague}/${f.notVague} (${pct(f.falseVague, f.notVague)}), vague caught ${f.caught}/${f.vague} (${pct(f.caught, f.vague)}), exact class ${pct(f.sameClass, f.total)}`,
    );
  console.log('  routing, shipped roster (targets: ≥ 95% to the labelled lead, refusals only where labelled)');
  for (const f of routing.figures)
    console.log(
      `    ${f.split.padEnd(8)} ${f.correct}/${f.routable} to the labelled lead (${pct(f.correct, f.routable)}), ${f.wrongRefusals} unlabelled refusals, ${f.refusalsRight}/${f.refusalsLabelled} labelled refusals right`,
    );
  for (const m of allRouting.misses) console.log(`      miss: ${m}`);
  console.log(`    ${routing.msPerRoute.toFixed(0)} ms per \`route\` (2 at a time, spawned)`);
}
process.exitCode = ok ? 0 : 1;
