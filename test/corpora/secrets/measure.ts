/**
 * Measure the secrets scanner on the labelled corpus: recall on true credentials, false-positive
 * rate on look-alikes, and whether any finding's text holds a secret. `npx tsx measure.ts` prints it.
 */
import { rmSync } from 'node:fs';
import { scanFiles } from '../../../src/core/secrets/files.js';
import { DEFAULT_CONFIG } from '../../../src/core/workspace/config-types.js';
import { corpus, materialise } from './corpus.js';
import { KIND_COUNT } from './credentials.js';

export interface SecretsFigures {
  secrets: number;
  kinds: number;
  lookalikes: number;
  found: number;
  recall: number;
  falseAlarms: number;
  falsePositiveRate: number;
  missed: string[];
  flagged: string[];
  leaks: string[];
}

export async function measureSecrets(): Promise<SecretsFigures> {
  const files = corpus();
  const dir = materialise(files);
  try {
    const result = await scanFiles(dir, DEFAULT_CONFIG, files.map((f) => f.file));
    const hits = new Set([...result.findings, ...result.allowed].map((f) => f.path));
    const secrets = files.filter((f) => f.label === 'secret');
    const lookalikes = files.filter((f) => f.label === 'lookalike');
    const missed = secrets.filter((f) => !hits.has(f.file)).map((f) => f.file);
    const flagged = lookalikes.filter((f) => hits.has(f.file)).map((f) => f.file);
    const serialised = JSON.stringify(result);
    const leaks = secrets.filter((f) => f.secret && serialised.includes(f.secret)).map((f) => f.file);
    return {
      secrets: secrets.length,
      kinds: KIND_COUNT,
      lookalikes: lookalikes.length,
      found: secrets.length - missed.length,
      recall: (secrets.length - missed.length) / secrets.length,
      falseAlarms: flagged.length,
      falsePositiveRate: flagged.length / lookalikes.length,
      missed,
      flagged,
      leaks,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && /measure\.ts$/.test(process.argv[1])) {
  const f = await measureSecrets();
  if (process.argv.includes('--json')) console.log(JSON.stringify(f));
  else {
    console.log(`secrets corpus: ${f.secrets} true credentials of ${f.kinds} kinds, ${f.lookalikes} look-alikes`);
    console.log(`  recall ${(f.recall * 100).toFixed(1)}% (${f.found}/${f.secrets}), false positives ${(f.falsePositiveRate * 100).toFixed(1)}% (${f.falseAlarms}/${f.lookalikes}), findings holding a secret: ${f.leaks.length}`);
    for (const m of f.missed) console.log(`  missed: ${m}`);
    for (const m of f.flagged) console.log(`  false alarm: ${m}`);
  }
}
