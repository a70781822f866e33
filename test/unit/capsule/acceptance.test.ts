import { describe, expect, it } from 'vitest';
import { classifyCriterion } from '../../../src/core/capsule/acceptance.js';

describe('classifyCriterion: verifiable items', () => {
  it.each([
    ['`npm test` passes', 'command'],
    ['pnpm run lint exits cleanly', 'command'],
    ['pytest tests/test_orders.py passes', 'command'],
    ['go test ./... passes', 'command'],
    ['curl -fsS localhost:3000/health succeeds', 'command'],
    ['`sentinel contracts validate` reports no failure', 'command'],
    ['test/orders.test.ts passes', 'test'],
    ['orders_test.go covers the retry path', 'test'],
    ['the test "rejects an empty cart" passes', 'test'],
    ['db/migrations/0002_orders.sql adds the orders table', 'file'],
    ['README.md documents the setup', 'file'],
    ['POST /orders is served', 'http'],
    ['an unknown order id gives 404 Not Found', 'http'],
    ['the handler responds with 201', 'http'],
    ['the CLI exits with 2 on a bad flag', 'observable'],
    ['the log line contains "order_created"', 'observable'],
    ['p95 latency stays under 200 ms', 'observable'],
    ['coverage ≥ 90%', 'observable'],
    ['Given a cart, When it is submitted twice, Then only one order exists', 'scenario'],
  ])('"%s" is verifiable (%s)', (text, signal) => {
    const verdict = classifyCriterion(text);
    expect(verdict.signals).toContain(signal);
    expect(verdict.vague).toEqual([]);
  });
});

describe('classifyCriterion: the three classes', () => {
  it.each([
    ['`npm test` passes', 'command'],
    ['Requests without an Authorization header get 401', 'command'],
    ['A 429 from Mailgun is retried after the Retry-After delay', 'command'],
    // The kinds issue 13 found wrongly flagged: all checkable by a reviewer.
    ['A duplicate insert fails with a unique-constraint violation', 'inspectable'],
    ['No files under `src/legacy/` are modified', 'inspectable'],
    ['With the network off a banner appears and cached data stays on screen', 'inspectable'],
    ['Tapping a disabled control changes nothing and announces "Add a payment method first"', 'inspectable'],
    ['Session cookies are set with Secure, HttpOnly and SameSite=Lax', 'inspectable'],
    ['Works offline: with airplane mode on, previously opened notes still open', 'inspectable'],
    ['The staging cluster scales down to one node outside working hours', 'inspectable'],
    ['The API is fast', 'vague'],
    ['Costs are kept reasonable', 'vague'],
    ['Code is cleaner and easier to read', 'vague'],
  ])('"%s" is %s', (text, expected) => {
    expect(classifyCriterion(text).class).toBe(expected);
  });
});

describe('classifyCriterion: vague and unverifiable items', () => {
  it.each([
    ['The API works well', /works/i],
    ['The page is fast', /fast/i],
    ['Clean code', /clean/i],
    ['The form is user friendly', /user friendly/i],
    ['Everything behaves as expected', /as expected/i],
    ['Errors are handled properly', /handled|properly/i],
    ['The importer is robust', /robust/i],
  ])('"%s" is vague and checks nothing', (text, phrase) => {
    const verdict = classifyCriterion(text);
    expect(verdict.signals).toEqual([]);
    expect(verdict.vague[0]).toMatch(phrase);
    expect(verdict.example).toMatch(/`[^`]+`/);
  });

  it('a sign-off by another department is vague', () => {
    expect(classifyCriterion('Stakeholders sign off on the design')).toMatchObject({ class: 'vague', signals: [] });
    expect(classifyCriterion('Legal approves the consent copy').class).toBe('vague');
    expect(classifyCriterion('UX team is happy with the result').class).toBe('vague');
  });

  it('an item without judgement words is never vague, even when nothing in it is recognised', () => {
    expect(classifyCriterion('Customers can reorder from their order history')).toMatchObject({ class: 'inspectable', signals: [], vague: [] });
  });

  it('vague words next to a check are reported but the item stays verifiable', () => {
    const verdict = classifyCriterion('`npm test` passes and the code is clean');
    expect(verdict.signals).toContain('command');
    expect(verdict.vague).toEqual(['clean']);
  });

  it('words inside backticks or quotes are names, not claims', () => {
    expect(classifyCriterion('test "works offline" passes in `e2e/offline.spec.ts`').vague).toEqual([]);
  });

  it('"and/or" alone is not a path; checkbox markers are ignored', () => {
    expect(classifyCriterion('[ ] read and/or write access is granted').signals).toEqual([]);
  });
});
