import { describe, expect, it } from 'vitest';
import { createRedactor, secretEnvValues } from '../../../src/core/secrets/redact.js';
import { privateKeyBlock, SAMPLES as S } from './samples.js';

describe('redactor', () => {
  const redact = createRedactor({
    envValues: secretEnvValues({ DEPLOY_TOKEN: 'zq81-plain-value-77', PORT: '8080', DB_PASSWORD: 'true', KEY_FILE_PATH: '/etc/key.pem' }),
  });

  it('masks rule matches, keeping the last four characters', () => {
    expect(redact.text(`token ${S.github} and ${S.stripeLive}.`)).toBe(`token ********${S.github.slice(-4)} and ********${S.stripeLive.slice(-4)}.`);
  });

  it('masks a private key block whole, even when a test runner split it into string pieces or cut it off', () => {
    const split = `'${privateKeyBlock().split('\n').join("\\n' +\n  '")}'`;
    const out = redact.text(`expected:\n${split}\nafter`);
    expect(out).not.toContain(S.privateKeyBody);
    expect(out).toContain('after');
    const cut = redact.text(`${privateKeyBlock().split('\n').slice(0, 2).join('\n')}`);
    expect(cut).not.toContain(S.privateKeyBody);
  });

  it('a redactor that keeps its answers masks exactly as one that does not, every time', () => {
    const env = secretEnvValues({ DEPLOY_TOKEN: 'zq81-plain-value-77' });
    const plain = createRedactor({ envValues: env });
    const keeping = createRedactor({ envValues: env, keep: true });
    const texts = [`token ${S.github} and ${S.stripeLive}.`, 'deploy with zq81-plain-value-77', 'nothing secret here at all', 'short', privateKeyBlock()];
    for (let round = 0; round < 2; round++) for (const t of texts) expect(keeping.text(t)).toBe(plain.text(t));
    const doc = { rows: texts.map((t) => ({ t, n: 1 })) };
    expect(keeping.value(doc)).toEqual(plain.value(doc));
    expect(keeping.value(doc)).toEqual(plain.value(doc));
  });

  it('masks values of secret-looking environment variables; ignores plain values and path-like names', () => {
    expect(
      secretEnvValues({ DEPLOY_TOKEN: 'zq81-plain-value-77', PORT: '8080', DB_PASSWORD: 'true', KEY_FILE_PATH: '/etc/key.pem', SHORT_SECRET: 'abc' }),
    ).toEqual(['zq81-plain-value-77']);
    expect(redact.text('deploy with zq81-plain-value-77 on 8080')).toBe('deploy with ********e-77 on 8080');
  });

  it('redacts every string of a value, leaving keys, numbers and the shape alone', () => {
    const value = { a: [`k=${S.github}`, 3], b: { c: null, [`key`]: S.slack } };
    const out = redact.value(value);
    expect(JSON.stringify(out)).not.toContain(S.slack);
    expect(out.a[1]).toBe(3);
    expect(Object.keys(out.b)).toEqual(['c', 'key']);
  });

  it('a value nested 10,000 deep is redacted without overflowing; below the depth limit only a marker is left', () => {
    let deep: unknown = { token: S.github };
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const shown = JSON.stringify(redact.value({ ok: true, data: { list: [deep] } }));
    expect(shown).not.toContain(S.github);
    expect(shown).toContain('[REDACTED: nested deeper than 100 levels]');
    expect(redact.value({ a: [{ b: S.github }] })).toEqual({ a: [{ b: `********${S.github.slice(-4)}` }] });
  });

  it('leaves ordinary text byte-identical', () => {
    const text = 'src/a.ts:3:1 error TS2322: Type "string" is not assignable to type "number".\nfingerprint 3f2a9c0d1e';
    expect(redact.text(text)).toBe(text);
  });
});
