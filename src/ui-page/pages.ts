import type { ChecksView, DecisionView, ErrorCard, GraphView, HistoryView, LedgerView, RosterView } from '../core/ui/types.js';
import { getJson, token, withToken } from './api.js';
import { graphChart, historyChart } from './charts.js';
import { h, href, time } from './dom.js';
import { badge, diagnosticList, errorCards, fileLink } from './shared.js';

export function renderChecks(view: ChecksView & { errors: ErrorCard[]; running: string | null }): HTMLElement {
  return h(
    'article',
    {},
    h('h1', {}, 'Latest check per gate'),
    view.running ? h('p', { role: 'status' }, `A check for ${view.running} is running…`) : null,
    errorCards(view.errors),
    view.gates.length ? null : h('p', { class: 'muted' }, 'No gate has run yet: `sentinel capsule done` records evidence, or run a check from a capsule page.'),
    view.gates.map((g) =>
      h(
        'section',
        { class: 'gate-block', 'aria-labelledby': `c-${g.gate}` },
        h('h2', { id: `c-${g.gate}` }, g.gate, ' ', badge(g.status)),
        h(
          'p',
          {},
          g.summary,
          h('span', { class: 'muted' }, ' · for '),
          h('a', { href: href('capsule', g.capsule) }, g.capsule),
          h('span', { class: 'muted' }, ` · ${g.source === 'board' ? 'run from this board' : 'evidence'} · `),
          time(g.at),
        ),
        diagnosticList(g.diagnostics),
      ),
    ),
  );
}

function decision(d: DecisionView, ledgerFile: string): HTMLElement {
  const link = (id: string) => h('a', { href: `${href('ledger')}?q=${encodeURIComponent(id)}` }, id);
  return h(
    'li',
    { class: `decision${d.supersededBy.length ? ' superseded' : ''}`, id: `d-${d.id}` },
    h(
      'div',
      { class: 'd-head' },
      h('strong', {}, d.id),
      ` · ${d.date} · ${d.author} · `,
      fileLink(ledgerFile, d.line),
      d.capsule ? [' · ', h('a', { href: href('capsule', d.capsule) }, d.capsule)] : null,
    ),
    h('p', {}, d.decision),
    d.rationale ? h('p', { class: 'muted' }, d.rationale) : null,
    d.supersedes.length
      ? h(
          'p',
          {},
          'Supersedes ',
          d.supersedes.map((id, i) => [i ? ', ' : '', link(id)]),
        )
      : null,
    d.supersededBy.length
      ? h(
          'p',
          { class: 'warn-text' },
          'Superseded by ',
          d.supersededBy.map((id, i) => [i ? ', ' : '', link(id)]),
        )
      : null,
  );
}

export const ledgerState = { query: '' };

export function renderLedger(view: LedgerView, rerender: () => void): HTMLElement {
  const q = ledgerState.query.trim().toLowerCase();
  const shown = view.entries
    .filter((d) => !q || [d.id, d.decision, d.rationale, d.scope, d.author, ...d.outputs].some((s) => s.toLowerCase().includes(q)))
    .reverse();
  return h(
    'article',
    {},
    h('h1', {}, 'Decisions', ' ', h('span', { class: 'count' }, `${view.entries.length}`)),
    h('input', {
      type: 'search',
      id: 'ledger-filter',
      'data-key': 'ledger-filter',
      'aria-label': 'Search decisions',
      placeholder: 'Search id, decision, rationale, scope, author',
      value: ledgerState.query,
      oninput: ((e: Event) => {
        ledgerState.query = (e.target as HTMLInputElement).value;
        rerender();
      }) as EventListener,
    }),
    view.exists ? null : h('p', { class: 'muted' }, `No ledger at ${view.file} yet.`),
    diagnosticList(view.diagnostics, ''),
    h(
      'ol',
      { class: 'timeline', reversed: true },
      shown.map((d) => decision(d, view.file)),
    ),
  );
}

export function renderGraph(view: GraphView): HTMLElement {
  return h(
    'article',
    {},
    h('h1', {}, 'Handoffs between capsules'),
    view.edges.length ? h('div', { class: 'graph-wrap' }, graphChart(view)) : h('p', { class: 'muted' }, 'No handoff recorded yet (`sentinel handoff`).'),
    view.edges.length
      ? h(
          'table',
          {},
          h('caption', {}, 'Handoffs'),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ['From', 'To', 'Role', 'Reason'].map((t) => h('th', { scope: 'col' }, t)),
            ),
          ),
          h(
            'tbody',
            {},
            view.edges.map((e) =>
              h(
                'tr',
                {},
                h('td', {}, h('a', { href: href('capsule', e.from) }, e.from)),
                h('td', {}, h('a', { href: href('capsule', e.to) }, e.to)),
                h('td', {}, e.role),
                h('td', {}, e.reason),
              ),
            ),
          ),
        )
      : null,
  );
}

export function renderRoster(view: RosterView): HTMLElement {
  return h(
    'article',
    {},
    h('h1', {}, 'Roster', ' ', h('span', { class: 'count' }, `${view.agents.length} roles`)),
    diagnosticList(view.diagnostics, ''),
    h(
      'div',
      { class: 'roster' },
      view.agents.map((a) =>
        h(
          'section',
          { class: 'role', 'aria-labelledby': `r-${a.id}` },
          h('h2', { id: `r-${a.id}` }, a.name, ' ', h('code', {}, a.id)),
          h('p', {}, a.summary),
          h('p', {}, h('strong', {}, 'Phases: '), a.phases.length ? a.phases.map((p, i) => `${i + 1}. ${p}`).join('  ') : '—'),
          h('p', {}, h('strong', {}, 'Owns: '), a.owns.length ? a.owns.map((o, i) => [i ? ', ' : '', h('code', {}, o)]) : '—'),
          a.handoffs.length ? h('p', {}, h('strong', {}, 'Hands off to: '), a.handoffs.join(', ')) : null,
          h('p', { class: 'muted' }, `Leads ${a.capsules} capsule${a.capsules === 1 ? '' : 's'} · `, fileLink(a.dir)),
        ),
      ),
    ),
  );
}

export function renderHistory(view: HistoryView & { errors: ErrorCard[] }): HTMLElement {
  return h(
    'article',
    {},
    h('h1', {}, 'Gate history'),
    errorCards(view.errors),
    view.runs.length
      ? h('div', { class: 'graph-wrap' }, historyChart(view, { width: Math.max(320, view.runs.length * 16), height: 140 }))
      : h('p', { class: 'muted' }, 'No evidence yet.'),
    h(
      'table',
      {},
      h('caption', {}, 'capsule done runs, newest first'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['When', 'Capsule', 'ok', 'failed', 'pending', 'skipped'].map((t) => h('th', { scope: 'col' }, t)),
        ),
      ),
      h(
        'tbody',
        {},
        [...view.runs]
          .reverse()
          .map((r) =>
            h(
              'tr',
              {},
              h('td', {}, time(r.at)),
              h('td', {}, h('a', { href: href('capsule', r.capsule) }, r.capsule)),
              h('td', {}, String(r.ok)),
              h('td', {}, String(r.fail)),
              h('td', {}, String(r.pending)),
              h('td', {}, String(r.skipped)),
            ),
          ),
      ),
    ),
  );
}

export async function renderFile(params: URLSearchParams): Promise<HTMLElement> {
  const path = params.get('path') ?? '';
  const line = Number(params.get('line') ?? '0');
  const head = h('h1', {}, line ? `${path}:${line}` : path);
  if (!token) return h('article', {}, head, h('p', {}, 'Source is shown only with the token: open the board with the URL `sentinel ui` printed.'));
  const snippet = await getJson<{ path: string; line: number; start: number; lines: string[] }>(
    withToken(`/api/file?path=${encodeURIComponent(path)}&line=${line || 1}`),
  );
  return h(
    'article',
    {},
    head,
    h(
      'pre',
      { class: 'source', tabindex: 0, 'aria-label': `${path} around line ${snippet.line}` },
      snippet.lines.map((text, i) => {
        const n = snippet.start + i;
        return h(
          'span',
          { class: n === line ? 'src-line hit' : 'src-line' },
          h('span', { class: 'ln', 'aria-hidden': 'true' }, String(n).padStart(5)),
          ` ${text}\n`,
        );
      }),
    ),
  );
}
