import type { Diagnostic } from '../core/diagnostics.js';
import type { ErrorCard } from '../core/ui/types.js';
import { h, href, type Child } from './dom.js';

const STATUS_LABEL: Record<string, string> = { in_progress: 'in progress', ok: 'ok', fail: 'failed', pending: 'pending', skipped: 'skipped', none: 'not run' };
export const statusLabel = (status: string): string => STATUS_LABEL[status] ?? status.replace(/_/g, ' ');

/** A status word in a coloured pill; the word itself carries the meaning, colour only helps. */
export const badge = (status: string, extra = ''): HTMLElement =>
  h('span', { class: `badge s-${status.replace(/[^a-z_]/gi, '')}${extra ? ` ${extra}` : ''}` }, statusLabel(status));

/** `path:line` as a link to the source view. */
export function fileLink(path: string, line?: number): HTMLElement {
  const label = line ? `${path}:${line}` : path;
  return h('a', { class: 'file', href: `${href('file')}?path=${encodeURIComponent(path)}${line ? `&line=${line}` : ''}` }, label);
}

export function diagnosticList(diagnostics: readonly Diagnostic[], empty = 'No diagnostics.'): HTMLElement {
  if (!diagnostics.length) return h('p', { class: 'muted' }, empty);
  return h(
    'ul',
    { class: 'diagnostics' },
    diagnostics.map((d) =>
      h(
        'li',
        { class: `diag sev-${d.severity}` },
        h('span', { class: 'sev' }, d.severity),
        ' ',
        h('code', {}, d.code),
        ' ',
        d.path ? fileLink(d.path, d.line) : null,
        h('div', { class: 'msg' }, d.message),
        d.fix ? h('div', { class: 'fix' }, h('strong', {}, 'Fix: '), d.fix) : null,
      ),
    ),
  );
}

export function errorCards(errors: readonly ErrorCard[]): HTMLElement | null {
  if (!errors.length) return null;
  return h(
    'section',
    { class: 'errors', 'aria-labelledby': 'errors-h' },
    h('h2', { id: 'errors-h' }, `Files that could not be read (${errors.length})`),
    h(
      'ul',
      {},
      errors.map((e) => h('li', { class: 'error-card' }, h('code', {}, e.file), ': ', e.message)),
    ),
  );
}

/** A failed fetch or render becomes a card, never a blank page. */
export function failureCard(what: string, err: unknown): HTMLElement {
  const message = err instanceof Error ? err.message : String(err);
  return h('div', { class: 'error-card', role: 'alert' }, h('strong', {}, `Could not load ${what}: `), message);
}

export const section = (title: string, id: string, ...children: Child[]): HTMLElement =>
  h('section', { 'aria-labelledby': id }, h('h2', { id }, title), ...children);
