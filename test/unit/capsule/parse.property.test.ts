import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderCapsule, type CapsuleDraft } from '../../../src/core/capsule/generate.js';
import { parseCapsule, splitPathItem } from '../../../src/core/capsule/parse.js';

const segment = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,7}[a-z0-9]$/);
const pathArb = fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));
const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,7}$/);
const sentence = fc.array(word, { minLength: 1, maxLength: 8 }).map((words) => words.join(' '));
const noteArb = fc.option(sentence, { nil: undefined });
const pathItem = fc.tuple(pathArb, noteArb).map(([path, note]) => (note ? `${path} (${note})` : path));

const draftArb: fc.Arbitrary<CapsuleDraft> = fc.record({
  slug: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,15}$/),
  hash: fc.stringMatching(/^[0-9a-f]{8}$/),
  goal: sentence,
  outputs: fc.array(pathItem, { minLength: 1, maxLength: 5 }),
  acceptance: fc.array(sentence, { minLength: 1, maxLength: 5 }),
  context: fc.array(pathItem, { minLength: 1, maxLength: 5 }),
  routerNotes: fc.array(sentence, { minLength: 1, maxLength: 3 }),
});

/** Markdown-ish lines: headings, list items, fences, blanks and noise. */
const mdLine = fc.oneof(
  fc.constantFrom(
    '## Goal',
    '## Required Outputs',
    '## Acceptance Criteria',
    '## Allowed Context',
    '## Router Notes',
    '# Capsule a@0123abcd',
    '```',
    '~~~',
    '',
    '<!-- ProducedBy=X -->',
  ),
  fc.tuple(fc.constantFrom('- ', '* ', '1. ', '  - ', '### '), fc.string({ maxLength: 20 })).map(([a, b]) => a + b),
  fc.string({ maxLength: 30 }),
);
const mdText = fc.array(mdLine, { maxLength: 40 }).map((lines) => lines.join('\n'));

const comparable = (text: string) => {
  const { text: _t, diagnostics, ...rest } = parseCapsule(text, 'c.md');
  return { rest, diagnostics };
};

describe('parseCapsule properties', () => {
  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), mdText), (text) => {
        const capsule = parseCapsule(text, 'x.md');
        expect(Array.isArray(capsule.diagnostics)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('CRLF and BOM variants parse exactly like LF', () => {
    fc.assert(
      fc.property(mdText, (text) => {
        const lf = comparable(text);
        expect(comparable(text.replace(/\n/g, '\r\n'))).toEqual(lf);
        expect(comparable(`\uFEFF${text}`)).toEqual(lf);
        expect(comparable(`\uFEFF${text.replace(/\n/g, '\r\n')}`)).toEqual(lf);
      }),
      { numRuns: 200 },
    );
  });

  it('headings inside fences never become sections and fenced list items are never read', () => {
    fc.assert(
      fc.property(draftArb, fc.constantFrom('```', '~~~', '````'), (draft, fence) => {
        const text = renderCapsule(draft).replace(
          '## Router Notes',
          `${fence}md\n## Allowed Context\n- fenced/secret.txt\n## Goal\n${fence}\n\n## Router Notes`,
        );
        const capsule = parseCapsule(text);
        expect(capsule.diagnostics).toEqual([]);
        expect(capsule.allowedContext.map((c) => c.path)).not.toContain('fenced/secret.txt');
        expect(capsule.goal).toBe(draft.goal);
      }),
      { numRuns: 150 },
    );
  });

  it('item line numbers point at the line holding the item text', () => {
    fc.assert(
      fc.property(draftArb, fc.constantFrom('\n', '\r\n'), (draft, eol) => {
        const text = renderCapsule(draft).replace(/\n/g, eol);
        const lines = text.split(eol);
        const capsule = parseCapsule(text);
        for (const item of [...capsule.requiredOutputs, ...capsule.acceptanceCriteria, ...capsule.allowedContext, ...capsule.routerNotes.items]) {
          expect(lines[item.line - 1]).toBe(`- ${item.text}`);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('round-trips generated capsules: generate → parse gives back the same items', () => {
    fc.assert(
      fc.property(draftArb, (draft) => {
        const capsule = parseCapsule(renderCapsule(draft), 'c.md');
        const expectPaths = (items: string[]) => items.map((i) => splitPathItem(i));
        expect(capsule.id).toBe(`${draft.slug}@${draft.hash}`);
        expect(capsule.goal).toBe(draft.goal);
        expect(capsule.requiredOutputs.map(({ path, note }) => (note ? { path, note } : { path }))).toEqual(expectPaths(draft.outputs));
        expect(capsule.allowedContext.map(({ path, note }) => (note ? { path, note } : { path }))).toEqual(expectPaths(draft.context));
        expect(capsule.acceptanceCriteria.map((a) => a.text)).toEqual(draft.acceptance);
        expect(capsule.routerNotes.items.map((n) => n.text)).toEqual(draft.routerNotes);
        expect(capsule.diagnostics).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('splitPathItem properties', () => {
  it('never throws and never returns an empty note', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const result = splitPathItem(text);
        expect(typeof result.path).toBe('string');
        if ('note' in result) expect(result.note).not.toBe('');
      }),
      { numRuns: 500 },
    );
  });

  it('separates path and note in every written form', () => {
    fc.assert(
      fc.property(pathArb, sentence, (path, note) => {
        for (const form of [`${path} (${note})`, `\`${path}\` (${note})`, `${path} — ${note}`, `\`${path}\` - ${note}`, `${path}: ${note}`]) {
          expect(splitPathItem(form)).toEqual({ path, note });
        }
        expect(splitPathItem(path)).toEqual({ path });
        expect(splitPathItem(`\`${path}\``)).toEqual({ path });
        expect(splitPathItem(path.replace(/\//g, '\\')).path).toBe(path);
      }),
      { numRuns: 300 },
    );
  });
});
