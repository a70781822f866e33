import { FUNCTION, type Node, unwrap } from './js-syntax.js';

/**
 * What a module exports, by the name an importer uses: the local name it stands for, or the
 * function itself (`export default () => …`). `export { noop as check }` is `check` → `noop`. A
 * module without ESM exports (CommonJS) exports its top-level names as they are.
 */
export function exportNames(program: Node): Map<string, string | Node> {
  const out = new Map<string, string | Node>();
  let esm = false;
  for (const st of program.body as Node[]) {
    if (st.type === 'ExportNamedDeclaration') {
      esm = true;
      // `export { x } from './other.js'` re-exports what this walk cannot see: not counted.
      if (st.source) continue;
      const decl = st.declaration as Node | null;
      if (decl?.type === 'FunctionDeclaration' && decl.id) out.set((decl.id as Node).name as string, (decl.id as Node).name as string);
      else if (decl?.type === 'VariableDeclaration')
        for (const d of decl.declarations as Node[])
          if ((d.id as Node).type === 'Identifier') out.set((d.id as Node).name as string, (d.id as Node).name as string);
      for (const spec of (st.specifiers as Node[] | undefined) ?? []) {
        const exported = spec.exported as Node;
        const local = spec.local as Node | undefined;
        if (local?.type === 'Identifier') out.set((exported.name as string | undefined) ?? (exported.value as string), local.name as string);
      }
    } else if (st.type === 'ExportDefaultDeclaration') {
      esm = true;
      const decl = unwrap(st.declaration as Node);
      if (decl.type === 'Identifier') out.set('default', decl.name as string);
      else if (decl.type === 'FunctionDeclaration' && decl.id) out.set('default', (decl.id as Node).name as string);
      else if (FUNCTION.has(decl.type)) out.set('default', decl);
    } else if (st.type === 'ExportAllDeclaration') esm = true;
  }
  if (!esm) for (const st of program.body as Node[]) for (const name of topNames(st)) out.set(name, name);
  return out;
}

const topNames = (st: Node): string[] =>
  st.type === 'FunctionDeclaration' && st.id
    ? [(st.id as Node).name as string]
    : st.type === 'VariableDeclaration'
      ? (st.declarations as Node[]).flatMap((d) => ((d.id as Node).type === 'Identifier' ? [(d.id as Node).name as string] : []))
      : [];

/** What a module re-exports from others: `export { check as c } from './x.js'` (c → x's check), and `export * from './y.js'`. */
export interface Reexports {
  named: Map<string, { from: string; name: string }>;
  stars: string[];
}

export function reexports(program: Node): Reexports {
  const named = new Map<string, { from: string; name: string }>();
  const stars: string[] = [];
  const nameOf = (n: Node) => (n.name as string | undefined) ?? (n.value as string);
  for (const st of program.body as Node[]) {
    const from = (st.source as Node | null | undefined)?.value as string | undefined;
    if (from === undefined || !/^\.{1,2}\//.test(from)) continue;
    if (st.type === 'ExportAllDeclaration' && !st.exported) stars.push(from);
    else if (st.type === 'ExportNamedDeclaration')
      for (const spec of (st.specifiers as Node[] | undefined) ?? [])
        if (spec.type === 'ExportSpecifier') named.set(nameOf(spec.exported as Node), { from, name: nameOf(spec.local as Node) });
  }
  return { named, stars };
}
