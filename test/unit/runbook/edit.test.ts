import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendSection, setSection } from '../../../src/core/runbook/edit.js';

const doc = ['# Runbook', '', '## Startup', '', 'npm start', '', '## Risks', '', 'none yet', ''].join('\n');

describe('setSection', () => {
  it('replaces only the named section body', () => {
    const out = setSection(doc, 'startup', 'npm ci\nnpm run serve');
    expect(out.changed).toBe(true);
    expect(out.text).toBe(['# Runbook', '', '## Startup', '', 'npm ci', 'npm run serve', '', '## Risks', '', 'none yet', ''].join('\n'));
  });

  it('is idempotent: setting the same text twice changes nothing the second time', () => {
    const once = setSection(doc, 'Risks', 'disk may fill up').text;
    const twice = setSection(once, 'Risks', 'disk may fill up');
    expect(twice.changed).toBe(false);
    expect(twice.text).toBe(once);
  });

  it('reports no change when the body already says exactly that', () => {
    expect(setSection(doc, 'Startup', '\nnpm start\n').changed).toBe(false);
  });

  it('keeps CRLF endings and every byte outside the section', () => {
    const crlf = '# R\r\n\r\n## Startup\r\n\r\nold\r\n\r\n## Risks\r\n\r\nkeep  me\t\r\n\r\ntrailing text without newline';
    const out = setSection(crlf, 'Startup', 'new line 1\nnew line 2');
    expect(out.text).toBe('# R\r\n\r\n## Startup\r\n\r\nnew line 1\r\nnew line 2\r\n\r\n## Risks\r\n\r\nkeep  me\t\r\n\r\ntrailing text without newline');
  });

  it('keeps a missing final newline when the edited section ends the file', () => {
    const out = setSection('## A\n\nx\n\n## B\n\nold', 'B', 'new');
    expect(out.text).toBe('## A\n\nx\n\n## B\n\nnew');
  });

  it('adds a missing section at the end, with the file line ending', () => {
    const out = setSection('# R\r\n\r\n## Startup\r\n\r\nrun\r\n', 'Risks', 'none');
    expect(out.added).toBe(true);
    expect(out.text).toBe('# R\r\n\r\n## Startup\r\n\r\nrun\r\n\r\n## Risks\r\n\r\nnone\r\n');
  });

  it('adds a section to a file without a final newline', () => {
    expect(setSection('# R', 'Risks', 'none').text).toBe('# R\n\n## Risks\n\nnone\n');
  });

  it('ignores headings inside code fences', () => {
    const fenced = '## Startup\n\n```md\n## Risks\n```\n\n## Risks\n\nreal\n';
    const out = setSection(fenced, 'Risks', 'changed');
    expect(out.text).toBe('## Startup\n\n```md\n## Risks\n```\n\n## Risks\n\nchanged\n');
  });

  it('keeps deeper headings of the next section and stops at the next H2 only', () => {
    const nested = '## A\n\n### sub\n\ntext\n\n## B\n\nb\n';
    expect(setSection(nested, 'A', 'flat').text).toBe('## A\n\nflat\n\n## B\n\nb\n');
  });

  it('rejects content that would start another H2 section', () => {
    expect(() => setSection(doc, 'Startup', 'x\n## Evil')).toThrow(/level-2 heading/);
  });

  it('never touches other sections (property)', () => {
    const line = fc.stringMatching(/^[a-z0-9 |*-]{0,20}$/);
    fc.assert(
      fc.property(fc.array(line, { maxLength: 5 }), fc.array(line, { maxLength: 5 }), (before, content) => {
        const text = ['# T', '', '## One', '', ...before, '', '## Two', '', 'stay', ''].join('\r\n');
        const out = setSection(text, 'One', content.join('\n'));
        expect(out.text.endsWith('## Two\r\n\r\nstay\r\n')).toBe(true);
        expect(out.text.startsWith('# T\r\n\r\n## One\r\n')).toBe(true);
        expect(setSection(out.text, 'One', content.join('\n')).changed).toBe(false);
      }),
    );
  });
});

describe('appendSection', () => {
  it('appends text after the body with a blank line', () => {
    expect(appendSection(doc, 'Risks', 'disk').text).toBe(doc.replace('none yet\n', 'none yet\n\ndisk\n'));
  });

  it('continues a table without a blank line', () => {
    const table =
      '## Environment variables\n\n| Variable | Required | Default | Description |\n| --- | --- | --- | --- |\n| PORT | no | 3000 | port |\n\n## Risks\n\nx\n';
    const out = appendSection(table, 'environment variables', '| DB | yes | | database |');
    expect(out.text).toBe(table.replace('| port |\n', '| port |\n| DB | yes | | database |\n'));
  });

  it('continues a list without a blank line', () => {
    expect(appendSection('## R\n\n- a\n', 'R', '- b').text).toBe('## R\n\n- a\n- b\n');
  });

  it('is idempotent when the text is already at the end', () => {
    const once = appendSection(doc, 'Startup', 'npm test').text;
    const again = appendSection(once, 'Startup', 'npm test');
    expect(again.changed).toBe(false);
    expect(again.text).toBe(once);
  });

  it('appends again when the text is present but not at the end', () => {
    const text = '## R\n\n- a\n- b\n';
    expect(appendSection(text, 'R', '- a').text).toBe('## R\n\n- a\n- b\n- a\n');
  });

  it('creates the section when missing and keeps CRLF', () => {
    expect(appendSection('# R\r\n', 'Risks', 'x').text).toBe('# R\r\n\r\n## Risks\r\n\r\nx\r\n');
  });

  it('keeps a missing final newline after appending to the last section', () => {
    expect(appendSection('## A\n\nx', 'A', 'y').text).toBe('## A\n\nx\n\ny');
  });
});
