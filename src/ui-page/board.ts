import type { BoardCard, BoardView, HistoryView } from '../core/ui/types.js';
import { h, href, time } from './dom.js';
import { badge, errorCards, statusLabel } from './shared.js';
import { historyChart } from './charts.js';

/** Cards shown per column before "Show more": keeps 1,000 capsules to a few hundred nodes. */
const PAGE = 30;

interface BoardUiState {
  filter: string;
  shown: Record<string, number>;
}
const boardState: BoardUiState = { filter: '', shown: {} };

function phaseText(card: BoardCard): string {
  if (!card.phase) return '';
  return card.phase.total ? `${card.phase.name} ${card.phase.index}/${card.phase.total}` : card.phase.name;
}

function card(c: BoardCard): HTMLElement {
  const gate = c.lastGate;
  const gateTitle =
    gate.outcome === 'fail'
      ? `failed: ${gate.failed.join(', ')}`
      : gate.outcome === 'pending'
        ? `pending: ${gate.pending.join(', ')}`
        : statusLabel(gate.outcome);
  return h(
    'li',
    { class: 'card' },
    h(
      'a',
      { href: href('capsule', c.slug), class: 'card-link', 'data-key': `card-${c.slug}` },
      h('span', { class: 'card-title' }, c.title),
      h('span', { class: 'card-slug' }, c.slug),
    ),
    h(
      'div',
      { class: 'card-meta' },
      c.lead ? h('span', { class: 'lead', title: 'lead role' }, c.lead) : h('span', { class: 'muted' }, 'no lead'),
      c.phase ? h('span', { class: 'phase', title: 'playbook phase' }, phaseText(c)) : null,
      c.status === 'ready' ? badge('ready') : null,
      h('span', { class: 'gate', title: `last gate run: ${gateTitle}` }, 'gates ', badge(gate.outcome)),
      c.tampered ? badge('tampered', 'warn') : null,
    ),
  );
}

const matches = (c: BoardCard, filter: string) =>
  !filter || [c.slug, c.title, c.lead ?? '', c.id ?? '', c.phase?.name ?? ''].some((s) => s.toLowerCase().includes(filter));

export function renderBoard(board: BoardView, history: HistoryView | undefined, rerender: () => void): HTMLElement {
  const filter = boardState.filter.trim().toLowerCase();
  const search = h('input', {
    type: 'search',
    id: 'board-filter',
    'data-key': 'board-filter',
    placeholder: 'Filter capsules (press /)',
    value: boardState.filter,
    'aria-label': 'Filter capsules',
    oninput: ((e: Event) => {
      boardState.filter = (e.target as HTMLInputElement).value;
      boardState.shown = {};
      rerender();
    }) as EventListener,
  });
  const columns = board.columns.map((col) => {
    const visible = col.cards.filter((c) => matches(c, filter));
    const limit = boardState.shown[col.column] ?? PAGE;
    const headingId = `col-${col.column}`;
    return h(
      'section',
      { class: `column col-${col.column}`, 'aria-labelledby': headingId },
      h('h2', { id: headingId }, statusLabel(col.column), ' ', h('span', { class: 'count' }, filter ? `${visible.length}/${col.total}` : String(col.total))),
      h('ul', { class: 'cards' }, visible.slice(0, limit).map(card)),
      visible.length > limit
        ? h(
            'button',
            {
              type: 'button',
              class: 'more',
              'data-key': `more-${col.column}`,
              onclick: (() => {
                boardState.shown[col.column] = limit + PAGE * 3;
                rerender();
              }) as EventListener,
            },
            `Show more (${visible.length - limit} left)`,
          )
        : null,
    );
  });
  const latest = history?.runs.length ? history.runs[history.runs.length - 1] : undefined;
  return h(
    'div',
    { class: 'board-page' },
    h(
      'div',
      { class: 'board-head' },
      h('h1', {}, `Board — ${board.workspace}`, ' ', h('span', { class: 'count' }, `${board.capsules} capsules`)),
      search,
      history
        ? h(
            'figure',
            { class: 'mini-history' },
            historyChart(history, { width: 260, height: 48, last: 40 }),
            h('figcaption', {}, h('a', { href: href('history') }, 'Gate history'), latest ? [' · last run ', time(latest.at)] : ' · no runs yet'),
          )
        : null,
    ),
    errorCards(board.errors),
    h('div', { class: 'columns' }, columns),
  );
}
