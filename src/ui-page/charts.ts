import type { GraphView, HistoryView } from '../core/ui/types.js';
import { svg } from './dom.js';

/** Stacked bars per evidence run: ok below, pending, then failed on top. */
export function historyChart(history: HistoryView, size: { width: number; height: number; last?: number }): SVGElement {
  const runs = history.runs.slice(-(size.last ?? history.runs.length));
  const max = Math.max(1, ...runs.map((r) => r.ok + r.fail + r.pending + r.skipped));
  // Bars stay thin and right-aligned (newest at the right edge) however few runs there are.
  const slot = runs.length ? Math.min(16, size.width / runs.length) : size.width;
  const offset = size.width - slot * runs.length;
  const bar = Math.max(1, Math.min(14, slot - 2));
  const scale = (n: number) => (n / max) * (size.height - 2);
  const label = runs.length
    ? `Gate results of the last ${runs.length} capsule done runs: ${runs.filter((r) => r.fail).length} with failures`
    : 'No capsule done runs yet';
  return svg(
    'svg',
    { class: 'history-chart', viewBox: `0 0 ${size.width} ${size.height}`, width: size.width, height: size.height, role: 'img', 'aria-label': label },
    svg('title', {}, label),
    runs.map((r, i) => {
      const x = offset + i * slot + (slot - bar) / 2;
      let y = size.height;
      const part = (n: number, cls: string) => {
        const hgt = scale(n);
        y -= hgt;
        return n ? svg('rect', { x: x.toFixed(1), y: y.toFixed(1), width: bar.toFixed(1), height: hgt.toFixed(1), class: cls }) : null;
      };
      return svg(
        'g',
        {},
        svg('title', {}, `${r.capsule} ${r.at}: ${r.ok} ok, ${r.fail} failed, ${r.pending} pending`),
        part(r.ok, 'bar-ok'),
        part(r.pending, 'bar-pending'),
        part(r.fail, 'bar-fail'),
      );
    }),
  );
}

/** Capsules laid out by handoff depth, left to right; each node links to its capsule page. */
export function graphChart(graph: GraphView): SVGElement {
  const incoming = new Map<string, string[]>();
  for (const e of graph.edges) incoming.set(e.to, [...(incoming.get(e.to) ?? []), e.from]);
  const depth = new Map<string, number>();
  const depthOf = (slug: string, seen = new Set<string>()): number => {
    if (depth.has(slug)) return depth.get(slug)!;
    if (seen.has(slug)) return 0;
    seen.add(slug);
    const parents = incoming.get(slug) ?? [];
    const d = parents.length ? 1 + Math.max(...parents.map((p) => depthOf(p, seen))) : 0;
    depth.set(slug, d);
    return d;
  };
  const rows = new Map<number, string[]>();
  for (const node of graph.nodes) {
    const d = depthOf(node.slug);
    rows.set(d, [...(rows.get(d) ?? []), node.slug]);
  }
  const W = 200;
  const H = 56;
  const pos = new Map<string, { x: number; y: number }>();
  for (const [d, slugs] of rows) slugs.forEach((slug, i) => pos.set(slug, { x: 10 + d * (W + 60), y: 10 + i * (H + 24) }));
  const width = 20 + (Math.max(0, ...rows.keys()) + 1) * (W + 60);
  const height = 20 + Math.max(1, ...[...rows.values()].map((r) => r.length)) * (H + 24);
  return svg(
    'svg',
    {
      class: 'graph',
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      role: 'img',
      'aria-label': `Handoff graph: ${graph.nodes.length} capsules, ${graph.edges.length} handoffs`,
    },
    svg(
      'defs',
      {},
      svg(
        'marker',
        { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 8, markerHeight: 8, orient: 'auto-start-reverse' },
        svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow' }),
      ),
    ),
    graph.edges.map((e) => {
      const a = pos.get(e.from);
      const b = pos.get(e.to);
      if (!a || !b) return null;
      const x1 = a.x + W;
      const y1 = a.y + H / 2;
      const x2 = b.x;
      const y2 = b.y + H / 2;
      return svg(
        'g',
        { class: 'edge' },
        svg('line', { x1, y1, x2, y2, 'marker-end': 'url(#arrow)' }),
        svg('text', { x: (x1 + x2) / 2, y: (y1 + y2) / 2 - 4, 'text-anchor': 'middle' }, e.role),
      );
    }),
    graph.nodes.map((n) => {
      const p = pos.get(n.slug)!;
      return svg(
        'a',
        { href: `#/capsule/${encodeURIComponent(n.slug)}`, class: `node s-${n.status}` },
        svg('rect', { x: p.x, y: p.y, width: W, height: H, rx: 6 }),
        svg('text', { x: p.x + 10, y: p.y + 22 }, n.slug.length > 26 ? `${n.slug.slice(0, 25)}…` : n.slug),
        svg('text', { x: p.x + 10, y: p.y + 42, class: 'sub' }, `${n.status.replace(/_/g, ' ')}${n.lead ? ` · ${n.lead}` : ''}`),
      );
    }),
  );
}
