import { describe, expect, it } from 'vitest';
import { criterionStatus, normalizeCommand, type PrGate } from '../../../src/core/pr/acceptance-status.js';

const requests: PrGate = {
  gate: 'requests',
  status: 'fail',
  summary: '1/2 request(s) answered as expected',
  data: {
    requests: [
      { file: 'requests/orders.http', ok: true },
      { file: 'requests/orders.http', ok: false },
      { file: 'requests/health.http', ok: true },
    ],
  },
};
const gates: PrGate[] = [
  requests,
  { gate: 'contracts', status: 'ok', summary: '3 contract(s)' },
  { gate: 'runbook', status: 'pending', summary: 'no runbook yet' },
];
const commands = [
  { command: 'npm run test', status: 'ok' },
  { command: 'npm run lint', status: 'fail' },
];
const status = (text: string) => criterionStatus(text, 7, gates, commands);

describe('criterionStatus', () => {
  it('judges a .http file by the requests sent from it, not by the whole gate', () => {
    expect(status('`sentinel requests` passes `requests/orders.http`: create (201), fetch (200)')).toMatchObject({
      status: 'failed',
      proof: 'requests: 1/2 of requests/orders.http answered as expected',
    });
    expect(status('`requests/health.http` answers 200')).toMatchObject({ status: 'passed', line: 7 });
  });

  it('matches the commands a gate ran, `npm test` being `npm run test`', () => {
    expect(status('`npm test` passes')).toMatchObject({ status: 'passed', proof: '`npm run test` passed' });
    expect(status('`npm run lint` exits with 0')).toMatchObject({ status: 'failed' });
    expect(normalizeCommand('  pnpm   test ')).toBe('pnpm run test');
  });

  it('maps `sentinel <command>` to its gate', () => {
    expect(status('`sentinel contracts validate --id orders.v1` exits with 0')).toMatchObject({ status: 'passed', proof: 'contracts gate ok: 3 contract(s)' });
    expect(status('`sentinel runbook check` exits with 0')).toMatchObject({ status: 'pending' });
  });

  it('credits a named test file to the test command', () => {
    expect(status('test/orders.test.ts covers the 404')).toMatchObject({ status: 'passed', proof: 'covered by `npm run test` (passed)' });
  });

  it('says when nothing ran for a criterion, and which ones a reviewer checks', () => {
    expect(status('`make e2e` passes')).toMatchObject({ status: 'unproven' });
    expect(status('`docs/guide.md` lists every command')).toMatchObject({ status: 'review' });
    expect(status('The pipeline works well')).toMatchObject({ status: 'vague' });
    expect(criterionStatus('`requests/orders.http` passes', 1, [], [])).toMatchObject({ status: 'unproven' });
  });
});
