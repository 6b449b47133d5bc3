/**
 * Lists the functions longer than a limit (default 120 lines, issue #21's bar) in cloudfunctions/
 * and src/: declarations, methods, function expressions and arrow functions, each counted from its
 * first to its last line (a nested function is listed on its own too, and counts inside its outer one).
 *
 *   npx tsx scripts/long-functions.ts [--max 120] [--json] [paths…]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface LongFunction {
  file: string;
  line: number;
  name: string;
  lines: number;
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) yield* sourceFiles(full);
    else if (/\.(ts|tsx)$/.test(entry) && !entry.endsWith('.d.ts')) yield full;
  }
}

/** A readable name: the declaration's own, or what it is assigned to (`const x =`, `handler:`). */
function nameOf(node: ts.Node, source: ts.SourceFile): string {
  const own = (node as ts.FunctionLikeDeclaration).name;
  if (own) return own.getText(source);
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) return parent.name.getText(source);
  if (ts.isCallExpression(parent)) {
    const callee = parent.expression.getText(source);
    let outer: ts.Node = parent.parent;
    while (outer && !ts.isVariableDeclaration(outer) && !ts.isSourceFile(outer)) outer = outer.parent;
    return outer && ts.isVariableDeclaration(outer)
      ? `${outer.name.getText(source)} (${callee} callback)`
      : `${callee} callback`;
  }
  return '(anonymous)';
}

export function longFunctions(roots: readonly string[], max: number, cwd = process.cwd()): LongFunction[] {
  const found: LongFunction[] = [];
  for (const root of roots) {
    for (const file of sourceFiles(path.resolve(cwd, root))) {
      const text = readFileSync(file, 'utf8');
      const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node) => {
        if (
          ts.isFunctionDeclaration(node) ||
          ts.isMethodDeclaration(node) ||
          ts.isFunctionExpression(node) ||
          ts.isArrowFunction(node) ||
          ts.isGetAccessor(node) ||
          ts.isSetAccessor(node)
        ) {
          const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
          const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
          const lines = end - start + 1;
          if (lines > max) {
            found.push({ file: path.relative(cwd, file), line: start + 1, name: nameOf(node, source), lines });
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }
  return found.sort((a, b) => b.lines - a.lines || a.file.localeCompare(b.file));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  const args = process.argv.slice(2);
  const maxAt = args.indexOf('--max');
  const max = maxAt >= 0 ? Number(args[maxAt + 1]) : 120;
  const json = args.includes('--json');
  const roots = args.filter((a, i) => !a.startsWith('--') && (maxAt < 0 || i !== maxAt + 1));
  const list = longFunctions(roots.length > 0 ? roots : ['cloudfunctions', 'src'], max);
  if (json) console.log(JSON.stringify(list, null, 2));
  else {
    for (const f of list) console.log(`${String(f.lines).padStart(4)}  ${f.file}:${f.line}  ${f.name}`);
    console.log(`${list.length} functions over ${max} lines`);
  }
}
