// What the registry page shows: a licence file matching package.json, links back to the repository,
// and README links that still work there (relative links break on npmjs.com).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const REPO = 'https://github.com/sentinelkit/sentinel';

describe('package metadata', () => {
  it('ships an MIT LICENSE matching package.json', () => {
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(path.join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
  });

  it('names one repository everywhere', () => {
    expect(pkg.repository).toEqual({ type: 'git', url: `git+${REPO}.git` });
    expect(pkg.homepage).toBe(`${REPO}#readme`);
    expect(pkg.bugs.url).toBe(`${REPO}/issues`);
    const schema = JSON.parse(readFileSync(path.join(root, 'schemas/config.schema.json'), 'utf8'));
    expect(schema.$id.startsWith(`${REPO}/`)).toBe(true);
  });

  it('README links to docs are absolute and point at files that exist', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const links = [...readme.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]!);
    const relative = links.filter((l) => !/^(https?:|mailto:|#)/.test(l));
    expect(relative).toEqual([]);
    const docs = links.filter((l) => l.startsWith(`${REPO}/blob/main/`));
    expect(docs.length).toBeGreaterThan(5);
    for (const link of docs) expect(existsSync(path.join(root, link.slice(`${REPO}/blob/main/`.length).split(/[#?]/)[0]!)), link).toBe(true);
  });
});
