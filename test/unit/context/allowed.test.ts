import { describe, expect, it } from 'vitest';
import { creatorRole, forbiddenBy, forbiddenCoveredBy, globBase } from '../../../src/core/context/allowed.js';

describe('forbiddenBy', () => {
  const forbidden = ['.env', 'secrets/', 'config/*.key', 'node_modules'];
  it('matches exact paths, folder prefixes and globs', () => {
    expect(forbiddenBy('.env', forbidden)).toBe('.env');
    expect(forbiddenBy('./secrets/a/b.pem', forbidden)).toBe('secrets/');
    expect(forbiddenBy('config/prod.key', forbidden)).toBe('config/*.key');
    expect(forbiddenBy('node_modules/x/index.js', forbidden)).toBe('node_modules');
  });
  it('does not match lookalikes', () => {
    expect(forbiddenBy('.env.example', forbidden)).toBeUndefined();
    expect(forbiddenBy('secrets-manager.ts', forbidden)).toBeUndefined();
    expect(forbiddenBy('config/prod.json', forbidden)).toBeUndefined();
  });
});

describe('forbiddenCoveredBy and globBase', () => {
  it('finds forbidden paths a broad glob would pull in', () => {
    expect(forbiddenCoveredBy('**', ['.env', 'secrets'])).toEqual(['.env', 'secrets']);
    expect(forbiddenCoveredBy('src/**', ['.env', 'src/keys'])).toEqual(['src/keys']);
    expect(forbiddenCoveredBy('src/*.ts', ['.env'])).toEqual([]);
  });
  it('returns the folder before the first wildcard', () => {
    expect(globBase('src/**/*.ts')).toBe('src');
    expect(globBase('**/*.ts')).toBe('.');
    expect(globBase('a/b.ts')).toBe('a/b.ts');
  });
});

describe('creatorRole', () => {
  const roles = [
    { id: 'backender', name: 'Backender' },
    { id: 'contextwarden', name: 'Context Warden' },
  ];
  it('matches ids and multi-word names', () => {
    expect(creatorRole('to be created by Backender', roles).role?.id).toBe('backender');
    expect(creatorRole('to be created by the Context Warden)', roles).role?.id).toBe('contextwarden');
    expect(creatorRole('created by contextwarden in step 2', roles).role?.id).toBe('contextwarden');
  });
  it('names unknown roles and ignores other notes', () => {
    expect(creatorRole('to be created by Wizard', roles)).toEqual({ named: 'Wizard' });
    expect(creatorRole('read only', roles)).toEqual({});
    expect(creatorRole(undefined, roles)).toEqual({});
  });
});
