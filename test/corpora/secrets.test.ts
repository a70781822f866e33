import { describe, expect, it } from 'vitest';
import { lookalikeFiles } from './secrets/corpus.js';
import { credentialFiles, KIND_COUNT } from './secrets/credentials.js';
import { measureSecrets } from './secrets/measure.js';

describe('secrets corpus', () => {
  it('is big and varied enough to mean something', () => {
    const secrets = credentialFiles();
    expect(secrets.length).toBeGreaterThanOrEqual(60);
    expect(lookalikeFiles().length).toBeGreaterThanOrEqual(60);
    expect(secrets.length + lookalikeFiles().length).toBeGreaterThanOrEqual(120);
    expect(KIND_COUNT).toBeGreaterThanOrEqual(25);
    // Every kind appears in at least two file formats.
    const formats = new Map<string, Set<string>>();
    for (const f of secrets) {
      const base = f.file.split('/').pop()!;
      const format = base.includes('.') ? base.slice(base.lastIndexOf('.')) : base;
      formats.set(f.kind, (formats.get(f.kind) ?? new Set()).add(format));
    }
    for (const [kind, set] of formats) expect(set.size, kind).toBeGreaterThanOrEqual(2);
  });

  it('finds ≥ 97% of true credentials with ≤ 2% false positives, and no finding holds a secret', async () => {
    const f = await measureSecrets();
    console.log(
      `secrets corpus: recall ${(f.recall * 100).toFixed(1)}% (${f.found}/${f.secrets}, ${f.kinds} kinds), false positives ${(f.falsePositiveRate * 100).toFixed(1)}% (${f.falseAlarms}/${f.lookalikes})` +
        `${f.missed.length ? `\n  missed: ${f.missed.join(', ')}` : ''}${f.flagged.length ? `\n  false alarms: ${f.flagged.join(', ')}` : ''}`,
    );
    expect(f.recall).toBeGreaterThanOrEqual(0.97);
    expect(f.falsePositiveRate).toBeLessThanOrEqual(0.02);
    expect(f.leaks).toEqual([]);
  });
});
