import { inlineCode, STATUS_ICON, tableCell, tableCode } from '../report/markdown-text.js';
import type { CriterionStatus, PrGate } from './acceptance-status.js';
import type { GatesSource, PrCapsule, PrDecision, PrFacts, PrFile } from './facts.js';

/** Marks Sentinel's PR comment, so `--comment` updates its own comment instead of adding one. */
export const PR_BODY_MARKER = '<!-- sentinel:pr-body -->';

/** GitHub refuses comments over 65,536 characters; stay well under with the truncation note. */
export const MAX_BODY_CHARS = 60_000;
const MAX_FILES = 150;

interface LinkOptions {
  /** `https://github.com/owner/repo`: decisions and files link to it at `ref`. */
  repoUrl?: string;
  /** The commit the links point at (the PR head). */
  ref?: string;
}

const CRITERION_ICON: Record<CriterionStatus, string> = { passed: '✅', failed: '❌', pending: '⏳', review: '👀', unproven: '❔', vague: '⚠️' };

function fileLink(file: string, line: number | undefined, links: LinkOptions, label = inlineCode(`${file}${line ? `:${line}` : ''}`)): string {
  if (!links.repoUrl || !links.ref) return label;
  return `[${label}](${links.repoUrl}/blob/${links.ref}/${file.split('/').map(encodeURIComponent).join('/')}${line ? `#L${line}` : ''})`;
}

function decisionLink(id: string, decisions: readonly PrDecision[], links: LinkOptions): string {
  const d = decisions.find((x) => x.id === id);
  return d?.file ? fileLink(d.file, d.line, links, id) : id;
}

function sourceLine(source: GatesSource): string {
  if (source.kind === 'report') return `Gates from this run's check report (${inlineCode(source.file ?? '')}).`;
  if (source.kind === 'none') return 'No gate results yet: run `sentinel capsule done` (or pass `--report` with a `sentinel check --json` file).';
  const drift =
    source.changedSince === undefined
      ? ''
      : source.changedSince === 0
        ? '; no file changed since'
        : `; **${source.changedSince} file(s) changed since**, re-run \`sentinel capsule done\``;
  const doubt = source.doubt ? `\n\n⚠️ **Not trusted**: ${source.doubt.replace(/</g, '&lt;')}; re-run \`sentinel capsule done\`.` : '';
  return `Gates from \`capsule done\` at ${source.at} (${source.outcome}, ${inlineCode(source.file ?? '')})${drift}.${doubt}`;
}

function gatesTable(gates: readonly PrGate[]): string[] {
  if (gates.length === 0) return [];
  const counts = ['ok', 'fail', 'pending', 'skipped'].map((s) => [s, gates.filter((g) => g.status === s).length] as const).filter(([, n]) => n > 0);
  const failed = gates.some((g) => g.status === 'fail');
  return [
    `<details${failed ? ' open' : ''}><summary>Gates: ${counts.map(([s, n]) => `${n} ${s === 'fail' ? 'failed' : s}`).join(' · ')}</summary>`,
    '',
    '| Gate | Status | Summary |',
    '| --- | --- | --- |',
    ...gates.map((g) => `| ${g.gate} | ${STATUS_ICON[g.status] ?? ''} ${g.status} | ${tableCell(g.summary)} |`),
    '',
    '</details>',
  ];
}

function capsuleSection(c: PrCapsule, facts: PrFacts, links: LinkOptions): string[] {
  const state = [
    c.lead ? `lead **${c.lead}**` : undefined,
    c.status ? `status **${c.status}**${c.phase ? ` (phase ${c.phase})` : ''}` : 'not routed yet',
    c.decision ? `decision ${decisionLink(c.decision, facts.decisions, links)}` : undefined,
  ].filter(Boolean);
  const out = [
    `### Capsule ${inlineCode(c.id)}`,
    '',
    ...c.goal.split('\n').map((l) => `> ${l.replace(/</g, '&lt;')}`),
    '',
    `${state.join(' · ')}${c.file ? ` · ${fileLink(c.file, undefined, links)}` : ''}`,
    '',
    sourceLine(c.source),
    '',
  ];
  if (c.acceptance.length) {
    out.push(
      '| | Acceptance criterion | Evidence |',
      '| --- | --- | --- |',
      ...c.acceptance.map((a) => `| ${CRITERION_ICON[a.status]} | ${tableCell(a.text)} | ${tableCell(a.proof)} |`),
      '',
    );
  }
  out.push(...gatesTable(c.gates));
  if (c.gates.length) out.push('');
  if (c.handoffs.length) {
    out.push(
      '**Handoffs opened**',
      '',
      ...c.handoffs.map((h) => `- → **${h.to}**: ${inlineCode(h.capsule)}${h.status ? ` (${h.status})` : ''} — ${h.reason.replace(/</g, '&lt;')}`),
      '',
    );
  }
  return out;
}

function provenanceCell(f: PrFile, facts: PrFacts, links: LinkOptions): string {
  const bits: string[] = [];
  if (f.header)
    bits.push(
      [
        f.header.producedBy && tableCell(f.header.producedBy),
        f.header.decision ? decisionLink(f.header.decision, facts.decisions, links) : undefined,
        f.header.capsule && tableCell(f.header.capsule),
      ]
        .filter(Boolean)
        .join(' · '),
    );
  else if (f.headerNote) bits.push(tableCell(f.headerNote));
  const listed = f.decisions.filter((d) => d !== f.header?.decision);
  if (listed.length) bits.push(`Outputs of ${listed.map((d) => decisionLink(d, facts.decisions, links)).join(', ')}`);
  return bits.join('; ') || '—';
}

function commitsCell(f: PrFile): string {
  if (f.commits.length === 0) return 'uncommitted';
  return f.commits
    .slice(0, 3)
    .map((c) => `${c.sha.slice(0, 7)} ${c.capsules.length ? `✓ ${tableCell(c.capsules.join(', '))}` : 'no trailer'}`)
    .join('<br>')
    .concat(f.commits.length > 3 ? `<br>+${f.commits.length - 3} more` : '');
}

/** The pull-request description: GitHub-flavoured Markdown, one section per capsule. */
export function renderPrBody(facts: PrFacts, links: LinkOptions = {}): string {
  const out = [PR_BODY_MARKER, '## Sentinel', ''];
  if (facts.capsules.length === 0) {
    out.push("No capsule: none is active, and no changed file is a capsule's Required Output (`--capsule <id>` names one).", '');
    if (facts.reportGates) out.push(...gatesTable(facts.reportGates), '');
  }
  for (const c of facts.capsules) out.push(...capsuleSection(c, facts, links));
  if (facts.decisions.length) {
    out.push('### Decisions', '', '| Decision | | Listed because |', '| --- | --- | --- |');
    for (const d of facts.decisions) {
      const what = d.decision
        ? `${tableCell(d.decision)}${d.date ? ` (${tableCell(d.date)}${d.author ? `, ${tableCell(d.author)}` : ''})` : ''}`
        : '**not in the ledger**';
      out.push(`| ${decisionLink(d.id, facts.decisions, links)} | ${what} | ${tableCell(d.via.join('; '))} |`);
    }
    out.push('');
  }
  if (facts.files.length) {
    const shown = facts.files.slice(0, MAX_FILES);
    out.push(
      `### Changed files (${facts.files.length})${facts.base ? ` since ${inlineCode(facts.base.slice(0, 12))}` : ''}`,
      '',
      '| File | Change | Capsule | Provenance | Commits |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const f of shown)
      out.push(
        `| ${fileLink(f.path, undefined, links, tableCode(f.path))} | ${f.status} | ${tableCell(f.capsules.join(', ') || '—')} | ${provenanceCell(f, facts, links)} | ${commitsCell(f)} |`,
      );
    if (facts.files.length > shown.length) out.push('', `…and ${facts.files.length - shown.length} more (\`sentinel pr body --json\` lists them all).`);
    out.push('');
  }
  out.push('<sub>Written by `sentinel pr body`; the same facts as JSON: `sentinel pr body --json`.</sub>');
  const body = `${out.join('\n')}\n`;
  if (body.length <= MAX_BODY_CHARS) return body;
  const cut = body.lastIndexOf('\n', MAX_BODY_CHARS - 200);
  return `${body.slice(0, cut)}\n\n…cut at ${MAX_BODY_CHARS} characters (GitHub's comment limit); \`sentinel pr body --json\` has everything.\n`;
}
