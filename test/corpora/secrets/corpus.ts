/** The labelled secrets corpus: generated true credentials plus the committed look-alike files, and binary files of both kinds. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { binaryLookalikeFiles, binarySecretFiles } from './binary.js';
import { credentialFiles, type CorpusFile } from './credentials.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export function lookalikeFiles(): CorpusFile[] {
  const dir = path.join(here, 'lookalikes');
  return readdirSync(dir)
    .sort()
    .map((name) => ({ file: `lookalike/${name.replace(/^\d+-/, '').replace(/\.fixture$/, '').replace(/^(.*)\.(env\.example|env\.test|npmrc)$/, (_m, base: string, ext: string) => `${base}/.${ext}`).replace(/^(.*)\.Dockerfile$/, '$1/Dockerfile')}`, text: readFileSync(path.join(dir, name), 'utf8'), label: 'lookalike' as const, kind: name.replace(/^\d+-/, '').replace(/\..*$/, '') }));
}

export function corpus(): CorpusFile[] {
  return [...credentialFiles(), ...binarySecretFiles(), ...lookalikeFiles(), ...binaryLookalikeFiles()];
}

/** Write the corpus into a fresh temporary folder; returns it. */
export function materialise(files: CorpusFile[], dir = mkdtempSync(path.join(tmpdir(), 'sentinel-secrets-corpus-'))): string {
  for (const f of files) {
    mkdirSync(path.dirname(path.join(dir, f.file)), { recursive: true });
    writeFileSync(path.join(dir, f.file), f.text);
  }
  return dir;
}
