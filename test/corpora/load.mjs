// Loads the labelled corpora under test/corpora/ for the corpus tests and bench/judgement.mjs.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CORPORA = path.dirname(fileURLToPath(import.meta.url));
export const CRITERION_LABELS = ['command', 'inspectable', 'vague'];

/**
 * Every acceptance criterion: `{ label, text, split, file, line }`, from
 * `acceptance/<split>/*.txt` lines written as `<label> <criterion>`.
 * @returns {{ label: string, text: string, split: string, file: string, line: number }[]}
 */
export function loadCriteria() {
  const out = [];
  for (const split of ['tune', 'holdout']) {
    const dir = path.join(CORPORA, 'acceptance', split);
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
      const file = `acceptance/${split}/${name}`;
      readFileSync(path.join(dir, name), 'utf8')
        .split('\n')
        .forEach((raw, i) => {
          const line = raw.trim();
          if (!line || line.startsWith('#')) return;
          const [label, ...rest] = line.split(/\s+/);
          if (!CRITERION_LABELS.includes(label) || rest.length === 0) throw new Error(`${file}:${i + 1}: expected "<${CRITERION_LABELS.join('|')}> <criterion>"`);
          out.push({ label, text: line.slice(label.length).trim(), split, file, line: i + 1 });
        });
    }
  }
  return out;
}

/**
 * Every capsule of `capsules/`: `{ slug, text, lead?, refuse?, because?, split, near? }`.
 * @returns {{ slug: string, text: string, split: string, lead?: string, refuse?: string, because?: string, near?: string }[]}
 */
export function loadCapsules() {
  const dir = path.join(CORPORA, 'capsules');
  const labels = JSON.parse(readFileSync(path.join(dir, 'labels.json'), 'utf8')).capsules;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .sort()
    .map((name) => {
      const slug = name.slice(0, -3);
      const label = labels[slug];
      if (!label) throw new Error(`capsules/${name} has no entry in capsules/labels.json`);
      return { slug, text: readFileSync(path.join(dir, name), 'utf8'), ...label };
    });
}

/** `{ slug → capsule.md }` as a workspace's `.specify/specs/<slug>/capsule.md` files. */
export const capsuleFiles = (capsules) => Object.fromEntries(capsules.map((c) => [`.specify/specs/${c.slug}/capsule.md`, c.text]));

/** Percent with one decimal, for the printed figures. */
export const pct = (n, d) => (d === 0 ? '—' : `${((100 * n) / d).toFixed(1)}%`);
