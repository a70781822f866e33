import type { BoardView, CapsuleDetail, ChecksView, ErrorCard, GraphView, HistoryView, LedgerView, RosterView } from '../core/ui/types.js';
import { getJson } from './api.js';
import { renderBoard } from './board.js';
import { renderCapsule, renderEvidence } from './capsule.js';
import { h } from './dom.js';
import { ledgerState, renderChecks, renderFile, renderGraph, renderHistory, renderLedger, renderRoster } from './pages.js';
import { failureCard } from './shared.js';

interface Route {
  path: string[];
  params: URLSearchParams;
  key: string;
}

function currentRoute(): Route {
  const raw = location.hash.startsWith('#/') ? location.hash.slice(2) : '';
  const [pathPart = '', query = ''] = raw.split('?');
  const path = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  return { path, params: new URLSearchParams(query), key: raw };
}

/** Fetch what a route shows and return a function that draws it (re-runnable without fetching). */
async function load(route: Route, rerender: () => void): Promise<() => HTMLElement | Promise<HTMLElement>> {
  const [page, a, b, c] = route.path;
  if (!page) {
    const [board, history] = await Promise.all([getJson<BoardView>('/api/board'), getJson<HistoryView>('/api/history').catch(() => undefined)]);
    return () => renderBoard(board, history, rerender);
  }
  if (page === 'capsule' && a) {
    const detail = await getJson<CapsuleDetail>(`/api/capsule/${encodeURIComponent(a)}`);
    return b === 'evidence' && c ? () => renderEvidence(detail, c) : () => renderCapsule(detail, rerender);
  }
  if (page === 'checks') {
    const view = await getJson<ChecksView & { errors: ErrorCard[]; running: string | null }>('/api/checks');
    return () => renderChecks(view);
  }
  if (page === 'ledger') {
    const view = await getJson<LedgerView>('/api/ledger');
    return () => renderLedger(view, rerender);
  }
  if (page === 'graph') {
    const view = await getJson<GraphView>('/api/graph');
    return () => renderGraph(view);
  }
  if (page === 'roster') {
    const view = await getJson<RosterView>('/api/roster');
    return () => renderRoster(view);
  }
  if (page === 'history') {
    const view = await getJson<HistoryView & { errors: ErrorCard[] }>('/api/history');
    return () => renderHistory(view);
  }
  if (page === 'file') {
    const element = await renderFile(route.params);
    return () => element;
  }
  return () => h('article', {}, h('h1', {}, 'Not found'), h('p', {}, `Nothing at #/${route.key}.`));
}

const main = document.getElementById('view')!;
const live = document.getElementById('live')!;
let draw: (() => HTMLElement | Promise<HTMLElement>) | undefined;
let drawnKey: string | null = null;
let loading = 0;

/** Redraw keeping focus, caret and scroll, so a live update never moves the reader. */
async function paint(newRoute: boolean, firstLoad = false): Promise<void> {
  if (!draw) return;
  const active = document.activeElement as HTMLElement | null;
  const key = active?.getAttribute('data-key');
  const caret = active instanceof HTMLInputElement ? [active.selectionStart, active.selectionEnd] : undefined;
  const scroll = window.scrollY;
  let content: HTMLElement;
  try {
    content = await draw();
  } catch (err) {
    content = failureCard('this page', err);
  }
  main.replaceChildren(content);
  if (newRoute) {
    window.scrollTo(0, 0);
    const heading = main.querySelector('h1');
    // After a navigation, focus the new page's heading (screen readers announce it); not on first load.
    if (heading && !firstLoad) {
      heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
    }
    return;
  }
  window.scrollTo(0, scroll);
  const again = key ? main.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`) : null;
  if (again) {
    again.focus({ preventScroll: true });
    if (again instanceof HTMLInputElement && caret) again.setSelectionRange(caret[0], caret[1]);
  }
}

async function refresh(): Promise<void> {
  const route = currentRoute();
  const newRoute = route.key !== drawnKey;
  if (route.path[0] === 'ledger' && newRoute) ledgerState.query = route.params.get('q') ?? '';
  const ticket = ++loading;
  let next: typeof draw;
  try {
    next = await load(route, () => void paint(false));
  } catch (err) {
    next = () => failureCard(route.path[0] ?? 'the board', err);
  }
  if (ticket !== loading) return; // a newer navigation or update won
  draw = next;
  const firstLoad = drawnKey === null;
  drawnKey = route.key;
  for (const link of document.querySelectorAll<HTMLAnchorElement>('nav a')) {
    const target = link.getAttribute('href')!.replace(/^#\/?/, '');
    if ((route.path[0] ?? '') === target) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  await paint(newRoute, firstLoad);
  // For bench/ui.mjs: when this page was first drawn, on the page's own clock.
  if (newRoute) performance.mark(`sentinel:drawn:${route.path[0] ?? 'board'}`);
  document.body.dataset.rendered = String(Number(document.body.dataset.rendered ?? '0') + 1);
}

let pending: number | undefined;
function scheduleRefresh(): void {
  if (pending !== undefined) return;
  pending = window.setTimeout(() => {
    pending = undefined;
    void refresh();
  }, 80);
}

function connect(): void {
  const events = new EventSource('/api/events');
  events.addEventListener('open', () => {
    live.textContent = 'live';
    live.className = 'live on';
  });
  events.addEventListener('change', scheduleRefresh);
  events.addEventListener('error', () => {
    live.textContent = 'reconnecting…';
    live.className = 'live off';
  });
}

window.addEventListener('hashchange', () => {
  // In-page anchors (the skip link) are not routes.
  if (location.hash === '' || location.hash.startsWith('#/')) void refresh();
});
document.addEventListener('keydown', (e) => {
  if (e.key !== '/' || e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return;
  const filter = main.querySelector<HTMLInputElement>('input[type="search"]');
  if (filter) {
    e.preventDefault();
    filter.focus();
  }
});
connect();
void refresh();
