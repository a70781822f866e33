import { describe, expect, it } from 'vitest';
import { containsKeyword, stem, stemmedWords } from '../../../src/core/router/keywords.js';

describe('stem', () => {
  it.each([
    ['migrations', 'migration'],
    ['tests', 'test'],
    ['testing', 'test'],
    ['tested', 'test'],
    ['logging', 'log'],
    ['logs', 'log'],
    ['routes', 'rout'],
    ['route', 'rout'],
    ['routing', 'rout'],
    ['libraries', 'library'],
    ['caches', 'cach'],
    ['status', 'status'],
    ['add', 'add'],
    ['ci', 'ci'],
  ])('%s → %s', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });
});

describe('containsKeyword', () => {
  it('matches whole words case-insensitively across plural and -ing forms', () => {
    const text = stemmedWords('Add ROUTES and Migrations; keep Logging quiet');
    expect(containsKeyword(text, 'route')).toBe(true);
    expect(containsKeyword(text, 'migration')).toBe(true);
    expect(containsKeyword(text, 'logs')).toBe(true);
  });

  it('does not match inside another word', () => {
    const text = stemmedWords('the application uses an apiary and a category');
    expect(containsKeyword(text, 'api')).toBe(false);
    expect(containsKeyword(text, 'cat')).toBe(false);
  });

  it('matches phrases as consecutive words only', () => {
    expect(containsKeyword(stemmedWords('add a log schema for orders'), 'log schema')).toBe(true);
    expect(containsKeyword(stemmedWords('the schema of the log'), 'log schema')).toBe(false);
  });

  it('treats path separators as word boundaries', () => {
    expect(containsKeyword(stemmedWords('server/src/routes/orders.ts'), 'route')).toBe(true);
    expect(containsKeyword(stemmedWords('.github/workflows/ci.yml'), 'workflow')).toBe(true);
  });
});
