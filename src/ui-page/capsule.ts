import type { CapsuleDetail, CheckEvent, EvidenceEntryView, HandoffView } from '../core/ui/types.js';
import { ApiError, streamAction, token } from './api.js';
import { h, href, time } from './dom.js';
import { badge, diagnosticList, errorCards, fileLink, section } from './shared.js';

/** Progress of "run check" per capsule, kept across live re-renders of the page. */
const runs = new Map<string, { running: boolean; lines: string[]; result?: string }>();

const evidenceName = (file: string): string => file.slice(file.lastIndexOf('/') + 1).replace(/\.json$/, '');

function handoffList(items: HandoffView[], direction: 'in' | 'out'): HTMLElement {
  if (!items.length) return h('p', { class: 'muted' }, direction === 'in' ? 'No handoff into this capsule.' : 'No handoff from this capsule.');
  return h(
    'ul',
    {},
    items.map((e) => {
      const other = direction === 'in' ? e.from : e.to;
      return h(
        'li',
        {},
        direction === 'in' ? 'from ' : 'to ',
        h('a', { href: href('capsule', other) }, other),
        ` (${e.role})`,
        e.reason ? ` — ${e.reason}` : '',
        e.at ? [' · ', time(e.at)] : null,
      );
    }),
  );
}

function checkPanel(slug: string, rerender: () => void): HTMLElement {
  const run = runs.get(slug);
  const start = async () => {
    const state = { running: true, lines: [] as string[], result: undefined as string | undefined };
    runs.set(slug, state);
    rerender();
    try {
      await streamAction<CheckEvent>(`/api/check/${encodeURIComponent(slug)}`, (event) => {
        if (event.type === 'start') state.lines.push(`Running ${event.gates.length} gates: ${event.gates.join(', ')}`);
        else if (event.type === 'progress') state.lines.push(`${event.gate}: ${event.message}`);
        else if (event.type === 'gate') state.lines.push(`${event.gate} ${event.status} — ${event.summary}`);
        else if (event.type === 'done') state.result = `${event.ok ? 'Passed' : 'Failed'}: ${event.summary}`;
        else state.result = `Error: ${event.message}`;
        rerender();
      });
    } catch (err) {
      state.result = err instanceof ApiError ? `Refused (${err.status} ${err.code}): ${err.message}` : `Error: ${String(err)}`;
    }
    state.running = false;
    rerender();
  };
  return section(
    'Run check',
    'check-h',
    token ? null : h('p', { class: 'muted' }, 'Read-only: open the board with the URL `sentinel ui` printed (it carries the token) to run checks.'),
    h(
      'button',
      { type: 'button', id: 'run-check', 'data-key': 'run-check', disabled: run?.running, onclick: (() => void start()) as EventListener },
      run?.running ? 'Checking…' : 'Run check for this capsule',
    ),
    run
      ? h(
          'ol',
          { class: 'progress', 'aria-live': 'polite' },
          run.lines.map((line) => h('li', {}, line)),
        )
      : null,
    run?.result ? h('p', { class: 'check-result', role: 'status' }, run.result) : null,
  );
}

function routing(detail: CapsuleDetail): HTMLElement {
  const { logged, now, routes } = detail.routing;
  return section(
    'Routing',
    'routing-h',
    logged
      ? h(
          'p',
          {},
          'Routed to ',
          h('strong', {}, logged.lead),
          ` by ${logged.producedBy} `,
          time(logged.at),
          routes > 1 ? ` (${routes} routing decisions logged)` : '',
          logged.stale ? h('span', { class: 'warn-text' }, ' — the capsule changed since') : null,
          logged.notes ? h('span', { class: 'block muted' }, logged.notes) : null,
        )
      : h('p', { class: 'muted' }, 'Not routed yet.'),
    now.refusal ? h('p', { class: 'warn-text' }, `The router would refuse it now: ${now.refusal}`) : null,
    h(
      'table',
      {},
      h('caption', {}, `Candidates scored now (minimum ${now.minScore})`),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Role', 'Points', 'Keywords', 'Paths', 'Lead'].map((t) => h('th', { scope: 'col' }, t)),
        ),
      ),
      h(
        'tbody',
        {},
        now.candidates.map((c) =>
          h(
            'tr',
            { class: c.id === now.chosen ? 'chosen' : '' },
            h('th', { scope: 'row' }, c.id, c.id === now.chosen ? ' ✓' : ''),
            h('td', {}, String(c.score)),
            h(
              'td',
              {},
              `${c.keywordScore}`,
              c.keywords.length ? h('span', { class: 'muted block' }, [...new Set(c.keywords.map((k) => k.keyword))].join(', ')) : null,
            ),
            h(
              'td',
              {},
              `${c.pathScore}`,
              c.paths.length ? h('span', { class: 'muted block' }, c.paths.map((p) => `${p.output} ← ${p.glob}`).join('; ')) : null,
            ),
            h('td', {}, String(c.leadScore)),
          ),
        ),
      ),
    ),
  );
}

function evidenceSummary(e: EvidenceEntryView): string {
  const failed = e.gates.filter((g) => g.status === 'fail').length;
  return `${e.gates.length} gates, ${failed} failed`;
}

export function renderCapsule(detail: CapsuleDetail, rerender: () => void): HTMLElement {
  const phase = detail.phase ? `${detail.phase.name}${detail.phase.total ? ` ${detail.phase.index}/${detail.phase.total}` : ''}` : null;
  return h(
    'article',
    { class: 'capsule-page' },
    h('p', { class: 'crumbs' }, h('a', { href: href('') }, 'Board'), ' › ', detail.slug),
    h('h1', {}, detail.title),
    h(
      'p',
      { class: 'meta' },
      badge(detail.status),
      ' ',
      detail.lead ? ['lead ', h('strong', {}, detail.lead)] : 'no lead',
      phase ? [' · phase ', phase] : null,
      detail.file ? [' · ', fileLink(detail.file)] : null,
      detail.tampered ? [' ', badge('tampered', 'warn')] : null,
    ),
    errorCards(detail.errors),
    section('Goal', 'goal-h', h('p', { class: 'goal' }, detail.goal || '—')),
    section(
      'Acceptance criteria',
      'criteria-h',
      h(
        'ul',
        { class: 'criteria' },
        detail.criteria.map((c) =>
          h(
            'li',
            {},
            h('span', { class: `class c-${c.class}` }, c.class === 'command' ? 'command' : c.class === 'review' ? 'checked by review' : 'vague'),
            ' ',
            c.text,
          ),
        ),
      ),
    ),
    section(
      'Allowed Context',
      'context-h',
      h(
        'ul',
        {},
        detail.allowedContext.map((i) => h('li', {}, h('code', {}, i.path), i.note ? ` — ${i.note}` : '')),
      ),
    ),
    routing(detail),
    checkPanel(detail.slug, rerender),
    section(
      'Evidence',
      'evidence-h',
      detail.evidence.length
        ? h(
            'ul',
            { class: 'evidence-list' },
            detail.evidence.map((e) =>
              h(
                'li',
                {},
                h('a', { href: href('capsule', detail.slug, 'evidence', evidenceName(e.file)) }, evidenceName(e.file)),
                ' ',
                badge(e.outcome === 'done' ? 'ok' : 'fail'),
                ` ${evidenceSummary(e)} · `,
                time(e.at),
              ),
            ),
          )
        : h('p', { class: 'muted' }, 'No `capsule done` run yet.'),
    ),
    section(
      'Decisions',
      'decisions-h',
      detail.decisions.length
        ? h(
            'ul',
            {},
            detail.decisions.map((d) => h('li', {}, h('a', { href: `${href('ledger')}?q=${encodeURIComponent(d.id)}` }, d.id), ` ${d.decision}`)),
          )
        : h('p', { class: 'muted' }, 'No decision names this capsule.'),
    ),
    section('Handoffs in', 'hin-h', handoffList(detail.handoffsIn, 'in')),
    section('Handoffs out', 'hout-h', handoffList(detail.handoffsOut, 'out')),
    section('Validation', 'validation-h', diagnosticList(detail.validation, 'The capsule validates.')),
  );
}

export function renderEvidence(detail: CapsuleDetail, name: string): HTMLElement {
  const entry = detail.evidence.find((e) => evidenceName(e.file) === name);
  const crumbs = h(
    'p',
    { class: 'crumbs' },
    h('a', { href: href('') }, 'Board'),
    ' › ',
    h('a', { href: href('capsule', detail.slug) }, detail.slug),
    ' › evidence',
  );
  if (!entry) return h('article', {}, crumbs, h('h1', {}, 'Evidence not found'), h('p', {}, `No evidence file ${name} for ${detail.slug}.`));
  return h(
    'article',
    { class: 'evidence-page' },
    crumbs,
    h('h1', {}, `Evidence ${name}`),
    h(
      'p',
      { class: 'meta' },
      badge(entry.outcome === 'done' ? 'ok' : 'fail'),
      ` ${entry.outcome} · by ${entry.by} · `,
      time(entry.at),
      ' · ',
      fileLink(entry.file),
      entry.base ? [' · base ', h('code', {}, entry.base.slice(0, 12))] : null,
    ),
    entry.gates.map((g) =>
      h(
        'section',
        { class: 'gate-block', 'aria-labelledby': `g-${g.gate}` },
        h('h2', { id: `g-${g.gate}` }, g.gate, ' ', badge(g.status)),
        h('p', {}, g.summary, h('span', { class: 'muted' }, ` · ${(g.durationMs / 1000).toFixed(1)} s`)),
        diagnosticList(g.diagnostics),
      ),
    ),
  );
}
