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

/**
 * What a module re-exports from others: `export { check as c } from './x.js'` (c → x's check), also
 * an import exported again (`import { check } from './x.js'; export { check }`), `export * from
 * './y.js'`, and whole modules under a name (`export * as checks from './x.js'`, `import * as
 * checks from './x.js'; export { checks }`: `checks.f` → x's f).
 */
export interface Reexports {
  named: Map<string, { from: string; name: string }>;
  stars: string[];
  namespaces: Map<string, string>;
}

export function reexports(program: Node): Reexports {
  const named = new Map<string, { from: string; name: string }>();
  const stars: string[] = [];
  const namespaces = new Map<string, string>();
  const nameOf = (n: Node) => (n.name as string | undefined) ?? (n.value as string);
  // Names bound by relative imports: local → module and export there (`*` for the whole module).
  const imports = new Map<string, { from: string; name: string }>();
  for (const st of program.body as Node[]) {
    const from = (st.source as Node | null | undefined)?.value as string | undefined;
    if (st.type !== 'ImportDeclaration' || from === undefined || !/^\.{1,2}\//.test(from) || st.importKind === 'type') continue;
    for (const spec of st.specifiers as Node[]) {
      const name = spec.type === 'ImportNamespaceSpecifier' ? '*' : spec.type === 'ImportDefaultSpecifier' ? 'default' : nameOf(spec.imported as Node);
      imports.set((spec.local as Node).name as string, { from, name });
    }
  }
  for (const st of program.body as Node[]) {
    const from = (st.source as Node | null | undefined)?.value as string | undefined;
    if (st.type === 'ExportNamedDeclaration' && !st.source) {
      for (const spec of (st.specifiers as Node[] | undefined) ?? []) {
        const via = spec.type === 'ExportSpecifier' ? imports.get(nameOf(spec.local as Node)) : undefined;
        if (via?.name === '*') namespaces.set(nameOf(spec.exported as Node), via.from);
        else if (via) named.set(nameOf(spec.exported as Node), via);
      }
    }
    if (from === undefined || !/^\.{1,2}\//.test(from)) continue;
    if (st.type === 'ExportAllDeclaration' && st.exported) namespaces.set(nameOf(st.exported as Node), from);
    else if (st.type === 'ExportAllDeclaration') stars.push(from);
    else if (st.type === 'ExportNamedDeclaration')
      for (const spec of (st.specifiers as Node[] | undefined) ?? []) {
        if (spec.type === 'ExportSpecifier') named.set(nameOf(spec.exported as Node), { from, name: nameOf(spec.local as Node) });
        // Babel reads `export * as checks from './x.js'` as a named export of a namespace.
        else if (spec.type === 'ExportNamespaceSpecifier') namespaces.set(nameOf(spec.exported as Node), from);
      }
  }
  return { named, stars, namespaces };
}
