import { describe, expect, it } from 'vitest';
import type { PrFacts } from '../../../src/core/pr/facts.js';
import { MAX_BODY_CHARS, PR_BODY_MARKER, renderPrBody } from '../../../src/core/pr/render.js';

const facts = (): PrFacts => ({
  base: '0123456789abcdef',
  selectedBy: 'changed-outputs',
  ledgerFile: '.sentinel/DECISIONS.md',
  capsules: [
    {
      id: 'orders-api@9ec9874b',
      slug: 'orders-api',
      file: '.specify/specs/orders-api/capsule.md',
      goal: 'Serve orders | fast <script>',
      lead: 'backender',
      status: 'in_progress',
      phase: 'VERIFY',
      decision: 'D-0001',
      source: { kind: 'evidence', file: '.sentinel/evidence/orders-api/x.json', at: '2026-11-27T07:55:38.744Z', outcome: 'failed', changedSince: 2 },
      gates: [
        { gate: 'requests', status: 'fail', summary: '1/2 as expected' },
        { gate: 'scope', status: 'ok', summary: 'inside' },
      ],
      acceptance: [{ line: 12, text: '`a|b` returns 200', status: 'failed', proof: 'requests: 1/2' }],
      handoffs: [{ to: 'integrator', reason: 'payment client', capsule: 'payment-provider-client@47efd7cb', status: 'routed' }],
    },
  ],
  decisions: [
    {
      id: 'D-0001',
      decision: 'Fastify',
      date: '2026-11-27',
      author: 'backender',
      file: '.sentinel/DECISIONS.md',
      line: 14,
      via: ['Router Notes of orders-api@9ec9874b'],
    },
    { id: 'D-0099', via: ['trailer of abc1234'] },
  ],
  files: [
    {
      path: 'server/src/routes/orders.ts',
      status: 'modified',
      capsules: ['orders-api@9ec9874b'],
      header: { producedBy: 'BACKENDER', decision: 'D-0001', capsule: 'orders-api' },
      decisions: [],
      commits: [{ sha: 'abcdef1234567', subject: 's', capsules: [] }],
    },
  ],
});

describe('renderPrBody', () => {
  it('starts with the marker and shows goal, criteria, gates (open when one failed), handoffs, decisions and files', () => {
    const body = renderPrBody(facts());
    expect(body.startsWith(`${PR_BODY_MARKER}\n## Sentinel\n`)).toBe(true);
    expect(body).toContain('> Serve orders | fast &lt;script>');
    expect(body).toContain('| ❌ | `a\\|b` returns 200 | requests: 1/2 |');
    expect(body).toContain('<details open><summary>Gates: 1 ok · 1 failed</summary>');
    expect(body).toContain('**2 file(s) changed since**');
    expect(body).toContain('- → **integrator**: `payment-provider-client@47efd7cb` (routed) — payment client');
    expect(body).toContain('| D-0099 | **not in the ledger** | trailer of abc1234 |');
    expect(body).toContain('| `server/src/routes/orders.ts` | modified | orders-api@9ec9874b | BACKENDER · D-0001 · orders-api | abcdef1 no trailer |');
  });

  it('a "|" or a line break in a file path or a provenance header stays inside its table cell', () => {
    const f = facts();
    f.files[0] = { ...f.files[0]!, path: 'docs/a|b\nc.md', header: { producedBy: 'BACK|ENDER', decision: 'D-0001', capsule: 'orders|api' } };
    for (const body of [renderPrBody(f), renderPrBody(f, { repoUrl: 'https://github.com/acme/shop', ref: 'f00d' })]) {
      const row = body.split('\n').find((l) => l.includes('docs/a'))!;
      // Five cells: six unescaped pipes.
      expect(row.match(/(?<!\\)\|/g), row).toHaveLength(6);
      expect(row).toContain('`docs/a\\|b c.md`');
      expect(row).toContain('BACK\\|ENDER');
    }
  });

  it('links decisions and files to the repository at the PR head when it knows them', () => {
    const body = renderPrBody(facts(), { repoUrl: 'https://github.com/acme/shop', ref: 'f00d' });
    expect(body).toContain('decision [D-0001](https://github.com/acme/shop/blob/f00d/.sentinel/DECISIONS.md#L14)');
    expect(body).toContain('[`server/src/routes/orders.ts`](https://github.com/acme/shop/blob/f00d/server/src/routes/orders.ts)');
  });

  it("stays under GitHub's comment limit", () => {
    const big = facts();
    big.files = Array.from({ length: 150 }, (_, i) => ({ ...big.files[0]!, path: `server/src/${'x'.repeat(400)}${i}.ts` }));
    const body = renderPrBody(big);
    expect(body.length).toBeLessThanOrEqual(MAX_BODY_CHARS);
    expect(body).toContain("GitHub's comment limit");
  });

  it('says when no capsule is involved, with the report gates for the branch', () => {
    const body = renderPrBody({
      ...facts(),
      capsules: [],
      decisions: [],
      files: [],
      selectedBy: 'none',
      reportGates: [{ gate: 'scope', status: 'ok', summary: 'fine' }],
    });
    expect(body).toContain('No capsule');
    expect(body).toContain('| scope | ✅ ok | fine |');
  });
});
