/**
 * The project's own import graph, read with the TypeScript compiler's parser and resolver, so the
 * architecture tests see the same edges the compiler does (extensionless paths, index files).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';

export const SOURCE_ROOTS = ['src', 'api', 'workflows', 'activities', 'worker', 'tools', 'bench'] as const;

export interface ImportEdge {
  readonly from: string;
  readonly to: string;
  readonly typeOnly: boolean;
}

export function sourceFiles(root: string, folders: readonly string[] = SOURCE_ROOTS): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name === 'node_modules') continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|mts|cts)$/.test(name) && !name.endsWith('.d.ts')) found.push(relative(root, path).split(sep).join('/'));
    }
  };
  for (const folder of folders) walk(join(root, folder));
  return found.sort();
}

/** Every import, export-from and dynamic import of a project file that resolves to another project file. */
export function importEdges(root: string, files: readonly string[]): ImportEdge[] {
  const options: ts.CompilerOptions = { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16, allowJs: false };
  const host = ts.createCompilerHost(options);
  const known = new Set(files);
  const edges: ImportEdge[] = [];
  for (const file of files) {
    const absolute = join(root, file);
    const source = ts.createSourceFile(absolute, readFileSync(absolute, 'utf8'), ts.ScriptTarget.ES2022, true);
    const specifiers: { text: string; typeOnly: boolean }[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        const clause = node.importClause;
        const allNamedTypes =
          clause !== undefined && clause.name === undefined && clause.namedBindings !== undefined &&
          ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.length > 0 &&
          clause.namedBindings.elements.every((element) => element.isTypeOnly);
        specifiers.push({ text: node.moduleSpecifier.text, typeOnly: clause?.isTypeOnly === true || allNamedTypes });
      } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        specifiers.push({ text: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
      } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        const [argument] = node.arguments;
        if (argument && ts.isStringLiteral(argument)) specifiers.push({ text: argument.text, typeOnly: false });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    for (const { text, typeOnly } of specifiers) {
      if (!text.startsWith('.')) continue;
      const resolved = ts.resolveModuleName(text, absolute, options, host, undefined, undefined, ts.ModuleKind.CommonJS).resolvedModule;
      if (!resolved) continue;
      const to = relative(root, resolved.resolvedFileName).split(sep).join('/');
      if (known.has(to)) edges.push({ from: file, to, typeOnly });
    }
  }
  return edges;
}

/**
 * The cycles of the graph, one per strongly connected component of more than one file (or a file
 * importing itself), each shown as a path that closes on its first file. Type-only imports count:
 * a cycle of types still ties two modules' meanings together.
 */
export function importCycles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) next.set(from, [...(next.get(from) ?? []), to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  const connect = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of next.get(node) ?? []) {
      if (!index.has(target)) {
        connect(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (next.get(node) ?? []).includes(node)) components.push(component);
    }
  };
  for (const node of [...next.keys()].sort()) if (!index.has(node)) connect(node);
  return components.map((component) => shortestCycle(component, next));
}

function shortestCycle(component: readonly string[], next: ReadonlyMap<string, string[]>): string[] {
  const members = new Set(component);
  const start = [...component].sort()[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const target of next.get(node) ?? []) {
      if (!members.has(target)) continue;
      if (target === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(previous.get(path[0]!)!);
        return [...path, start];
      }
      if (!previous.has(target)) {
        previous.set(target, node);
        queue.push(target);
      }
    }
  }
  return [start, start];
}
