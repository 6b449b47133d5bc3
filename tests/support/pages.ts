import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const SRC = path.resolve(__dirname, '..', '..', 'src');

/** Every page registered in src/app.config.ts (main package and subpackages), as `pages/x/index`. */
export function registeredPages(): string[] {
  const source = readFileSync(path.join(SRC, 'app.config.ts'), 'utf8');
  const file = ts.createSourceFile('app.config.ts', source, ts.ScriptTarget.ES2022, true);
  const pages: string[] = [];
  const strings = (node: ts.Node | undefined): string[] =>
    node && ts.isArrayLiteralExpression(node) ? node.elements.filter(ts.isStringLiteral).map((e) => e.text) : [];
  const prop = (obj: ts.ObjectLiteralExpression, name: string) =>
    obj.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(file) === name)
      ?.initializer;
  const visit = (node: ts.Node) => {
    if (ts.isObjectLiteralExpression(node)) {
      const root = prop(node, 'root');
      if (root && ts.isStringLiteral(root)) pages.push(...strings(prop(node, 'pages')).map((p) => `${root.text}/${p}`));
      else if (prop(node, 'subPackages')) pages.push(...strings(prop(node, 'pages')));
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return pages;
}
