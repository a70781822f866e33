import { describe, expect, it } from 'vitest';
import { containsKeyword, indexWords, stem, stemmedWords } from '../../../src/core/router/keywords.js';

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

  it('answers the same from an index of the words (phrases after a repeated first word, at the very end, longer than the text)', () => {
    const text = stemmedWords('the api client, the api gateway and the api');
    const index = indexWords(text);
    for (const keyword of ['api gateway', 'api', 'the api', 'api client', 'gateway and the api', 'api api', 'api gateway and the api too', '', 'missing'])
      expect([keyword, containsKeyword(index, keyword)]).toEqual([keyword, containsKeyword(text, keyword)]);
    expect(containsKeyword(index, 'api gateway')).toBe(true);
    expect(containsKeyword(index, 'the api')).toBe(true);
    expect(containsKeyword(index, 'api api')).toBe(false);
  });
});
